"""A document as the readers read it: its cleaned text, the shadow, the layout.

`prepare(text)` cleans a raw or stored text once (`Doc`): the text every span
points into, its same-length *shadow* (no diacritics, no markup), where its
footnotes and sentences start. The readers (citations.py, campaigns.py,
deadlines.py, targets.py, header.py) all take a text or a `Doc`, and share
the helpers below that turn a match into a date or a clean phrase:

    doc = prepare("**Chỉ thị số 05-CT/TW**<sup>1</sup> “Vì”")
    doc.shadow              # '  Chi thi so 05-CT/TW               "Vi"'
    doc.plain(2, 21)        # "Chỉ thị số 05-CT/TW"
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from typing import Any

from sotay.extract import document_patterns as P
from sotay.extract.models import Found
from sotay.text import patterns as TP
from sotay.text.dates import DateError, PartialDate
from sotay.text.folding import document_text

# --- the shadow -------------------------------------------------------------

_QUOTES = {ord(c): '"' for c in "“”„‟«»″"} | {ord(c): "'" for c in "‘’‚‛"}
_DASHES = {ord(c): "-" for c in "–—‒―−"}
_D = {ord("đ"): "d", ord("Đ"): "D"}


class _FoldTable(dict):
    """str.translate table, one character to one: "Ủ" -> "U", "“" -> '"'.

    Filled lazily; a character with no single-letter base is kept as it is,
    so the shadow always has the length of the text.
    """

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if code < 128:
            out = ch
        elif code in _QUOTES:
            out = _QUOTES[code]
        elif code in _DASHES:
            out = _DASHES[code]
        elif code in _D:
            out = _D[code]
        elif code == 0x2026:  # "…": one character, one dot
            out = "."
        else:
            base = unicodedata.normalize("NFD", ch)[0]
            out = base if not unicodedata.combining(base) else ch
        self[code] = out
        return out


FOLD_TABLE = _FoldTable()


def shadow(text: str) -> str:
    """The text as the patterns read it: same length, no diacritics, no markup.

    >>> shadow("**Chỉ thị số 05-CT/TW**<sup>1</sup> “Vì”")
    '  Chi thi so 05-CT/TW               "Vi"'
    """
    folded = text.translate(FOLD_TABLE)
    return TP.INLINE_MARKUP.sub(lambda m: " " * (m.end() - m.start()), folded)


# --- the prepared document ------------------------------------------------------


class Doc:
    """Text, shadow and layout of one document, computed once per extraction."""

    def __init__(self, raw: str):
        self.text = document_text(raw)
        self.shadow = shadow(self.text)
        # Footnote bodies: "<sup>1</sup> Kế hoạch ..." to the end of the paragraph.
        self.footnotes: list[tuple[int, int, int]] = []
        for m in P.FOOTNOTE_BODY.finditer(self.text):
            end = self.text.find("\n\n", m.end())
            self.footnotes.append((m.start(), end if end >= 0 else len(self.text), int(m["n"])))
        self._fn_starts = [f[0] for f in self.footnotes]
        # Sentence starts: a line that does not open in lower case (a page
        # break inside a sentence, "khen\n\nthường", is no start), or ". X".
        self.starts = [0] + [m.end() for m in P.SENTENCE_START.finditer(self.shadow)]

    def footnote_at(self, pos: int) -> int | None:
        i = bisect.bisect_right(self._fn_starts, pos) - 1
        if i >= 0 and self.footnotes[i][0] <= pos < self.footnotes[i][1]:
            return self.footnotes[i][2]
        return None

    def sentence_start(self, pos: int) -> int:
        return self.starts[bisect.bisect_right(self.starts, pos) - 1]

    def sentence_end(self, pos: int) -> int:
        i = bisect.bisect_right(self.starts, pos)
        end = self.starts[i] if i < len(self.starts) else len(self.text)
        return end

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Trim blanks and blanked markup from both ends of a span."""
        while start < end and self.shadow[start] in " \t\n":
            start += 1
        while end > start and self.shadow[end - 1] in " \t\n":
            end -= 1
        return start, end

    def found(self, value: Any, start: int, end: int) -> Found:
        start, end = self.span(start, end)
        return Found(value, start, end, self.text[start:end])

    def plain(self, start: int, end: int) -> str:
        """text[start:end] as one line, markup dropped: for names and actions."""
        return squash(TP.INLINE_MARKUP.sub("", self.text[start:end]))


def squash(s: str) -> str:
    """One line, single-spaced, no edge punctuation: " UBND  thành\n phố, " -> "UBND thành phố"."""
    return " ".join(s.split()).strip(" ,;:")


def prepare(text: str | Doc) -> Doc:
    """The Doc of a text, or the Doc itself: the readers extract() calls share one."""
    return text if isinstance(text, Doc) else Doc(text)


def date_of_parts(d: Any, m: Any, y: Any) -> PartialDate | None:
    """A date from its parts; None when the parts cannot be a date ("31/02/2024")."""
    if y is None:
        return None
    iso = f"{int(y):04d}"
    if m is not None:
        iso += f"-{int(m):02d}"
        if d is not None:
            iso += f"-{int(d):02d}"
    try:
        return PartialDate.parse(iso)
    except DateError:
        return None


def date_of(m: re.Match) -> PartialDate | None:
    """The date of a match of vocabulary.DATE_IN_TEXT: "15/5/2016", "19 tháng 01 năm 2023"."""
    if m.group("dy"):
        return date_of_parts(m.group("dd"), m.group("dm"), m.group("dy"))
    if m.group("wy"):
        return date_of_parts(m.group("wd"), m.group("wm"), m.group("wy"))
    return None


def date_span_of(m: re.Match) -> tuple[int, int] | None:
    """Where that date is written: from the day to the year."""
    for a, b in (("dd", "dy"), ("wd", "wy")):
        if m.group(b):
            return m.start(a), m.end(b)
    return None
