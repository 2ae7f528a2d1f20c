"""The full listings of the entities' long lists ("dia-ban/<id>/van-ban/",
page 2 on in "trang-<n>/"), and what an entity's page shows of each list
(the template globals long_list and campaign_localities).

No page grows with the knowledge base: a list longer than paging.LIST_LIMIT
is cut on its entity's page and paginated in a listing of its own
(sotay/site/paging.py has the rules, the thresholds and the addresses).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from sotay.data.model import Document
from sotay.graph.schedule import YEARLY
from sotay.outputs.templating import Page
from sotay.site import paging
from sotay.site.context import Family, RenderContext
from sotay.site.incremental import Job
from sotay.site.linker import listing_folder
from sotay.site.parts import ListKind


@dataclass(frozen=True)
class Listing:
    """A list of an entity's page that can grow without bound. When it is
    longer than paging.LIST_LIMIT the page shows part of it and links to its
    full listing, in pages, at "<section>/<id>/<name>/" (see paging.py)."""

    kind: str  # the entity's kind: "locality"
    name: str  # folder below the entity's URL: "van-ban"
    noun: str  # what one entry is: "văn bản", "hạn", "lượt trích dẫn"
    title: str  # heading of the listing; {name} is the entity's name
    order: str  # how the listing is ordered, said under its heading


LISTINGS = {
    (x.kind, x.name): x for x in (
        Listing("locality", "van-ban", "văn bản", "Văn bản của {name}",
                "Văn bản do cơ quan của địa bàn và của các đơn vị trực thuộc ban hành, cũ nhất trước."),
        Listing("locality", "phong-trao", "phong trào", "Phong trào được văn bản của {name} nhắc đến",
                "Phong trào gốc (hình thức địa phương được tính vào phong trào gốc), được nhắc đến "
                "trong nhiều văn bản nhất trước."),
        Listing("locality", "han", "hạn", "Hạn của {name}",
                "Hạn do văn bản của địa bàn và của các đơn vị trực thuộc đặt ra: sắp tới (gần nhất trước), "
                "rồi đã qua (gần nhất trước), rồi hạn chỉ ghi tương đối."),
        Listing("body", "van-ban", "văn bản", "Văn bản của {name}", "Văn bản cơ quan ban hành, cũ nhất trước."),
        Listing("body", "han", "hạn", "Hạn nộp về {name}",
                "Sắp tới (gần nhất trước), rồi đã qua (gần nhất trước), rồi hạn chỉ ghi tương đối."),
        Listing("campaign", "van-ban", "văn bản", "Văn bản nhắc đến «{name}»",
                "Văn bản nhắc đến phong trào hoặc hình thức địa phương, đợt thi đua thành phần của nó, "
                "theo địa bàn (theo tỉnh), trong mỗi địa bàn cũ nhất trước."),
        Listing("campaign", "hinh-thuc-dia-phuong", "hình thức địa phương", "Hình thức địa phương của «{name}»",
                "Phong trào của các địa phương lấy phong trào này làm gốc, kèm địa bàn và thời gian."),
        Listing("campaign", "han", "hạn", "Hạn của «{name}»",
                "Hạn gắn với phong trào và các hình thức địa phương: sắp tới (gần nhất trước), "
                "rồi đã qua (gần nhất trước), rồi hạn chỉ ghi tương đối."),
        Listing("document", "duoc-trich-dan", "lượt trích dẫn", "Văn bản trích dẫn {name}",
                "Theo vai trò trích dẫn (căn cứ, thực hiện, theo, nhắc đến, chú thích)."),
    )
}


def recency(doc: Document) -> tuple:
    """Higher is more recent; undated documents count as the oldest."""
    return (doc.date is not None, doc.date.sort_key() if doc.date else (0, 0, 0), doc.label)


class ListingPages(Family):
    """The entities' long lists (LISTINGS): their full listings, and the
    part of each an entity's page shows. The lists are ("listing", kind,
    name, record_id) in parts.py."""

    def __init__(self, ctx: RenderContext):
        super().__init__(ctx)
        self._occurrences: dict[str, int] = {}  # deadline -> rows (listing_size)
        ctx.parts.register_list("listing", ListKind(
            whole=lambda list_key: self._listing_items(*list_key[1:]),
            continues=self._continues,
            recency=lambda list_key: self._recency(list_key[1], list_key[2]),
        ))
        ctx.env.globals.update(
            long_list=self.long_list,
            LISTINGS=LISTINGS,
            campaign_localities=self.campaign_localities,
        )

    def jobs(self) -> Iterator[Job]:
        """The pages of every full listing: one per PAGE_SIZE entries of each
        list its entity's page cuts."""
        for (kind, name) in LISTINGS:
            for record_id in list(self.ctx.records(kind).keys()):
                total = self.listing_size(kind, name, record_id)
                if not paging.is_cut(total):
                    continue
                folder = listing_folder(kind, record_id, name)
                for number in range(1, paging.page_count(total) + 1):
                    yield paging.page_uri(folder, number), partial(self.page, kind, name, record_id, number)

    def page(self, kind: str, name: str, record_id: str, number: int) -> Page:
        listing = LISTINGS[(kind, name)]
        record = self.ctx.records(kind)[record_id]
        label = record.label if kind == "document" else record.name
        folder = listing_folder(kind, record_id, name)
        shown, pager, continues = self.ctx.parts.part(("page", ("listing", kind, name, record_id), folder, number))
        return self.ctx.render("listing.md.j2", pager.uri(number), listing=listing, kind=kind, record=record,
                               title=listing.title.format(name=label), items=shown, pager=pager,
                               continues=continues)

    def long_list(self, kind: str, name: str, record_id: str) -> paging.Preview:
        """What the entity's page shows of one of its lists: all of it, or its
        most recent entries and a link to the full listing."""
        return self.ctx.parts.part(("preview", ("listing", kind, name, record_id)))

    def campaign_localities(self, campaign_id: str) -> list[dict[str, Any]]:
        """A long campaign page's by-locality table: each locality of the
        documents, in the listing's order, with its count, its most recent
        documents and the page of the full listing where its documents start."""
        g = self.ctx.g
        rows: list[dict[str, Any]] = []
        position = 0
        for loc, items in g.group_by_locality(g.documents_about(campaign_id)):
            latest = sorted((doc for doc, _ in items), key=recency, reverse=True)
            rows.append({"loc": loc, "count": len(items), "page": paging.page_of(position),
                         "latest": latest[:paging.CAMPAIGN_DOCS_PER_LOCALITY]})
            position += len(items)
        return rows

    def listing_items(self, kind: str, name: str, record_id: str) -> list:
        """Every entry of one of an entity's long lists (LISTINGS), in the order
        its page and its full listing show them. Who asks depends on all of it."""
        return self.ctx.parts.items(("listing", kind, name, record_id))

    def _listing_items(self, kind: str, name: str, record_id: str) -> list:
        g, schedule = self.ctx.g, self.ctx.schedule
        if kind == "locality":
            if name == "phong-trao":
                return g.campaigns_mentioned_in(record_id)
            docs = g.documents_in(record_id)
            if name == "van-ban":
                return docs
            return schedule.occurrences(g.deadlines_of_documents(d.id for d in docs))
        if kind == "body":
            if name == "van-ban":
                return g.documents_by(record_id)
            return schedule.occurrences(g.deadlines_to_body.get(record_id, ()))
        if kind == "campaign":
            if name == "hinh-thuc-dia-phuong":
                return list(g.adaptations.get(record_id, ()))
            if name == "van-ban":
                return [item for _, items in g.group_by_locality(g.documents_about(record_id)) for item in items]
            return schedule.occurrences(g.deadlines_of_campaigns(g.campaign_family(record_id)))
        if kind == "document":
            return [c for _, cs in g.cited_by_role(record_id) for c in cs]
        raise KeyError((kind, name))

    def listing_size(self, kind: str, name: str, record_id: str) -> int:
        """len(listing_items(...)), without sorting anything: the jobs of a
        build (and of every `mkdocs serve` rebuild) ask it of every record."""
        g, kb = self.ctx.g, self.ctx.kb

        def docs_in(loc: str) -> Iterator[str]:
            for unit in g.descendants(loc):
                for body in g.bodies_of_locality.get(unit, ()):
                    yield from g.documents_of_body.get(body, ())

        def occurrences(deadline_ids: Iterable[str]) -> int:
            return sum(self._occurrence_count(d) for d in set(deadline_ids))

        if kind == "locality":
            if name == "van-ban":
                return sum(1 for _ in docs_in(record_id))
            if name == "han":
                return occurrences(d for doc in docs_in(record_id) for d in g.deadlines_of_document.get(doc, ()))
            return len({g.campaign_root(m.campaign) for doc in docs_in(record_id)
                        for m in kb.documents[doc].campaigns})
        if kind == "body":
            if name == "van-ban":
                return len(g.documents_of_body.get(record_id, ()))
            return occurrences(g.deadlines_to_body.get(record_id, ()))
        if kind == "campaign":
            family = g.campaign_family(record_id)
            if name == "hinh-thuc-dia-phuong":
                return len(g.adaptations.get(record_id, ()))
            if name == "han":
                return occurrences(d for c in family for d in g.deadlines_of_campaign.get(c, ()))
            return g.count_documents_about(record_id)
        if kind == "document":
            return len(g.cited_by.get(record_id, ()))
        raise KeyError((kind, name))

    def _occurrence_count(self, deadline_id: str) -> int:
        """Rows of one deadline in a deadline table (a yearly one has several)."""
        if deadline_id not in self._occurrences:
            d = self.ctx.kb.deadlines[deadline_id]
            once = d.date is None or d.recurrence != YEARLY
            self._occurrences[deadline_id] = 1 if once else len(self.ctx.schedule.occurrences([d]))
        return self._occurrences[deadline_id]

    def _continues(self, list_key: tuple) -> Callable[[Any], Any] | None:
        """What a page after the first says it continues from, given the
        entry before it: the locality a campaign's documents are grouped by,
        the role of a citation. The page depends on that, not on the whole
        entry before it."""
        if list_key[1:3] == ("campaign", "van-ban"):
            return lambda item: self.ctx.g.locality_of_document(item[0].id)
        if list_key[1:3] == ("document", "duoc-trich-dan"):
            return lambda citation: citation.role
        return None

    def _recency(self, kind: str, name: str) -> Callable[[Any], Any] | None:
        """How "most recent" ranks the entries of a list. None: the list already
        starts with what matters most (deadlines: the soonest; campaigns: the
        most mentioned; local forms: in their order), its head is shown."""
        if name == "van-ban":
            return (lambda item: recency(item[0])) if kind == "campaign" else recency
        if name == "duoc-trich-dan":
            return lambda c: recency(self.ctx.kb.documents[c.source])
        return None
