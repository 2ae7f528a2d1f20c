"""The long lists behind the paginated pages, each made once per render, and
the part of one that a page shows: the bookkeeping that lets an incremental
build (sotay/site/incremental.py) render again only the pages whose part
changed, not every page of every list an edit touches.

It knows no family of pages: each family registers how its kind of list is
made (register_list) and, for a part that is not a page or a preview of a
list, how that part is made (register_part). Keys:

- a list: (kind, ...): ("listing", "locality", "van-ban", "tinh-x") for an
  entity's list, ("index", "documents") for a long index page's,
  ("matrix",) for the campaigns × localities table;
- a part: ("page", list_key, folder, number), page `number` of a list;
  ("preview", list_key), what an entity's page shows of it (paging.Preview);
  or (kind, ...) of a kind registered with register_part: ("matrix", 3).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from sotay.site import paging
from sotay.site.incremental import Derived, Read, ReadLog, entries

Marker = Callable[[Any], Any]


def _none(list_key: tuple) -> None:
    return None


@dataclass(frozen=True)
class ListKind:
    """How the lists of one kind are made, each from its key (kind, ...)."""

    # every entry of the list, in the order its pages show them
    whole: Callable[[tuple], list]
    # what a page after the first says it continues from, given the entry
    # before it (None: nothing): the locality a campaign's documents are
    # grouped by, the role of a citation, the group (kind, level) of an
    # index page. The page depends on that, not on the whole entry before it.
    continues: Callable[[tuple], Marker | None] = _none
    # how "most recent" ranks the entries of a preview (paging.preview);
    # None: the list already starts with what matters most, its head is shown
    recency: Callable[[tuple], Marker | None] = _none


class Parts:
    """The lists of one render and the parts of them its pages show."""

    def __init__(self, log: ReadLog | None):
        # the render's ReadLog when it records what each page reads, else None
        self.log = log
        self._kinds: dict[str, ListKind] = {}
        self._own_parts: dict[str, Callable[[tuple], tuple[Any, frozenset[Read]]]] = {}
        self._shared_values: dict[tuple, tuple[Any, frozenset]] = {}  # shared(), whole()
        self._parts: dict[tuple, tuple[Any, Any, frozenset, frozenset]] = {}  # part()

    def register_list(self, kind: str, lists: ListKind) -> None:
        """Lists (kind, ...) are made as `lists` says."""
        if kind in self._kinds:
            raise ValueError(f"two families make the lists {kind!r}")
        self._kinds[kind] = lists

    def register_part(self, kind: str, make: Callable[[tuple], tuple[Any, frozenset[Read]]]) -> None:
        """Parts (kind, ...) are `make(key)`: (the part, all of it plain
        values and so its own shape; what making its list read, from whole())."""
        if kind in self._own_parts or kind in ("page", "preview"):
            raise ValueError(f"two families make the parts {kind!r}")
        self._own_parts[kind] = make

    def shared(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """`compute()`, once per render for all the pages that need it: the
        pages of one listing all need the whole list (at 10,000 documents,
        sorting them again for each of 50 pages costs seconds).

        When the render records what each page reads (sotay/site/incremental.py),
        what computing the value read is recorded again for every page that
        takes it from here, so an incremental build still re-renders each of
        them when that input changes."""
        log = self.log
        if key in self._shared_values:
            value, reads = self._shared_values[key]
            if log is not None:
                log.replay(reads)
            return value
        if log is None:
            value, reads = compute(), frozenset()
        else:
            value, reads = log.recording(compute)
        self._shared_values[key] = (value, reads)
        return value

    def whole(self, list_key: tuple) -> tuple[list, frozenset[Read]]:
        """A whole long list, made once per render, and what making it read
        (not logged for the page asking: see part)."""
        if list_key not in self._shared_values:
            compute = partial(self._kinds[list_key[0]].whole, list_key)
            self._shared_values[list_key] = (self.log.isolated(compute) if self.log is not None
                                             else (compute(), frozenset()))
        return self._shared_values[list_key]

    def items(self, list_key: tuple) -> list:
        """Every entry of a long list. Who asks depends on all of it."""
        items, reads = self.whole(list_key)
        if self.log is not None:
            self.log.replay(reads)
        return items

    def part(self, key: tuple) -> Any:
        """The part of a long list a page shows (see _make for `key`).

        When the render records reads, the page depends on the part's shape
        (incremental.Derived) and on each entry's own record, not on every
        record the list was made from: page 7 of a locality's documents is
        not rendered again when a document on page 3 gets a new subject."""
        value, shape, entry_reads, list_reads = self._made(key)
        if self.log is not None:
            if shape is None:  # entries without a key (incremental.entry): the whole list
                self.log.reads |= list_reads
            else:
                self.log.reads |= entry_reads
                self.log.derived.append(Derived(key, shape, list_reads))
        return value

    def part_shape(self, key: tuple) -> tuple[Any, frozenset[Read]]:
        """The shape of part `key` in this build and the reads of its list
        (incremental.reusable, deciding whether a page is rendered again)."""
        _, shape, _, list_reads = self._made(key)
        return shape, list_reads

    def _made(self, key: tuple) -> tuple[Any, Any, frozenset, frozenset]:
        made = self._parts.get(key)
        if made is None:
            made = self._parts[key] = self._make(key)
        return made

    def _make(self, key: tuple) -> tuple[Any, Any, frozenset, frozenset]:
        """(value, shape, reads of its entries, reads of the whole list) of

        - ("page", list_key, folder, number): (entries shown, pager,
          where the page continues from: ListKind.continues);
        - ("preview", list_key): paging.Preview;
        - (kind, ...) of a kind of part registered: what its maker returns,
          all of it plain values, its own shape."""
        own = self._own_parts.get(key[0])
        if own is not None:
            value, list_reads = own(key)
            return value, value, frozenset(), list_reads
        items, list_reads = self.whole(key[1])
        lists = self._kinds[key[1][0]]
        more: frozenset[Read] = frozenset()
        if key[0] == "page":
            folder, number = key[2:]
            shown, pager = paging.paginate(items, folder, number)
            marker = lists.continues(key[1])
            continues = None
            if marker is not None and number > 1 and shown:
                if self.log is None:
                    continues = marker(items[pager.start - 2])
                else:
                    continues, more = self.log.isolated(partial(marker, items[pager.start - 2]))
            value = (shown, pager, continues)
            parts, extra = shown, (pager, continues)
        else:
            value = paging.preview(items, lists.recency(key[1]))
            parts, extra = value.shown, value.total
        if self.log is None:
            return value, None, frozenset(), list_reads
        try:
            keys, entry_reads = entries(parts)
        except TypeError:
            return value, None, frozenset(), list_reads
        return value, (keys, extra), entry_reads | more, list_reads
