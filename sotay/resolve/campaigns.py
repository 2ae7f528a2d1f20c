"""A campaign name as found -> a known campaign (its name, an alias, a local
prefix such as "Huyện Tây Sơn chung tay vì người nghèo", or OCR noise such
as "Vi người nghèo") or a new campaign marked for review.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from sotay.data.model import Campaign
from sotay.extract.models import FoundCampaign
from sotay.resolve import patterns as P
from sotay.resolve.index import Context, Index
from sotay.text.folding import slugify, words

# --- campaigns ------------------------------------------------------------------

SIMILAR = (
    0.88  # difflib ratio on folded names: "vi nguoi ngheo-khong ai ..." vs "... khong de ai ..."
)


@dataclass(frozen=True)
class CampaignDecision:
    found: FoundCampaign
    campaign: str | None  # known or new id
    new: dict | None = None
    adapts: str | None = None
    how: str = ""  # "tên", "tên khác", "gần đúng", "hình thức địa phương", "mới"


def _names(c: Campaign) -> list[str]:
    return [c.name, *c.aliases]


def _plain(name: str) -> str:
    """A campaign name for comparison: folded words, the period dropped."""
    text = " ".join(words(name))
    return P.FOLDED_PERIOD.sub("", text)


def _core(name: str, place_words: Iterable[str]) -> str:
    """The name without its locality: "huyện Tây Sơn", "Lai Châu", "cả thành phố", "chung tay"."""
    text = P.CAMPAIGN_SCOPE.sub("", _plain(name))
    for place in sorted(place_words, key=len, reverse=True):
        text = P.place_in_folded_name(place).sub(" ", text)
    text = P.CAMPAIGN_JOIN.sub(" ", text)
    return " ".join(text.split())


def resolve_campaign(found: FoundCampaign, index: Index, ctx: Context) -> CampaignDecision:
    """Known name or alias => that campaign; a near name (OCR: "Vi người nghèo",
    "Chuyên đổi số" fold to the same; a dropped word stays above SIMILAR) =>
    that campaign; a local form of a known campaign => a new campaign that
    adapts it; else a new campaign for review."""
    name = _plain(found.base or found.name)
    by_name: dict[str, str] = {}
    for c in index.campaigns.values():
        for n in _names(c):
            by_name.setdefault(_plain(n), c.id)
    if name in by_name:
        cid = by_name[name]
        how = "tên" if _plain(index.campaigns[cid].name) == name else "tên khác"
        return CampaignDecision(found, cid, how=how)
    best = max(by_name, key=lambda n: difflib.SequenceMatcher(None, n, name).ratio(), default=None)
    if best is not None and difflib.SequenceMatcher(None, best, name).ratio() >= SIMILAR:
        return CampaignDecision(found, by_name[best], how="gần đúng")
    places = {_plain(loc.name.split(" ", 1)[-1]) for loc in index.localities.values()}
    places |= {_plain(loc.name) for loc in index.localities.values()}
    core = _core(found.base or found.name, places)
    adapts = None
    if core and core != name:
        for c in index.campaigns.values():
            if c.adapts is None and any(_core(n, places) == core for n in _names(c)):
                adapts = c.id
                break
    return _new_campaign(found, index, ctx, adapts)


def _new_campaign(
    found: FoundCampaign, index: Index, ctx: Context, adapts: str | None
) -> CampaignDecision:
    body = index.bodies.get(ctx.issuer or "")
    level = body.level if body is not None else "trung ương"
    base = (found.base or found.name).strip()
    slug_words = slugify(base).split("-")[:8]
    rid = "-".join(slug_words) or "phong-trao"
    if rid in index.campaigns:
        rid = f"{index.locality_slug(body.locality) if body else 'moi'}-{rid}"
    n = 2
    stem = rid
    while rid in index.campaigns:
        rid, n = f"{stem}-{n}", n + 1
    record: dict = {"id": rid, "name": base, "kind": found.kind, "level": level}
    if body is not None:
        record["locality"] = body.locality
    if found.period is not None:
        record["period"] = f"{found.period.start}-{found.period.end}"
    if adapts:
        record["adapts"] = adapts
    record["review"] = True
    index.add_campaign(
        Campaign(
            rid,
            base,
            found.kind,
            level,
            (),
            record.get("locality"),
            found.period,
            adapts=adapts,
            review=True,
        )
    )
    return CampaignDecision(
        found, rid, new=record, adapts=adapts, how="hình thức địa phương" if adapts else "mới"
    )


def match_known_name(name: str, index: Index) -> str | None:
    """A bare quoted phrase that is exactly a known campaign's name or alias
    (“Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh” after
    "đẩy mạnh việc"): that campaign. Exact only; no head word, no guessing."""
    key = _plain(name)
    if len(key.split()) < 3:
        return None
    for c in index.campaigns.values():
        if any(_plain(n) == key for n in _names(c)):
            return c.id
    return None
