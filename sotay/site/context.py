"""What every family of pages renders with, and what a family is.

RenderContext holds one render's inputs: the graph (a tracked() view when
the render records what each page reads: sotay/site/incremental.py), its
knowledge base, "today", the site's name and address, the schedule of
deadlines, the long lists and their parts (parts.py), and the Jinja
environment with the globals every template may call. A family adds the
globals of its own to that environment (long_list, sentence_anchor...).

A Family renders one kind of page (documents.py, listings.py, matrix.py...):
render.py asks every family in turn for its jobs, (uri, make) pairs, in four
rounds, so that the site's pages keep one order.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from markupsafe import Markup

from sotay.data.load import FOLDER_OF_KIND
from sotay.graph.relations import (
    CITATION_ROLES,
    LEVELS,
    ROLE_HEADINGS,
    Graph,
    campaign_sort_key,
    document_sort_key,
)
from sotay.graph.schedule import PAST, UNDATED, UPCOMING, Schedule, by_month, level_slug
from sotay.outputs import ical
from sotay.outputs.search import CONTENT_WEIGHT, NAMES_WEIGHT, SENTINEL, SearchEntries
from sotay.outputs.templating import Page, template_environment
from sotay.site import fragments, paging
from sotay.site.incremental import Job, ReadLog
from sotay.site.linker import Linker
from sotay.site.parts import Parts


def runs(items: Iterable, key: Callable[[Any], Any]) -> list[tuple[Any, list]]:
    """Consecutive entries sharing a key, as (key, entries): a page of a
    grouped listing keeps the listing's groups in their order."""
    return [(k, list(group)) for k, group in itertools.groupby(items, key)]


def front_matter(title: str, hide: tuple[str, ...] = ()) -> Markup:
    # json strings are valid YAML; the title is escaped once for HTML because
    # the theme prints it raw inside <title>. `hide` takes Material's
    # sidebars away on wide pages (the campaigns × localities table).
    lines = ["---", f"title: {json.dumps(str(Markup.escape(title)), ensure_ascii=False)}"]
    if hide:
        lines.append(f"hide: {json.dumps(list(hide))}")
    return Markup("\n".join([*lines, "---"]))


class RenderContext:
    """One render's graph, settings, lists and template environment."""

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
        self.parts = Parts(log)
        self.env = template_environment()
        self.env.globals.update(
            kb=self.kb,
            g=self.g,
            today=today,
            ROLE_HEADINGS=ROLE_HEADINGS,
            CITATION_ROLES=CITATION_ROLES,
            LEVELS=LEVELS,
            front_matter=front_matter,
            **fragments.GLOBALS,  # links and full text, written in Python (fragments.py)
            search=SearchEntries(graph),  # Pagefind metadata and keywords (search.py)
            SENTINEL=SENTINEL,
            NAMES_WEIGHT=NAMES_WEIGHT,
            CONTENT_WEIGHT=CONTENT_WEIGHT,
            schedule=self.schedule,
            by_month=by_month,
            level_slug=level_slug,
            reminder_days=ical.REMINDER_DAYS,
            UPCOMING=UPCOMING,
            PAST=PAST,
            UNDATED=UNDATED,
            document_sort_key=document_sort_key,
            campaign_sort_key=campaign_sort_key,
            # long lists (paging.py; the families add long_list and LISTINGS)
            vi_number=paging.vi_number,
            is_cut=paging.is_cut,
            by_role=lambda citations: runs(citations, lambda c: c.role),
            by_locality=lambda items: runs(items, lambda item: self.g.locality_of_document(item[0].id)),
            local_forms=lambda c_id: [a for a in self.g.campaign_family(c_id)
                                      if a != c_id and self.kb.campaigns[a].adapts],
            paging=paging,  # its thresholds read when a page renders: tests lower them
        )

    def render(self, template: str, uri: str, **context: Any) -> Page:
        """The page at `uri`, from `template`; its `link` makes hrefs relative to it."""
        content = self.env.get_template(template).render(link=Linker(uri), uri=uri, **context)
        return Page(uri, content)

    def records(self, kind: str) -> Mapping[str, Any]:
        """The knowledge base's records of one kind: "body" -> kb.bodies
        (its fields are named as the data/ folders)."""
        return getattr(self.kb, FOLDER_OF_KIND[kind])


class Family:
    """One kind of page. render.py lists the site's jobs in four rounds, each
    asking every family in turn (in render.SiteRenderer.families' order): the pages of
    records and their listings (jobs), the index pages (index_pages, ordered
    as linker.INDEX_PAGES), the pages after the first of the index pages
    (index_page_jobs), then the files that are not pages (asset_jobs). A
    family overrides the rounds it has pages in."""

    def __init__(self, ctx: RenderContext):
        self.ctx = ctx

    def jobs(self) -> Iterator[Job]:
        return iter(())

    def index_pages(self) -> dict[str, Callable[[], Page]]:
        """Name in linker.INDEX_PAGES -> make: the index pages it renders."""
        return {}

    def index_page_jobs(self) -> Iterator[Job]:
        return iter(())

    def asset_jobs(self) -> Iterator[Job]:
        return iter(())
