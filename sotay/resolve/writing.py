"""Writing what the importer planned: each record a YAML file, atomically,
without overwriting what a person edited.

Edits by a person are detected with a content hash stored in the first
comment line of every file the importer writes:

    # sotay-import: sha256=3f2a...  (xóa dòng này nếu sửa tay; ...)

A file without that line was written by hand; one whose body no longer
matches its hash was edited since. Either is kept unless `force`. A hash of
what was written, rather than a comparison with what the importer would
write now, is used because the importer improves: a better extraction
must still overwrite its own old output, and must never mistake it for a
person's work.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from sotay.data.yamlio import dump_record
from sotay.resolve import patterns as P
from sotay.resolve.importer import SCHEMA_OF, Plan, Planned


def render(p: Planned) -> str:
    """The file's content: schema modeline, hash marker, record."""
    body = dump_record(p.data)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    head = (
        f"# yaml-language-server: $schema=../../sotay/schemas/{SCHEMA_OF[p.kind]}\n"
        f"# sotay-import: sha256={digest}  (do công cụ nhập tạo; sửa tay thì công cụ sẽ không ghi đè)\n"
    )
    return head + body


def edited_by_hand(path: Path) -> bool:
    """True when a person wrote or changed the file since the importer wrote it."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    marker = next((P.IMPORT_MARKER.match(ln) for ln in lines[:3] if P.IMPORT_MARKER.match(ln)), None)
    if marker is None:
        return True
    body = "\n".join(
        ln for ln in lines if not ln.startswith("# yaml-language-server:") and not P.IMPORT_MARKER.match(ln)
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest() != marker["hash"]


def decide(plan: Plan, force: bool) -> None:
    """Set each record's action: create, update, unchanged, or kept (edited by hand)."""
    for p in plan.records:
        if not p.path.exists():
            p.action = "tạo"
            continue
        new = render(p)
        if p.path.read_text(encoding="utf-8") == new:
            p.action = "giữ nguyên"
        elif edited_by_hand(p.path) and not force:
            p.action = "bỏ qua: đã sửa tay"
            plan.warnings.append(
                f"{p.path}: đã được sửa tay, không ghi đè (dùng --force để ghi đè)"
            )
        else:
            p.action = "cập nhật"


def write_plan(plan: Plan, force: bool = False) -> list[Path]:
    """Write every record whose action is create or update; atomic per file."""
    decide(plan, force)
    written = []
    for p in plan.records:
        if p.action not in ("tạo", "cập nhật"):
            continue
        p.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{p.id}.", suffix=".tmp", dir=p.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(render(p))
            os.replace(tmp, p.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        written.append(p.path)
    return written
