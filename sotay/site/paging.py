"""Long lists cut to size, so that every generated page stays small at any scale.

At 10,000 documents one locality page listed every document of every unit
under it (8 MB of HTML), the deadlines page every deadline (7 MB): too big to
open on an office PC, let alone to scroll. The rules, for every list:

- An entity page (a locality, a body, a campaign, a cited document) shows a
  list in full up to LIST_LIMIT entries. A longer list shows its PREVIEW most
  recent entries, in the list's own order, says how many there are, and links
  to the full listing: "Xem tất cả 1.234 văn bản".
- A full listing, or a long index page (van-ban/...), is split into pages of
  PAGE_SIZE entries with a pager (Trang trước / Trang sau, page numbers,
  "Trang 3/12"); the first page keeps the listing's own address.

Addresses. A listing of an entity lives below the entity's own URL, page 2
on in "trang-<n>/":

    dia-ban/viet-nam/               the locality's page
    dia-ban/viet-nam/van-ban/       its documents, page 1
    dia-ban/viet-nam/van-ban/trang-2/

A record's URL is one segment below its section ("dia-ban/<id>/", ids never
hold "/"), so nothing two segments below ("<id>/van-ban/") can ever be a
record's page. A paginated index page continues beside the records of its
section ("van-ban/trang-2/", "phong-trao/trang-2/"): no record has such an
id, since ids start with what the record is ("cong-van-...", "luat-...",
"tinh-...", "ubnd-...") or, for campaigns, are the campaign's name; the
renderer still refuses to build a site where two pages would share an
address (SiteRenderer.jobs). The deadlines page and the campaigns ×
localities table live in folders of their own (han/, phong-trao-dia-ban/),
where no record can be.

The thresholds are module constants read at call time, so tests lower them
with monkeypatch to exercise paging on a small knowledge base.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")

# An entity page lists up to this many entries of one list in full ...
LIST_LIMIT = 100
# ... and only this many (the most recent) of a longer one, with a link to the rest.
PREVIEW = 50
# Entries per page of a full listing or a long index page.
PAGE_SIZE = 200
# Deadlines page (han/): up to this many rows on one page, as for the seeds;
# beyond, han/ keeps the PAGE_SIZE soonest upcoming ones (and the relative
# ones) and every month gets a page of its own (a row is ~1 KB of HTML).
DEADLINES_PAGE_LIMIT = 200
# Campaigns × localities table: past this many locality columns, columns are
# rolled up to their district, then (if still too many) to their province:
# a national table has one column per province (63) and one for the country.
MATRIX_MAX_COLUMNS = 80
# ... and this many campaign rows per page.
MATRIX_ROWS_PER_PAGE = 100
# Most recent documents shown per locality on a long campaign page.
CAMPAIGN_DOCS_PER_LOCALITY = 2
# Local forms listed under a campaign on the campaigns index (phong-trao/).
INDEX_ADAPTATIONS = 10

PAGE_FOLDER = "trang-{n}"


def vi_number(n: int) -> str:
    """1234 -> "1.234": Vietnamese groups thousands with a dot."""
    return f"{n:,}".replace(",", ".")


def page_count(total: int, size: int | None = None) -> int:
    """Pages needed for `total` entries; an empty list still has its one page."""
    return max(1, math.ceil(total / (size or PAGE_SIZE)))


def page_uri(folder: str, number: int) -> str:
    """Source path of page `number` of the listing in `folder`:
    ("van-ban", 1) -> "van-ban/index.md", ("van-ban", 2) -> "van-ban/trang-2/index.md"."""
    prefix = f"{folder}/" if folder else ""
    if number <= 1:
        return f"{prefix}index.md"
    return f"{prefix}{PAGE_FOLDER.format(n=number)}/index.md"


def page_of(index: int, size: int | None = None) -> int:
    """The page (1-based) holding entry `index` (0-based)."""
    return index // (size or PAGE_SIZE) + 1


@dataclass(frozen=True)
class Pager:
    """Where one page stands in its listing."""

    folder: str  # "dia-ban/viet-nam/van-ban"
    number: int  # this page, from 1
    count: int  # pages in all
    total: int  # entries in all
    size: int  # entries per page

    @property
    def start(self) -> int:
        """1-based position of the page's first entry (0 when the listing is empty)."""
        return min((self.number - 1) * self.size + 1, self.total)

    @property
    def end(self) -> int:
        return min(self.number * self.size, self.total)

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.count else None

    def uri(self, number: int) -> str:
        return page_uri(self.folder, number)

    def numbers(self, around: int = 2) -> list[int | None]:
        """Page numbers to offer: the first, the last, and `around` either side
        of this one; None marks a gap ("…")."""
        keep = {1, self.count, *range(self.number - around, self.number + around + 1)}
        out: list[int | None] = []
        for n in range(1, self.count + 1):
            if n in keep:
                out.append(n)
            elif out and out[-1] is not None:
                out.append(None)
        return out


def paginate(items: Sequence[T], folder: str, number: int,
             size: int | None = None) -> tuple[list[T], Pager]:
    """Page `number` of `items`, and its pager."""
    size = size or PAGE_SIZE
    pager = Pager(folder, number, page_count(len(items), size), len(items), size)
    return list(items[(number - 1) * size: number * size]), pager


@dataclass(frozen=True)
class Preview:
    """What an entity page shows of one list."""

    shown: list
    total: int

    @property
    def cut(self) -> bool:
        return len(self.shown) < self.total


def preview(items: Iterable[T], recency: Callable[[T], Any] | None = None) -> Preview:
    """The whole list when it is short; else its PREVIEW most recent entries.

    `recency` ranks entries (higher is more recent); the entries kept stay in
    the list's own order. Without it the list is taken to start with the
    entries that matter most (deadlines: the soonest first) and its head is kept.
    """
    items = list(items)
    if len(items) <= LIST_LIMIT:
        return Preview(items, len(items))
    if recency is None:
        return Preview(items[:PREVIEW], len(items))
    ranked = sorted(range(len(items)), key=lambda i: recency(items[i]), reverse=True)
    keep = sorted(ranked[:PREVIEW])
    return Preview([items[i] for i in keep], len(items))


def is_cut(total: int) -> bool:
    """Whether an entity page cuts a list of `total` entries (and a full listing exists)."""
    return total > LIST_LIMIT
