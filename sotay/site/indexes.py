"""The home page and the index pages that list records: documents with a full
text (van-ban/), references (van-ban-trich-dan/), campaigns, bodies,
targets, paginated when long ("van-ban/trang-2/"); the localities' tree
(dia-ban/); the page on the data format (du-lieu/) and the JSON Schemas
it publishes (du-lieu/schema/)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

from sotay.data.model import Document
from sotay.data.schema_check import schemas
from sotay.data.schemadoc import field_tables
from sotay.graph.relations import LEVELS, document_sort_key
from sotay.outputs.templating import Asset, Page
from sotay.site import paging
from sotay.site.context import Family, RenderContext, runs
from sotay.site.incremental import Job
from sotay.site.linker import INDEX_PAGES, SCHEMA_FOLDER
from sotay.site.parts import ListKind

IndexList = tuple[str, Callable[[], list], Callable[[Any], Any] | None]


class IndexPages(Family):
    """The index pages. Those that are one long list are ("index", name)
    in parts.py."""

    def __init__(self, ctx: RenderContext):
        super().__init__(ctx)
        ctx.parts.register_list("index", ListKind(
            whole=lambda list_key: self._lists()[list_key[1]][1](),
            continues=lambda list_key: self._lists()[list_key[1]][2],
        ))

    def _documents(self) -> list[Document]:
        return sorted((d for d in self.ctx.kb.documents.values() if d.has_text), key=document_sort_key,
                      reverse=True)

    def _references(self) -> list[Document]:
        return sorted((d for d in self.ctx.kb.documents.values() if not d.has_text), key=document_sort_key)

    def _lists(self) -> dict[str, IndexList]:
        """Index pages that are one long list: name -> (template, every entry
        in page order, the key of the groups headed on the page or None)."""
        kb = self.ctx.kb

        def by_level(records: Callable[[], Iterable]) -> Callable[[], list]:
            def leveled() -> list:
                items = list(records())
                return [r for level in LEVELS
                        for r in sorted((r for r in items if r.level == level), key=lambda r: r.name)]
            return leveled

        return {
            "documents": ("documents.md.j2", self._documents, None),
            "references": ("references.md.j2", lambda: sorted(self._references(), key=lambda d: d.kind),
                           lambda d: d.kind),
            "campaigns": ("campaigns.md.j2",
                          by_level(lambda: (c for c in kb.campaigns.values() if not c.adapts)),
                          lambda c: c.level),
            "bodies": ("bodies.md.j2", by_level(kb.bodies.values), lambda b: b.level),
            "targets": ("targets.md.j2", lambda: self.ctx.g.targets_for(kb.targets), None),
        }

    def index_pages(self) -> dict[str, Callable[[], Page]]:
        def page(name: str, template: str, **context: Callable[[], Any]) -> Callable[[], Page]:
            # context values are computed when the page renders, not before
            return lambda: self.ctx.render(template, INDEX_PAGES[name], **{k: f() for k, f in context.items()})

        pages: dict[str, Callable[[], Page]] = {
            "home": page("home", "home.md.j2", documents=self._documents, references=self._references),
            "localities": page("localities", "localities.md.j2"),
            "format": page("format", "format.md.j2", schemas=field_tables,
                           schema_folder=lambda: SCHEMA_FOLDER),
        }
        for name in self._lists():
            pages[name] = partial(self._list_page, name, 1)
        return pages

    def index_page_jobs(self) -> Iterator[Job]:
        """Page 2 on of the long index pages."""
        for name in self._lists():
            folder = INDEX_PAGES[name][: -len("/index.md")]
            for number in range(2, paging.page_count(len(self.ctx.parts.whole(("index", name))[0])) + 1):
                yield paging.page_uri(folder, number), partial(self._list_page, name, number)

    def _list_page(self, name: str, number: int) -> Page:
        template, _, group = self._lists()[name]
        folder = INDEX_PAGES[name][: -len("/index.md")]
        shown, pager, group_before = self.ctx.parts.part(("page", ("index", name), folder, number))
        # the group (kind, level) the page starts inside of, to say "(tiếp)"
        continues = group_before if group_before is not None and group_before == group(shown[0]) else None
        return self.ctx.render(template, pager.uri(number), items=shown, pager=pager, total=pager.total,
                               groups=runs(shown, group) if group else None, continues=continues)

    def asset_jobs(self) -> Iterator[Job]:
        """The published JSON Schemas, so editors can point at the site's copy."""
        for name, body in sorted(schemas().items()):
            yield f"{SCHEMA_FOLDER}/{name}", partial(
                Asset, f"{SCHEMA_FOLDER}/{name}", json.dumps(body, ensure_ascii=False, indent=2).encode("utf-8"))
