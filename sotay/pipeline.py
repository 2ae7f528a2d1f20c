"""Every stage in a row: a data folder -> the site's pages and assets.

`build()` runs them once (`mkdocs build`); a `Builder` runs them again and
again over one data folder (`mkdocs serve`), reading only the files that
changed and rendering only the pages whose inputs changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sotay.data import LoadCache, Problem, load_knowledge_base
from sotay.graph import Graph, build_graph
from sotay.outputs.templating import Asset, Page, compile_templates
from sotay.site import collector
from sotay.site.incremental import Previous
from sotay.site.render import default_workers, render


@dataclass(frozen=True)
class Site:
    graph: Graph
    pages: list[Page]
    assets: list[Asset]
    warnings: list[Problem]
    rendered: int = 0  # pages and assets rendered by this build (the rest were reused)


def build(data_dir: Path, today: dt.date | None = None, site_url: str | None = None,
          workers: int | None = None) -> Site:
    """Every stage, data folder to pages. `site_url`, the published site's
    absolute address, lets calendar events link back to it. Pages render in
    `workers` processes (default: one per core)."""
    workers = workers or default_workers()
    # No cyclic collection while load and graph make ~3 million long-lived
    # objects at 10,000 documents: each full collection walks all of those
    # made so far, 0.7 s of a full build's 4.1 s load and validate. The
    # render collects its own garbage page by page (render._collected_per_page).
    with collector.paused():
        kb, warnings = load_knowledge_base(data_dir, workers=workers)
        graph = build_graph(kb)
    out = render(graph, today or dt.date.today(), site_url, workers=workers)
    return Site(graph, out.pages, out.assets, warnings, out.rendered)


class Builder:
    """Builds one data folder again and again, as `mkdocs serve` does after
    each edit: files unchanged since the last build are not read again
    (LoadCache), and pages whose inputs are unchanged are not rendered again
    (sotay/site/incremental.py). The result is the site a full build gives."""

    def __init__(self, data_dir: Path, site_url: str | None = None):
        self.data_dir = Path(data_dir)
        self.site_url = site_url
        self.cache = LoadCache()
        self.previous: Previous | None = None

    def build(self, today: dt.date | None = None) -> Site:
        # The previous build's pages, records and graph stay alive (millions
        # of objects at 10,000 documents): each full collection of the cyclic
        # GC walks them all, ~3 s of a rebuild. What a rebuild allocates is
        # freed by reference counting; the collector runs again afterwards.
        with collector.paused():
            kb, warnings = load_knowledge_base(self.data_dir, self.cache)
            graph = build_graph(kb)
            out = render(graph, today or dt.date.today(), self.site_url, previous=self.previous,
                         track=True, workers=default_workers())
        if self.previous is None:
            compile_templates()  # rendered in forked workers: compile here for the next edit
        self.previous = out.previous
        return Site(graph, out.pages, out.assets, warnings, out.rendered)
