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

A page that shows one part of a long list (page 7 of a locality's 2,000
documents, the 50 most recent of them) does not depend on every record the
list was made from, only on which entries that part holds and on those
entries themselves. Such a page records a Derived read: the part's *shape*
(its entries, each known by its record: ("documents", id)), the reads of the
whole list, and a read of each entry's record. After an edit that touches
the list, the list is made again and the part's shape compared: when an
edit of one document's subject leaves the order as it was, only the page
holding that document is rendered again, not the 50 pages of every list
it is in (a subject edit at 10,000 documents: 33 pages rendered instead of
198, the rebuild ~1.2 s shorter).

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

from sotay.data.model import Body, Campaign, Citation, Deadline, Document, Locality, Mention, Target
from sotay.graph.relations import Graph
from sotay.graph.schedule import Occurrence

# The key recorded when a page iterates a whole mapping (a list page reads
# every document): any change of that kind or index touches the page.
ALL = None

Read = tuple[str, Hashable]  # ("kb.document", "chi-thi-05-ct-tw-2016"), ("g.cited_by", ALL)

KB_KINDS = ("localities", "bodies", "documents", "campaigns", "deadlines", "targets", "paths")


def graph_indexes(graph: Graph) -> list[str]:
    """Names of the graph's relation indexes (every mapping field but kb)."""
    return [f.name for f in dataclasses.fields(graph) if f.name != "kb"]


@dataclasses.dataclass(frozen=True)
class Derived:
    """What a page took from a whole list: `shape` (its entries and place,
    see entry()) of the part `key` names, and what making the list read."""

    key: tuple  # ("page", ("listing", "locality", "van-ban", "tinh-x"), "dia-ban/tinh-x/van-ban", 3)
    shape: Hashable
    reads: frozenset[Read]


class ReadLog:
    """The reads of the page being rendered."""

    __slots__ = ("derived", "reads")

    def __init__(self) -> None:
        self.reads: set[Read] = set()
        self.derived: list[Derived] = []

    def take(self) -> tuple[frozenset[Read], tuple[Derived, ...]]:
        reads, self.reads = frozenset(self.reads), set()
        derived, self.derived = tuple(self.derived), []
        return reads, derived

    def isolated(self, compute: Callable[[], Any]) -> tuple[Any, frozenset[Read]]:
        """`compute()` and what it read, not logged for the current page."""
        outer, self.reads = self.reads, set()
        try:
            value = compute()
            return value, frozenset(self.reads)
        finally:
            self.reads = outer

    def recording(self, compute: Callable[[], Any]) -> tuple[Any, frozenset[Read]]:
        """`compute()` and what it read (also logged for the current page).
        For a value computed once and shared by several pages (the whole
        list behind 50 listing pages): each later page replay()s the reads."""
        value, reads = self.isolated(compute)
        self.reads |= reads
        return value, reads

    def replay(self, reads: frozenset[Read]) -> None:
        self.reads |= reads


# Records known by their id in a list's shape: ("documents", "chi-thi-05-...").
_RECORD_KINDS = {Document: "documents", Campaign: "campaigns", Body: "bodies", Locality: "localities",
                 Target: "targets", Deadline: "deadlines"}
# Entries small enough to be their own key: a campaign id, a count, a
# citation or mention (its role and quote are what the list shows of it).
_BY_VALUE = (str, int, Citation, Mention, type(None))


def entry(item: Any) -> tuple[Hashable, frozenset[Read]]:
    """How an entry of a list is known from one build to the next, and the
    reads that cover what it shows. A record by its kind and id, read from
    the knowledge base: (Document "chi-thi-05") -> ("documents", "chi-thi-05"),
    {("kb.documents", "chi-thi-05")}; a deadline's occurrence by its deadline,
    date and status; a (document, mention) pair by both. Raises TypeError for
    anything else: its page then depends on the whole list, as before."""
    kind = _RECORD_KINDS.get(type(item))
    if kind is not None:
        return (kind, item.id), frozenset({(f"kb.{kind}", item.id)})
    if isinstance(item, _BY_VALUE):
        return item, frozenset()
    if isinstance(item, Occurrence):
        return (("occurrence", item.deadline.id, item.date, item.status, item.days_left),
                frozenset({("kb.deadlines", item.deadline.id)}))
    if isinstance(item, (tuple, list)):
        parts = [entry(part) for part in item]
        return tuple(key for key, _ in parts), frozenset().union(*(reads for _, reads in parts))
    raise TypeError(f"no entry key for {type(item).__name__}")


def entries(items: Any) -> tuple[Hashable, frozenset[Read]]:
    """entry() of every item of a sequence: their keys in order, all their reads."""
    parts = [entry(item) for item in items]
    return tuple(key for key, _ in parts), frozenset().union(*(reads for _, reads in parts))


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

    value: Any  # a Page or an Asset (sotay.outputs.templating)
    reads: frozenset[Read]
    derived: tuple[Derived, ...] = ()


@dataclasses.dataclass
class Previous:
    """What the last build produced, and from what."""

    graph: Graph
    settings: tuple
    outputs: dict[str, Output]


def reusable(previous: Previous | None, settings: tuple, changed: set[Read] | None,
             uri: str, derive: Callable[[tuple], tuple[Hashable, frozenset[Read]]]) -> Output | None:
    """The previous output of `uri` when nothing it read has changed.

    A part of a list it shows (Derived) counts as changed only when the list
    was made from changed inputs *and* the part's shape differs now:
    `derive(key)` gives the part's shape and the list's reads in this build.
    The page, kept, then carries those new reads: a list made again may read
    records it did not before (a document added to a locality)."""
    if previous is None or changed is None or previous.settings != settings:
        return None
    out = previous.outputs.get(uri)
    if out is None or not out.reads.isdisjoint(changed):
        return None
    if not out.derived or all(d.reads.isdisjoint(changed) for d in out.derived):
        return out
    kept = []
    for d in out.derived:
        if d.reads.isdisjoint(changed):
            kept.append(d)
            continue
        shape, reads = derive(d.key)
        if shape != d.shape:
            return None
        kept.append(Derived(d.key, shape, reads))
    return Output(out.value, out.reads, tuple(kept))


Job = tuple[str, Callable[[], Any]]
