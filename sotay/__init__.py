"""Sổ tay thi đua: a knowledge base of emulation campaigns, as plain functions.

The package is laid out as the pipeline, one subpackage per stage, data
flowing one way (a stage imports only from the stages before it; a test
holds it to that):

    text/     folding, document numbers, dates, abbreviations, stored-text marks
    sources/  a file as it arrives (.txt, .md, .docx) -> its text
    data/     records, kb = load_knowledge_base(data_dir)  (load -> validate)
    extract/  found = extract(text): header, citations, campaigns, deadlines, targets
    resolve/  found names -> records of the knowledge base; the importer
    graph/    graph = build_graph(kb): every relation from both ends; deadlines by date
    outputs/  search entries and index, calendar feeds, handbook PDF, quality report,
              publishing; Page and Asset, the templates' environment
    site/     pages, assets = render_site(graph, today): one renderer per page family

`build()` (pipeline.py) runs them all and raises DataError with every problem
at once; serve.py keeps what `mkdocs serve` needs between rebuilds; cli/ is
the `sotay` command. Nothing here imports MkDocs: hooks/ is the only adapter.
"""

from __future__ import annotations

from sotay.data import DataError, KnowledgeBase, Problem, load, load_knowledge_base, validate
from sotay.graph import Graph, build_graph
from sotay.outputs.templating import Asset, Page
from sotay.pipeline import Builder, Site, build
from sotay.site.render import render_site

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
    "load",
    "load_knowledge_base",
    "render_site",
    "validate",
]
