"""Sổ tay thi đua: a knowledge base of emulation campaigns, as plain functions.

One function per stage, data flowing one way:

    records, problems = load(data_dir)          # YAML -> raw records
    kb, problems = validate(records)            # -> KnowledgeBase (or problems)
    found = extract(text)                       # a document's text -> header, citations...
    graph = build_graph(kb)                     # every relation, both ends
    pages, assets = render_site(graph, today)   # -> Markdown pages, calendar feeds...

`build()` runs them all and raises DataError with every problem at once.
Nothing here imports MkDocs: hooks/ is the only adapter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import collector
from .errors import DataError, Problem
from .extract import extract
from .graph import Graph, build_graph
from .load import LoadCache, load
from .model import KnowledgeBase
from .render import Asset, Page, Previous, compile_templates, default_workers, render, render_site
from .validate import prepare as prepare_record
from .validate import validate

__all__ = [
    "Asset",
    "Builder",
    "DataError",
    "Graph",
    "KnowledgeBase",
    "Page",
    "Problem",
    "Site",
    "build",
    "build_graph",
    "extract",
    "load",
    "load_knowledge_base",
    "render_site",
    "validate",
]


@dataclass(frozen=True)
class Site:
    graph: Graph
    pages: list[Page]
    assets: list[Asset]
    warnings: list[Problem]
    rendered: int = 0  # pages and assets rendered by this build (the rest were reused)


def load_knowledge_base(data_dir: Path, cache: LoadCache | None = None,
                        workers: int = 1) -> tuple[KnowledgeBase, list[Problem]]:
    """Load and validate; raises DataError listing every error of the run.
    With `workers` > 1 the files are read and checked one by one in that
    many processes (load.load), the checks across records in this one."""
    records, problems = load(Path(data_dir), cache, workers=workers, prepare=prepare_record)
    kb, more = validate(records)
    problems = sorted(set(problems + more))
    if kb is None or any(p.is_error for p in problems):
        raise DataError(problems)
    return kb, problems


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
    (sotay/incremental.py). The result is the site a full build gives."""

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
