"""What goes into a handbook: its scope (a province, a campaign, a year)
and its contents in print order, with section numbers.

    contents = select(graph, Scope(province="tinh-binh-dinh", year=2024), today)

Plain data for the templates of handbook.py: chapters (campaigns, legal
references by legal rank, documents, deadlines by month), the index of
document numbers in natural order ("5-CT/TW" before "18A-CT/TU").
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from sotay.data.model import Campaign, Citation, Document, KnowledgeBase, Mention
from sotay.data.schema_check import schemas
from sotay.graph.relations import (
    Graph,
    campaign_sort_key,
    document_sort_key,
)
from sotay.graph.schedule import UNDATED, Occurrence, Schedule
from sotay.text import patterns
from sotay.text.folding import fold

# A table of contents listing every entry of a chapter stops being readable
# past this many lines; the index of numbers then does that job.
TOC_ENTRY_LIMIT = 120
# Legal hierarchy for the references chapter: the schema's order of kinds
# (Luật, Nghị quyết, Nghị định, Quyết định, Chỉ thị, Thông tư, ...).
KIND_ORDER = tuple(schemas()["document.schema.json"]["properties"]["kind"]["enum"])


class ScopeError(ValueError):
    """A scope naming something the knowledge base does not have."""


@dataclass(frozen=True)
class Scope:
    """What a handbook covers; the filters combine (a province *and* a year).

    - province: a locality id of level "tỉnh" ("tinh-binh-dinh"): documents
      issued in the province or any unit under it;
    - campaign: a campaign id ("vi-nguoi-ngheo"): documents mentioning it,
      one of its local forms or its parts;
    - year: documents dated in that year, deadlines falling in it.

    Legal references are those the chosen documents cite, whatever their
    province or year: a district needs the Chỉ thị its plan rests on.
    """

    province: str | None = None
    campaign: str | None = None
    year: int | None = None

    @property
    def whole(self) -> bool:
        return self.province is None and self.campaign is None and self.year is None

    def check(self, kb: KnowledgeBase) -> None:
        """Raise ScopeError, with the valid choices, for an unknown id."""
        if self.province is not None:
            provinces = sorted(i for i, loc in kb.localities.items() if loc.level == "tỉnh")
            if self.province not in provinces:
                raise ScopeError(f"không có tỉnh '{self.province}' trong data/localities/; "
                                 f"các tỉnh: {', '.join(provinces)}")
        if self.campaign is not None and self.campaign not in kb.campaigns:
            close = [c for c in sorted(kb.campaigns) if self.campaign in c or c in self.campaign]
            hint = f"; có phải: {', '.join(close[:5])}?" if close else ""
            raise ScopeError(f"không có phong trào '{self.campaign}' trong data/campaigns/{hint}")
        if self.year is not None and not 1900 <= self.year <= 2100:
            raise ScopeError(f"năm {self.year} nằm ngoài khoảng 1900-2100")

    def label(self, kb: KnowledgeBase) -> str:
        """ "Toàn bộ kho", "Tỉnh Bình Định · năm 2024", "Năm 2023"."""
        parts = []
        if self.province:
            parts.append(kb.localities[self.province].name)
        if self.campaign:
            parts.append(f"phong trào «{kb.campaigns[self.campaign].name}»")
        if self.year:
            parts.append(f"năm {self.year}")
        text = " · ".join(parts) or "toàn bộ kho"
        return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Month:
    """Deadlines falling due in one month (or one year, for year-only dates)."""

    label: str  # "Tháng 7/2024", "Năm 2024"
    anchor: str  # "han-2024-07"
    items: tuple[Occurrence, ...]


@dataclass
class Contents:
    """What one handbook holds, in print order, with its section numbers."""

    scope: Scope
    campaigns: list[tuple[Campaign, int]]  # (campaign, depth under its root), print order
    references: list[Document]
    documents: list[Document]
    months: list[Month]
    undated: list[Occurrence]
    numbers: dict[str, str] = field(default_factory=dict)  # anchor -> "1.3"
    # campaign id -> (locality, [(document, mentions)]): who mentions it, in the handbook
    about: dict[str, list[tuple[str, list[tuple[Document, list[Mention]]]]]] = field(
        default_factory=dict)

    @cached_property
    def doc_ids(self) -> frozenset[str]:
        return frozenset(d.id for d in self.references + self.documents)

    @cached_property
    def campaign_ids(self) -> frozenset[str]:
        return frozenset(c.id for c, _ in self.campaigns)

    @property
    def deadline_count(self) -> int:
        return len({o.deadline.id for m in self.months for o in m.items}
                   | {o.deadline.id for o in self.undated})

    def index(self) -> tuple[list[Document], list[Document], list[Document]]:
        """Documents of the handbook for the index: numbered (natural order of
        the number as written), blank-numbered drafts, and unnumbered ones (by name)."""
        docs = self.references + self.documents
        numbered = sorted((d for d in docs if d.number is not None and not d.number.blank),
                          key=lambda d: (_natural(str(d.number)), document_sort_key(d)))
        drafts = sorted((d for d in docs if d.number is not None and d.number.blank),
                        key=lambda d: (_natural(str(d.number)), document_sort_key(d)))
        named = sorted((d for d in docs if d.number is None), key=lambda d: fold(d.label))
        return numbered, drafts, named


def _natural(text: str) -> tuple:
    """ "5-CT/TW" before "18A-CT/TU" before "98/2023/NĐ-CP": digits compare as numbers."""
    return tuple((0, int(tok), "") if tok.isdigit() else (1, 0, tok)
                 for tok in patterns.NUMBER_TOKEN.findall(fold(text)))


def anchor(kind: str, record_id: str) -> str:
    """Fragment of an entry: "vb-chi-thi-05-ct-tw-2016", "pt-vi-nguoi-ngheo"."""
    return {"document": "vb-", "campaign": "pt-"}[kind] + record_id


# --- what goes in -----------------------------------------------------------


def select(graph: Graph, scope: Scope, today: dt.date) -> Contents:
    """The contents of a handbook for `scope`; raises ScopeError for unknown ids."""
    kb, g = graph.kb, graph
    scope.check(kb)
    family = set(g.campaign_family(scope.campaign)) if scope.campaign else set()
    about_scope, doc_in_scope = _scope_filter(g, scope)
    documents = sorted((d for d in kb.documents.values() if d.has_text and doc_in_scope(d)),
                       key=document_sort_key)
    chosen = {d.id for d in documents}

    # Legal references: what the chosen documents cite, and the documents
    # launching the chosen campaign; everything in the whole handbook.
    if scope.whole:
        refs = {d.id for d in kb.documents.values() if not d.has_text}
    else:
        refs = {c.target for d in documents for c in d.citations}
        refs |= {kb.campaigns[c].launched_by for c in family if kb.campaigns[c].launched_by}
        refs |= {d for d in about_scope if doc_in_scope(kb.documents[d])}
        refs = {r for r in refs if not kb.documents[r].has_text}
    kind_rank = {k: i for i, k in enumerate(KIND_ORDER)}
    references = sorted(
        (kb.documents[r] for r in refs),
        key=lambda d: (kind_rank.get(d.kind, len(kind_rank)), document_sort_key(d)))
    in_book = chosen | refs

    # Campaigns: all, or the chosen campaign's family, or those the chosen
    # documents mention or launch plus those of the province's localities;
    # with the campaigns they adapt or belong to, so a local form is read
    # beside the national campaign.
    if scope.whole:
        wanted = set(kb.campaigns)
    elif scope.campaign:
        wanted = set(family)
    else:
        wanted = {m.campaign for d in documents for m in d.campaigns}
        wanted |= {c for d in documents for c in g.launched.get(d.id, ())}
        if scope.province and not scope.year:
            for loc in g.descendants(scope.province):
                wanted |= set(g.campaigns_of_locality.get(loc, ()))
    for c in list(wanted):
        up = kb.campaigns[c]
        while (nxt := up.adapts or up.parent) and nxt not in wanted:
            wanted.add(nxt)
            up = kb.campaigns[nxt]
    campaigns = _campaign_order(g, wanted)

    # Deadlines set by the documents in the handbook (and, for a campaign
    # scope, those recorded against the campaign); a year keeps its occurrences.
    deadline_ids = {d for doc in in_book for d in g.deadlines_of_document.get(doc, ())}
    if scope.campaign:
        deadline_ids |= {d.id for d in g.deadlines_of_campaigns(family)
                         if d.source in in_book or doc_in_scope(kb.documents[d.source])}
    occurrences = Schedule(g, today).occurrences(deadline_ids)
    if scope.year:
        occurrences = [o for o in occurrences if o.date is None or o.date.year == scope.year]
    months = _months(o for o in occurrences if o.date is not None)
    undated = [o for o in occurrences if o.status == UNDATED]

    contents = Contents(scope, campaigns, references, documents, months, undated)
    for c, _ in campaigns:
        items = [(doc, ms) for doc, ms in g.documents_about(c.id) if doc.id in in_book]
        contents.about[c.id] = g.group_by_locality(items)
    _number(contents)
    return contents


def _scope_filter(g: Graph, scope: Scope) -> tuple[set[str], Callable[[Document], bool]]:
    """The ids of the documents about the scope's campaign (empty without
    one), and whether a document falls in the scope."""
    about_scope = ({doc.id for doc, _ in g.documents_about(scope.campaign)}
                   if scope.campaign else set())

    def doc_in_scope(doc: Document) -> bool:
        if scope.province and g.province_of(g.locality_of_document(doc.id)) != scope.province:
            return False
        if scope.year and (doc.date is None or doc.date.year != scope.year):
            return False
        return not scope.campaign or doc.id in about_scope

    return about_scope, doc_in_scope


def _campaign_order(g: Graph, wanted: set[str]) -> list[tuple[Campaign, int]]:
    """Roots by level then name, each followed by its local forms and parts
    (depth first), so "Tây Sơn chung tay vì người nghèo" follows "Vì người nghèo"."""
    kb = g.kb
    key = lambda c: campaign_sort_key(kb.campaigns[c])  # noqa: E731

    def up(c: str) -> str | None:
        campaign = kb.campaigns[c]
        nxt = campaign.adapts or campaign.parent
        return nxt if nxt in wanted else None

    out: list[tuple[Campaign, int]] = []
    seen: set[str] = set()

    def walk(c: str, depth: int) -> None:
        if c in seen:
            return
        seen.add(c)
        out.append((kb.campaigns[c], depth))
        children = [x for x in g.adaptations.get(c, []) + g.parts.get(c, []) if x in wanted]
        for child in sorted(set(children), key=key):
            walk(child, depth + 1)

    for root in sorted((c for c in wanted if up(c) is None), key=key):
        walk(root, 0)
    for c in sorted(wanted - seen, key=key):  # a cycle of adapts/parent: still printed
        walk(c, 0)
    return out


def _months(items: Iterable[Occurrence]) -> list[Month]:
    """Dated occurrences in calendar order, grouped by month: a printed
    table is read by date, not by "upcoming first" as on the site."""
    groups: dict[tuple[int, int], list[Occurrence]] = defaultdict(list)
    for o in items:
        assert o.date is not None
        groups[(o.date.year, o.date.month or 0)].append(o)
    out = []
    for (year, month), occ in sorted(groups.items()):
        occ.sort(key=lambda o: (o.date.sort_key(), o.deadline.id))  # type: ignore[union-attr]
        label = f"Tháng {month}/{year}" if month else f"Năm {year}"
        anchor_ = f"han-{year}-{month:02d}" if month else f"han-{year}"
        out.append(Month(label, anchor_, tuple(occ)))
    return out


def _number(contents: Contents) -> None:
    """Section numbers: 1 campaigns, 2 references, 3 documents, 4 deadlines, 5 index."""
    n = contents.numbers
    for i, (c, _) in enumerate(contents.campaigns, 1):
        n[anchor("campaign", c.id)] = f"1.{i}"
    for i, d in enumerate(contents.references, 1):
        n[anchor("document", d.id)] = f"2.{i}"
    for i, d in enumerate(contents.documents, 1):
        n[anchor("document", d.id)] = f"3.{i}"
    for i, m in enumerate(contents.months, 1):
        n[m.anchor] = f"4.{i}"


def cited_by_in(graph: Graph, doc_id: str,
                among: frozenset[str]) -> list[tuple[str, list[Citation]]]:
    """Who cites `doc_id`, by role, keeping only citing documents of the handbook."""
    groups = [(role, [c for c in items if c.source in among])
              for role, items in graph.cited_by_role(doc_id)]
    return [(role, items) for role, items in groups if items]
