"""Import: a document's file -> the records a person reviews in git.

    plan = plan_import([Path("den-thang-7/")], Path("data"))   # read, extract, resolve, validate
    print(plan.summary())
    write_plan(plan, force=False)          # writing.py: atomic writes, edits by hand kept

Each file is planned on its own: one that cannot be read (sotay/sources/
names it and says why), whose issuer cannot be told, or whose records would
not be valid together with the existing knowledge base is refused and adds
nothing; the others are planned, validated together, and written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sotay.data import DataError, load_knowledge_base
from sotay.data.load import FOLDER_OF_KIND, RawRecord, load
from sotay.data.model import KnowledgeBase
from sotay.data.validate import validate
from sotay.extract import Extraction, extract
from sotay.resolve import patterns as P
from sotay.resolve.campaigns import match_known_name, resolve_campaign
from sotay.resolve.citations import document_id, resolve_citation
from sotay.resolve.index import Context, DocEntry, Index
from sotay.resolve.issuers import resolve_issuer
from sotay.sources import InputError, iter_inputs, read_source
from sotay.text.folding import fold, slugify

SCHEMA_OF = {
    "document": "document.schema.json",
    "campaign": "campaign.schema.json",
    "deadline": "deadline.schema.json",
    "target": "target.schema.json",
}


# --- planning -------------------------------------------------------------------


@dataclass
class Planned:
    kind: str  # "document", "campaign", "deadline", "target"
    id: str
    data: dict[str, Any]
    path: Path
    action: str = ""  # "tạo", "cập nhật", "giữ nguyên", "bỏ qua: đã sửa tay"


@dataclass
class Plan:
    data_dir: Path
    records: list[Planned] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    # Existing deadlines and targets by what they are, so a re-import updates
    # them instead of adding twins: (source, date or relative) / (source, text).
    known: dict[tuple, str] = field(default_factory=dict)
    targets: dict[tuple, list[tuple[str, str]]] = field(default_factory=dict)
    # input file -> why it was not imported (the others are)
    refused: dict[Path, list[str]] = field(default_factory=dict)
    # record -> the input files that wrote it, and the file being planned:
    # an invalid record refuses the files it came from
    origin: dict[tuple[str, str], set[Path]] = field(default_factory=lambda: defaultdict(set))
    current: Path | None = None

    def remember(self, kb: KnowledgeBase | None) -> None:
        """Existing deadlines and targets by what they are, so that a re-import
        updates them instead of adding twins."""
        if kb is None:
            return
        for d in kb.deadlines.values():
            when = d.date.iso() if d.date else fold(d.relative or "")
            self.known[("deadline", d.source, when)] = d.id
        for t in kb.targets.values():
            self.known[("target", t.source, t.text)] = t.id
            self.targets.setdefault((t.source, t.value), []).append((t.id, t.text))

    def count(self, name: str, n: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    def summary(self) -> str:
        c = self.counts.get
        lines = [
            f"Văn bản: {c('văn bản', 0)}",
            f"Trích dẫn: {c('trích dẫn', 0)} (khớp bản ghi có sẵn {c('trích dẫn khớp', 0)}, "
            f"văn bản tham chiếu mới {c('tham chiếu mới', 0)}, chưa xác định {c('trích dẫn chưa xác định', 0)})",
            f"Phong trào: khớp {c('phong trào khớp', 0)}, mới {c('phong trào mới', 0)} (đánh dấu review: true)",
            f"Hạn: {c('hạn', 0)}; chỉ tiêu: {c('chỉ tiêu', 0)}",
            f"Cảnh báo: {len(self.warnings)}",
        ]
        if self.refused:
            lines.append(f"Không nhập: {len(self.refused)} tệp (lý do ở trên)")
        acts: dict[str, int] = {}
        for r in self.records:
            acts[r.action] = acts.get(r.action, 0) + 1
        if acts:
            lines.append("Tệp: " + ", ".join(f"{n} {a}" for a, n in sorted(acts.items())))
        return "\n".join(lines)


def _load_index(data_dir: Path) -> tuple[KnowledgeBase | None, Index]:
    if not data_dir.exists():
        return None, Index()
    kb, _warnings = load_knowledge_base(data_dir)  # DataError: the data must be fixed first
    return kb, Index.from_kb(kb)


def plan_import(
    paths: Iterable[Path], data_dir: Path, issuer: str | None = None, progress: Any = None
) -> Plan:
    """Read, extract and resolve every input, file by file; validate the
    result with the data.

    A file that cannot be read, whose issuer cannot be told, or whose records
    would not be valid is refused (`plan.refused`, with why) and adds nothing;
    the others are planned. What stops the whole run (no file, invalid data,
    `issuer` given for several files) goes to `plan.errors`; doubts go to
    `plan.warnings`.
    """
    plan = Plan(Path(data_dir))
    files = list(iter_inputs(paths))
    if not files:
        plan.errors.append("không có tệp .txt, .md hay .docx nào để nhập")
        return plan
    if issuer is not None and len(files) > 1:
        # One issuer for a folder would give every file the same one, right
        # or not: each file is read for its own.
        plan.errors.append(
            f"--issuer {issuer}: chỉ dùng cho một tệp, đang chọn {len(files)} tệp; "
            "nhập riêng tệp cần chỉ rõ cơ quan ban hành"
        )
        return plan
    texts: dict[Path, str] = {}
    accepted, shown = list(files), progress
    # Planned again without a file whose records were invalid: the files
    # after it may have cited its document, which is then not written.
    while True:
        try:
            kb, index = _load_index(plan.data_dir)
        except DataError as exc:
            plan.errors.append(
                f"dữ liệu trong {plan.data_dir} đang có lỗi, sửa trước khi nhập:\n{exc.report()}"
            )
            return plan
        attempt = Plan(plan.data_dir, refused=plan.refused)
        attempt.remember(kb)
        for path in shown(accepted) if shown else accepted:
            if path not in texts:
                try:
                    texts[path] = read_source(path)
                except InputError as exc:
                    plan.refused[path] = [str(exc)]
                    continue
            errors = len(attempt.errors)
            attempt.current = path
            _plan_document(attempt, index, extract(texts[path]), path, issuer)
            if len(attempt.errors) > errors:  # refused before adding anything
                plan.refused[path] = attempt.errors[errors:]
                del attempt.errors[errors:]
        attempt.current = None
        accepted = [path for path in accepted if path not in plan.refused]
        invalid = _validate(attempt)
        bad = {path for key in invalid for path in attempt.origin[key]}
        for key, problems in invalid.items():
            if not attempt.origin[key]:  # no file to blame: nothing may be written
                attempt.errors += [f"bản ghi sinh ra không hợp lệ: {p}" for p in problems]
        if not bad or attempt.errors:
            return attempt
        for path in bad:
            plan.refused[path] = [
                f"bản ghi sinh ra không hợp lệ: {problem}"
                for key, problems in invalid.items() if path in attempt.origin[key]
                for problem in problems
            ]
        accepted = [path for path in accepted if path not in bad]
        shown = None  # the progress bar showed the first pass


def _plan_document(
    plan: Plan, index: Index, ex: Extraction, path: Path, issuer_id: str | None
) -> None:
    h = ex.header
    place = h.place.value if h.place else None
    if issuer_id is not None:
        if issuer_id not in index.bodies:
            plan.errors.append(
                f"{path}: --issuer '{issuer_id}' không có trong {plan.data_dir}/bodies/"
            )
            return
        body_id = issuer_id
    else:
        phrase = h.issuer.value if h.issuer else None
        match = resolve_issuer(phrase, index, None) if phrase else None
        body_id = match.body if match else None
        if body_id is None:
            said = f"«{phrase}»" if phrase else "(không tìm thấy trong văn bản)"
            hint = (
                f"; có thể là {', '.join(match.candidates)}" if match and match.candidates else ""
            )
            plan.errors.append(
                f"{path}: không xác định được cơ quan ban hành {said}{hint}; thêm cơ quan vào "
                f"{plan.data_dir}/bodies/ hoặc chỉ rõ bằng --issuer MÃ"
            )
            return
    body = index.bodies[body_id]
    kind = h.kind.value if h.kind else "Công văn"
    number = h.number.value if h.number else None
    date = h.date.value if h.date else None
    year = (number.year if number and number.year else None) or (date.year if date else None)
    doc_id = _existing_document(index, path, kind, number, body_id, date)
    if doc_id is None and number is not None:
        doc_id = document_id(kind, number, year, body_id, index)
    elif doc_id is None:  # no number at all (004): kind, year, locality
        doc_id = "-".join(
            x for x in (slugify(kind), str(year or ""), index.locality_slug(body.locality)) if x
        )
    index.add_document(DocEntry(doc_id, kind, body_id, number, year))
    ctx = Context(doc_id, body_id, body.locality, f"{plan.data_dir}/bodies/")
    plan.count("văn bản")

    record: dict[str, Any] = {"kind": kind}
    if number is not None:
        record["number"] = str(number)
    if date is not None:
        record["date"] = date.iso()
    if place:
        record["place"] = place
    record["issuer"] = body_id
    if h.signer is not None and h.signer.name:
        record["signer"] = {
            k: v
            for k, v in (
                ("name", h.signer.name),
                ("authority", h.signer.authority),
                ("title", h.signer.title),
                ("position", h.signer.position),
            )
            if v
        }
    if h.recipients:
        record["recipients"] = [r.value for r in h.recipients]
    if h.distribution:
        record["distribution"] = [r.value for r in h.distribution]
    if h.subject is not None:
        record["subject"] = h.subject.value
    record["status"] = "dự thảo" if (number is not None and number.blank) else "đã ban hành"
    record["source"] = path.name
    record["text"] = ex.text

    citations, seen = [], set()
    for c in ex.citations:
        plan.count("trích dẫn")
        decision = resolve_citation(c, index, ctx)
        if decision.warning:
            plan.warnings.append(f"{path}: {decision.warning}")
        if decision.target is None:
            plan.count("trích dẫn chưa xác định")
            continue
        if decision.new is not None:
            plan.count("tham chiếu mới")
            new = dict(decision.new)
            rid = new.pop("id")
            _add(plan, "document", rid, new)
        else:
            plan.count("trích dẫn khớp")
        item = {"target": decision.target, "role": c.role, "quote": c.quote}
        if c.footnote is not None:
            item["footnote"] = c.footnote
        key = tuple(sorted(item.items()))
        if key not in seen:
            seen.add(key)
            citations.append(item)
    if citations:
        record["citations"] = citations

    mentions, campaign_ids, seen = [], [], set()
    for f in ex.campaigns:
        decision = resolve_campaign(f, index, ctx)
        if decision.new is not None:
            plan.count("phong trào mới")
            new = dict(decision.new)
            rid = new.pop("id")
            _add(plan, "campaign", rid, new)
            if decision.adapts:
                plan.warnings.append(
                    f"{path}: phong trào mới «{f.name}» là hình thức địa phương của "
                    f"{decision.adapts}; cần kiểm tra"
                )
        else:
            plan.count("phong trào khớp")
        item = {"campaign": decision.campaign, "role": "nhắc đến", "quote": f.quote}
        if f.footnote is not None:
            item["footnote"] = f.footnote
        if (decision.campaign, f.quote) not in seen:
            seen.add((decision.campaign, f.quote))
            mentions.append(item)
            campaign_ids.append(decision.campaign)
    named = {(m["campaign"]) for m in mentions}
    for q in ex.quoted:
        cid = match_known_name(q.value, index)
        if (
            cid is not None
            and cid not in named
            and not any(m["quote"] == q.quote for m in mentions)
        ):
            plan.count("phong trào khớp")
            named.add(cid)
            mentions.append({"campaign": cid, "role": "nhắc đến", "quote": q.quote})
    if mentions:
        record["campaigns"] = mentions
    _add(plan, "document", doc_id, record)

    loc = index.locality_slug(body.locality)
    for i, d in enumerate(ex.deadlines, 1):
        if d.action is None:
            continue
        plan.count("hạn")
        when = d.date.iso() if d.date else str(year or "")
        did = "-".join(x for x in (when, loc, "-".join(slugify(d.action).split("-")[:5])) if x)
        if any(r.kind == "deadline" and r.id == did for r in plan.records):
            did = f"{did}-{i}"
        did = plan.known.get(
            ("deadline", doc_id, d.date.iso() if d.date else fold(d.relative or "")), did
        )
        rec: dict[str, Any] = {"source": doc_id}
        if d.date is not None:
            rec["date"] = d.date.iso()
        rec["action"] = d.action[:1].upper() + d.action[1:]
        if d.actor:
            rec["actor"] = d.actor
        if d.recipient:
            rec["recipient"] = d.recipient
            rb = resolve_issuer(P.TRAILING_PARENTHESIS.sub("", d.recipient), index, body.locality).body
            if rb:
                rec["recipient_body"] = rb
        rec["quote"] = d.quote
        if d.recurrence:
            rec["recurrence"] = d.recurrence
        if d.relative:
            rec["relative"] = d.relative
        if d.note:
            rec["note"] = d.note
        _add(plan, "deadline", did, rec)
    for t in ex.targets:
        plan.count("chỉ tiêu")
        tid = "-".join(
            x
            for x in (
                "chi-tieu",
                str(year or ""),
                loc,
                "-".join(slugify(t.indicator or t.quote).split("-")[:6]),
            )
            if x
        )
        n, stem = 2, tid
        while any(r.kind == "target" and r.id == tid for r in plan.records):
            tid, n = f"{stem}-{n}", n + 1
        tid = plan.known.get(("target", doc_id, t.quote)) or _same_target(plan, doc_id, t) or tid
        rec = {
            "source": doc_id,
            "text": t.quote,
            "value": int(t.value) if t.value.is_integer() else t.value,
            "unit": t.unit,
            "comparison": t.comparison,
        }
        if t.subject:
            rec["subject"] = t.subject
        if t.indicator:
            rec["indicator"] = t.indicator
        if year:
            rec["year"] = year
        _add(plan, "target", tid, rec)


def _same_target(plan: Plan, source: str, t: Any) -> str | None:
    """An existing target of the same document and figure whose text is mostly
    the same words (a person may have cut the quote differently)."""
    best, score = None, 0.5
    mine = set(fold(t.quote).split())
    for tid, text in plan.targets.get((source, t.value), []):
        theirs = set(fold(text).split())
        jac = len(mine & theirs) / len(mine | theirs) if mine | theirs else 0
        if jac >= score:
            best, score = tid, jac
    return best


def _existing_document(
    index: Index, path: Path, kind: str, number: Any, issuer: str, date: Any
) -> str | None:
    """The record this file was imported into before (or written by hand): same
    source file name, or same identity (number key + issuer + year)."""
    for entry in index.documents.values():
        if (
            number is not None
            and not number.blank
            and entry.number is not None
            and (
                entry.number.key == number.key
                and entry.issuer == issuer
                and entry.year in (None, number.year or (date.year if date else None))
            )
        ):
            return entry.id
    return index.sources.get(path.name)


def _add(plan: Plan, kind: str, rid: str, data: dict[str, Any]) -> None:
    folder = FOLDER_OF_KIND[kind]
    for r in plan.records:
        if r.kind == kind and r.id == rid:
            if kind == "document" and "text" in data:
                r.data = data  # the full document wins over a reference made earlier in the run
                if plan.current is not None:
                    plan.origin[(kind, rid)].add(plan.current)
            return
    plan.records.append(Planned(kind, rid, data, plan.data_dir / folder / f"{rid}.yaml"))
    if plan.current is not None:
        plan.origin[(kind, rid)].add(plan.current)


# --- validating -----------------------------------------------------------------


def _validate(plan: Plan) -> dict[tuple[str, str], list[str]]:
    """Validate the planned records together with the data they join; the
    planned records found invalid, with their problems."""
    records, _problems = load(plan.data_dir) if plan.data_dir.exists() else ([], [])
    by_key = {(r.kind, r.id): r for r in records}
    base = plan.data_dir.parent
    shown = {}
    for p in plan.records:
        shown[(p.kind, p.id)] = (
            str(p.path.relative_to(base)) if p.path.is_relative_to(base) else str(p.path)
        )
        by_key[(p.kind, p.id)] = RawRecord(p.kind, p.id, shown[(p.kind, p.id)], p.data)
    _kb, found = validate(list(by_key.values()))
    mine = {path: key for key, path in shown.items()}
    invalid: dict[tuple[str, str], list[str]] = defaultdict(list)
    for problem in found:
        if problem.is_error and problem.path in mine:
            invalid[mine[problem.path]].append(str(problem))
        elif problem.is_error:
            plan.warnings.append(str(problem))
    return invalid
