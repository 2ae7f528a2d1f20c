"""A .docx (Word 2007 and later) -> its text, as the seeds store text.

Paragraphs, then table cells, one block each; bold runs as "**...**" and
superscript digits as "<sup>N</sup>" (footnote marks), so the extractor reads
a Word file as it reads the seeds' text files.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from sotay.sources.errors import InputError


def read_docx(path: Path, raw: bytes) -> str:
    """Paragraphs and table cells of a .docx, one paragraph per block; bold runs
    as "**...**" and superscript digits as "<sup>N</sup>", like the seeds."""
    if not zipfile.is_zipfile(path):
        raise InputError(
            f"{path}: không phải tệp .docx (tệp .docx là tệp zip; có thể đây là .doc cũ "
            "hoặc tệp hỏng — mở bằng Word và lưu lại dạng .docx)"
        )
    try:
        import docx  # python-docx
    except ImportError:  # pragma: no cover - pinned in requirements
        raise InputError(
            f"{path}: cần gói python-docx để đọc .docx (pip install python-docx)"
        ) from None
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for broken packages
        raise InputError(
            f"{path}: không đọc được tệp .docx ({type(exc).__name__}: {exc})"
        ) from None
    blocks: list[str] = []
    for para in document.paragraphs:
        blocks.append(_paragraph(para))
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                blocks += [_paragraph(p) for p in cell.paragraphs]
    text = "\n\n".join(b for b in blocks if b.strip())
    if not text.strip():
        raise InputError(f"{path}: tệp .docx không có chữ")
    return text


def _paragraph(para: Any) -> str:
    out = []
    for run in para.runs:
        text = run.text
        if not text:
            continue
        if run.font.superscript and text.strip().isdigit():
            out.append(f"<sup>{text.strip()}</sup>")
        elif run.bold and text.strip():
            out.append(f"**{text}**")
        else:
            out.append(text)
    return "".join(out).replace("****", "")
