"""Every relation of the knowledge base, from both ends.

Built once, after every record exists (citations induce a graph, not a tree),
and read by every renderer. Nothing here knows about pages or HTML.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sotay.data.model import Campaign, Citation, Deadline, Document, KnowledgeBase, Mention, Target

CITATION_ROLES = ("căn cứ", "thực hiện", "theo", "nhắc đến", "chú thích")
LEVELS = ("trung ương", "tỉnh", "huyện", "xã")
# How a page or the handbook heads each role's citations.
ROLE_HEADINGS = {
    "căn cứ": "Căn cứ",
    "thực hiện": "Thực hiện",
    "theo": "Theo",
    "nhắc đến": "Nhắc đến",
    "chú thích": "Trong chú thích",
}


def document_sort_key(doc: Document) -> tuple:
    """Oldest first; undated last; then by label, then id (two issuers'
    "Kế hoạch 12/KH-UBND" of one day stay in one order from build to build)."""
    return (doc.date is None, doc.date.sort_key() if doc.date else (0, 0, 0), doc.label, doc.id)


@dataclass
class Graph:
    kb: KnowledgeBase
    cited_by: dict[str, list[Citation]] = field(default_factory=lambda: defaultdict(list))
    mentions_of: dict[str, list[Mention]] = field(default_factory=lambda: defaultdict(list))
    adaptations: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    parts: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    launched: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    launched_by_body: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    campaigns_of_locality: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    documents_of_body: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    bodies_of_locality: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    child_bodies: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    child_localities: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    predecessors_body: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    predecessors_locality: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    deadlines_of_document: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    deadlines_of_campaign: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    deadlines_to_body: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    targets_of_document: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    targets_of_campaign: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    # --- derived look-ups -------------------------------------------------

    def locality_of_document(self, doc_id: str) -> str:
        return self.kb.bodies[self.kb.documents[doc_id].issuer].locality

    def ancestors(self, locality_id: str) -> list[str]:
        """The locality and its parents, nearest first."""
        out, seen = [], set()
        current: str | None = locality_id
        while current and current not in seen:
            seen.add(current)
            out.append(current)
            current = self.kb.localities[current].parent
        return out

    def province_of(self, locality_id: str) -> str | None:
        for loc in self.ancestors(locality_id):
            if self.kb.localities[loc].level == "tỉnh":
                return loc
        return None

    def descendants(self, locality_id: str) -> list[str]:
        out, stack = [], [locality_id]
        while stack:
            current = stack.pop()
            out.append(current)
            stack.extend(self.child_localities.get(current, ()))
        return out

    def campaign_root(self, campaign_id: str) -> str:
        """The national (or highest) campaign a local one adapts."""
        seen = set()
        while (up := self.kb.campaigns[campaign_id].adapts) and campaign_id not in seen:
            seen.add(campaign_id)
            campaign_id = up
        return campaign_id

    def campaign_family(self, campaign_id: str) -> list[str]:
        """The campaign, its local adaptations and its parts, recursively."""
        out, stack, seen = [], [campaign_id], set()
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            out.append(current)
            stack.extend(self.adaptations.get(current, ()))
            stack.extend(self.parts.get(current, ()))
        return out

    def documents_about(self, campaign_id: str) -> list[tuple[Document, list[Mention]]]:
        """Every document mentioning the campaign or one of its adaptations,
        with the mentions, ordered by date."""
        by_doc: dict[str, list[Mention]] = defaultdict(list)
        for member in self.campaign_family(campaign_id):
            for mention in self.mentions_of.get(member, ()):
                by_doc[mention.document].append(mention)
            launcher_doc = self.kb.campaigns[member].launched_by
            if launcher_doc and not any(
                m.campaign == member for m in by_doc.get(launcher_doc, ())
            ):
                by_doc[launcher_doc].append(Mention(launcher_doc, member, "phát động"))
        docs = sorted((self.kb.documents[d] for d in by_doc), key=document_sort_key)
        return [(doc, by_doc[doc.id]) for doc in docs]

    def count_documents_about(self, campaign_id: str) -> int:
        """len(documents_about(campaign_id)), without reading the documents:
        the campaigns index shows the count of every campaign, and should
        not depend on every document's date and subject (an edit of one
        would re-render every page of the index under `mkdocs serve`)."""
        family = self.campaign_family(campaign_id)
        about = {m.document for member in family for m in self.mentions_of.get(member, ())}
        launchers = {self.kb.campaigns[member].launched_by for member in family}
        return len(about | (launchers - {None}))

    def group_by_locality(self, items: list[tuple[Document, list[Mention]]]) -> list[tuple[str, list]]:
        """(locality, items) groups, by province then locality name; items keep their order."""
        groups: dict[str, list] = defaultdict(list)
        for doc, mentions in items:
            groups[self.locality_of_document(doc.id)].append((doc, mentions))
        return sorted(groups.items(), key=lambda kv: self._locality_sort_key(kv[0]))

    def _locality_sort_key(self, loc: str) -> tuple:
        province = self.province_of(loc)
        return (
            self.kb.localities[province].name if province else "",
            LEVELS.index(self.kb.localities[loc].level),
            self.kb.localities[loc].name,
            loc,  # "Phường 1" of two districts of one province
        )

    def deadlines_of_campaigns(self, campaign_ids: Iterable[str]) -> list[Deadline]:
        return self.deadlines_for(d for c in campaign_ids for d in self.deadlines_of_campaign.get(c, ()))

    def deadlines_of_documents(self, doc_ids: Iterable[str]) -> list[Deadline]:
        return self.deadlines_for(d for doc in doc_ids for d in self.deadlines_of_document.get(doc, ()))

    def documents_by(self, body_id: str) -> list[Document]:
        return sorted((self.kb.documents[d] for d in self.documents_of_body.get(body_id, ())),
                      key=document_sort_key)

    def campaigns_mentioned_in(self, locality_id: str) -> list[tuple[str, int]]:
        """Root campaigns the locality's documents mention, with document counts."""
        counts: dict[str, set[str]] = defaultdict(set)
        for doc in self.documents_in(locality_id):
            for m in doc.campaigns:
                counts[self.campaign_root(m.campaign)].add(doc.id)
        return sorted(((c, len(d)) for c, d in counts.items()),
                      key=lambda cd: (-cd[1], campaign_sort_key(self.kb.campaigns[cd[0]])))

    def documents_in(self, locality_id: str) -> list[Document]:
        """Documents issued by bodies of this locality or of the units under it."""
        out = []
        for loc in self.descendants(locality_id):
            for body in self.bodies_of_locality.get(loc, ()):
                out += [self.kb.documents[d] for d in self.documents_of_body.get(body, ())]
        return sorted(out, key=document_sort_key)

    def cites_by_role(self, doc_id: str) -> list[tuple[str, list[Citation]]]:
        return _group_by_role(self.kb.documents[doc_id].citations)

    def cited_by_role(self, doc_id: str) -> list[tuple[str, list[Citation]]]:
        return _group_by_role(self.cited_by.get(doc_id, ()))

    def deadlines_for(self, ids: Iterable[str]) -> list[Deadline]:
        return sorted(
            (self.kb.deadlines[i] for i in set(ids)),
            key=lambda d: (d.date is None, d.date.sort_key() if d.date else (0, 0, 0), d.id),
        )

    def targets_for(self, ids: Iterable[str]) -> list[Target]:
        return [self.kb.targets[i] for i in sorted(set(ids))]

    def matrix(self) -> tuple[list[str], list[str], dict[tuple[str, str], list[str]]]:
        """Campaigns × localities: which localities' documents cite which campaigns.

        Rows are root campaigns (local adaptations roll up into the campaign
        they adapt); columns are the localities of the documents; each cell
        lists the documents.
        """
        cells: dict[tuple[str, str], set[str]] = defaultdict(set)
        for campaign_id in self.kb.campaigns:
            root = self.campaign_root(campaign_id)
            for doc, _ in self.documents_about(campaign_id):
                cells[(root, self.locality_of_document(doc.id))].add(doc.id)
        rows = sorted({r for r, _ in cells}, key=lambda c: campaign_sort_key(self.kb.campaigns[c]))
        cols = sorted({c for _, c in cells}, key=self._locality_sort_key)
        ordered = {
            key: sorted(docs, key=lambda d: document_sort_key(self.kb.documents[d]))
            for key, docs in cells.items()
        }
        return rows, cols, ordered


def campaign_sort_key(campaign: Campaign) -> tuple:
    # The id last: campaigns of one name and level ("... năm 2021 của huyện
    # Thanh Thành", launched twice) are often sorted out of a set, whose
    # order changes from one process to the next.
    return (LEVELS.index(campaign.level), campaign.name, campaign.id)


def _group_by_role(citations: Iterable[Citation]) -> list[tuple[str, list[Citation]]]:
    groups: dict[str, list[Citation]] = defaultdict(list)
    for c in citations:
        groups[c.role].append(c)
    return [(role, groups[role]) for role in CITATION_ROLES if role in groups]


def build_graph(kb: KnowledgeBase) -> Graph:
    """Index every relation from both ends."""
    g = Graph(kb)
    for doc in kb.documents.values():
        g.documents_of_body[doc.issuer].append(doc.id)
        for citation in doc.citations:
            g.cited_by[citation.target].append(citation)
        for mention in doc.campaigns:
            g.mentions_of[mention.campaign].append(mention)
    for c in kb.campaigns.values():
        if c.adapts:
            g.adaptations[c.adapts].append(c.id)
        if c.parent:
            g.parts[c.parent].append(c.id)
        if c.launched_by:
            g.launched[c.launched_by].append(c.id)
        if c.launcher:
            g.launched_by_body[c.launcher].append(c.id)
        if c.locality:
            g.campaigns_of_locality[c.locality].append(c.id)
    for b in kb.bodies.values():
        g.bodies_of_locality[b.locality].append(b.id)
        if b.parent:
            g.child_bodies[b.parent].append(b.id)
        if b.successor:
            g.predecessors_body[b.successor].append(b.id)
    for loc in kb.localities.values():
        if loc.parent:
            g.child_localities[loc.parent].append(loc.id)
        if loc.successor:
            g.predecessors_locality[loc.successor].append(loc.id)
    for d in kb.deadlines.values():
        g.deadlines_of_document[d.source].append(d.id)
        for c in d.campaigns:
            g.deadlines_of_campaign[c].append(d.id)
        if d.recipient_body:
            g.deadlines_to_body[d.recipient_body].append(d.id)
    for t in kb.targets.values():
        g.targets_of_document[t.source].append(t.id)
        for c in t.campaigns:
            g.targets_of_campaign[c].append(t.id)
    # Stable order everywhere, whatever the file system's order.
    for index in (g.documents_of_body, g.adaptations, g.parts, g.launched, g.launched_by_body,
                  g.campaigns_of_locality, g.bodies_of_locality, g.child_bodies,
                  g.child_localities, g.predecessors_body, g.predecessors_locality):
        for key in index:
            index[key].sort()
    return g
