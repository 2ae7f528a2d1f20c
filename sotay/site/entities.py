"""The page of each campaign (phong-trao/<id>/), body (co-quan/<id>/) and
locality (dia-ban/<id>/): one EntityPages per kind. What they show of their
long lists comes from listings.py (the template global long_list)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from sotay.outputs.templating import Page
from sotay.site.context import Family, RenderContext
from sotay.site.incremental import Job
from sotay.site.linker import entity_uri

# kind of record -> (its page's template, the name the template calls the record by)
ENTITY_PAGES = {
    "campaign": ("campaign.md.j2", "c"),
    "body": ("body.md.j2", "b"),
    "locality": ("locality.md.j2", "loc"),
}


class EntityPages(Family):
    """The pages of the records of one kind (ENTITY_PAGES)."""

    def __init__(self, ctx: RenderContext, kind: str):
        super().__init__(ctx)
        self.kind = kind
        self.template, self.name = ENTITY_PAGES[kind]

    def jobs(self) -> Iterator[Job]:
        for record_id in list(self.ctx.records(self.kind).keys()):
            yield entity_uri(self.kind, record_id), partial(self.page, record_id)

    def page(self, record_id: str) -> Page:
        return self.ctx.render(self.template, entity_uri(self.kind, record_id),
                               **{self.name: self.ctx.records(self.kind)[record_id]})
