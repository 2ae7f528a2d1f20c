"""The campaigns × localities table (phong-trao-dia-ban/): how many documents
of each locality mention each campaign, rolled up to districts or provinces
when the localities are too many, paginated by campaign rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from sotay.graph.relations import LEVELS
from sotay.outputs.templating import Page
from sotay.site import paging
from sotay.site.context import Family, RenderContext
from sotay.site.incremental import Job, Read
from sotay.site.linker import MATRIX_FOLDER
from sotay.site.parts import ListKind


@dataclass(frozen=True)
class MatrixCell:
    count: int  # documents
    anchor: str  # locality whose section on the campaign page the cell links to


class MatrixPages(Family):
    """The table's pages. Its rows, columns and cells are the list
    ("matrix",) in parts.py, a page of it the part ("matrix", number)."""

    def __init__(self, ctx: RenderContext):
        super().__init__(ctx)
        ctx.parts.register_list("matrix", ListKind(whole=lambda list_key: self._compute()))
        ctx.parts.register_part("matrix", self._part)

    def index_pages(self) -> dict[str, Callable[[], Page]]:
        return {"matrix": partial(self.page, 1)}

    def index_page_jobs(self) -> Iterator[Job]:
        """Page 2 on of the table."""
        rows = self.ctx.parts.whole(("matrix",))[0][0]
        for number in range(2, paging.page_count(len(rows), paging.MATRIX_ROWS_PER_PAGE) + 1):
            yield paging.page_uri(MATRIX_FOLDER, number), partial(self.page, number)

    def page(self, number: int) -> Page:
        shown, cols, cells, level, pager, all_rows, all_cols = self.ctx.parts.part(("matrix", number))
        return self.ctx.render("matrix.md.j2", pager.uri(number), rows=shown, cols=cols,
                               cells=cells, level=level, pager=pager, all_rows=all_rows, all_cols=all_cols)

    def _part(self, key: tuple) -> tuple[Any, frozenset[Read]]:
        """Page key[1] of the table, all of it plain values: (rows shown, the
        columns with a cell on them, their cells, level, pager, rows and
        columns in all); and what making the table read."""
        (rows, cols, cells, level), list_reads = self.ctx.parts.whole(("matrix",))
        shown, pager = paging.paginate(rows, MATRIX_FOLDER, key[1], paging.MATRIX_ROWS_PER_PAGE)
        on_page = set(shown)
        cells = {(row, col): cell for (row, col), cell in cells.items() if row in on_page}
        used = {col for (row, col) in cells}
        return (shown, [c for c in cols if c in used], cells, level, pager, len(rows), len(cols)), list_reads

    def _roll_up(self, loc: str, level: str) -> str:
        """The unit at `level` (or the nearest above it) that holds `loc`."""
        for unit in self.ctx.g.ancestors(loc):
            if LEVELS.index(self.ctx.kb.localities[unit].level) <= LEVELS.index(level):
                return unit
        return loc

    def _compute(self) -> tuple[list[str], list[str], dict[tuple[str, str], MatrixCell], str | None]:
        """Rows, columns and cells of the campaigns × localities table. Past
        MATRIX_MAX_COLUMNS localities the columns are rolled up to districts,
        then to provinces. A cell links to the campaign page's section of the
        first of its localities (in that page's order), which always exists."""
        g = self.ctx.g
        rows, cols, cells = g.matrix()
        level = None
        mapping = {c: c for c in cols}
        for up in ("huyện", "tỉnh"):
            if len(set(mapping.values())) <= paging.MATRIX_MAX_COLUMNS:
                break
            level = up
            mapping = {c: self._roll_up(c, up) for c in cols}
        merged: dict[tuple[str, str], list[str]] = defaultdict(list)
        counts: dict[tuple[str, str], int] = defaultdict(int)
        for (row, col), docs in cells.items():
            merged[(row, mapping[col])].append(col)
            counts[(row, mapping[col])] += len(docs)
        out = {key: MatrixCell(counts[key], min(locs, key=g._locality_sort_key)) for key, locs in merged.items()}
        columns = sorted(set(mapping.values()), key=g._locality_sort_key)
        return rows, columns, out, level
