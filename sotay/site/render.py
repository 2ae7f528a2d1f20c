"""Every page of the site: the page families in one order, rendered in parallel or reused.

Builder-agnostic: pages are (source path, Markdown text) pairs any
Markdown site builder can take (MkDocs today, through hooks/). All markup
comes from Jinja templates with autoescape on, so text from the data is
always text, never markup. Links between generated pages are computed in
linker.py, relative, for directory URLs ("van-ban/chi-thi-05-ct-tw-2016/").

Each family of pages has a module of its own, sharing a RenderContext
(context.py): documents.py, entities.py, listings.py, indexes.py,
matrix.py, deadlines.py, quality_page.py, feeds.py. This module assembles
them into the site's jobs, one order for every build, and renders the jobs,
reusing what an incremental build may (incremental.py) and in forked
processes for a full build.

No page grows with the knowledge base: long lists are cut on entity pages
and paginated in listings of their own, long index pages are paginated
(sotay/site/paging.py has the rules, the thresholds and the addresses;
parts.py the lists and the parts of them pages show).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sotay.data.errors import DataError, Problem
from sotay.data.load import FOLDER_OF_KIND
from sotay.graph.relations import Graph

# compile_templates: imported from here by hooks/ too
from sotay.outputs.templating import Asset, Page
from sotay.site import collector
from sotay.site.context import Family, RenderContext
from sotay.site.deadlines import DeadlinePages
from sotay.site.documents import DocumentPages
from sotay.site.entities import ENTITY_PAGES, EntityPages
from sotay.site.feeds import FeedAssets
from sotay.site.incremental import Job, Output, Previous, Read, ReadLog, changes, reusable, tracked
from sotay.site.indexes import IndexPages
from sotay.site.linker import INDEX_PAGES, SECTION, url_of
from sotay.site.listings import ListingPages
from sotay.site.matrix import MatrixPages
from sotay.site.quality_page import QualityPage


class SiteRenderer:
    """Every page of the site from one knowledge base and its graph: the
    families of pages, in the order their jobs come."""

    def __init__(self, graph: Graph, today: dt.date, site_name: str = "Sổ tay thi đua",
                 site_url: str | None = None, log: ReadLog | None = None):
        self.ctx = ctx = RenderContext(graph, today, site_name, site_url, log)
        self.kb = ctx.kb
        self.schedule = ctx.schedule
        self.documents = DocumentPages(ctx)
        self.listings = ListingPages(ctx)
        # Each round of jobs() asks the families in this order.
        self.families: tuple[Family, ...] = (
            self.documents,
            *(EntityPages(ctx, kind) for kind in ENTITY_PAGES),  # campaigns, bodies, localities
            self.listings,
            IndexPages(ctx),
            MatrixPages(ctx),
            DeadlinePages(ctx),
            QualityPage(ctx),
            FeedAssets(ctx),
        )

    def part_shape(self, key: tuple) -> tuple[Any, frozenset[Read]]:
        """The shape of part `key` in this build and the reads of its list
        (incremental.reusable, deciding whether a page is rendered again)."""
        return self.ctx.parts.part_shape(key)

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
        """Four rounds (context.Family): the pages of records and of their
        listings; the index pages, in linker.INDEX_PAGES' order; their pages
        2 on (then the months of the deadlines); the assets."""
        for family in self.families:
            yield from family.jobs()
        index_pages: dict[str, Callable[[], Page]] = {}
        for family in self.families:
            for name, make in family.index_pages().items():
                assert name not in index_pages, f"two families make the index page {name!r}"
                index_pages[name] = make
        unmatched = index_pages.keys() ^ INDEX_PAGES.keys()
        assert not unmatched, f"index pages made by no family, or not in INDEX_PAGES: {sorted(unmatched)}"
        for name, uri in INDEX_PAGES.items():
            yield uri, index_pages[name]
        for family in self.families:
            yield from family.index_page_jobs()
        for family in self.families:
            yield from family.asset_jobs()


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
