"""The deadlines page (han/) with its filters; past paging.DEADLINES_PAGE_LIMIT
rows, a calendar of month pages ("han/2024-07/", "han/2024/" for year-only
dates) and the relative deadlines' page ("han/tuong-doi/")."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

from sotay.graph.schedule import PAST, UNDATED, UPCOMING, Occurrence, Schedule
from sotay.outputs.templating import Page
from sotay.site import paging
from sotay.site.context import Family
from sotay.site.incremental import Job
from sotay.site.linker import DEADLINES_FOLDER, INDEX_PAGES, UNDATED_FOLDER


def _month_key(month: str) -> tuple[int, int]:
    """ "2024-07" -> (2024, 7); a year-only page "2024" after its December."""
    year, _, m = month.partition("-")
    return int(year), int(m) if m else 13


def _month_label(month: str) -> str:
    if month == UNDATED_FOLDER:
        return "Hạn tương đối"
    year, m = _month_key(month)
    return f"Tháng {m}/{year}" if m != 13 else f"Năm {year}"


def _status_counts(items: Iterable[Occurrence]) -> dict[str, int]:
    counts = {UPCOMING: 0, PAST: 0, UNDATED: 0}
    for o in items:
        counts[o.status] += 1
    return counts


def _month_table(months: dict[str, list[Occurrence]]) -> list[dict[str, Any]]:
    """The month pages as a calendar: one row per year (latest first), a cell
    per month (and one for year-only dates) with its counts."""
    years: dict[int, dict[int, dict[str, Any]]] = defaultdict(dict)
    for month, items in months.items():
        year, m = _month_key(month)
        years[year][m] = {"month": month, "label": _month_label(month), **_status_counts(items),
                          "total": len(items)}
    return [{"year": year, "cells": [cells.get(m) for m in range(1, 14)]}
            for year, cells in sorted(years.items(), reverse=True)]


def _month(o: Occurrence) -> str:
    """The page of a dated occurrence: "2024-07", or "2024" for a year-only date."""
    assert o.date is not None
    return f"{o.date.year}-{o.date.month:02d}" if o.date.month else f"{o.date.year}"


class DeadlinePages(Family):
    def index_pages(self) -> dict[str, Callable[[], Page]]:
        return {"deadlines": self.page}

    def index_page_jobs(self) -> Iterator[Job]:
        """The month pages and the relative deadlines' pages, when han/ is cut."""
        parts = self._parts()
        if parts is None:
            return
        _, months, undated = parts
        for month, items in months.items():
            for number in range(1, paging.page_count(len(items)) + 1):
                yield (paging.page_uri(f"{DEADLINES_FOLDER}/{month}", number),
                       partial(self.part_page, month, number))
        if len(undated) > paging.PAGE_SIZE:
            for number in range(1, paging.page_count(len(undated)) + 1):
                yield (paging.page_uri(f"{DEADLINES_FOLDER}/{UNDATED_FOLDER}", number),
                       partial(self.part_page, UNDATED_FOLDER, number))

    def _options(self, items: list[Occurrence]) -> dict[str, list]:
        """The filter choices of a deadlines page: those of its own rows
        (Schedule.filter_options over just these deadlines)."""
        ctx = self.ctx
        deadlines = {o.deadline.id: o.deadline for o in items}
        if len(deadlines) == len(ctx.kb.deadlines):
            return ctx.schedule.filter_options()
        view = dataclasses.replace(ctx.g, kb=dataclasses.replace(ctx.kb, deadlines=deadlines))
        return Schedule(view, ctx.today).filter_options()

    def _parts(self) -> tuple[list[Occurrence], dict[str, list[Occurrence]], list[Occurrence]] | None:
        """None when every deadline fits on han/ (DEADLINES_PAGE_LIMIT rows);
        else (every occurrence, dated ones by month page, relative ones)."""
        return self.ctx.parts.shared(("deadlines",), self._compute_parts)

    def _compute_parts(self) -> tuple[list[Occurrence], dict[str, list[Occurrence]],
                                      list[Occurrence]] | None:
        every = self.ctx.schedule.all()
        if len(every) <= paging.DEADLINES_PAGE_LIMIT:
            return None
        months: dict[str, list[Occurrence]] = defaultdict(list)
        for o in every:
            if o.date is not None:
                months[_month(o)].append(o)
        ordered = dict(sorted(months.items(), key=lambda kv: _month_key(kv[0])))
        return every, ordered, [o for o in every if o.status == UNDATED]

    def page(self) -> Page:
        """han/: every deadline, or the soonest upcoming ones and the calendar."""
        uri = INDEX_PAGES["deadlines"]
        parts = self._parts()
        if parts is None:
            every = self.ctx.schedule.all()
            return self.ctx.render("deadlines.md.j2", uri, occurrences=every, options=self._options(every),
                                   counts=_status_counts(every), part=None)
        every, months, undated = parts
        upcoming = [o for o in every if o.status == UPCOMING]
        shown = upcoming[:paging.PAGE_SIZE]
        relative = undated if len(undated) <= paging.PAGE_SIZE else []
        part = {"kind": "overview", "months": _month_table(months), "more_upcoming": len(upcoming) - len(shown),
                "undated": len(undated), "undated_page": None if relative or not undated else
                paging.page_uri(f"{DEADLINES_FOLDER}/{UNDATED_FOLDER}", 1)}
        return self.ctx.render("deadlines.md.j2", uri, occurrences=shown + relative,
                               options=self._options(shown + relative), counts=_status_counts(every),
                               part=part)

    def part_page(self, month: str, number: int) -> Page:
        """One month's deadlines (or the relative ones), with the filters of han/."""
        parts = self._parts()
        assert parts is not None
        _, months, undated = parts
        items = undated if month == UNDATED_FOLDER else months[month]
        shown, pager = paging.paginate(items, f"{DEADLINES_FOLDER}/{month}", number)
        keys = list(months)
        at = keys.index(month) if month in months else None
        previous = keys[at - 1] if at else None
        following = keys[at + 1] if at is not None and at + 1 < len(keys) else None
        nav = {"previous": previous, "next": following,
               "previous_label": previous and _month_label(previous),
               "next_label": following and _month_label(following)}
        return self.ctx.render("deadlines_part.md.j2", pager.uri(number), occurrences=shown,
                               options=self._options(shown), counts=_status_counts(items), month=month,
                               label=_month_label(month), pager=pager, nav=nav, folder=DEADLINES_FOLDER)
