"""MkDocs adapter: hands the pipeline's pages to MkDocs. No logic lives here.

- on_pre_build: load + validate + render. MkDocs runs this *before* it
  cleans site/, so invalid data aborts the build with every problem listed
  and the last good site stays where it was.
- on_files: register the generated pages and assets (File.generated),
  the handbook PDFs among them (sotay.outputs.handbook.publish: so-tay.pdf and one
  per province; settings under `extra.handbook` in mkdocs.yml).
- on_page_markdown / on_page_content: a generated page of headings and raw
  HTML is turned into HTML by sotay.site.pagehtml rather than by Markdown;
  on_post_page lets each page's HTML go once written.
- on_post_build: index the written site for search (sotay.outputs.searchindex,
  Pagefind), so `mkdocs build` and `mkdocs serve` both ship a working search.
- on_serve: rebuild when anything under data/ changes.

`mkdocs serve --dirty` (`make serve`) after an edit: the pipeline re-reads
only the changed files and re-renders only the pages whose inputs changed
(sotay.Builder); the pages are handed to MkDocs as files in a scratch folder,
rewritten only when their text changed, so MkDocs' --dirty rebuilds just
those; the PDFs and the sitemap are not made again, and the search index
is rebuilt in the background at the lowest priority, so the edit shows in
seconds even at 10,000 documents.

Settings come from the environment so tests and benchmarks can point a
build elsewhere: SOTAY_DATA (data folder, default ./data beside mkdocs.yml),
SOTAY_TODAY (ISO date used as "today", default the build date),
SOTAY_SITE_URL (absolute address of the published site, used by calendar
feeds only when mkdocs.yml sets no site_url: ICS events need absolute links),
SOTAY_HANDBOOK=0 (no handbook PDFs: faster builds when measuring other stages),
SOTAY_SEARCH=0 (no search index; bench/bench_build.py times it separately),
SOTAY_WATCH=poll (serve: poll data/ as MkDocs does, for a network share,
instead of the system's change notifications).
"""

from __future__ import annotations

import atexit
import copy
import dataclasses
import datetime as dt
import gc
import logging
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

from markdown.extensions import toc as markdown_toc
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc
from watchdog import events, observers

import sotay
from sotay.outputs import handbook
from sotay.outputs.searchindex import SearchIndexError, index_site
from sotay.outputs.templating import CompiledTemplates
from sotay.site import pagehtml

log = logging.getLogger("mkdocs.hooks.sotay")
_site: sotay.Site | None = None
_handbook: handbook.Publication | None = None
# `mkdocs serve` rebuilds on every edit: PDFs of unchanged data are reused.
_handbook_cache: dict[tuple, handbook.Publication] = {}
# MkDocs keeps this module across the rebuilds of one `mkdocs serve`.
_serving = False
_builder: sotay.Builder | None = None
_scratch: Path | None = None  # serve: generated sources as files (see _file)
_written: dict[str, object] = {}  # uri -> the content last written there
_files: dict[str, File] = {}  # serve: uri -> its File, reused from build to build
_files_key: dict[str, tuple] = {}
_heading_slug = None  # the toc's slugify when sotay.site.pagehtml can stand in for Markdown
_converted: dict[str, pagehtml.Converted] = {}  # src_uri -> HTML made in on_page_markdown
_built_once = False  # serve: the first build is done, later ones are rebuilds
_indexer: threading.Thread | None = None
_theme_code = CompiledTemplates()  # serve: the theme's templates, compiled once (on_env)
_index_again = False


def _data_dir(config) -> Path:
    default = Path(config.config_file_path).parent / "data"
    return Path(os.environ.get("SOTAY_DATA", default)).resolve()


def _today() -> dt.date:
    value = os.environ.get("SOTAY_TODAY")
    return dt.date.fromisoformat(value) if value else dt.date.today()


def _site_url(config) -> str | None:
    return config.get("site_url") or os.environ.get("SOTAY_SITE_URL") or None


def on_startup(command: str, dirty: bool) -> None:
    global _serving, _scratch
    _serving = command == "serve"
    if _serving:
        _scratch = Path(tempfile.mkdtemp(prefix="sotay-serve-"))
        atexit.register(shutil.rmtree, _scratch, ignore_errors=True)
        if not dirty:
            log.info("sotay: `mkdocs serve --dirty` chỉ dựng lại các trang bị sửa (nhanh hơn nhiều với kho lớn)")


def on_config(config):
    if _serving and _built_once:
        # A rebuild under `mkdocs serve` writes no sitemap: it lists all
        # 15,500 pages (~0.2 s of every rebuild at 10,000 documents) and a
        # preview has no use for one; the first build's stays. `mkdocs
        # build` always writes it.
        config.theme.static_templates.discard("sitemap.xml")
    return config


def on_pre_build(config) -> None:
    global _site, _builder, _heading_slug
    if _serving and _built_once:
        # No full collection of the cyclic garbage during a rebuild: one walks
        # everything the session keeps (~6 million objects at 10,000
        # documents), 1.5-2.5 s of the rebuild it lands in. The rebuild's own
        # garbage is young and collected when it ends (_end_of_rebuild). Not
        # in the first build: its garbage would pile up to ~0.5 GB more.
        gc.disable()
    _heading_slug = _slugify(config)  # once per build, for on_page_markdown
    data_dir, site_url = _data_dir(config), _site_url(config)
    try:
        if _serving:
            if _builder is None or (_builder.data_dir, _builder.site_url) != (data_dir, site_url):
                _builder = sotay.Builder(data_dir, site_url)
            started = time.perf_counter()
            _site = _builder.build(_today())
            log.info(f"sotay: dựng lại {_site.rendered} trên {len(_site.pages) + len(_site.assets)} trang và tệp "
                     f"({time.perf_counter() - started:.1f} giây)")
        else:
            _site = sotay.build(data_dir, today=_today(), site_url=site_url)
    except sotay.DataError as exc:
        _site = None
        raise PluginError(exc.report()) from None
    for warning in _site.warnings:
        log.info(str(warning))
    _publish_handbook(config)
    if not _serving:
        # The knowledge base, its graph and the pages (~3 million objects at
        # 10,000 documents) stay alive to the end of the build: frozen, the
        # cyclic collector stops walking them in each full collection during
        # MkDocs' page loop (10,000 documents: 0.77 s of full collections ->
        # 0.47 s). Unfrozen at the end. Not under `mkdocs serve`: the
        # collector, having not counted them, would soon walk all of them
        # once more (~2 s at 10,000 documents, the interpreter held), at
        # whatever moment of the editor's session an allocation set it off.
        gc.freeze()


def _publish_handbook(config) -> None:
    """The handbook PDFs (`extra.handbook` in mkdocs.yml: office, per_province,
    max_documents). SOTAY_HANDBOOK=0 prints none (benchmarks of other stages):
    the page listing them then gives the commands that print them."""
    global _handbook
    assert _site is not None
    settings = config["extra"].get("handbook")
    if not settings:
        _handbook = None
        return
    options = {"office": settings.get("office", handbook.DEFAULT_OFFICE),
               "per_province": settings.get("per_province", True),
               "max_documents": settings.get("max_documents")}
    if os.environ.get("SOTAY_HANDBOOK", "1") == "0":
        options["max_documents"] = 0
    if _serving and _handbook_cache:
        # Reprinting takes minutes at scale (and hashing the data to know
        # whether to, a second): a preview keeps the PDFs of its first build.
        log.info("sotay: sổ tay PDF không in lại khi đang xem trước (`make build` sẽ in)")
        key = next(iter(_handbook_cache))
    else:
        key = (handbook.data_version(_site.graph.kb), _today(), *options.values())
    if key not in _handbook_cache:
        try:
            publication = handbook.publish(_site.graph, _today(), workers=os.cpu_count() or 1,
                                           **options)
        except handbook.HandbookError as exc:
            raise PluginError(str(exc)) from None
        for warning in publication.warnings:  # CSS WeasyPrint ignored: fails --strict
            log.warning(f"handbook: {warning}")
        _handbook_cache.clear()
        _handbook_cache[key] = publication
    _handbook = _handbook_cache[key]
    settings["link"] = _handbook.link  # the header's "Sổ tay PDF" button


def _file(config, uri: str, content: str | bytes) -> File:
    """A generated page or asset. While serving, it is a file in the scratch
    folder, rewritten only when its text changed: `mkdocs serve --dirty`
    compares file times and so rebuilds only what changed (a page given as
    text in memory counts as changed on every build)."""
    if _scratch is None:
        return File.generated(config, uri, content=content)
    # A string, not a Path: this runs for each of ~18,000 files per rebuild.
    path = os.path.join(_scratch, uri)
    rendered = _written.get(uri) is not content  # a reused page is the very same object
    if rendered:
        data = content.encode("utf-8") if isinstance(content, str) else content
        if not os.path.isfile(path) or Path(path).read_bytes() != data:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            Path(path).write_bytes(data)
        _written[uri] = content
    # The File of the previous build, made anew only when where it points
    # changed: making 18,600 Files costs ~0.6 s of every rebuild at 10,000
    # documents (each parses its path with pathlib). Its inclusion level is
    # worked out again by MkDocs. Its Page is kept when the page was not
    # rendered again: MkDocs makes a Page for every file lacking one
    # (~0.3 s for 15,500 pages, each working out its URLs), only to find
    # that --dirty does not rebuild it. A page in the nav gets a new one anyway.
    key = (path, config.site_dir, config.use_directory_urls, config.site_url, config.repo_url,
           config.edit_uri, config.edit_uri_template)
    file = _files.get(uri)
    if file is None or _files_key.get(uri) != key:
        file = File.generated(config, uri, abs_src_path=path)
        _files[uri], _files_key[uri] = file, key
    else:
        if rendered:
            file.page = None
        file.inclusion = InclusionLevel.UNDEFINED
    return file


def on_files(files: Files, config) -> Files:
    global _site
    assert _site is not None
    for item in [*_site.pages, *_site.assets]:
        files.append(_file(config, item.uri, item.content))
    if _handbook is not None:
        for item in [*_handbook.pages, *_handbook.assets]:
            files.append(_file(config, item.uri, item.content))
    _site = dataclasses.replace(_site, pages=[], assets=[])  # the files hold them now
    return files


def _slugify(config):
    """The heading-id function when the Markdown settings are ones
    sotay.site.pagehtml reproduces (toc without permalinks), else None."""
    toc = (config["mdx_configs"] or {}).get("toc", {})
    if "toc" not in config["markdown_extensions"] or set(toc) - {"permalink", "slugify"} or toc.get("permalink"):
        return None
    return toc.get("slugify", markdown_toc.slugify)


def on_env(env, config, files):
    """MkDocs makes the theme's Jinja environment anew for every build, and
    compiling Material's templates again took ~0.1 s of every rebuild
    under `mkdocs serve`: compiled once, they are kept for the session
    (by template and source: an edited override is compiled again)."""
    if _serving:
        env.bytecode_cache = _theme_code
    return env


def on_page_markdown(markdown: str, page, config, files) -> str:
    """A generated page made only of headings and raw HTML blocks (all of
    them, as the templates write them) becomes HTML here, without Markdown:
    Python-Markdown and MkDocs each parse the raw HTML once, ~10 ms a page
    at 10,000 documents (sotay/site/pagehtml.py). Markdown then gets an empty
    page; on_page_content puts the HTML and its table of contents back."""
    if page.file.generated_by is not None and page.meta.get("title") and _heading_slug is not None:
        converted = pagehtml.convert(markdown, _heading_slug)
        if converted is not None:
            _converted[page.file.src_uri] = converted
            return ""
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    """Let go of a generated page's Markdown once it is HTML: MkDocs keeps
    every page until the end of the build, and at 10,000 documents the two
    Markdown copies (our text and MkDocs' own) would hold ~1 GB for nothing.
    The title comes from the front matter, so an empty Markdown is enough."""
    converted = _converted.pop(page.file.src_uri, None)
    if converted is not None:
        html = converted.html
        page.toc = get_toc(copy.deepcopy(converted.toc))
        page.present_anchor_ids = set(converted.anchors)
    if page.file.generated_by is not None and page.meta.get("title"):
        page.markdown = ""
        if page.file.abs_src_path is None:
            page.file.content_string = ""
    return html


def on_post_page(output: str, page, config) -> str:
    """Let go of every page's HTML body once the page is written: MkDocs
    keeps each Page (and its content) to the end of the build, ~0.4 GB at
    10,000 documents, still held while Pagefind indexes the site in
    on_post_build. Nothing after this reads it (no plugin; the anchor check
    uses the links recorded while rendering)."""
    page.content = None
    return output


def _end_of_rebuild() -> None:
    global _built_once
    gc.unfreeze()
    if _serving and _built_once:
        gc.collect(1)  # the rebuild's objects only: the older ones are not walked
        gc.enable()
    _built_once = True


def on_build_error(error) -> None:
    _end_of_rebuild()


def on_post_build(config) -> None:
    _end_of_rebuild()
    if os.environ.get("SOTAY_SEARCH", "1") == "0":  # benchmarks time indexing on its own
        return
    site_dir = Path(config.site_dir)
    if _serving and (site_dir / "pagefind").is_dir():
        _index_in_background(site_dir)  # the edited page shows now; search follows
        return
    try:
        report = index_site(site_dir)
    except SearchIndexError as exc:
        raise PluginError(str(exc)) from None
    log.info(f"search: {report.pages} pages indexed into " + ", ".join(o.name for o in report.outputs))


# Seconds between a rebuild and the background re-indexing: the browser
# reloads the edited page meanwhile, served by this process.
INDEX_DELAY = 2.0


def _index_in_background(site_dir: Path) -> None:
    """Re-index a served site after an edit without holding the page back;
    edits made while it runs are picked up by one more run. It starts
    INDEX_DELAY s later, and Pagefind runs at the lowest priority: the
    editor's next rebuild and browser come first."""
    global _indexer, _index_again
    _index_again = True
    if _indexer is not None and _indexer.is_alive():
        return

    def run() -> None:
        global _index_again
        time.sleep(INDEX_DELAY)
        while _index_again:
            _index_again = False
            try:
                report = index_site(site_dir, background=True)
                log.info(f"search: đã lập lại chỉ mục ({report.pages} trang)")
            except SearchIndexError as exc:
                log.warning(f"search: {exc}")

    _indexer = threading.Thread(target=run, name="sotay-search-index", daemon=True)
    _indexer.start()


# What counts as an edit of data/ for a native watcher: inotify also reports
# files being opened and closed unwritten, which the build itself does when
# it reads the edited record (and would then rebuild again).
_EDITS = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileMovedEvent,
          events.FileDeletedEvent, events.FileClosedEvent, events.DirCreatedEvent,
          events.DirMovedEvent, events.DirDeletedEvent]


class _EditObserver(observers.Observer):  # the platform's native observer
    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, **kwargs):
        return super().schedule(event_handler, path, recursive=recursive,
                                event_filter=event_filter or _EDITS, **kwargs)


def on_serve(server, config, builder):
    """Rebuild when anything under data/ changes.

    MkDocs polls what it watches every 0.5 s. At 10,000 documents data/
    holds 21,000 files: each poll stats them all, ~45% of a core for as long
    as the server runs, and the rebuild after an edit runs a third slower
    while the poller holds the interpreter. So data/ is watched through the
    system's notifications (inotify on Linux; watchdog picks FSEvents or
    ReadDirectoryChangesW elsewhere), calling MkDocs' own rebuild callback.
    SOTAY_WATCH=poll keeps polling: notifications do not cross network
    shares, where the folder may be edited from another machine."""
    data_dir = str(_data_dir(config))
    if os.environ.get("SOTAY_WATCH", "") != "poll":
        polling, native = server.observer, _EditObserver()
        server.observer = native  # server.watch() schedules MkDocs' callback on it
        try:
            server.watch(data_dir)
            native.start()  # sets up the notifications now: errors raise here
        except OSError as exc:  # no inotify, or its watches used up
            log.warning(f"sotay: không nhận được thông báo thay đổi của hệ thống cho {data_dir} "
                        f"({exc}); chuyển sang dò định kỳ")
            server.unwatch(data_dir)
        else:
            atexit.register(native.stop)
            log.info(f"sotay: theo dõi {data_dir} bằng thông báo của hệ thống")
            return server
        finally:
            server.observer = polling
    server.watch(data_dir)
    return server
