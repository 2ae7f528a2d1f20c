"""What extraction gives: frozen value objects, each with its span in the text.

Every span points into the cleaned text (`Extraction.text`, the text a
record stores), so text[start:end] == quote:

    FoundCitation(start=7, end=58, quote="Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị",
                  kind="Chỉ thị", number=DocNumber("05", None, "CT/TW", True), ...)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sotay.text.dates import PartialDate, Period
from sotay.text.numbers import DocNumber


@dataclass(frozen=True)
class Found:
    """A value read from the text, with where it was read: text[start:end] == quote."""

    value: Any
    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class Signature:
    """ "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Nguyễn Phương Nam" as fields."""

    name: str | None
    authority: str | None  # "KT. Chủ tịch", "TM. Ủy ban nhân dân"
    title: str | None  # "Phó Chủ tịch"
    position: str | None  # "Trưởng phòng VH&TT" (004)
    start: int
    end: int


@dataclass(frozen=True)
class Header:
    kind: Found | None = None  # value: "Công văn"
    number: Found | None = None  # value: DocNumber; quote "2597 /UBND-NV"
    place: Found | None = None  # value: "Quy Nhơn"
    date: Found | None = None  # value: PartialDate
    issuer: Found | None = None  # value: normalised name; quote as written
    signer: Signature | None = None
    recipients: tuple[Found, ...] = ()
    distribution: tuple[Found, ...] = ()
    subject: Found | None = None


@dataclass(frozen=True)
class FoundCitation:
    """One citation of another document, exactly as written.

    `quote` runs from the kind word through number, date and a directly
    following issuer phrase; for a list that names the type once it starts
    at "số". `kind` is a schema kind ("Chỉ thị"); `number` is None only for
    laws cited by name.
    """

    start: int
    end: int
    quote: str
    kind: str
    number: DocNumber | None
    date: PartialDate | None
    issuer: str | None
    role: str
    footnote: int | None = None
    name: str | None = None  # laws: "Thi đua, Khen thưởng"
    year: int | None = None  # laws: "năm 2022"
    date_span: tuple[int, int] | None = None
    issuer_span: tuple[int, int] | None = None


@dataclass(frozen=True)
class FoundCampaign:
    start: int  # the name inside the quotes
    end: int
    quote: str
    name: str  # single-spaced, as written
    base: str  # the name without a trailing period ("... giai đoạn 2023 - 2030")
    kind: str  # "phong trào thi đua", "cuộc vận động", "đợt thi đua"
    period: Period | None = None
    period_text: str | None = None
    footnote: int | None = None


@dataclass(frozen=True)
class FoundDeadline:
    start: int  # the sentence that sets it
    end: int
    quote: str
    date: PartialDate | None
    date_span: tuple[int, int] | None
    action: str | None
    actor: str | None = None
    recipient: str | None = None
    relative: str | None = None  # "trong 10 ngày làm việc", "Cuối năm (...)"
    recurrence: str | None = None  # "hằng năm"
    start_date: PartialDate | None = None  # ranges: "từ ngày 01/7 đến ngày 15/7/2024"
    note: str | None = None  # "đối với báo cáo 6 tháng"


@dataclass(frozen=True)
class FoundTarget:
    start: int
    end: int
    quote: str
    value: float
    unit: str  # "%", "đơn vị", "người", "tập thể"
    comparison: str  # "bằng", "trên", "ít nhất", "dưới"
    subject: str | None
    indicator: str | None


@dataclass(frozen=True)
class Extraction:
    text: str  # the cleaned text every span points into
    header: Header
    citations: tuple[FoundCitation, ...]
    campaigns: tuple[FoundCampaign, ...]
    deadlines: tuple[FoundDeadline, ...]
    targets: tuple[FoundTarget, ...]
    quoted: tuple[Found, ...] = field(default=())  # every “...” phrase, for resolve
