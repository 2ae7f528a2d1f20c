"""Partial dates: a year, a year and month, or a full date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sotay.text import patterns


class DateError(ValueError):
    """A date that cannot exist or is not written as expected."""


@dataclass(frozen=True, order=True)
class PartialDate:
    """ "ngày tháng 6 năm 2024" is PartialDate(2024, 6): a real value, not an error."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, raw: str | int) -> PartialDate:
        """Parse "2024", "2024-06", "2024-07-03" (or the integer 2024).

        Raises DateError naming what was expected, with the ISO spelling when
        the value was typed the Vietnamese way ("03/7/2024").
        """
        text = str(raw).strip()
        m = patterns.ISO_PARTIAL_DATE.match(text)
        if not m:
            vn = patterns.VN_NUMERIC_DATE.match(text)
            if vn:
                iso = f"{vn['year']}-{int(vn['month']):02d}"
                if vn["day"]:
                    iso += f"-{int(vn['day']):02d}"
                raise DateError(f"'{text}' chưa viết theo ISO, cần '{iso}'")
            raise DateError(f"'{text}' không phải ngày dạng YYYY, YYYY-MM hoặc YYYY-MM-DD")
        year = int(m["year"])
        month = int(m["month"]) if m["month"] else None
        day = int(m["day"]) if m["day"] else None
        if not 1900 <= year <= 2100:
            raise DateError(f"năm {year} nằm ngoài khoảng 1900-2100")
        if month is not None and not 1 <= month <= 12:
            raise DateError(f"tháng {month} không tồn tại")
        if day is not None:
            try:
                dt.date(year, month, day)  # type: ignore[arg-type]
            except ValueError:
                raise DateError(f"ngày {day}/{month}/{year} không tồn tại") from None
        return cls(year, month, day)

    @property
    def complete(self) -> bool:
        return self.day is not None

    def as_date(self) -> dt.date | None:
        return dt.date(self.year, self.month, self.day) if self.day and self.month else None

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def vi(self) -> str:
        """As Vietnamese documents write it: "03/7/2024", "tháng 6/2024", "năm 2023"."""
        if self.month is None:
            return f"năm {self.year}"
        if self.day is None:
            return f"tháng {self.month}/{self.year}"
        return f"{self.day:02d}/{self.month}/{self.year}"

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)


@dataclass(frozen=True)
class Period:
    """A campaign period, "giai đoạn 2021-2025"; `end` None means open-ended."""

    start: int
    end: int | None

    @classmethod
    def parse(cls, raw: str | int) -> Period:
        m = patterns.PERIOD.match(str(raw))
        if not m:
            raise DateError(f"'{raw}' không phải giai đoạn dạng \"2021-2025\" hoặc \"2024\"")
        start = int(m["start"])
        if m["end"]:
            end = int(m["end"])
        elif "-" in str(raw) or "–" in str(raw):
            end = None
        else:
            end = start
        if end is not None and end < start:
            raise DateError(f"giai đoạn '{raw}' kết thúc trước khi bắt đầu")
        return cls(start, end)

    def vi(self) -> str:
        if self.end == self.start:
            return f"năm {self.start}"
        if self.end is None:
            return f"từ {self.start}"
        return f"giai đoạn {self.start}–{self.end}"


def vi_date(value: PartialDate | dt.date | None) -> str:
    """ "03/07/2024" for a day, PartialDate.vi() for a partial date, "không rõ
    ngày" for none (the templates' `vi_date` filter)."""
    if value is None:
        return "không rõ ngày"
    if isinstance(value, dt.date):
        return f"{value.day:02d}/{value.month}/{value.year}"
    return value.vi()
