"""Targets: the figures listed under a "chỉ tiêu" heading.

    "#### **4. Các chỉ tiêu cụ thể:**\n\n- 100% các đơn vị được công nhận ..."
    -> FoundTarget(value=100, unit="%", comparison="bằng", subject="các đơn vị",
                   indicator="được công nhận ...")

The patterns are in target_patterns.py.
"""

from __future__ import annotations

import re

from sotay.extract import target_patterns as P
from sotay.extract.document import Doc, prepare
from sotay.extract.models import FoundTarget
from sotay.text.folding import fold


def find_targets(text: str | Doc) -> list[FoundTarget]:
    """Figures in the list that follows a "chỉ tiêu" heading ("4. Các chỉ tiêu cụ thể:").

    "Mỗi đơn vị đạt trên 90% CBCNV và người lao động đạt danh hiệu “Lao động
    tiên tiến”" -> 90, "%", "trên", subject "CBCNV và người lao động",
    indicator "đạt danh hiệu “Lao động tiên tiến”".
    """
    doc = prepare(text)
    out: list[FoundTarget] = []
    for a, b in _target_sections(doc):
        for item in P.TARGET_ITEM.finditer(doc.shadow, a, b):
            for clause in P.TARGET_CLAUSE.finditer(doc.shadow, *item.span("body")):
                out += _targets_in(doc, *clause.span())
    return out


def _target_sections(doc: Doc) -> list[tuple[int, int]]:
    sh = doc.shadow
    sections = []
    for m in P.SHORT_LINE.finditer(sh):
        line = m.group()
        if not P.TARGETS_HEADING.search(line) or re.match(r"[ \t]*[-+•]", line):
            continue
        if not (
            doc.text[m.start() : m.end()].lstrip().startswith(("#", "*"))
            or line.rstrip().endswith(":")
        ):
            continue
        nxt = P.SECTION_END.search(sh, m.end())
        sections.append((m.end(), nxt.start() if nxt else len(sh)))
    return sections


def _targets_in(doc: Doc, a: int, b: int) -> list[FoundTarget]:
    sh = doc.shadow
    out = []
    start, end = doc.span(a, b)
    for f in P.TARGET_FIGURE.finditer(sh, start, end):
        value = float(f["value"].replace(",", "."))
        unit = (
            "%"
            if f["pct"]
            else {"don vi": "đơn vị", "nguoi": "người", "tap the": "tập thể"}[
                " ".join(fold(f["unit"]).split())
            ]
        )
        cmp_ = (
            P.TARGET_COMPARISONS.get(" ".join(fold(f["cmp"]).split()), "bằng")
            if f["cmp"]
            else "bằng"
        )
        v = P.TARGET_VERB.search(sh, f.end(), end)
        subject = indicator = None
        if v is not None:
            subject = doc.plain(f.end(), v.start()) or None
            indicator = doc.plain(v.start(), _cut_outside_quotes(sh, v.start(), end)) or None
        if subject is None:
            subject = doc.plain(start, f.start()) or None
        out.append(
            FoundTarget(start, end, doc.text[start:end], value, unit, cmp_, subject, indicator)
        )
    return out


def _cut_outside_quotes(sh: str, a: int, b: int) -> int:
    """End of a clause at the first comma not inside quotes: "..., không có ..."."""
    inside = False
    for i in range(a, b):
        if sh[i] == '"':
            inside = not inside
        elif sh[i] == "," and not inside:
            return i
    return b
