"""Stage 4: the knowledge base and its graph -> site pages (Markdown + HTML).

Builder-agnostic: pages are (source path, Markdown text) pairs any
Markdown site builder can take (MkDocs today, through hooks/). All markup
comes from Jinja templates with autoescape on, so text from the data is
always text, never markup. Links between generated pages are computed here,
relative, for directory URLs ("van-ban/chi-thi-05-ct-tw-2016/").

No page grows with the knowledge base: long lists are cut on entity pages
and paginated in listings of their own, long index pages are paginated
(sotay/site/paging.py has the rules, the thresholds and the addresses).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import itertools
import json
import multiprocessing
import os
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

import jinja2
from markupsafe import Markup

from sotay.text import annotate
from sotay.site import collector
from sotay.site import fragments
from sotay.outputs import ical
from sotay.site import paging
from sotay.outputs import quality
from sotay.data.errors import DataError, Problem
from sotay.graph.relations import CITATION_ROLES, LEVELS, ROLE_HEADINGS, Graph, campaign_sort_key, document_sort_key
from sotay.site.incremental import Derived, Job, Output, Previous, Read, ReadLog, changes, entries, reusable, tracked
from sotay.data.load import FOLDER_OF_KIND
from sotay.data.model import Deadline, Document
from sotay.graph.schedule import PAST, UNDATED, UPCOMING, YEARLY, Occurrence, Schedule, by_month, level_slug
from sotay.data.schemadoc import field_tables
from sotay.outputs.templating import Asset, Page, template_environment
from sotay.outputs.search import CONTENT_WEIGHT, NAMES_WEIGHT, SENTINEL, SearchEntries
from sotay.data.schema_check import schemas

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
# Pages 2 on of the campaigns × localities table: phong-trao-dia-ban/trang-2/.
MATRIX_FOLDER = "phong-trao-dia-ban"
# Past paging.DEADLINES_PAGE_LIMIT rows, han/ keeps the soonest upcoming
# deadlines and every month gets a page, "han/2024-07/" ("han/2024/" for year-only dates),
# the relative ones "han/tuong-doi/" when there are many. Beside the feeds
# ("han/tat-ca.ics", "han/dia-ban/", "han/phong-trao/"), no name is shared.
DEADLINES_FOLDER = "han"
UNDATED_FOLDER = "tuong-doi"
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

def entity_uri(kind: str, record_id: str) -> str:
    return f"{SECTION[kind]}/{record_id}.md"


@dataclass(frozen=True)
class Listing:
    """A list of an entity's page that can grow without bound. When it is
    longer than paging.LIST_LIMIT the page shows part of it and links to its
    full listing, in pages, at "<section>/<id>/<name>/" (see paging.py)."""

    kind: str  # the entity's kind: "locality"
    name: str  # folder below the entity's URL: "van-ban"
    noun: str  # what one entry is: "văn bản", "hạn", "lượt trích dẫn"
    title: str  # heading of the listing; {name} is the entity's name
    order: str  # how the listing is ordered, said under its heading


LISTINGS = {
    (x.kind, x.name): x for x in (
        Listing("locality", "van-ban", "văn bản", "Văn bản của {name}",
                "Văn bản do cơ quan của địa bàn và của các đơn vị trực thuộc ban hành, cũ nhất trước."),
        Listing("locality", "phong-trao", "phong trào", "Phong trào được văn bản của {name} nhắc đến",
                "Phong trào gốc (hình thức địa phương được tính vào phong trào gốc), được nhắc đến "
                "trong nhiều văn bản nhất trước."),
        Listing("locality", "han", "hạn", "Hạn của {name}",
                "Hạn do văn bản của địa bàn và của các đơn vị trực thuộc đặt ra: sắp tới (gần nhất trước), "
                "rồi đã qua (gần nhất trước), rồi hạn chỉ ghi tương đối."),
        Listing("body", "van-ban", "văn bản", "Văn bản của {name}", "Văn bản cơ quan ban hành, cũ nhất trước."),
        Listing("body", "han", "hạn", "Hạn nộp về {name}",
                "Sắp tới (gần nhất trước), rồi đã qua (gần nhất trước), rồi hạn chỉ ghi tương đối."),
        Listing("campaign", "van-ban", "văn bản", "Văn bản nhắc đến «{name}»",
                "Văn bản nhắc đến phong trào hoặc hình thức địa phương, đợt thi đua thành phần của nó, "
                "theo địa bàn (theo tỉnh), trong mỗi địa bàn cũ nhất trước."),
        Listing("campaign", "hinh-thuc-dia-phuong", "hình thức địa phương", "Hình thức địa phương của «{name}»",
                "Phong trào của các địa phương lấy phong trào này làm gốc, kèm địa bàn và thời gian."),
        Listing("campaign", "han", "hạn", "Hạn của «{name}»",
                "Hạn gắn với phong trào và các hình thức địa phương: sắp tới (gần nhất trước), "
                "rồi đã qua (gần nhất trước), rồi hạn chỉ ghi tương đối."),
        Listing("document", "duoc-trich-dan", "lượt trích dẫn", "Văn bản trích dẫn {name}",
                "Theo vai trò trích dẫn (căn cứ, thực hiện, theo, nhắc đến, chú thích)."),
    )
}


def listing_folder(kind: str, record_id: str, name: str) -> str:
    """ "dia-ban/viet-nam/van-ban": below the entity's own URL, where no record
    can be (paging.py)."""
    return f"{SECTION[kind]}/{record_id}/{name}"


def recency(doc: Document) -> tuple:
    """Higher is more recent; undated documents count as the oldest."""
    return (doc.date is not None, doc.date.sort_key() if doc.date else (0, 0, 0), doc.label)


def runs(items: Iterable, key: Callable[[Any], Any]) -> list[tuple[Any, list]]:
    """Consecutive entries sharing a key, as (key, entries): a page of a
    grouped listing keeps the listing's groups in their order."""
    return [(k, list(group)) for k, group in itertools.groupby(items, key)]


def _month_key(month: str) -> tuple[int, int]:
    """ "2024-07" -> (2024, 7); a year-only page "2024" after its December."""
    year, _, m = month.partition("-")
    return int(year), int(m) if m else 13


def _month_label(month: str) -> str:
    if month == UNDATED_FOLDER:
        return "Hạn tương đối"
    year, m = _month_key(month)
    return f"Tháng {m}/{year}" if m != 13 else f"Năm {year}"


def _status_counts(items: Iterable[Occurrence]) -> dict[str, int]:
    counts = {UPCOMING: 0, PAST: 0, UNDATED: 0}
    for o in items:
        counts[o.status] += 1
    return counts


def _month_table(months: dict[str, list[Occurrence]]) -> list[dict[str, Any]]:
    """The month pages as a calendar: one row per year (latest first), a cell
    per month (and one for year-only dates) with its counts."""
    years: dict[int, dict[int, dict[str, Any]]] = defaultdict(dict)
    for month, items in months.items():
        year, m = _month_key(month)
        years[year][m] = {"month": month, "label": _month_label(month), **_status_counts(items),
                          "total": len(items)}
    return [{"year": year, "cells": [cells.get(m) for m in range(1, 14)]}
            for year, cells in sorted(years.items(), reverse=True)]


@dataclass(frozen=True)
class MatrixCell:
    count: int  # documents
    anchor: str  # locality whose section on the campaign page the cell links to


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
    file server, offline.

    A big page links tens of thousands of times: the relative path is worked
    out from the path segments (the page's own split once, here), not with
    posixpath.relpath, which makes both paths absolute first (~60 µs a link).
    """

    def __init__(self, uri: str):
        self.base = url_of(uri)
        self._base_parts = tuple(p for p in self.base.split("/") if p)
        self._depth = len(self._base_parts)

    def _relative(self, target: str) -> str:
        """posixpath.relpath(target or ".", self.base or "."), for our
        normalised paths (no "." or ".." segments, no leading "/")."""
        parts = [p for p in target.split("/") if p]
        base = self._base_parts
        common, limit = 0, min(len(parts), self._depth)
        while common < limit and parts[common] == base[common]:
            common += 1
        rel = [".."] * (self._depth - common) + parts[common:]
        return "/".join(rel) if rel else "."

    def to_uri(self, uri: str, anchor: str | None = None) -> str:
        target = url_of(uri)
        rel = self._relative(target)
        rel = "./" if rel == "." else rel + ("/" if target.endswith("/") else "")
        return rel + (f"#{anchor}" if anchor else "")

    def __call__(self, kind: str, record_id: str, anchor: str | None = None) -> str:
        return self.to_uri(entity_uri(kind, record_id), anchor)

    def page(self, name: str, anchor: str | None = None) -> str:
        return self.to_uri(INDEX_PAGES[name], anchor)

    def listing(self, kind: str, record_id: str, name: str, number: int = 1,
                anchor: str | None = None) -> str:
        """Page `number` of an entity's full listing (LISTINGS)."""
        return self.to_uri(paging.page_uri(listing_folder(kind, record_id, name), number), anchor)

    def asset(self, uri: str) -> str:
        return self._relative(uri)

    def feed(self, kind: str, record_id: str = "") -> str:
        return self.asset(feed_uri(kind, record_id))


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
                 site_url: str | None = None, log: ReadLog | None = None):
        # `graph` is a tracked() view logging into `log` when the render
        # records what each page reads (sotay/site/incremental.py)
        self.log = log
        self.g = graph
        self.kb = graph.kb
        self.today = today
        self.site_name = site_name
        # Absolute address of the published site, for calendar events (ICS
        # needs absolute URLs); None leaves the events without a URL.
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.schedule = Schedule(graph, today)
        self._occurrences: dict[str, int] = {}  # deadline -> rows (listing_size)
        self._shared_values: dict[tuple, tuple[Any, frozenset]] = {}  # _shared(), _list()
        self._parts: dict[tuple, tuple[Any, Any, frozenset, frozenset]] = {}  # _part()
        self.env = template_environment()
        self.env.globals.update(
            kb=self.kb,
            g=self.g,
            today=today,
            ROLE_HEADINGS=ROLE_HEADINGS,
            CITATION_ROLES=CITATION_ROLES,
            LEVELS=LEVELS,
            front_matter=_front_matter,
            **fragments.GLOBALS,  # links and full text, written in Python (fragments.py)
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
            # long lists (paging.py)
            vi_number=paging.vi_number,
            is_cut=paging.is_cut,
            long_list=self.long_list,
            LISTINGS=LISTINGS,
            by_role=lambda citations: runs(citations, lambda c: c.role),
            by_locality=lambda items: runs(items, lambda item: self.g.locality_of_document(item[0].id)),
            campaign_localities=self.campaign_localities,
            local_forms=lambda c_id: [a for a in self.g.campaign_family(c_id)
                                      if a != c_id and self.kb.campaigns[a].adapts],
            paging=paging,  # its thresholds read when a page renders: tests lower them
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

    # --- long lists (paging.py) ---------------------------------------------

    def _shared(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """`compute()`, once per render for all the pages that need it: the
        pages of one listing all need the whole list (at 10,000 documents,
        sorting them again for each of 50 pages costs seconds).

        When the render records what each page reads (sotay/site/incremental.py),
        what computing the value read is recorded again for every page that
        takes it from here, so an incremental build still re-renders each of
        them when that input changes."""
        log = self.log
        if key in self._shared_values:
            value, reads = self._shared_values[key]
            if log is not None:
                log.replay(reads)
            return value
        if log is None:
            value, reads = compute(), frozenset()
        else:
            value, reads = log.recording(compute)
        self._shared_values[key] = (value, reads)
        return value

    def _list(self, list_key: tuple) -> tuple[list, frozenset[Read]]:
        """A whole long list, made once per render, and what making it read
        (not logged for the page asking: see _part). `list_key`:
        ("listing", kind, name, record_id) for an entity's list (LISTINGS),
        ("index", name) for a long index page's (_index_lists)."""
        if list_key not in self._shared_values:
            if list_key[0] == "listing":
                compute = partial(self._listing_items, *list_key[1:])
            elif list_key[0] == "index":
                compute = self._index_lists()[list_key[1]][1]
            else:
                compute = self._compute_matrix
            self._shared_values[list_key] = (self.log.isolated(compute) if self.log is not None
                                             else (compute(), frozenset()))
        return self._shared_values[list_key]

    def _part(self, key: tuple) -> Any:
        """The part of a long list a page shows (see _make_part for `key`).

        When the render records reads, the page depends on the part's shape
        (incremental.Derived) and on each entry's own record, not on every
        record the list was made from: page 7 of a locality's documents is
        not rendered again when a document on page 3 gets a new subject."""
        value, shape, entry_reads, list_reads = self._made_part(key)
        if self.log is not None:
            if shape is None:  # entries without a key (incremental.entry): the whole list
                self.log.reads |= list_reads
            else:
                self.log.reads |= entry_reads
                self.log.derived.append(Derived(key, shape, list_reads))
        return value

    def _made_part(self, key: tuple) -> tuple[Any, Any, frozenset, frozenset]:
        made = self._parts.get(key)
        if made is None:
            made = self._parts[key] = self._make_part(key)
        return made

    def _make_part(self, key: tuple) -> tuple[Any, Any, frozenset, frozenset]:
        """(value, shape, reads of its entries, reads of the whole list) of

        - ("page", list_key, folder, number): (entries shown, pager,
          where the page continues from: _continues);
        - ("preview", list_key): paging.Preview;
        - ("matrix", number): a page of the campaigns × localities table,
          all of it plain values, its own shape."""
        if key[0] == "matrix":
            (rows, cols, cells, level), list_reads = self._list(("matrix",))
            shown, pager = paging.paginate(rows, MATRIX_FOLDER, key[1], paging.MATRIX_ROWS_PER_PAGE)
            on_page = set(shown)
            cells = {(row, col): cell for (row, col), cell in cells.items() if row in on_page}
            used = {col for (row, col) in cells}
            value: Any = (shown, [c for c in cols if c in used], cells, level, pager, len(rows), len(cols))
            return value, value, frozenset(), list_reads
        items, list_reads = self._list(key[1])
        more: frozenset[Read] = frozenset()
        if key[0] == "page":
            folder, number = key[2:]
            shown, pager = paging.paginate(items, folder, number)
            marker = self._continues(key[1])
            continues = None
            if marker is not None and number > 1 and shown:
                if self.log is None:
                    continues = marker(items[pager.start - 2])
                else:
                    continues, more = self.log.isolated(partial(marker, items[pager.start - 2]))
            value = (shown, pager, continues)
            parts, extra = shown, (pager, continues)
        else:
            _, kind, name, _ = key[1]
            value = paging.preview(items, self._recency(kind, name))
            parts, extra = value.shown, value.total
        if self.log is None:
            return value, None, frozenset(), list_reads
        try:
            keys, entry_reads = entries(parts)
        except TypeError:
            return value, None, frozenset(), list_reads
        return value, (keys, extra), entry_reads | more, list_reads

    def _continues(self, list_key: tuple) -> Callable[[Any], Any] | None:
        """What a page after the first says it continues from, given the
        entry before it: the locality a campaign's documents are grouped by,
        the role of a citation, the group (kind, level) of an index page.
        The page depends on that, not on the whole entry before it."""
        if list_key[0] == "index":
            return self._index_lists()[list_key[1]][2]
        if list_key[1:3] == ("campaign", "van-ban"):
            return lambda item: self.g.locality_of_document(item[0].id)
        if list_key[1:3] == ("document", "duoc-trich-dan"):
            return lambda citation: citation.role
        return None

    def part_shape(self, key: tuple) -> tuple[Any, frozenset[Read]]:
        """The shape of part `key` in this build and the reads of its list
        (incremental.reusable, deciding whether a page is rendered again)."""
        _, shape, _, list_reads = self._made_part(key)
        return shape, list_reads

    def listing_items(self, kind: str, name: str, record_id: str) -> list:
        """Every entry of one of an entity's long lists (LISTINGS), in the order
        its page and its full listing show them. Who asks depends on all of it."""
        items, reads = self._list(("listing", kind, name, record_id))
        if self.log is not None:
            self.log.replay(reads)
        return items

    def _listing_items(self, kind: str, name: str, record_id: str) -> list:
        g = self.g
        if kind == "locality":
            if name == "phong-trao":
                return g.campaigns_mentioned_in(record_id)
            docs = g.documents_in(record_id)
            if name == "van-ban":
                return docs
            return self.schedule.occurrences(g.deadlines_of_documents(d.id for d in docs))
        if kind == "body":
            if name == "van-ban":
                return g.documents_by(record_id)
            return self.schedule.occurrences(g.deadlines_to_body.get(record_id, ()))
        if kind == "campaign":
            if name == "hinh-thuc-dia-phuong":
                return list(g.adaptations.get(record_id, ()))
            if name == "van-ban":
                return [item for _, items in g.group_by_locality(g.documents_about(record_id)) for item in items]
            return self.schedule.occurrences(g.deadlines_of_campaigns(g.campaign_family(record_id)))
        if kind == "document":
            return [c for _, cs in g.cited_by_role(record_id) for c in cs]
        raise KeyError((kind, name))

    def listing_size(self, kind: str, name: str, record_id: str) -> int:
        """len(listing_items(...)), without sorting anything: the jobs of a
        build (and of every `mkdocs serve` rebuild) ask it of every record."""
        g, kb = self.g, self.kb

        def docs_in(loc: str) -> Iterator[str]:
            for unit in g.descendants(loc):
                for body in g.bodies_of_locality.get(unit, ()):
                    yield from g.documents_of_body.get(body, ())

        def occurrences(deadline_ids: Iterable[str]) -> int:
            return sum(self._occurrence_count(d) for d in set(deadline_ids))

        if kind == "locality":
            if name == "van-ban":
                return sum(1 for _ in docs_in(record_id))
            if name == "han":
                return occurrences(d for doc in docs_in(record_id) for d in g.deadlines_of_document.get(doc, ()))
            return len({g.campaign_root(m.campaign) for doc in docs_in(record_id)
                        for m in kb.documents[doc].campaigns})
        if kind == "body":
            if name == "van-ban":
                return len(g.documents_of_body.get(record_id, ()))
            return occurrences(g.deadlines_to_body.get(record_id, ()))
        if kind == "campaign":
            family = g.campaign_family(record_id)
            if name == "hinh-thuc-dia-phuong":
                return len(g.adaptations.get(record_id, ()))
            if name == "han":
                return occurrences(d for c in family for d in g.deadlines_of_campaign.get(c, ()))
            return g.count_documents_about(record_id)
        if kind == "document":
            return len(g.cited_by.get(record_id, ()))
        raise KeyError((kind, name))

    def _occurrence_count(self, deadline_id: str) -> int:
        """Rows of one deadline in a deadline table (a yearly one has several)."""
        if deadline_id not in self._occurrences:
            d = self.kb.deadlines[deadline_id]
            once = d.date is None or d.recurrence != YEARLY
            self._occurrences[deadline_id] = 1 if once else len(self.schedule.occurrences([d]))
        return self._occurrences[deadline_id]

    def _recency(self, kind: str, name: str) -> Callable[[Any], Any] | None:
        """How "most recent" ranks the entries of a list. None: the list already
        starts with what matters most (deadlines: the soonest; campaigns: the
        most mentioned; local forms: in their order), its head is shown."""
        if name == "van-ban":
            return (lambda item: recency(item[0])) if kind == "campaign" else recency
        if name == "duoc-trich-dan":
            return lambda c: recency(self.kb.documents[c.source])
        return None

    def long_list(self, kind: str, name: str, record_id: str) -> paging.Preview:
        """What the entity's page shows of one of its lists: all of it, or its
        most recent entries and a link to the full listing."""
        return self._part(("preview", ("listing", kind, name, record_id)))

    def campaign_localities(self, campaign_id: str) -> list[dict[str, Any]]:
        """A long campaign page's by-locality table: each locality of the
        documents, in the listing's order, with its count, its most recent
        documents and the page of the full listing where its documents start."""
        rows: list[dict[str, Any]] = []
        position = 0
        for loc, items in self.g.group_by_locality(self.g.documents_about(campaign_id)):
            latest = sorted((doc for doc, _ in items), key=recency, reverse=True)
            rows.append({"loc": loc, "count": len(items), "page": paging.page_of(position),
                         "latest": latest[:paging.CAMPAIGN_DOCS_PER_LOCALITY]})
            position += len(items)
        return rows

    # --- pages ------------------------------------------------------------

    def jobs(self) -> Iterator[Job]:
        """(uri, make) for every page and asset: `make()` renders it. Lazy, so
        an incremental build renders only the pages whose inputs changed.

        Two pages never share an address: a record whose id looked like a
        page of a listing ("trang-2") stops the build with a message rather
        than hiding one of them (paging.py)."""
        owners: dict[str, str] = {}
        for uri, make in self._jobs():
            url = url_of(uri)  # "phong-trao/trang-2.md" and "phong-trao/trang-2/index.md" clash
            if url in owners:
                raise self._clash(url, owners[url], uri)
            owners[url] = uri
            yield uri, make

    def _clash(self, url: str, *uris: str) -> DataError:
        """The error of a record whose page would take the address of another page."""
        for uri in uris:
            for kind, section in SECTION.items():
                record_id = uri[len(section) + 1: -len(".md")]
                if uri.startswith(f"{section}/") and "/" not in record_id and record_id != "index":
                    path = self.kb.paths.get((kind, record_id)) or f"data/{FOLDER_OF_KIND[kind]}/{record_id}.yaml"
                    return DataError([Problem(path, None, "", f"mã '{record_id}' trùng địa chỉ {url} của "
                                              "một trang danh sách", "đổi mã bản ghi (tên tệp)")])
        return DataError([Problem(url, None, "", "hai trang cùng một địa chỉ")])

    def _jobs(self) -> Iterator[Job]:
        kb = self.kb
        for doc_id in list(kb.documents.keys()):
            yield entity_uri("document", doc_id), partial(self._document_page, doc_id)
        for kind, template, name in (("campaign", "campaign.md.j2", "c"), ("body", "body.md.j2", "b"),
                                     ("locality", "locality.md.j2", "loc")):
            for record_id in list(self._records(kind).keys()):
                yield entity_uri(kind, record_id), partial(self._entity_page, kind, template, name, record_id)
        yield from self._listing_jobs()
        for name, make in self._index_pages().items():
            yield INDEX_PAGES[name], make
        yield from self._index_page_jobs()
        for name, body in sorted(schemas().items()):
            yield f"{SCHEMA_FOLDER}/{name}", partial(
                Asset, f"{SCHEMA_FOLDER}/{name}", json.dumps(body, ensure_ascii=False, indent=2).encode("utf-8"))
        yield from self._feed_jobs()

    def _listing_jobs(self) -> Iterator[Job]:
        """The pages of every full listing: one per PAGE_SIZE entries of each
        list its entity's page cuts."""
        for (kind, name) in LISTINGS:
            for record_id in list(self._records(kind).keys()):
                total = self.listing_size(kind, name, record_id)
                if not paging.is_cut(total):
                    continue
                folder = listing_folder(kind, record_id, name)
                for number in range(1, paging.page_count(total) + 1):
                    yield paging.page_uri(folder, number), partial(self._listing_page, kind, name, record_id, number)

    def _listing_page(self, kind: str, name: str, record_id: str, number: int) -> Page:
        listing = LISTINGS[(kind, name)]
        record = self._records(kind)[record_id]
        label = record.label if kind == "document" else record.name
        folder = listing_folder(kind, record_id, name)
        shown, pager, continues = self._part(("page", ("listing", kind, name, record_id), folder, number))
        return self._render("listing.md.j2", pager.uri(number), listing=listing, kind=kind, record=record,
                            title=listing.title.format(name=label), items=shown, pager=pager,
                            continues=continues)

    def _document_page(self, doc_id: str) -> Page:
        doc = self.kb.documents[doc_id]
        return self._render("document.md.j2", entity_uri("document", doc_id), doc=doc,
                            blocks=self.document_blocks(doc) if doc.has_text else [])

    def _records(self, kind: str) -> Mapping[str, Any]:
        """The knowledge base's records of one kind: "body" -> kb.bodies
        (its fields are named as the data/ folders)."""
        return getattr(self.kb, FOLDER_OF_KIND[kind])

    def _entity_page(self, kind: str, template: str, name: str, record_id: str) -> Page:
        return self._render(template, entity_uri(kind, record_id), **{name: self._records(kind)[record_id]})

    def _documents(self) -> list[Document]:
        return sorted((d for d in self.kb.documents.values() if d.has_text), key=document_sort_key, reverse=True)

    def _references(self) -> list[Document]:
        return sorted((d for d in self.kb.documents.values() if not d.has_text), key=document_sort_key)

    # --- index pages, paginated when long ------------------------------------

    def _index_lists(self) -> dict[str, tuple[str, Callable[[], list], Callable[[Any], Any] | None]]:
        """Index pages that are one long list: name -> (template, every entry
        in page order, the key of the groups headed on the page or None)."""
        kb = self.kb

        def by_level(records: Callable[[], Iterable]) -> Callable[[], list]:
            def leveled() -> list:
                items = list(records())
                return [r for level in LEVELS
                        for r in sorted((r for r in items if r.level == level), key=lambda r: r.name)]
            return leveled

        return {
            "documents": ("documents.md.j2", self._documents, None),
            "references": ("references.md.j2", lambda: sorted(self._references(), key=lambda d: d.kind),
                           lambda d: d.kind),
            "campaigns": ("campaigns.md.j2",
                          by_level(lambda: (c for c in kb.campaigns.values() if not c.adapts)),
                          lambda c: c.level),
            "bodies": ("bodies.md.j2", by_level(kb.bodies.values), lambda b: b.level),
            "targets": ("targets.md.j2", lambda: self.g.targets_for(kb.targets), None),
        }

    def _quality_page(self) -> Page:
        doubts = quality.report(self.g, self.today)
        # Grouped here, not with a filter per category in the template: at
        # 10,000 documents (4,678 doubts, 9 categories) the filters took
        # ~0.3 s of every rebuild under `mkdocs serve`, which renders this
        # page after any edit.
        by_category: dict[str, list[quality.Doubt]] = defaultdict(list)
        for doubt in doubts:
            by_category[doubt.category].append(doubt)
        return self._render("quality.md.j2", INDEX_PAGES["quality"], doubts=doubts,
                            by_category=by_category, categories=quality.CATEGORIES,
                            limit=QUALITY_PAGE_LIMIT)

    def _index_list_page(self, name: str, number: int) -> Page:
        template, _, group = self._index_lists()[name]
        folder = INDEX_PAGES[name][: -len("/index.md")]
        shown, pager, group_before = self._part(("page", ("index", name), folder, number))
        # the group (kind, level) the page starts inside of, to say "(tiếp)"
        continues = group_before if group_before is not None and group_before == group(shown[0]) else None
        return self._render(template, pager.uri(number), items=shown, pager=pager, total=pager.total,
                            groups=runs(shown, group) if group else None, continues=continues)

    def _index_pages(self) -> dict[str, Callable[[], Page]]:
        def page(name: str, template: str, **context: Callable[[], Any]) -> Callable[[], Page]:
            # context values are computed when the page renders, not before
            return lambda: self._render(template, INDEX_PAGES[name], **{k: f() for k, f in context.items()})

        pages: dict[str, Callable[[], Page]] = {
            "home": page("home", "home.md.j2", documents=self._documents, references=self._references),
            "localities": page("localities", "localities.md.j2"),
            "matrix": partial(self._matrix_page, 1),
            "deadlines": self._deadlines_page,
            "quality": self._quality_page,
            "format": page("format", "format.md.j2", schemas=field_tables,
                           schema_folder=lambda: SCHEMA_FOLDER),
        }
        for name in self._index_lists():
            pages[name] = partial(self._index_list_page, name, 1)
        order = ("home", "documents", "references", "campaigns", "bodies", "localities", "matrix",
                 "deadlines", "targets", "quality", "format")
        return {name: pages[name] for name in order}

    def _index_page_jobs(self) -> Iterator[Job]:
        """Page 2 on of the long index pages, the matrix and the deadlines."""
        for name in self._index_lists():
            folder = INDEX_PAGES[name][: -len("/index.md")]
            for number in range(2, paging.page_count(len(self._list(("index", name))[0])) + 1):
                yield paging.page_uri(folder, number), partial(self._index_list_page, name, number)
        rows = self._list(("matrix",))[0][0]
        for number in range(2, paging.page_count(len(rows), paging.MATRIX_ROWS_PER_PAGE) + 1):
            yield paging.page_uri(MATRIX_FOLDER, number), partial(self._matrix_page, number)
        yield from self._deadline_part_jobs()

    # --- campaigns × localities ---------------------------------------------

    def _roll_up(self, loc: str, level: str) -> str:
        """The unit at `level` (or the nearest above it) that holds `loc`."""
        for unit in self.g.ancestors(loc):
            if LEVELS.index(self.kb.localities[unit].level) <= LEVELS.index(level):
                return unit
        return loc

    def _compute_matrix(self) -> tuple[list[str], list[str], dict[tuple[str, str], MatrixCell], str | None]:
        """Rows, columns and cells of the campaigns × localities table. Past
        MATRIX_MAX_COLUMNS localities the columns are rolled up to districts,
        then to provinces. A cell links to the campaign page's section of the
        first of its localities (in that page's order), which always exists."""
        g = self.g
        rows, cols, cells = g.matrix()
        level = None
        mapping = {c: c for c in cols}
        for up in ("huyện", "tỉnh"):
            if len(set(mapping.values())) <= paging.MATRIX_MAX_COLUMNS:
                break
            level = up
            mapping = {c: self._roll_up(c, up) for c in cols}
        merged: dict[tuple[str, str], list[str]] = defaultdict(list)
        counts: dict[tuple[str, str], int] = defaultdict(int)
        for (row, col), docs in cells.items():
            merged[(row, mapping[col])].append(col)
            counts[(row, mapping[col])] += len(docs)
        out = {key: MatrixCell(counts[key], min(locs, key=g._locality_sort_key)) for key, locs in merged.items()}
        columns = sorted(set(mapping.values()), key=g._locality_sort_key)
        return rows, columns, out, level

    def _matrix_page(self, number: int) -> Page:
        shown, cols, cells, level, pager, all_rows, all_cols = self._part(("matrix", number))
        return self._render("matrix.md.j2", pager.uri(number), rows=shown, cols=cols,
                            cells=cells, level=level, pager=pager, all_rows=all_rows, all_cols=all_cols)

    # --- deadlines ------------------------------------------------------------

    def _deadline_options(self, items: list[Occurrence]) -> dict[str, list]:
        """The filter choices of a deadlines page: those of its own rows
        (Schedule.filter_options over just these deadlines)."""
        deadlines = {o.deadline.id: o.deadline for o in items}
        if len(deadlines) == len(self.kb.deadlines):
            return self.schedule.filter_options()
        view = dataclasses.replace(self.g, kb=dataclasses.replace(self.kb, deadlines=deadlines))
        return Schedule(view, self.today).filter_options()

    @staticmethod
    def _month(o: Occurrence) -> str:
        """The page of a dated occurrence: "2024-07", or "2024" for a year-only date."""
        assert o.date is not None
        return f"{o.date.year}-{o.date.month:02d}" if o.date.month else f"{o.date.year}"

    def _deadline_parts(self) -> tuple[list[Occurrence], dict[str, list[Occurrence]], list[Occurrence]] | None:
        """None when every deadline fits on han/ (DEADLINES_PAGE_LIMIT rows);
        else (every occurrence, dated ones by month page, relative ones)."""
        return self._shared(("deadlines",), self._compute_deadline_parts)

    def _compute_deadline_parts(self) -> tuple[list[Occurrence], dict[str, list[Occurrence]],
                                               list[Occurrence]] | None:
        every = self.schedule.all()
        if len(every) <= paging.DEADLINES_PAGE_LIMIT:
            return None
        months: dict[str, list[Occurrence]] = defaultdict(list)
        for o in every:
            if o.date is not None:
                months[self._month(o)].append(o)
        ordered = dict(sorted(months.items(), key=lambda kv: _month_key(kv[0])))
        return every, ordered, [o for o in every if o.status == UNDATED]

    def _deadlines_page(self) -> Page:
        uri = INDEX_PAGES["deadlines"]
        parts = self._deadline_parts()
        if parts is None:
            every = self.schedule.all()
            return self._render("deadlines.md.j2", uri, occurrences=every, options=self._deadline_options(every),
                                counts=_status_counts(every), part=None)
        every, months, undated = parts
        upcoming = [o for o in every if o.status == UPCOMING]
        shown = upcoming[:paging.PAGE_SIZE]
        relative = undated if len(undated) <= paging.PAGE_SIZE else []
        part = {"kind": "overview", "months": _month_table(months), "more_upcoming": len(upcoming) - len(shown),
                "undated": len(undated), "undated_page": None if relative or not undated else
                paging.page_uri(f"{DEADLINES_FOLDER}/{UNDATED_FOLDER}", 1)}
        return self._render("deadlines.md.j2", uri, occurrences=shown + relative,
                            options=self._deadline_options(shown + relative), counts=_status_counts(every),
                            part=part)

    def _deadline_part_jobs(self) -> Iterator[Job]:
        parts = self._deadline_parts()
        if parts is None:
            return
        _, months, undated = parts
        for month, items in months.items():
            for number in range(1, paging.page_count(len(items)) + 1):
                yield (paging.page_uri(f"{DEADLINES_FOLDER}/{month}", number),
                       partial(self._deadline_part_page, month, number))
        if len(undated) > paging.PAGE_SIZE:
            for number in range(1, paging.page_count(len(undated)) + 1):
                yield (paging.page_uri(f"{DEADLINES_FOLDER}/{UNDATED_FOLDER}", number),
                       partial(self._deadline_part_page, UNDATED_FOLDER, number))

    def _deadline_part_page(self, month: str, number: int) -> Page:
        """One month's deadlines (or the relative ones), with the filters of han/."""
        parts = self._deadline_parts()
        assert parts is not None
        _, months, undated = parts
        items = undated if month == UNDATED_FOLDER else months[month]
        shown, pager = paging.paginate(items, f"{DEADLINES_FOLDER}/{month}", number)
        keys = list(months)
        at = keys.index(month) if month in months else None
        previous = keys[at - 1] if at else None
        following = keys[at + 1] if at is not None and at + 1 < len(keys) else None
        nav = {"previous": previous, "next": following,
               "previous_label": previous and _month_label(previous),
               "next_label": following and _month_label(following)}
        return self._render("deadlines_part.md.j2", pager.uri(number), occurrences=shown,
                            options=self._deadline_options(shown), counts=_status_counts(items), month=month,
                            label=_month_label(month), pager=pager, nav=nav, folder=DEADLINES_FOLDER)

    def pages(self) -> Iterator[Page]:
        for _, make in self.jobs():
            out = make()
            if isinstance(out, Page):
                yield out

    def assets(self) -> Iterator[Asset]:
        """The published JSON Schemas, so editors can point at the site's copy;
        the calendar feeds."""
        for _, make in self.jobs():
            out = make()
            if isinstance(out, Asset):
                yield out

    def _feed(self, title: str, deadlines: Callable[[], Any]) -> bytes:
        return ical.feed(f"{title} — {self.site_name}", deadlines(), self.g, self.today, self.deadline_url)

    def _feed_jobs(self) -> Iterator[Job]:
        """Calendar feeds: every deadline; each locality's (its documents and those
        of the units under it, as on its page); each campaign's (with its local
        forms and parts). Empty feeds are published too, so staff can subscribe
        ahead of the first deadline."""
        kb, g = self.kb, self.g

        def make(uri: str, title: Callable[[], str], deadlines: Callable[[], Any]) -> Job:
            return uri, lambda: Asset(uri, self._feed(title(), deadlines))

        yield make(feed_uri("all"), lambda: "Thời hạn", lambda: kb.deadlines.values())
        for loc_id in list(kb.localities.keys()):
            yield make(feed_uri("locality", loc_id), lambda i=loc_id: f"Thời hạn: {kb.localities[i].name}",
                       lambda i=loc_id: g.deadlines_of_documents(d.id for d in g.documents_in(i)))
        for c_id in list(kb.campaigns.keys()):
            yield make(feed_uri("campaign", c_id), lambda i=c_id: f"Thời hạn: {kb.campaigns[i].name}",
                       lambda i=c_id: g.deadlines_of_campaigns(g.campaign_family(i)))

    def feeds(self) -> Iterator[Asset]:
        for _, make in self._feed_jobs():
            yield make()


@dataclass
class Rendered:
    pages: list[Page]
    assets: list[Asset]
    rendered: int  # how many were rendered this time; the others were reused
    previous: Previous | None  # what an incremental build needs next time


# Below this many pages a second process costs more than it saves.
PARALLEL_MIN_JOBS = 400


def render(graph: Graph, today: dt.date, site_url: str | None = None, *,
           previous: Previous | None = None, track: bool = False, workers: int = 1) -> Rendered:
    """Every page and asset of the site.

    `track` records what each page reads, and `previous` (the `previous` of
    an earlier tracked call) lets pages whose inputs did not change be reused
    instead of rendered (sotay/site/incremental.py): `mkdocs serve` after an edit.
    `workers` > 1 renders in that many forked processes (a full build).
    """
    settings = (today, site_url)
    log = ReadLog() if track else None
    outputs: dict[str, Output] = {}
    todo: list[Job] = []
    # No automatic cyclic collection in the whole render: listing the jobs
    # and receiving the workers' pages make many objects, and each full
    # collection walks the ~3 million of the graph (10,000 documents: 0.8 s
    # of the 1.3 s spent before the first page). Pages collect their own
    # garbage (_collected_per_page).
    with collector.paused():
        renderer = SiteRenderer(tracked(graph, log) if log else graph, today, site_url=site_url,
                                log=log)
        changed = (changes(previous.graph, graph)
                   if previous is not None and previous.settings == settings else None)
        for uri, make in renderer.jobs():
            old = reusable(previous, settings, changed, uri, renderer.part_shape)
            if old is not None:
                outputs[uri] = old
            else:
                todo.append((uri, make))
                outputs[uri] = None  # type: ignore[assignment]  # keeps the order of jobs()
        if log is not None:
            log.take()  # what listing the jobs read belongs to no page
        for uri, out in _run(todo, log, workers):
            outputs[uri] = out
    values = [o.value for o in outputs.values()]
    return Rendered(
        pages=[v for v in values if isinstance(v, Page)],
        assets=[v for v in values if isinstance(v, Asset)],
        rendered=len(todo),
        previous=Previous(graph, settings, outputs) if track else None,
    )


def render_site(graph: Graph, today: dt.date, site_url: str | None = None,
                workers: int = 1) -> tuple[list[Page], list[Asset]]:
    """Every page and asset of the site; `site_url` makes calendar events link back."""
    out = render(graph, today, site_url, workers=workers)
    return out.pages, out.assets


# The jobs of a parallel render, inherited by the forked workers.
_JOBS: list[Job] = []
_LOG: ReadLog | None = None


def _work(indices: range) -> list[tuple[int, Output]]:
    out = []
    with _collected_per_page() as page_done:
        for i in indices:
            value = _JOBS[i][1]()
            out.append((i, Output(value, *_LOG.take()) if _LOG else Output(value, frozenset())))
            page_done()
    return out


@contextlib.contextmanager
def _collected_per_page() -> Iterator[Callable[[], None]]:
    """The cyclic collector run once after each page instead of every 700
    allocations. A page makes ~100,000 short-lived objects (segments of its
    full text, Jinja contexts); the automatic collector traces those alive
    at the moment it runs, and again as they age. After the page, nearly
    all of them are already freed by reference counting: the young
    collection only traces the page's output and the few cycles Jinja
    leaves (a macro and its context), which it frees. Serial render of
    10,000 documents: 35.5-36.4 s -> 34.1-34.6 s; same peak memory."""
    with collector.paused():
        yield lambda: gc.collect(0)


def _run(jobs: list[Job], log: ReadLog | None, workers: int) -> Iterator[tuple[str, Output]]:
    """Render `jobs`, in `workers` forked processes when there are enough.

    fork lets workers inherit the graph instead of receiving a pickled copy.
    A process that already runs threads (`mkdocs serve` and its file
    watcher) must not fork (a lock held by another thread stays locked in
    the child), so it renders in-process: there, after an edit, the jobs
    are few anyway.
    """
    global _JOBS, _LOG
    parallel = (workers > 1 and len(jobs) >= PARALLEL_MIN_JOBS and threading.active_count() == 1
                and "fork" in multiprocessing.get_all_start_methods())
    if not parallel:
        with _collected_per_page() as page_done:
            for uri, make in jobs:
                value = make()
                page_done()
                yield uri, Output(value, *log.take()) if log else Output(value, frozenset())
        return
    own = [job for job in jobs if _keeps_memo(job[0])]
    _JOBS, _LOG = [job for job in jobs if not _keeps_memo(job[0])], log
    try:
        # Small chunks: pages differ in cost (a month of deadlines takes
        # 0.2 s, a document 2 ms), and the last chunk to finish sets the
        # end; with 16 per worker one of them ran 3 s alone at the end.
        chunk = max(10, len(_JOBS) // (workers * 64))
        chunks = [range(i, min(i + chunk, len(_JOBS))) for i in range(0, len(_JOBS), chunk)]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            # The workers start on their chunks at once; this process, idle
            # otherwise while it waits, renders its own jobs meanwhile.
            done_by_workers = pool.imap_unordered(_work, chunks)
            with _collected_per_page() as page_done:
                for uri, make in own:
                    value = make()
                    page_done()
                    yield uri, Output(value, *log.take()) if log else Output(value, frozenset())
            for done in done_by_workers:
                for i, out in done:
                    yield _JOBS[i][0], out
    finally:
        _JOBS, _LOG = [], None


def _keeps_memo(uri: str) -> bool:
    """Jobs rendered by the calling process even in a parallel render: the
    calendar feeds (ical._event) and the quality page (quality._uncited)
    memoise per record, and under `mkdocs serve` the first build is parallel
    but every later one in-process. Memos filled in a forked worker die with
    it, and the first edit would then pay a cold ~4 s at 10,000 documents."""
    return uri.endswith(".ics") or uri == INDEX_PAGES["quality"]


def default_workers() -> int:
    """Both cores of the machine (or as many as the process may use)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
