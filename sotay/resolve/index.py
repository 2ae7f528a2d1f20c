"""The knowledge base as the resolver looks it up: documents by number key
("98/2023/NĐ-CP" -> its records), laws by name, bodies and campaigns by
folded name; and the citing document's context (its issuer and locality),
against which "của Ủy ban nhân dân tỉnh" is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sotay.data.model import Body, Campaign, KnowledgeBase, Locality
from sotay.resolve import patterns as P
from sotay.text.folding import fold, slugify
from sotay.text.numbers import DocNumber

# --- the index ------------------------------------------------------------------


@dataclass
class DocEntry:
    """What identifies a document, for matching: number key, issuer, year; or a law's name."""

    id: str
    kind: str
    issuer: str | None
    number: DocNumber | None = None
    year: int | None = None
    name: str | None = None


@dataclass
class Index:
    """The knowledge base as the resolver needs it, plus records made during an import.

    Records created while importing (a reference cited twice in one
    folder) are added with `add_document` / `add_campaign`, so the second
    citation finds the first instead of making a twin.
    """

    bodies: dict[str, Body] = field(default_factory=dict)
    localities: dict[str, Locality] = field(default_factory=dict)
    documents: dict[str, DocEntry] = field(default_factory=dict)
    campaigns: dict[str, Campaign] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # source file name -> document id

    @classmethod
    def from_kb(cls, kb: KnowledgeBase | None) -> Index:
        index = cls()
        if kb is None:
            return index
        index.bodies = dict(kb.bodies)
        index.localities = dict(kb.localities)
        index.campaigns = dict(kb.campaigns)
        for doc in kb.documents.values():
            year = (doc.number.year if doc.number and doc.number.year else None) or (
                doc.date.year if doc.date else None
            )
            index.documents[doc.id] = DocEntry(
                doc.id, doc.kind, doc.issuer, doc.number, year, doc.name
            )
            if doc.source:
                index.sources[doc.source.replace("\\", "/").rsplit("/", 1)[-1]] = doc.id
        return index

    def add_document(self, entry: DocEntry) -> None:
        self.documents[entry.id] = entry

    def add_campaign(self, campaign: Campaign) -> None:
        self.campaigns[campaign.id] = campaign

    # --- localities -------------------------------------------------------

    def ancestors(self, locality: str | None) -> list[str]:
        """The locality and its parents, nearest first."""
        out: list[str] = []
        while locality and locality in self.localities and locality not in out:
            out.append(locality)
            locality = self.localities[locality].parent
        return out

    def locality_slug(self, locality: str | None) -> str:
        """ "thành phố Phan Rang - Tháp Chàm" -> "phan-rang-thap-cham" (the id convention)."""
        loc = self.localities.get(locality or "")
        if loc is None:
            return ""
        return slugify(P.UNIT_PREFIX_FOLDED.sub("", fold(loc.name)))


@dataclass(frozen=True)
class Context:
    """The citing document: its id, issuer body and that body's locality;
    and where a body missing from the knowledge base is to be added (the
    data folder in use, for the reviewer's messages)."""

    document: str
    issuer: str | None
    locality: str | None
    bodies: str = "data/bodies/"
