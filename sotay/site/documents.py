"""The page of each document (van-ban/<id>/): its facts, what it cites and
what cites it, and its full text with the citations, campaigns, deadlines
and targets in place."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from sotay.data.model import Deadline, Document, KnowledgeBase
from sotay.outputs.templating import Page
from sotay.site.context import Family, RenderContext
from sotay.site.incremental import Job
from sotay.site.linker import entity_uri
from sotay.text import annotate


def sentence_anchor(kb: KnowledgeBase, d: Deadline) -> str | None:
    """The anchor of the sentence setting the deadline on its document's page
    (document_blocks marks it), or None when there is no text to point into."""
    return f"han-{d.id}" if d.quote and kb.documents[d.source].has_text else None


class DocumentPages(Family):
    def __init__(self, ctx: RenderContext):
        super().__init__(ctx)
        ctx.env.globals["sentence_anchor"] = partial(sentence_anchor, ctx.kb)

    def jobs(self) -> Iterator[Job]:
        for doc_id in list(self.ctx.kb.documents.keys()):
            yield entity_uri("document", doc_id), partial(self.page, doc_id)

    def page(self, doc_id: str) -> Page:
        doc = self.ctx.kb.documents[doc_id]
        return self.ctx.render("document.md.j2", entity_uri("document", doc_id), doc=doc,
                               blocks=self.document_blocks(doc) if doc.has_text else [])

    def document_blocks(self, doc: Document) -> list[annotate.Block]:
        """The full text with citations, campaigns, deadlines and targets in place."""
        assert doc.text is not None
        kb, g = self.ctx.kb, self.ctx.g
        quotes = []
        for c in doc.citations:
            if c.quote:
                quotes.append((c.quote, "document", c.target, kb.documents[c.target].label))
        for m in doc.campaigns:
            if m.quote:
                quotes.append((m.quote, "campaign", m.campaign, kb.campaigns[m.campaign].name))
        links = annotate.place(doc.text, quotes)
        deadlines = g.deadlines_for(g.deadlines_of_document.get(doc.id, ()))
        targets = g.targets_for(g.targets_of_document.get(doc.id, ()))
        marks = annotate.mark(
            doc.text,
            [(d.quote, f"han-{d.id}", "han") for d in deadlines if d.quote]
            + [(t.text, f"chi-tieu-{t.id}", "chi-tieu") for t in targets],
        )
        return annotate.blocks(doc.text, links, marks)
