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

from .errors import DataError, Problem
from .extract import extract
from .graph import Graph, build_graph
from .load import load
from .model import KnowledgeBase
from .render import Asset, Page, render_site
from .validate import validate

__all__ = [
    "Asset",
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


def load_knowledge_base(data_dir: Path) -> tuple[KnowledgeBase, list[Problem]]:
    """Load and validate; raises DataError listing every error of the run."""
    records, problems = load(Path(data_dir))
    kb, more = validate(records)
    problems = sorted(set(problems + more))
    if kb is None or any(p.is_error for p in problems):
        raise DataError(problems)
    return kb, problems


def build(data_dir: Path, today: dt.date | None = None, site_url: str | None = None) -> Site:
    """Every stage, data folder to pages. `site_url`, the published site's
    absolute address, lets calendar events link back to it."""
    kb, warnings = load_knowledge_base(data_dir)
    graph = build_graph(kb)
    pages, assets = render_site(graph, today or dt.date.today(), site_url=site_url)
    return Site(graph, pages, assets, warnings)
