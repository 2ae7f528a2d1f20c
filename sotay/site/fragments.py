"""The HTML fragments every page writes hundreds of times, in Python.

A link to a document, a body or a locality, and each line of a document's
full text, were Jinja macros. At 10,000 documents the pages call them about
700,000 times, and each macro call pays Jinja's bookkeeping (a new frame and
context, its output joined). As plain functions, callable from the templates
under the same names, they write the same bytes as the macros did
(tests/test_golden.py holds the pages) in ~40% less time: 600 documents'
full texts with 60 links each, 1.14-1.18 s as macros, 0.63-0.71 s here.

Every value from the data is escaped, as the templates' autoescape does:
a locality named "Phường <1>" is text.

Each function takes the template context, for the page's `link` (hrefs
relative to the page) and `kb` (which, in a tracked render, logs the
records the page reads: sotay/site/incremental.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from sotay.data.model import Campaign, Document
from sotay.text.annotate import Block, Segment
from sotay.text.dates import vi_date

# f-strings with escape(), not Markup("...%s...") % args: Markup's % wraps
# every argument in an escaping proxy, 3x the cost of the link itself.

@pass_context
def doc_link(ctx: Context, doc: Document) -> Markup:
    href = ctx["link"]("document", doc.id)
    return Markup(f'<a class="st-doc" href="{escape(href)}">{escape(doc.label)}</a>')


@pass_context
def campaign_link(ctx: Context, c: Campaign) -> Markup:
    href = ctx["link"]("campaign", c.id)
    return Markup(f'<a class="st-campaign" href="{escape(href)}">{escape(c.name)}</a>')


@pass_context
def body_link(ctx: Context, body_id: str) -> Markup:
    href = ctx["link"]("body", body_id)
    return Markup(f'<a href="{escape(href)}">{escape(ctx["kb"].bodies[body_id].name)}</a>')


@pass_context
def loc_link(ctx: Context, loc_id: str) -> Markup:
    href = ctx["link"]("locality", loc_id)
    return Markup(f'<a href="{escape(href)}">{escape(ctx["kb"].localities[loc_id].name)}</a>')


@pass_context
def doc_facts(ctx: Context, doc: Document) -> Markup:
    """ "Ủy ban nhân dân tỉnh Bình Định, 03/07/2024" with the body linked."""
    return Markup(f"{body_link(ctx, doc.issuer)}, {escape(vi_date(doc.date))}")


def _segments(link, line: Iterable[Segment], out: list[str]) -> None:
    """One line of a full text: citations and campaign names linked, the
    sentences other pages point at marked, footnote marks, bold, italics."""
    for s in line:
        if s.anchor:
            out.append(f'<mark class="st-{escape(s.mark.kind)}" id="{escape(s.anchor)}">')
        elif s.mark:
            out.append(f'<mark class="st-{escape(s.mark.kind)}">')
        if s.sup:
            n = escape(s.sup)
            out.append(f'<sup id="tham-chieu-{n}"><a href="#chu-thich-{n}">{n}</a></sup>')
        else:
            if s.link:
                kind = "trich-dan" if s.link.kind == "document" else "phong-trao"
                out.append(f'<a class="st-{kind}" href="{escape(link(s.link.kind, s.link.target))}" '
                           f'title="{escape(s.link.title)}">')
            if s.strong:
                out.append("<strong>")
            if s.em:
                out.append("<em>")
            out.append(escape(s.text))
            if s.em:
                out.append("</em>")
            if s.strong:
                out.append("</strong>")
            if s.link:
                out.append("</a>")
        if s.mark:
            out.append("</mark>")


def _lines(link, lines: Iterable[Iterable[Segment]], out: list[str]) -> None:
    for i, line in enumerate(lines):
        if i:
            out.append("<br>")
        _segments(link, line, out)


@pass_context
def full_text(ctx: Context, blocks: Iterable[Block]) -> Markup:
    """A document's full text (annotate.blocks) as HTML, block by block."""
    link = ctx["link"]
    out = ['<div class="st-toan-van" data-pagefind-body>\n']
    for b in blocks:
        if b.kind == "heading":
            out.append(f'<p class="st-h st-h{escape(b.level)}">')
            _segments(link, b.lines[0], out)
            out.append("</p>\n")
        elif b.kind == "list":
            out.append("<ul>\n")
            for item in b.lines:
                out.append("<li>")
                _segments(link, item, out)
                out.append("</li>\n")
            out.append("</ul>\n")
        elif b.kind == "footnote":
            n = escape(b.footnote)
            out.append(f'<p class="st-chu-thich" id="chu-thich-{n}"><a href="#tham-chieu-{n}">{n}</a> ')
            _lines(link, b.lines, out)
            out.append("</p>\n")
        else:
            out.append("<p>")
            _lines(link, b.lines, out)
            out.append("</p>\n")
    out.append("</div>")
    return Markup("".join(out))


# The names templates call them by.
GLOBALS = {
    "doc_link": doc_link,
    "campaign_link": campaign_link,
    "body_link": body_link,
    "loc_link": loc_link,
    "doc_facts": doc_facts,
    "full_text": full_text,
}
