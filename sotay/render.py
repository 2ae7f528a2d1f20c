"""Stage 4: the knowledge base and its graph -> site pages (Markdown + HTML).

Builder-agnostic: pages are (source path, Markdown text) pairs any
Markdown site builder can take (MkDocs today, through hooks/). All markup
comes from Jinja templates with autoescape on, so text from the data is
always text, never markup. Links between generated pages are computed here,
relative, for directory URLs ("van-ban/chi-thi-05-ct-tw-2016/").
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import jinja2
from markupsafe import Markup

from . import annotate, ical, quality
from .dates import PartialDate
from .graph import CITATION_ROLES, LEVELS, Graph, campaign_sort_key, document_sort_key
from .model import Deadline, Document
from .schedule import PAST, UNDATED, UPCOMING, Schedule, by_month, level_slug
from .schemadoc import field_tables
from .search import CONTENT_WEIGHT, NAMES_WEIGHT, SENTINEL, SearchEntries
from .validate import schemas

# Kind of record -> URL folder. Readable Vietnamese, stable: a reference that
# later gets its full text imported keeps its URL.
SECTION = {
    "document": "van-ban",
    "campaign": "phong-trao",
    "body": "co-quan",
    "locality": "dia-ban",
}
INDEX_PAGES = {
    "home": "index.md",
    "documents": "van-ban/index.md",
    "references": "van-ban-trich-dan/index.md",
    "campaigns": "phong-trao/index.md",
    "bodies": "co-quan/index.md",
    "localities": "dia-ban/index.md",
    "matrix": "phong-trao-dia-ban/index.md",
    "deadlines": "han/index.md",
    "targets": "chi-tieu/index.md",
    "format": "du-lieu/index.md",
    "quality": "chat-luong/index.md",
}
SCHEMA_FOLDER = "du-lieu/schema"
# Items per category on the quality page: the page stays small at any scale;
# `validate --report` prints them all.
QUALITY_PAGE_LIMIT = 200
# Calendar feeds: every deadline, and one per locality and per campaign.
FEEDS = {
    "all": "han/tat-ca.ics",
    "locality": "han/dia-ban/{id}.ics",
    "campaign": "han/phong-trao/{id}.ics",
}


def feed_uri(kind: str, record_id: str = "") -> str:
    return FEEDS[kind].format(id=record_id)

ROLE_HEADINGS = {
    "căn cứ": "Căn cứ",
    "thực hiện": "Thực hiện",
    "theo": "Theo",
    "nhắc đến": "Nhắc đến",
    "chú thích": "Trong chú thích",
}


@dataclass(frozen=True)
class Page:
    uri: str  # source path, "van-ban/chi-thi-05-ct-tw-2016.md"
    content: str


@dataclass(frozen=True)
class Asset:
    uri: str  # "du-lieu/schema/document.schema.json"
    content: bytes


def entity_uri(kind: str, record_id: str) -> str:
    return f"{SECTION[kind]}/{record_id}.md"


def url_of(uri: str) -> str:
    """Directory URL of a source path: "a/index.md" -> "a/", "a/b.md" -> "a/b/"."""
    stem = uri[: -len(".md")] if uri.endswith(".md") else uri
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/" if uri.endswith(".md") else uri


class Linker:
    """Relative hrefs from one page, so the site works from any folder or
    file server, offline."""

    def __init__(self, uri: str):
        self.base = url_of(uri)

    def to_uri(self, uri: str, anchor: str | None = None) -> str:
        target = url_of(uri)
        rel = posixpath.relpath(target or ".", self.base or ".")
        rel = "./" if rel == "." else rel + ("/" if target.endswith("/") else "")
        return rel + (f"#{anchor}" if anchor else "")

    def __call__(self, kind: str, record_id: str, anchor: str | None = None) -> str:
        return self.to_uri(entity_uri(kind, record_id), anchor)

    def page(self, name: str, anchor: str | None = None) -> str:
        return self.to_uri(INDEX_PAGES[name], anchor)

    def asset(self, uri: str) -> str:
        return posixpath.relpath(uri, self.base or ".")

    def feed(self, kind: str, record_id: str = "") -> str:
        return self.asset(feed_uri(kind, record_id))


def _vi_date(value: PartialDate | dt.date | None) -> str:
    if value is None:
        return "không rõ ngày"
    if isinstance(value, dt.date):
        return f"{value.day:02d}/{value.month}/{value.year}"
    return value.vi()


def _front_matter(title: str, hide: tuple[str, ...] = ()) -> Markup:
    # json strings are valid YAML; the title is escaped once for HTML because
    # the theme prints it raw inside <title>. `hide` takes Material's
    # sidebars away on wide pages (the campaigns × localities table).
    lines = ["---", f"title: {json.dumps(str(Markup.escape(title)), ensure_ascii=False)}"]
    if hide:
        lines.append(f"hide: {json.dumps(list(hide))}")
    return Markup("\n".join([*lines, "---"]))


class SiteRenderer:
    """Renders every page of the site from one knowledge base and its graph."""

    def __init__(self, graph: Graph, today: dt.date, site_name: str = "Sổ tay thi đua",
                 site_url: str | None = None):
        self.g = graph
        self.kb = graph.kb
        self.today = today
        self.site_name = site_name
        # Absolute address of the published site, for calendar events (ICS
        # needs absolute URLs); None leaves the events without a URL.
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.schedule = Schedule(graph, today)
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("sotay", "templates"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
        )
        self.env.filters["vi_date"] = _vi_date
        self.env.filters["capitalize_first"] = lambda s: s[:1].upper() + s[1:]
        self.env.globals.update(
            kb=self.kb,
            g=self.g,
            today=today,
            ROLE_HEADINGS=ROLE_HEADINGS,
            CITATION_ROLES=CITATION_ROLES,
            LEVELS=LEVELS,
            front_matter=_front_matter,
            search=SearchEntries(graph),  # Pagefind metadata and keywords (search.py)
            SENTINEL=SENTINEL,
            NAMES_WEIGHT=NAMES_WEIGHT,
            CONTENT_WEIGHT=CONTENT_WEIGHT,
            schedule=self.schedule,
            by_month=by_month,
            level_slug=level_slug,
            sentence_anchor=self.sentence_anchor,
            reminder_days=ical.REMINDER_DAYS,
            UPCOMING=UPCOMING,
            PAST=PAST,
            UNDATED=UNDATED,
            document_sort_key=document_sort_key,
            campaign_sort_key=campaign_sort_key,
        )

    # --- helpers used by templates --------------------------------------

    def _render(self, template: str, uri: str, **context: Any) -> Page:
        content = self.env.get_template(template).render(link=Linker(uri), uri=uri, **context)
        return Page(uri, content)

    def document_blocks(self, doc: Document) -> list[annotate.Block]:
        """The full text with citations, campaigns, deadlines and targets in place."""
        assert doc.text is not None
        quotes = []
        for c in doc.citations:
            if c.quote:
                quotes.append((c.quote, "document", c.target, self.kb.documents[c.target].label))
        for m in doc.campaigns:
            if m.quote:
                quotes.append((m.quote, "campaign", m.campaign, self.kb.campaigns[m.campaign].name))
        links = annotate.place(doc.text, quotes)
        marks = annotate.mark(
            doc.text,
            [(d.quote, f"han-{d.id}", "han") for d in self.g.deadlines_for(self.g.deadlines_of_document.get(doc.id, ())) if d.quote]
            + [(t.text, f"chi-tieu-{t.id}", "chi-tieu") for t in self.g.targets_for(self.g.targets_of_document.get(doc.id, ()))],
        )
        return annotate.blocks(doc.text, links, marks)

    def sentence_anchor(self, d: Deadline) -> str | None:
        """The anchor of the sentence setting the deadline on its document's page
        (document_blocks marks it), or None when there is no text to point into."""
        return f"han-{d.id}" if d.quote and self.kb.documents[d.source].has_text else None

    def deadline_url(self, d: Deadline) -> str | None:
        """Absolute address of the deadline's sentence, for calendar events."""
        if not self.site_url:
            return None
        anchor = self.sentence_anchor(d)
        page = self.site_url + url_of(entity_uri("document", d.source))
        return page + (f"#{anchor}" if anchor else "")

    @cached_property
    def _document_localities(self) -> dict[str, str]:
        return {d: self.g.locality_of_document(d) for d in self.kb.documents}

    # --- pages ------------------------------------------------------------

    def pages(self) -> Iterator[Page]:
        kb = self.kb
        for doc in kb.documents.values():
            uri = entity_uri("document", doc.id)
            yield self._render(
                "document.md.j2", uri, doc=doc,
                blocks=self.document_blocks(doc) if doc.has_text else [],
            )
        for campaign in kb.campaigns.values():
            yield self._render("campaign.md.j2", entity_uri("campaign", campaign.id), c=campaign)
        for body in kb.bodies.values():
            yield self._render("body.md.j2", entity_uri("body", body.id), b=body)
        for loc in kb.localities.values():
            yield self._render("locality.md.j2", entity_uri("locality", loc.id), loc=loc)

        documents = sorted((d for d in kb.documents.values() if d.has_text), key=document_sort_key, reverse=True)
        references = sorted((d for d in kb.documents.values() if not d.has_text), key=document_sort_key)
        yield self._render("home.md.j2", INDEX_PAGES["home"], documents=documents, references=references)
        yield self._render("documents.md.j2", INDEX_PAGES["documents"], documents=documents)
        yield self._render("references.md.j2", INDEX_PAGES["references"], references=references)
        yield self._render("campaigns.md.j2", INDEX_PAGES["campaigns"])
        yield self._render("bodies.md.j2", INDEX_PAGES["bodies"])
        yield self._render("localities.md.j2", INDEX_PAGES["localities"])
        rows, cols, cells = self.g.matrix()
        yield self._render("matrix.md.j2", INDEX_PAGES["matrix"], rows=rows, cols=cols, cells=cells)
        yield self._render("deadlines.md.j2", INDEX_PAGES["deadlines"],
                           occurrences=self.schedule.all(),
                           options=self.schedule.filter_options())
        yield self._render("targets.md.j2", INDEX_PAGES["targets"], targets=self.g.targets_for(kb.targets))
        yield self._render("quality.md.j2", INDEX_PAGES["quality"],
                           doubts=quality.report(self.g, self.today), categories=quality.CATEGORIES,
                           limit=QUALITY_PAGE_LIMIT)
        yield self._render("format.md.j2", INDEX_PAGES["format"], schemas=field_tables(),
                           schema_folder=SCHEMA_FOLDER)

    def assets(self) -> Iterator[Asset]:
        """The published JSON Schemas, so editors can point at the site's copy;
        the calendar feeds."""
        for name, body in sorted(schemas().items()):
            yield Asset(f"{SCHEMA_FOLDER}/{name}",
                        json.dumps(body, ensure_ascii=False, indent=2).encode("utf-8"))
        yield from self.feeds()

    def feeds(self) -> Iterator[Asset]:
        """Calendar feeds: every deadline; each locality's (its documents and those
        of the units under it, as on its page); each campaign's (with its local
        forms and parts). Empty feeds are published too, so staff can subscribe
        ahead of the first deadline."""
        kb, g = self.kb, self.g

        def make(title: str, deadlines) -> bytes:
            return ical.feed(f"{title} — {self.site_name}", deadlines, g, self.today,
                             self.deadline_url)

        yield Asset(feed_uri("all"), make("Thời hạn", kb.deadlines.values()))
        for loc in kb.localities.values():
            docs = [d.id for d in g.documents_in(loc.id)]
            yield Asset(feed_uri("locality", loc.id),
                        make(f"Thời hạn: {loc.name}", g.deadlines_of_documents(docs)))
        for c in kb.campaigns.values():
            deadlines = g.deadlines_of_campaigns(g.campaign_family(c.id))
            yield Asset(feed_uri("campaign", c.id), make(f"Thời hạn: {c.name}", deadlines))


def render_site(graph: Graph, today: dt.date,
                site_url: str | None = None) -> tuple[list[Page], list[Asset]]:
    """Every page and asset of the site; `site_url` makes calendar events link back."""
    renderer = SiteRenderer(graph, today, site_url=site_url)
    return list(renderer.pages()), list(renderer.assets())
