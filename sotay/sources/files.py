"""Files as they arrive -> their text: .txt and .md (UTF-8, UTF-16 with a
BOM), .docx (docx.py). A file that cannot be read gets an InputError naming
it and saying what to do: "cv.txt:12: tệp không phải UTF-8 (có thể là
TCVN3/VNI...)".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from sotay.sources.docx import read_docx
from sotay.sources.errors import InputError

# What the importer takes from a folder.
SUFFIXES = (".txt", ".md", ".docx")


def iter_inputs(paths: Iterable[Path]) -> Iterator[Path]:
    """Files to import: each file given, and every .txt/.md/.docx under each folder."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()
            )
        else:
            yield path


def read_source(path: Path) -> str:
    """The text of a .txt, .md or .docx file; InputError naming the file otherwise."""
    if not path.is_file():
        raise InputError(f"{path}: không tìm thấy tệp")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(
            f"{path}: không nhận loại tệp '{suffix or '(không có đuôi)'}'; "
            "chỉ nhập được .txt, .md, .docx"
        )
    raw = path.read_bytes()
    if not raw.strip():
        raise InputError(f"{path}: tệp rỗng, không có gì để nhập")
    if suffix == ".docx":
        return read_docx(path, raw)
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path}: tệp nhị phân, không phải văn bản (.txt/.md phải là chữ)")
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if raw.startswith(bom):
            return raw.decode(codec)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{path}:{line}: tệp không phải UTF-8 (có thể là TCVN3/VNI hoặc Windows-1258); "
            "mở bằng trình soạn thảo và lưu lại với bảng mã UTF-8"
        ) from None
    if not text.strip():
        raise InputError(f"{path}: tệp rỗng, không có gì để nhập")
    return text
