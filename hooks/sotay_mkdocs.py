"""MkDocs adapter: hands the pipeline's pages to MkDocs. No logic lives here.

- on_pre_build: load + validate + render. MkDocs runs this *before* it
  cleans site/, so invalid data aborts the build with every problem listed
  and the last good site stays where it was.
- on_files: register the generated pages and assets (File.generated),
  the handbook PDFs among them (sotay.handbook.publish: so-tay.pdf and one
  per province; settings under `extra.handbook` in mkdocs.yml).
- on_post_build: index the written site for search (sotay.searchindex,
  Pagefind), so `mkdocs build` and `mkdocs serve` both ship a working search.
- on_serve: rebuild when anything under data/ changes.

Settings come from the environment so tests and benchmarks can point a
build elsewhere: SOTAY_DATA (data folder, default ./data beside mkdocs.yml),
SOTAY_TODAY (ISO date used as "today", default the build date),
SOTAY_SITE_URL (absolute address of the published site, used by calendar
feeds only when mkdocs.yml sets no site_url: ICS events need absolute links),
SOTAY_HANDBOOK=0 (no handbook PDFs: faster builds when measuring other stages),
SOTAY_SEARCH=0 (no search index; scripts/bench_build.py times it separately).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

import sotay
from sotay import handbook
from sotay.searchindex import SearchIndexError, index_site

log = logging.getLogger("mkdocs.hooks.sotay")
_site: sotay.Site | None = None
_handbook: handbook.Publication | None = None
# `mkdocs serve` rebuilds on every edit: PDFs of unchanged data are reused.
_handbook_cache: dict[tuple, handbook.Publication] = {}


def _data_dir(config) -> Path:
    default = Path(config.config_file_path).parent / "data"
    return Path(os.environ.get("SOTAY_DATA", default)).resolve()


def _today() -> dt.date:
    value = os.environ.get("SOTAY_TODAY")
    return dt.date.fromisoformat(value) if value else dt.date.today()


def _site_url(config) -> str | None:
    return config.get("site_url") or os.environ.get("SOTAY_SITE_URL") or None


def on_pre_build(config) -> None:
    global _site
    try:
        _site = sotay.build(_data_dir(config), today=_today(), site_url=_site_url(config))
    except sotay.DataError as exc:
        _site = None
        raise PluginError(exc.report()) from None
    for warning in _site.warnings:
        log.info(str(warning))
    _publish_handbook(config)


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


def on_files(files: Files, config) -> Files:
    assert _site is not None
    for page in _site.pages:
        files.append(File.generated(config, page.uri, content=page.content))
    for asset in _site.assets:
        files.append(File.generated(config, asset.uri, content=asset.content))
    if _handbook is not None:
        for page in _handbook.pages:
            files.append(File.generated(config, page.uri, content=page.content))
        for asset in _handbook.assets:
            files.append(File.generated(config, asset.uri, content=asset.content))
    return files


def on_post_build(config) -> None:
    if os.environ.get("SOTAY_SEARCH", "1") == "0":  # benchmarks time indexing on its own
        return
    try:
        report = index_site(Path(config.site_dir))
    except SearchIndexError as exc:
        raise PluginError(str(exc)) from None
    log.info(f"search: {report.pages} pages indexed into " + ", ".join(o.name for o in report.outputs))


def on_serve(server, config, builder):
    server.watch(str(_data_dir(config)))
    return server
