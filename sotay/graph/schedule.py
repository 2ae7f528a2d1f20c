"""Deadlines in time: where each deadline falls relative to "today".

Read by the renderer (the deadlines page, the home page, each entity's
"Hạn" section) and by the calendar feeds, so a deadline is "past" or
"upcoming" in one place only. Pure data: no HTML, no iCalendar.

Three shapes of deadline, as the sources write them:

- dated, "trước ngày 12/7/2024": one occurrence on its date;
- dated and yearly ("hằng năm"), date 2024-12-30: one occurrence per year,
  from the date's own year through the year after "today", so the page shows
  the latest past ones and the next one;
- relative only, "trong 10 ngày làm việc", "Cuối năm (hoặc vào đầu tháng 1
  năm tiếp theo)": no date at all. Listed as text with its source, never
  placed on a calendar or counted as past or upcoming.

A partial date ("tháng 12/2024") is a real value: it is due by the last day
it covers, and is shown by month, but it is not precise enough to become a
calendar event.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sotay.data.model import Deadline
from sotay.graph.relations import LEVELS, Graph, campaign_sort_key
from sotay.text.dates import PartialDate
from sotay.text.folding import slugify

UPCOMING = "sap-toi"
PAST = "da-qua"
UNDATED = "tuong-doi"
YEARLY = "hằng năm"


def last_day(date: PartialDate) -> dt.date:
    """The last day a partial date covers: 2024-12 -> 31/12/2024, 2024 -> 31/12/2024."""
    if date.month is None:
        return dt.date(date.year, 12, 31)
    if date.day is None:
        return dt.date(date.year, date.month, _calendar.monthrange(date.year, date.month)[1])
    return dt.date(date.year, date.month, date.day)


def in_year(date: PartialDate, year: int) -> PartialDate:
    """The same day in another year; 29/2 falls on 28/2 in common years."""
    day = date.day
    if day is not None and date.month == 2 and day == 29 and not _calendar.isleap(year):
        day = 28
    return PartialDate(year, date.month, day)


@dataclass(frozen=True)
class Occurrence:
    """One time a deadline falls due: the record, this occurrence's date, its status."""

    deadline: Deadline
    date: PartialDate | None  # None: a relative deadline ("trong 10 ngày làm việc")
    status: str  # UPCOMING, PAST or UNDATED
    days_left: int | None  # from today to the last day covered; None when undated

    @property
    def due(self) -> dt.date | None:
        """The last day it can be done: the date itself, or the end of a partial month/year."""
        return last_day(self.date) if self.date else None

    @property
    def yearly(self) -> bool:
        return self.deadline.recurrence == YEARLY

    @property
    def anchor(self) -> str:
        """Unique per occurrence: "han-<id>" or, for yearly ones, "han-<id>-2025"."""
        base = f"han-{self.deadline.id}"
        return f"{base}-{self.date.year}" if self.yearly and self.date else base


@dataclass(frozen=True)
class MonthGroup:
    """Occurrences due in one month (or one year, for year-only dates)."""

    year: int
    month: int | None
    status: str
    items: tuple[Occurrence, ...]

    @property
    def label(self) -> str:
        return f"Tháng {self.month}/{self.year}" if self.month else f"Năm {self.year}"

    @property
    def anchor(self) -> str:
        """ "sap-toi-2024-07": a month can hold past and upcoming deadlines."""
        when = f"{self.year}-{self.month:02d}" if self.month else f"{self.year}"
        return f"{self.status}-{when}"


def occurrences(deadlines: Iterable[Deadline], today: dt.date) -> list[Occurrence]:
    """Every occurrence: upcoming (soonest first), then past (latest first), then undated."""
    out: list[Occurrence] = []
    for d in deadlines:
        if d.date is None:
            out.append(Occurrence(d, None, UNDATED, None))
            continue
        years = [d.date.year]
        if d.recurrence == YEARLY:
            years = list(range(d.date.year, max(d.date.year, today.year + 1) + 1))
        for year in years:
            date = in_year(d.date, year)
            left = (last_day(date) - today).days
            out.append(Occurrence(d, date, UPCOMING if left >= 0 else PAST, left))

    def key(o: Occurrence) -> tuple:
        if o.status == UNDATED:
            return (2, 0, o.deadline.id)
        assert o.days_left is not None
        return (0 if o.status == UPCOMING else 1,
                o.days_left if o.status == UPCOMING else -o.days_left, o.deadline.id)

    return sorted(out, key=key)


def by_month(items: Iterable[Occurrence]) -> list[MonthGroup]:
    """Dated occurrences grouped by month, in the order given (see occurrences())."""
    groups: dict[tuple[int, int | None, str], list[Occurrence]] = {}
    for o in items:
        if o.date is None:
            continue
        groups.setdefault((o.date.year, o.date.month, o.status), []).append(o)
    return [MonthGroup(y, m, s, tuple(v)) for (y, m, s), v in groups.items()]


def level_slug(level: str) -> str:
    """ "trung ương" -> "trung-uong": filter values that read well in a URL."""
    return slugify(level)


@dataclass(frozen=True)
class Facts:
    """Where a deadline belongs: what the deadlines page shows and filters on."""

    locality: str  # the source document's locality
    localities: tuple[str, ...]  # it and every unit above it, nearest first
    province: str | None
    level: str  # the issuing body's level: "huyện"
    campaigns: tuple[str, ...]  # as recorded on the deadline
    campaign_filter: tuple[str, ...]  # those and every campaign they adapt or belong to


class Schedule:
    """Deadlines of one knowledge base against one "today"."""

    def __init__(self, graph: Graph, today: dt.date):
        self.g = graph
        self.today = today

    def occurrences(self, deadlines: Iterable[Deadline | str]) -> list[Occurrence]:
        records = {d if isinstance(d, Deadline) else self.g.kb.deadlines[d] for d in deadlines}
        return occurrences(sorted(records, key=lambda d: d.id), self.today)

    def all(self) -> list[Occurrence]:
        return self.occurrences(self.g.kb.deadlines.values())

    def upcoming(self, limit: int | None = None) -> list[Occurrence]:
        items = [o for o in self.all() if o.status == UPCOMING]
        return items[:limit] if limit is not None else items

    def facts(self, d: Deadline) -> Facts:
        kb = self.g.kb
        locality = self.g.locality_of_document(d.source)
        wider: list[str] = []
        for c in d.campaigns:
            stack = [c]
            while stack:
                current = stack.pop()
                if current in wider:
                    continue
                wider.append(current)
                campaign = kb.campaigns[current]
                stack += [x for x in (campaign.adapts, campaign.parent) if x]
        return Facts(
            locality=locality,
            localities=tuple(self.g.ancestors(locality)),
            province=self.g.province_of(locality),
            level=kb.bodies[kb.documents[d.source].issuer].level,
            campaigns=tuple(d.campaigns),
            campaign_filter=tuple(wider),
        )

    def filter_options(self) -> dict[str, list]:
        """The choices of the deadlines page's filters: only values some deadline has."""
        kb, g = self.g.kb, self.g
        facts = [self.facts(d) for d in kb.deadlines.values()]
        provinces = sorted({f.province for f in facts if f.province},
                           key=lambda p: (kb.localities[p].name, p))
        below = {loc for f in facts for loc in f.localities
                 if LEVELS.index(kb.localities[loc].level) > LEVELS.index("tỉnh")}
        localities = sorted(below, key=lambda loc: (
            kb.localities[g.province_of(loc)].name if g.province_of(loc) else "",
            [kb.localities[a].name for a in reversed(g.ancestors(loc))], loc))
        levels = [lv for lv in LEVELS if any(f.level == lv for f in facts)]
        campaigns = sorted({c for f in facts for c in f.campaign_filter},
                           key=lambda c: campaign_sort_key(kb.campaigns[c]))
        return {"provinces": provinces, "localities": localities, "levels": levels,
                "campaigns": campaigns}
