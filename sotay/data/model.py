"""The knowledge base as frozen value objects, built only from validated data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from sotay.text.dates import PartialDate, Period
from sotay.text.folding import fold
from sotay.text.numbers import DocNumber


@dataclass(frozen=True)
class Locality:
    """An administrative unit: "thành phố Quy Nhơn" (huyện level, until 2025-06-30)."""

    id: str
    name: str
    type: str
    level: str
    parent: str | None = None
    abbreviations: tuple[str, ...] = ()
    valid_from: PartialDate | None = None
    valid_until: PartialDate | None = None
    successor: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Body:
    """An issuing body: "Ủy ban nhân dân thành phố Quy Nhơn", "Bộ Chính trị"."""

    id: str
    name: str
    level: str
    locality: str
    abbreviations: tuple[str, ...] = ()
    parent: str | None = None
    valid_from: PartialDate | None = None
    valid_until: PartialDate | None = None
    successor: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Signer:
    name: str
    authority: str | None = None  # "KT. Chủ tịch"
    title: str | None = None  # "Phó Chủ tịch"
    position: str | None = None  # "Trưởng phòng VH&TT"

    @property
    def capacity(self) -> str:
        """ "KT. Chủ tịch / Phó Chủ tịch", as the signature block stacks them."""
        return " / ".join(x for x in (self.authority, self.title, self.position) if x)


@dataclass(frozen=True)
class Citation:
    """Document `source` cites document `target` with a role (căn cứ, thực hiện...).

    `quote` is the citation as written in the source's text ("Chỉ thị 05/CT -
    TW ngày 15/5/2016"), so it can be linked in place; None for relations
    recorded on documents we hold no text of.
    """

    source: str
    target: str
    role: str
    quote: str | None = None
    footnote: int | None = None


@dataclass(frozen=True)
class Mention:
    """Document `document` mentions, launches or implements campaign `campaign`."""

    document: str
    campaign: str
    role: str = "nhắc đến"
    quote: str | None = None
    footnote: int | None = None


@dataclass(frozen=True)
class Document:
    id: str
    kind: str
    issuer: str
    number: DocNumber | None = None
    name: str | None = None
    date: PartialDate | None = None
    place: str | None = None
    signer: Signer | None = None
    recipients: tuple[str, ...] = ()
    distribution: tuple[str, ...] = ()
    subject: str | None = None
    status: str = "đã ban hành"
    source: str | None = None
    note: str | None = None
    text: str | None = None
    citations: tuple[Citation, ...] = ()
    campaigns: tuple[Mention, ...] = ()

    @property
    def has_text(self) -> bool:
        """A document held in full; others are known only from citations."""
        return self.text is not None

    @cached_property  # ~70 uses per document across the site's pages
    def label(self) -> str:
        """Short name as staff say it: "Chỉ thị 05-CT/TW", "Luật Thi đua, khen thưởng"."""
        if self.number is not None and not self.number.blank:
            return f"{self.kind} {self.number}"
        if self.name:
            return self.name
        if self.number is not None:  # blank number of a draft: "Báo cáo số …/BC-UBND"
            return f"{self.kind} số …{self.number}"
        if self.subject:
            # "Phát động" + "Phát động phong trào thi đua ..." must not stutter.
            if fold(self.subject).startswith(fold(self.kind)):
                return self.subject
            return f"{self.kind} {self.subject[0].lower()}{self.subject[1:]}"
        return self.kind


@dataclass(frozen=True)
class Campaign:
    id: str
    name: str
    kind: str
    level: str
    aliases: tuple[str, ...] = ()
    locality: str | None = None
    period: Period | None = None
    launcher: str | None = None
    launched_by: str | None = None
    adapts: str | None = None
    parent: str | None = None
    description: str | None = None
    review: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Deadline:
    id: str
    source: str
    action: str
    date: PartialDate | None = None
    actor: str | None = None
    recipient: str | None = None
    recipient_body: str | None = None
    quote: str | None = None
    recurrence: str | None = None
    relative: str | None = None
    campaigns: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Target:
    id: str
    source: str
    text: str
    value: float
    unit: str = "%"
    comparison: str = "bằng"
    subject: str | None = None
    indicator: str | None = None
    campaigns: tuple[str, ...] = ()
    year: int | None = None
    note: str | None = None

    @property
    def figure(self) -> str:
        """ "trên 90%", "100%", "15 người"."""
        value = f"{self.value:g}".replace(".", ",")
        amount = f"{value}%" if self.unit == "%" else f"{value} {self.unit}"
        return amount if self.comparison == "bằng" else f"{self.comparison} {amount}"


@dataclass(frozen=True)
class KnowledgeBase:
    """Every record, by id, per kind; `paths` tells where each came from."""

    localities: Mapping[str, Locality]
    bodies: Mapping[str, Body]
    documents: Mapping[str, Document]
    campaigns: Mapping[str, Campaign]
    deadlines: Mapping[str, Deadline]
    targets: Mapping[str, Target]
    paths: Mapping[tuple[str, str], str] = field(default_factory=dict)
