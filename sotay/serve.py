"""One `mkdocs build` or `mkdocs serve` session: what is kept between builds.

Takes, per build, the data folder, the site's address, "today", the
handbook settings and the heading-id function (read by the adapter from the
environment and mkdocs.yml: data_dir(), today(), site_url() below); gives
the pages and assets to hand to the site builder, the generated pages' HTML
when it can stand in for Markdown (sotay.site.pagehtml), and indexes the
written site for search (sotay.outputs.searchindex). Raises DataError,
HandbookError and SearchIndexError for the adapter to report. Nothing here
imports MkDocs: hooks/sotay_mkdocs.py makes MkDocs' objects of what a
Session gives.

`mkdocs serve --dirty` (`make serve`) after an edit: the pipeline re-reads
only the changed files and re-renders only the pages whose inputs changed
(sotay.Builder); the pages are handed over as files in a scratch folder,
rewritten only when their text changed (Session.write), so MkDocs' --dirty
rebuilds just those; the PDFs and the sitemap are not made again, and the
search index is rebuilt in the background at the lowest priority, so the
edit shows in seconds even at 10,000 documents.

Settings come from the environment so tests and benchmarks can point a
build elsewhere: SOTAY_DATA (data folder, default ./data beside mkdocs.yml),
SOTAY_TODAY (ISO date used as "today", default the build date),
SOTAY_SITE_URL (absolute address of the published site, used by calendar
feeds only when mkdocs.yml sets no site_url: ICS events need absolute links),
SOTAY_HANDBOOK=0 (no handbook PDFs: faster builds when measuring other stages),
SOTAY_SEARCH=0 (no search index; bench/bench_build.py times it separately).
SOTAY_WATCH=poll is the adapter's (how it watches data/ while serving).
"""

from __future__ import annotations

import atexit
import dataclasses
import datetime as dt
import gc
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from sotay.data import DataError
from sotay.outputs import handbook
from sotay.outputs.searchindex import SearchIndexError, index_site
from sotay.outputs.templating import Asset, CompiledTemplates, Page
from sotay.pipeline import Builder, Site
from sotay.pipeline import build as build_once
from sotay.site import pagehtml

# Seconds between a rebuild and the background re-indexing: the browser
# reloads the edited page meanwhile, served by this process.
INDEX_DELAY = 2.0


def data_dir(config_file: str | Path) -> Path:
    """SOTAY_DATA, else data/ beside the site's configuration file."""
    default = Path(config_file).parent / "data"
    return Path(os.environ.get("SOTAY_DATA", default)).resolve()


def today() -> dt.date:
    value = os.environ.get("SOTAY_TODAY")
    return dt.date.fromisoformat(value) if value else dt.date.today()


def site_url(configured: str | None) -> str | None:
    """The site's configured address, else SOTAY_SITE_URL."""
    return configured or os.environ.get("SOTAY_SITE_URL") or None


class Session:
    """The state of one `mkdocs build` (serving=False: one build) or one
    `mkdocs serve` (every rebuild of it). `log` is where its lines go (the
    adapter's logger, so the builder shows and counts them)."""

    def __init__(self, serving: bool = False, dirty: bool = False,
                 log: logging.Logger | None = None) -> None:
        self.serving = serving
        self.log = log or logging.getLogger(__name__)
        self.built_once = False  # serve: the first build is done, later ones are rebuilds
        self.builder: Builder | None = None
        self.site: Site | None = None  # the last build's
        self.handbook: handbook.Publication | None = None
        # `mkdocs serve` rebuilds on every edit: PDFs of unchanged data are reused.
        self._handbook_cache: dict[tuple, handbook.Publication] = {}
        self.scratch: Path | None = None  # serve: generated sources as files (see write)
        self._written: dict[str, object] = {}  # uri -> the content last written there
        # serve: uri -> (key, the adapter's object for it), for the adapter to
        # reuse from build to build while the key is the same (its MkDocs File).
        self.files: dict[str, tuple[tuple, object]] = {}
        # The toc's slugify when sotay.site.pagehtml can stand in for Markdown.
        self.heading_slug: Callable[[str, str], str] | None = None
        self._converted: dict[str, pagehtml.Converted] = {}  # src_uri -> HTML made by convert()
        # MkDocs makes the theme's Jinja environment anew for every build, and
        # compiling Material's templates again took ~0.1 s of every rebuild
        # under `mkdocs serve`: compiled once, they are kept for the session
        # (by template and source: an edited override is compiled again).
        self.theme_code = CompiledTemplates()
        self._indexer: threading.Thread | None = None
        self._index_again = False
        if serving:
            self.scratch = Path(tempfile.mkdtemp(prefix="sotay-serve-"))
            atexit.register(shutil.rmtree, self.scratch, ignore_errors=True)
            if not dirty:
                self.log.info("sotay: `mkdocs serve --dirty` chỉ dựng lại các trang bị sửa"
                              " (nhanh hơn nhiều với kho lớn)")

    @property
    def rebuilding(self) -> bool:
        """Serving, and the first build is done."""
        return self.serving and self.built_once

    # -- before the build --------------------------------------------------

    def build(self, data: Path, url: str | None, handbook_settings: dict | None = None,
              heading_slug: Callable[[str, str], str] | None = None) -> Site:
        """Load, validate and render (again, while serving), then the
        handbook PDFs. Raises DataError with every problem of the data, or
        HandbookError; the last site is then None."""
        if self.rebuilding:
            # No full collection of the cyclic garbage during a rebuild: one walks
            # everything the session keeps (~6 million objects at 10,000
            # documents), 1.5-2.5 s of the rebuild it lands in. The rebuild's own
            # garbage is young and collected when it ends (end_build). Not
            # in the first build: its garbage would pile up to ~0.5 GB more.
            gc.disable()
        self.heading_slug = heading_slug  # once per build, for convert()
        try:
            if self.serving:
                builder = self.builder
                if builder is None or (builder.data_dir, builder.site_url) != (data, url):
                    self.builder = Builder(data, url)
                started = time.perf_counter()
                self.site = self.builder.build(today())
                self.log.info(f"sotay: dựng lại {self.site.rendered} trên "
                              f"{len(self.site.pages) + len(self.site.assets)} trang và tệp "
                              f"({time.perf_counter() - started:.1f} giây)")
            else:
                self.site = build_once(data, today=today(), site_url=url)
        except DataError:
            self.site = None
            raise
        for warning in self.site.warnings:
            self.log.info(str(warning))
        self._publish_handbook(handbook_settings)
        if not self.serving:
            # The knowledge base, its graph and the pages (~3 million objects at
            # 10,000 documents) stay alive to the end of the build: frozen, the
            # cyclic collector stops walking them in each full collection during
            # MkDocs' page loop (10,000 documents: 0.77 s of full collections ->
            # 0.47 s). Unfrozen at the end. Not under `mkdocs serve`: the
            # collector, having not counted them, would soon walk all of them
            # once more (~2 s at 10,000 documents, the interpreter held), at
            # whatever moment of the editor's session an allocation set it off.
            gc.freeze()
        return self.site

    def _publish_handbook(self, settings: dict | None) -> None:
        """The handbook PDFs (`extra.handbook` in mkdocs.yml: office, per_province,
        max_documents). SOTAY_HANDBOOK=0 prints none (benchmarks of other stages):
        the page listing them then gives the commands that print them."""
        assert self.site is not None
        if not settings:
            self.handbook = None
            return
        options = {"office": settings.get("office", handbook.DEFAULT_OFFICE),
                   "per_province": settings.get("per_province", True),
                   "max_documents": settings.get("max_documents")}
        if os.environ.get("SOTAY_HANDBOOK", "1") == "0":
            options["max_documents"] = 0
        if self.serving and self._handbook_cache:
            # Reprinting takes minutes at scale (and hashing the data to know
            # whether to, a second): a preview keeps the PDFs of its first build.
            self.log.info("sotay: sổ tay PDF không in lại khi đang xem trước (`make build` sẽ in)")
            key = next(iter(self._handbook_cache))
        else:
            key = (handbook.data_version(self.site.graph.kb), today(), *options.values())
        if key not in self._handbook_cache:
            publication = handbook.publish(self.site.graph, today(), workers=os.cpu_count() or 1,
                                           **options)
            for warning in publication.warnings:  # CSS WeasyPrint ignored: fails --strict
                self.log.warning(f"handbook: {warning}")
            self._handbook_cache.clear()
            self._handbook_cache[key] = publication
        self.handbook = self._handbook_cache[key]

    # -- the files ---------------------------------------------------------

    def take_outputs(self) -> list[Page | Asset]:
        """The pages and assets of the last build, the handbook's among
        them, to hand to the site builder: the session keeps them no longer."""
        assert self.site is not None
        items = [*self.site.pages, *self.site.assets]
        if self.handbook is not None:
            items += [*self.handbook.pages, *self.handbook.assets]
        self.site = dataclasses.replace(self.site, pages=[], assets=[])  # the files hold them now
        return items

    def write(self, uri: str, content: str | bytes) -> tuple[str, bool]:
        """Serve: a generated page or asset as a file in the scratch folder,
        rewritten only when its text changed: `mkdocs serve --dirty`
        compares file times and so rebuilds only what changed (a page given
        as text in memory counts as changed on every build). Gives its path,
        and whether the content was rendered by this build (not the very
        object written before)."""
        # A string, not a Path: this runs for each of ~18,000 files per rebuild.
        path = os.path.join(self.scratch, uri)
        rendered = self._written.get(uri) is not content  # a reused page is the very same object
        if rendered:
            data = content.encode("utf-8") if isinstance(content, str) else content
            if not os.path.isfile(path) or Path(path).read_bytes() != data:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                Path(path).write_bytes(data)
            self._written[uri] = content
        return path, rendered

    # -- the pages ---------------------------------------------------------

    def convert(self, src_uri: str, markdown: str) -> bool:
        """A generated page made only of headings and raw HTML blocks, made
        HTML here without Markdown (sotay.site.pagehtml) and kept for
        converted(). False when the page is not one, or the Markdown settings
        are not ones pagehtml reproduces (no heading_slug)."""
        if self.heading_slug is None:
            return False
        converted = pagehtml.convert(markdown, self.heading_slug)
        if converted is None:
            return False
        self._converted[src_uri] = converted
        return True

    def converted(self, src_uri: str) -> pagehtml.Converted | None:
        """The HTML convert() made of the page, given once."""
        return self._converted.pop(src_uri, None)

    # -- after the build ---------------------------------------------------

    def end_build(self) -> None:
        """A build is over, written or failed."""
        gc.unfreeze()
        if self.rebuilding:
            gc.collect(1)  # the rebuild's objects only: the older ones are not walked
            gc.enable()
        self.built_once = True

    def index(self, site_dir: Path) -> None:
        """Index the written site for search (SOTAY_SEARCH=0: not at all; a
        served site already indexed: in the background). Raises
        SearchIndexError."""
        if os.environ.get("SOTAY_SEARCH", "1") == "0":  # benchmarks time indexing on its own
            return
        site_dir = Path(site_dir)
        if self.serving and (site_dir / "pagefind").is_dir():
            self._index_in_background(site_dir)  # the edited page shows now; search follows
            return
        report = index_site(site_dir)
        self.log.info(f"search: {report.pages} pages indexed into "
                      + ", ".join(o.name for o in report.outputs))

    def _index_in_background(self, site_dir: Path) -> None:
        """Re-index a served site after an edit without holding the page back;
        edits made while it runs are picked up by one more run. It starts
        INDEX_DELAY s later, and Pagefind runs at the lowest priority: the
        editor's next rebuild and browser come first."""
        self._index_again = True
        if self._indexer is not None and self._indexer.is_alive():
            return

        def run() -> None:
            time.sleep(INDEX_DELAY)
            while self._index_again:
                self._index_again = False
                try:
                    report = index_site(site_dir, background=True)
                    self.log.info(f"search: đã lập lại chỉ mục ({report.pages} trang)")
                except SearchIndexError as exc:
                    self.log.warning(f"search: {exc}")

        self._indexer = threading.Thread(target=run, name="sotay-search-index", daemon=True)
        self._indexer.start()
