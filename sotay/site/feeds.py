"""The calendar feeds (ICS): every deadline (han/tat-ca.ics), each
locality's (han/dia-ban/<id>.ics) and each campaign's (han/phong-trao/<id>.ics)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sotay.data.model import Deadline
from sotay.outputs import ical
from sotay.outputs.templating import Asset
from sotay.site.context import Family
from sotay.site.documents import sentence_anchor
from sotay.site.incremental import Job
from sotay.site.linker import entity_uri, feed_uri, url_of


class FeedAssets(Family):
    def asset_jobs(self) -> Iterator[Job]:
        """Calendar feeds: every deadline; each locality's (its documents and those
        of the units under it, as on its page); each campaign's (with its local
        forms and parts). Empty feeds are published too, so staff can subscribe
        ahead of the first deadline."""
        kb, g = self.ctx.kb, self.ctx.g

        def make(uri: str, title: Callable[[], str], deadlines: Callable[[], Any]) -> Job:
            return uri, lambda: Asset(uri, self._feed(title(), deadlines))

        yield make(feed_uri("all"), lambda: "Thời hạn", lambda: kb.deadlines.values())
        for loc_id in list(kb.localities.keys()):
            yield make(feed_uri("locality", loc_id), lambda i=loc_id: f"Thời hạn: {kb.localities[i].name}",
                       lambda i=loc_id: g.deadlines_of_documents(d.id for d in g.documents_in(i)))
        for c_id in list(kb.campaigns.keys()):
            yield make(feed_uri("campaign", c_id), lambda i=c_id: f"Thời hạn: {kb.campaigns[i].name}",
                       lambda i=c_id: g.deadlines_of_campaigns(g.campaign_family(i)))

    def _feed(self, title: str, deadlines: Callable[[], Any]) -> bytes:
        ctx = self.ctx
        return ical.feed(f"{title} — {ctx.site_name}", deadlines(), ctx.g, ctx.today, self.deadline_url)

    def deadline_url(self, d: Deadline) -> str | None:
        """Absolute address of the deadline's sentence, for calendar events."""
        site_url = self.ctx.site_url
        if not site_url:
            return None
        anchor = sentence_anchor(self.ctx.kb, d)
        page = site_url + url_of(entity_uri("document", d.source))
        return page + (f"#{anchor}" if anchor else "")
