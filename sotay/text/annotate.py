"""A document's text as blocks of segments, with citations linked in place.

Pure data, no HTML: the template decides the markup. The stored text keeps
the light Markdown of the sources (headings "## I. ...", "**bold**", list
items "- ...", footnote marks "<sup>1</sup>"); here it becomes structure, and
every quoted citation, campaign mention, deadline and target becomes a span
over the exact characters it quotes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sotay.text import patterns


@dataclass(frozen=True)
class Link:
    """A quoted passage that points at a record: ("document", "chi-thi-05-ct-tw-2016")."""

    start: int
    end: int
    kind: str
    target: str
    title: str = ""


@dataclass(frozen=True)
class Mark:
    """A highlighted passage that other pages link to by `anchor` (a deadline's sentence)."""

    start: int
    end: int
    anchor: str
    kind: str


@dataclass(frozen=True)
class Segment:
    text: str
    link: Link | None = None
    mark: Mark | None = None
    anchor: str | None = None  # set on the first segment of a mark
    sup: int | None = None  # a footnote reference "<sup>3</sup>"
    strong: bool = False
    em: bool = False


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "paragraph", "list", "footnote"
    lines: tuple[tuple[Segment, ...], ...]  # list: one per item; others: one per line
    level: int = 0  # heading level
    footnote: int | None = None


def plain_text(text: str) -> str:
    """A passage without its light markup, for places that show no HTML (a calendar):
    "gửi báo cáo **trước ngày 12/7/2024**" -> "gửi báo cáo trước ngày 12/7/2024"."""
    return patterns.INLINE_MARKUP.sub(lambda m: m.group("sup") or "", text)


def find_all(text: str, needle: str) -> Iterable[int]:
    start = text.find(needle)
    while start >= 0 and needle:
        yield start
        start = text.find(needle, start + 1)


def place(text: str, quotes: Iterable[tuple[str, str, str, str]]) -> list[Link]:
    """Links for every occurrence of each (quote, kind, target, title).

    Where two quotes overlap ("Nghị định số 98/2023/NĐ-CP" inside a longer
    quote of the same citation), the longer one wins.
    """
    candidates = [
        Link(at, at + len(quote), kind, target, title)
        for quote, kind, target, title in quotes
        for at in find_all(text, quote)
    ]
    return _non_overlapping(candidates)


def mark(text: str, quotes: Iterable[tuple[str, str, str]]) -> list[Mark]:
    """Marks for the first occurrence of each (quote, anchor, kind)."""
    candidates = []
    for quote, anchor, kind in quotes:
        at = text.find(quote)
        if at >= 0:
            candidates.append(Mark(at, at + len(quote), anchor, kind))
    return _non_overlapping(candidates)


def _non_overlapping(spans: list) -> list:
    chosen, end = [], -1
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if span.start >= end:
            chosen.append(span)
            end = span.end
    return chosen


def _inside(spans: list, start: int, end: int):
    for span in spans:
        if span.start <= start and end <= span.end:
            return span
    return None


def _segments(text: str, start: int, end: int, links: list[Link], marks: list[Mark],
              seen_marks: set[str]) -> tuple[Segment, ...]:
    """Segments of text[start:end]: markup tokens dropped, cut at link and mark edges."""
    line = text[start:end]
    if ("*" not in line and "<sup>" not in line
            and not any(s.start < end and start < s.end for s in links)
            and not any(s.start < end and start < s.end for s in marks)):
        # Most lines hold no link, mark or markup: one plain segment.
        return (Segment(line),) if line else ()
    out: list[Segment] = []
    strong = em = False
    cuts = sorted(
        {p for s in (*links, *marks) for p in (s.start, s.end) if start < p < end}
    )

    def emit(a: int, b: int) -> None:
        points = [a, *[c for c in cuts if a < c < b], b]
        for x, y in zip(points, points[1:], strict=False):
            if x == y:
                continue
            link = _inside(links, x, y)
            mk = _inside(marks, x, y)
            anchor = None
            if mk is not None and mk.anchor not in seen_marks:
                seen_marks.add(mk.anchor)
                anchor = mk.anchor
            seg = Segment(text[x:y], link, mk, anchor, None, strong, em)
            prev = out[-1] if out else None
            if (prev is not None and anchor is None and prev.sup is None
                    and (prev.link, prev.mark, prev.strong, prev.em) == (link, mk, strong, em)):
                out[-1] = Segment(prev.text + seg.text, link, mk, prev.anchor, None, strong, em)
            else:
                out.append(seg)

    pos = start
    for token in patterns.INLINE_MARKUP.finditer(text, start, end):
        emit(pos, token.start())
        if token.group("sup"):
            out.append(Segment(token.group("sup"), sup=int(token.group("sup")),
                               link=_inside(links, token.start(), token.end())))
        else:
            stars = len(token.group("emph"))
            if stars >= 2:
                strong = not strong
            if stars in (1, 3):
                em = not em
        pos = token.end()
    emit(pos, end)
    return tuple(s for s in out if s.text or s.sup or s.anchor)


def blocks(text: str, links: list[Link], marks: list[Mark]) -> list[Block]:
    """The text as blocks (paragraphs split at blank lines)."""
    out: list[Block] = []
    seen_marks: set[str] = set()
    for para in patterns.PARAGRAPH.finditer(text):
        # Only the spans that reach into this paragraph are looked at for its
        # lines: a document with 40 citations has ~40 paragraphs.
        links_here = [s for s in links if s.start < para.end() and para.start() < s.end]
        marks_here = [s for s in marks if s.start < para.end() and para.start() < s.end]
        lines = []
        offset = para.start()
        for raw in para.group(0).split("\n"):
            lines.append((offset, offset + len(raw)))
            offset += len(raw) + 1
        first = text[lines[0][0]:lines[0][1]]
        heading = patterns.MD_HEADING.match(first)
        footnote = patterns.FOOTNOTE_START.match(first)
        if heading and len(lines) == 1:
            a, b = lines[0]
            segs = _segments(text, a + heading.end(), b, links_here, marks_here, seen_marks)
            out.append(Block("heading", (segs,), level=len(heading.group("hashes"))))
        elif footnote:
            a, b = lines[0]
            body = [_segments(text, a + footnote.end(), b, links_here, marks_here, seen_marks)]
            body += [_segments(text, x, y, links_here, marks_here, seen_marks) for x, y in lines[1:]]
            out.append(Block("footnote", tuple(body), footnote=int(footnote.group("n"))))
        elif patterns.LIST_ITEM.match(first):
            items: list[list[Segment]] = []
            for x, y in lines:
                item = patterns.LIST_ITEM.match(text, x, y)
                segs = _segments(text, item.end() if item else x, y, links_here, marks_here, seen_marks)
                if item or not items:
                    items.append(list(segs))
                else:  # a wrapped item line continues the previous item
                    items[-1] += [Segment(" "), *segs]
            out.append(Block("list", tuple(tuple(i) for i in items)))
        else:
            body = tuple(_segments(text, x, y, links_here, marks_here, seen_marks) for x, y in lines)
            out.append(Block("paragraph", tuple(line for line in body if line)))
    return out
