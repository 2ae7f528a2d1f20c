"""Re-render only what an edit touches, so `mkdocs serve` stays quick at scale.

At 10,000 documents a full render takes about a minute; an editor who fixes
one citation wants to see it in seconds. Rather than guess which pages an
edit affects from rules ("a document's page, its cited documents, its
locality and that locality's parents..." - rules that silently rot as
templates change), each page *records what it reads* while it renders:

- every record it looks up in the knowledge base ("document", "chi-thi-05-..."),
- every graph entry it looks up ("cited_by", "chi-thi-05-..."), which is how
  a page learns about records that point at it,
- and, for list pages, a whole kind or index at once ("document", ALL).

A page's output is a function of exactly those reads (plus "today" and the
site's address, which force a full render when they change). After an edit,
the records and graph entries that differ between the previous and the new
knowledge base are computed; a page is rendered again only when it read one
of them, otherwise its previous output is reused as is. Pages of new
records have no previous output and are rendered; pages of deleted records
are not produced any more.

Nothing here knows about MkDocs: it wraps the plain mappings of model.py
and graph.py.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Iterator, Mapping
from typing import Any

from .graph import Graph

# The key recorded when a page iterates a whole mapping (a list page reads
# every document): any change of that kind or index touches the page.
ALL = None

Read = tuple[str, Hashable]  # ("kb.document", "chi-thi-05-ct-tw-2016"), ("g.cited_by", ALL)

KB_KINDS = ("localities", "bodies", "documents", "campaigns", "deadlines", "targets", "paths")


def graph_indexes(graph: Graph) -> list[str]:
    """Names of the graph's relation indexes (every mapping field but kb)."""
    return [f.name for f in dataclasses.fields(graph) if f.name != "kb"]


class ReadLog:
    """The reads of the page being rendered."""

    __slots__ = ("reads",)

    def __init__(self) -> None:
        self.reads: set[Read] = set()

    def take(self) -> frozenset[Read]:
        reads, self.reads = frozenset(self.reads), set()
        return reads

    def recording(self, compute: Callable[[], Any]) -> tuple[Any, frozenset[Read]]:
        """`compute()` and what it read (also logged for the current page).
        For a value computed once and shared by several pages (the whole
        list behind 50 listing pages): each later page replay()s the reads."""
        outer, self.reads = self.reads, set()
        try:
            value = compute()
        finally:
            reads = frozenset(self.reads)
            self.reads = outer | reads
        return value, reads

    def replay(self, reads: frozenset[Read]) -> None:
        self.reads |= reads


class Tracked(Mapping):
    """A read-only view of a mapping that logs every key looked up.

    `missing` mimics the defaultdicts of graph.py for lookups of absent keys
    (g.cited_by["x"] of a document nobody cites is empty), without inserting
    the key as a defaultdict would.
    """

    __slots__ = ("_data", "_log", "_missing", "_name")

    def __init__(self, data: Mapping, name: str, log: ReadLog, missing: Any = KeyError):
        self._data, self._name, self._log, self._missing = data, name, log, missing

    def __getitem__(self, key):
        self._log.reads.add((self._name, key))
        try:
            return self._data[key]
        except KeyError:
            if self._missing is KeyError:
                raise
            return self._missing

    def get(self, key, default=None):
        self._log.reads.add((self._name, key))
        return self._data.get(key, default)

    def __contains__(self, key) -> bool:
        self._log.reads.add((self._name, key))
        return key in self._data

    def _all(self) -> Mapping:
        self._log.reads.add((self._name, ALL))
        return self._data

    def __iter__(self) -> Iterator:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def keys(self):
        return self._all().keys()

    def values(self):
        return self._all().values()

    def items(self):
        return self._all().items()


def tracked(graph: Graph, log: ReadLog) -> Graph:
    """The same graph, every lookup of its knowledge base and indexes logged."""
    kb = dataclasses.replace(
        graph.kb, **{kind: Tracked(getattr(graph.kb, kind), f"kb.{kind}", log) for kind in KB_KINDS}
    )
    indexes = {name: Tracked(getattr(graph, name), f"g.{name}", log, missing=())
               for name in graph_indexes(graph)}
    return dataclasses.replace(graph, kb=kb, **indexes)


def _diff(name: str, old: Mapping, new: Mapping, empty_is_missing: bool) -> set[Read]:
    changed: set[Read] = set()
    for key in old.keys() | new.keys():
        a, b = old.get(key), new.get(key)
        if empty_is_missing:  # an index entry [] is the same as none
            a, b = a or None, b or None
        if a is not b and a != b:
            changed.add((name, key))
    if changed:
        changed.add((name, ALL))
    return changed


def changes(old: Graph, new: Graph) -> set[Read]:
    """Every record and graph entry that differs between two builds."""
    changed: set[Read] = set()
    for kind in KB_KINDS:
        changed |= _diff(f"kb.{kind}", getattr(old.kb, kind), getattr(new.kb, kind), False)
    for name in graph_indexes(new):
        changed |= _diff(f"g.{name}", getattr(old, name), getattr(new, name), True)
    return changed


@dataclasses.dataclass
class Output:
    """One rendered page or asset and what it read."""

    value: Any  # render.Page or render.Asset
    reads: frozenset[Read]


@dataclasses.dataclass
class Previous:
    """What the last build produced, and from what."""

    graph: Graph
    settings: tuple
    outputs: dict[str, Output]


def reusable(previous: Previous | None, settings: tuple, changed: set[Read] | None,
             uri: str) -> Output | None:
    """The previous output of `uri` when nothing it read has changed."""
    if previous is None or changed is None or previous.settings != settings:
        return None
    out = previous.outputs.get(uri)
    if out is None or not out.reads.isdisjoint(changed):
        return None
    return out


Job = tuple[str, Callable[[], Any]]
