"""The quality page (chat-luong/): what the checks of sotay/outputs/quality.py
doubt in the data, by category, so editors know what to look at."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from sotay.outputs import quality
from sotay.outputs.templating import Page
from sotay.site.context import Family
from sotay.site.linker import INDEX_PAGES

# Items per category on the quality page: the page stays small at any scale;
# `validate --report` prints them all.
QUALITY_PAGE_LIMIT = 200


class QualityPage(Family):
    def index_pages(self) -> dict[str, Callable[[], Page]]:
        return {"quality": self.page}

    def page(self) -> Page:
        doubts = quality.report(self.ctx.g, self.ctx.today)
        # Grouped here, not with a filter per category in the template: at
        # 10,000 documents (4,678 doubts, 9 categories) the filters took
        # ~0.3 s of every rebuild under `mkdocs serve`, which renders this
        # page after any edit.
        by_category: dict[str, list[quality.Doubt]] = defaultdict(list)
        for doubt in doubts:
            by_category[doubt.category].append(doubt)
        return self.ctx.render("quality.md.j2", INDEX_PAGES["quality"], doubts=doubts,
                               by_category=by_category, categories=quality.CATEGORIES,
                               limit=QUALITY_PAGE_LIMIT)
