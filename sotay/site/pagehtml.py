"""The generated pages' Markdown as HTML, without a Markdown parser.

The templates write pages as raw HTML blocks (tables, lists, the search
metadata) between ATX headings ("## Văn bản"), so that a heading gets its
anchor and its place in the page's table of contents. Python-Markdown, which
MkDocs runs on every page, passes raw HTML through untouched, but finds
where each block ends with Python's html.parser, and MkDocs parses it once
more to collect anchor ids: two HTML parses per page, ~10 ms for a locality
page at 10,000 documents, most of an edit's rebuild under `mkdocs serve`
when a campaign named on 500 pages is renamed.

convert() gives the same HTML (up to the line breaks between blocks), the
same table of contents and the same anchor ids for that subset, reading the
blocks line by line; anything else in a page (a paragraph of Markdown text,
a heading holding markup, a raw block that does not close on its own line)
gives None, and the page goes through Markdown as before. The builder
adapter (hooks/) chooses; tests/test_pagehtml.py checks every generated
page of the sample site against Python-Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import unescape

# Block-level elements that open a raw HTML block in Python-Markdown (the
# ones the templates start lines with, and their kin); "<span" or "<a" at
# the start of a line would open a paragraph instead.
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "details", "dialog", "dd", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "main", "nav", "ol", "p", "section", "table", "ul",
})
_HEADING = re.compile(r"(#{1,6}) +(.+?)\s*$")
# Text Markdown would transform inside a heading (emphasis, code, links,
# escapes, entities, inline HTML, attr_list, closing hashes): such a
# heading is left to Markdown.
_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]<>&!{}#]")
_BLOCK_START = re.compile(r"<([a-z][a-z0-9]*)(?=[\s>/])")
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*)>")
_ANCHOR_ATTRIBUTE = re.compile(r"""\s(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


@dataclass(frozen=True)
class Converted:
    html: str
    # Python-Markdown's toc_tokens: [{"level", "id", "name", "children"}...]
    toc: list[dict] = field(default_factory=list)
    anchors: frozenset[str] = frozenset()


def convert(markdown: str, slugify: Callable[[str, str], str]) -> Converted | None:
    """The page as HTML, or None when it holds more than headings and raw
    HTML blocks. `slugify` makes heading ids, as the Markdown toc extension
    is configured to (mkdocs.yml: sotay.text.folding.heading_slug)."""
    lines = markdown.split("\n")
    out: list[str] = []
    # Python-Markdown keeps a blank line after a raw block when the source
    # has one ("</table>\n\n## Cơ quan" -> "</table>\n\n<h2 ..."), and
    # puts a single line break after a heading: the same bytes come out.
    after_raw_gap: bool | None = False
    headings: list[dict] = []
    used: set[str] = set()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            if out and after_raw_gap is None:
                after_raw_gap = True
            i += 1
            continue
        if out:
            out.append("\n\n" if after_raw_gap is True else "\n")
        heading = _HEADING.fullmatch(line)
        if heading:
            text = heading.group(2)
            if _INLINE_SYNTAX.search(text):
                return None
            level = len(heading.group(1))
            anchor = _unique(slugify(text, "-"), used)
            out.append(f"<h{level} id=\"{anchor}\">{text}</h{level}>")
            headings.append({"level": level, "id": anchor, "name": text, "html": text,
                             "data-toc-label": "", "children": []})
            after_raw_gap = False
            i += 1
            continue
        start = _BLOCK_START.match(line)
        if start is None or start.group(1) not in BLOCK_TAGS:
            return None
        end = _block_end(lines, i, start.group(1))
        if end is None:
            return None
        out.append("\n".join(lines[i:end + 1]))
        after_raw_gap = None  # a raw block: a blank line next is kept
        i = end + 1
    html = "".join(out)
    return Converted(html, _nest(headings), _anchors(html))


def _anchors(html: str) -> frozenset[str]:
    """Where a link "#x" can land: every id, and the name of an <a> (what
    MkDocs collects to check links to anchors)."""
    found = set()
    for tag in _TAG.finditer(html):
        for attribute in _ANCHOR_ATTRIBUTE.finditer(tag.group(2)):
            if attribute.group(1) == "id" or tag.group(1).lower() == "a":
                found.add(unescape(attribute.group(2) if attribute.group(2) is not None else attribute.group(3)))
    return frozenset(found)


def _block_end(lines: list[str], first: int, tag: str) -> int | None:
    """The line closing the raw block that opens with <tag> on line `first`:
    where as many </tag> as <tag> have been met, at the end of a line. A
    blank line inside ("«...\\n\\n...»" quoted from a document) stays in
    the block, as in Python-Markdown."""
    opening = re.compile(rf"<{tag}(?=[\s>/])")
    closing = f"</{tag}>"
    depth = 0
    for j in range(first, len(lines)):
        line = lines[j]
        depth += len(opening.findall(line)) - line.count(closing)
        if depth <= 0:
            if depth < 0 or not line.rstrip().endswith(closing):
                return None
            return j
    return None


def _unique(anchor: str, used: set[str]) -> str:
    """"van-ban", then "van-ban_1", "van-ban_2": the toc extension's rule
    (a trailing "_N" counts up)."""
    while anchor in used or not anchor:
        counted = _COUNTED.fullmatch(anchor)
        anchor = f"{counted.group(1)}_{int(counted.group(2)) + 1}" if counted else f"{anchor}_1"
    used.add(anchor)
    return anchor


_COUNTED = re.compile(r"(.*)_([0-9]+)")


def _nest(flat: list[dict]) -> list[dict]:
    """Flat headings as the toc extension nests them: a deeper heading is a
    child of the last shallower one."""
    top: list[dict] = []
    stack: list[dict] = []
    for token in flat:
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else top).append(token)
        stack.append(token)
    return top
