"""MkDocs adapter: hands the pipeline's pages to MkDocs. No logic lives here.

- on_pre_build: load + validate + render. MkDocs runs this *before* it
  cleans site/, so invalid data aborts the build with every problem listed
  and the last good site stays where it was.
- on_files: register the generated pages and assets (File.generated).
- on_serve: rebuild when anything under data/ changes.

Settings come from the environment so tests and benchmarks can point a
build elsewhere: SOTAY_DATA (data folder, default ./data beside mkdocs.yml),
SOTAY_TODAY (ISO date used as "today", default the build date).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

import sotay

log = logging.getLogger("mkdocs.hooks.sotay")
_site: sotay.Site | None = None


def _data_dir(config) -> Path:
    default = Path(config.config_file_path).parent / "data"
    return Path(os.environ.get("SOTAY_DATA", default)).resolve()


def _today() -> dt.date:
    value = os.environ.get("SOTAY_TODAY")
    return dt.date.fromisoformat(value) if value else dt.date.today()


def on_pre_build(config) -> None:
    global _site
    try:
        _site = sotay.build(_data_dir(config), today=_today())
    except sotay.DataError as exc:
        _site = None
        raise PluginError(exc.report()) from None
    for warning in _site.warnings:
        log.info(str(warning))


def on_files(files: Files, config) -> Files:
    assert _site is not None
    for page in _site.pages:
        files.append(File.generated(config, page.uri, content=page.content))
    for asset in _site.assets:
        files.append(File.generated(config, asset.uri, content=asset.content))
    return files


def on_serve(server, config, builder):
    server.watch(str(_data_dir(config)))
    return server
