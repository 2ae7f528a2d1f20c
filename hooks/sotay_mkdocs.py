"""MkDocs adapter: MkDocs' events as calls on a sotay.serve.Session, and what
it gives as MkDocs' objects. The state of a build or of a whole `mkdocs
serve` lives in the session (settings from the environment: see sotay/serve.py).

- on_startup: the session (`mkdocs serve`: with a scratch folder for the
  generated files).
- on_config: no sitemap in a rebuild under `mkdocs serve`.
- on_pre_build: Session.build (load + validate + render, the handbook PDFs:
  sotay.outputs.handbook.publish, settings under `extra.handbook` in
  mkdocs.yml). MkDocs runs this *before* it cleans site/, so invalid data
  aborts the build with every problem listed (DataError, HandbookError ->
  PluginError) and the last good site stays where it was.
- on_files: Session.take_outputs as File.generated, each a file of the
  session's scratch folder while serving (Session.write).
- on_env: the theme's templates compiled once per session (Session.theme_code).
- on_page_markdown / on_page_content: a generated page of headings and raw
  HTML is turned into HTML by the session (sotay.site.pagehtml) rather than
  by Markdown; on_post_page lets each page's HTML go once written.
- on_post_build / on_build_error: Session.end_build, then Session.index: the
  written site indexed for search (Pagefind), so `mkdocs build` and `mkdocs
  serve` both ship a working search (SearchIndexError -> PluginError).
- on_serve: rebuild when anything under data/ changes, watched through the
  system's notifications (SOTAY_WATCH=poll: polled, as MkDocs does, for a
  network share).
"""

from __future__ import annotations

import atexit
import copy
import logging
import os
from pathlib import Path

from markdown.extensions import toc as markdown_toc
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc
from watchdog import events, observers

import sotay
from sotay import serve
from sotay.outputs.handbook import HandbookError
from sotay.outputs.searchindex import SearchIndexError

log = logging.getLogger("mkdocs.hooks.sotay")
# MkDocs keeps this module across the rebuilds of one `mkdocs serve`.
_session = serve.Session(log=log)


def on_startup(command: str, dirty: bool) -> None:
    global _session
    _session = serve.Session(serving=command == "serve", dirty=dirty, log=log)


def on_config(config):
    if _session.rebuilding:
        # A rebuild under `mkdocs serve` writes no sitemap: it lists all
        # 15,500 pages (~0.2 s of every rebuild at 10,000 documents) and a
        # preview has no use for one; the first build's stays. `mkdocs
        # build` always writes it.
        config.theme.static_templates.discard("sitemap.xml")
    return config


def on_pre_build(config) -> None:
    settings = config["extra"].get("handbook")
    try:
        _session.build(serve.data_dir(config.config_file_path),
                       serve.site_url(config.get("site_url")), settings, _slugify(config))
    except sotay.DataError as exc:
        raise PluginError(exc.report()) from None
    except HandbookError as exc:
        raise PluginError(str(exc)) from None
    if _session.handbook is not None:
        settings["link"] = _session.handbook.link  # the header's "Sổ tay PDF" button


def _slugify(config):
    """The heading-id function when the Markdown settings are ones
    sotay.site.pagehtml reproduces (toc without permalinks), else None."""
    toc = (config["mdx_configs"] or {}).get("toc", {})
    if "toc" not in config["markdown_extensions"] or set(toc) - {"permalink", "slugify"} or toc.get("permalink"):
        return None
    return toc.get("slugify", markdown_toc.slugify)


def on_files(files: Files, config) -> Files:
    for item in _session.take_outputs():
        files.append(_file(config, item.uri, item.content))
    return files


def _file(config, uri: str, content: str | bytes) -> File:
    """A generated page or asset: while serving, the file the session wrote
    it to (sotay.serve.Session.write), else its text in memory."""
    if _session.scratch is None:
        return File.generated(config, uri, content=content)
    path, rendered = _session.write(uri, content)
    # The File of the previous build, made anew only when where it points
    # changed: making 18,600 Files costs ~0.6 s of every rebuild at 10,000
    # documents (each parses its path with pathlib). Its inclusion level is
    # worked out again by MkDocs. Its Page is kept when the page was not
    # rendered again: MkDocs makes a Page for every file lacking one
    # (~0.3 s for 15,500 pages, each working out its URLs), only to find
    # that --dirty does not rebuild it. A page in the nav gets a new one anyway.
    key = (path, config.site_dir, config.use_directory_urls, config.site_url, config.repo_url,
           config.edit_uri, config.edit_uri_template)
    kept = _session.files.get(uri)
    if kept is None or kept[0] != key:
        file = File.generated(config, uri, abs_src_path=path)
        _session.files[uri] = (key, file)
    else:
        file = kept[1]
        if rendered:
            file.page = None
        file.inclusion = InclusionLevel.UNDEFINED
    return file


def on_env(env, config, files):
    if _session.serving:
        env.bytecode_cache = _session.theme_code
    return env


def on_page_markdown(markdown: str, page, config, files) -> str:
    """A generated page made only of headings and raw HTML blocks (all of
    them, as the templates write them) becomes HTML here, without Markdown:
    Python-Markdown and MkDocs each parse the raw HTML once, ~10 ms a page
    at 10,000 documents (sotay/site/pagehtml.py). Markdown then gets an empty
    page; on_page_content puts the HTML and its table of contents back."""
    if page.file.generated_by is not None and page.meta.get("title") \
            and _session.convert(page.file.src_uri, markdown):
        return ""
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    """Let go of a generated page's Markdown once it is HTML: MkDocs keeps
    every page until the end of the build, and at 10,000 documents the two
    Markdown copies (our text and MkDocs' own) would hold ~1 GB for nothing.
    The title comes from the front matter, so an empty Markdown is enough."""
    converted = _session.converted(page.file.src_uri)
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


def on_build_error(error) -> None:
    _session.end_build()


def on_post_build(config) -> None:
    _session.end_build()
    try:
        _session.index(Path(config.site_dir))
    except SearchIndexError as exc:
        raise PluginError(str(exc)) from None


class _EditObserver(observers.Observer):  # the platform's native observer
    # What counts as an edit of data/ for a native watcher: inotify also reports
    # files being opened and closed unwritten, which the build itself does when
    # it reads the edited record (and would then rebuild again).
    EDITS = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileMovedEvent,
             events.FileDeletedEvent, events.FileClosedEvent, events.DirCreatedEvent,
             events.DirMovedEvent, events.DirDeletedEvent]

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, **kwargs):
        return super().schedule(event_handler, path, recursive=recursive,
                                event_filter=event_filter or self.EDITS, **kwargs)


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
    data_dir = str(serve.data_dir(config.config_file_path))
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
