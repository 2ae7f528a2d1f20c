"""Stage: what a document cites and names -> records of the knowledge base.

A found citation becomes the id of the document it means: an existing record
when it is the same document (same number key, compatible issuer, same year;
laws by name and year), else a new reference record. A number that matches a
record but whose issuer cannot be told is an *ambiguity*: reported, never
merged. A campaign name becomes a known campaign (through its aliases, a
local prefix, or OCR noise) or a new campaign marked for review.

Everything here is pure: it reads an `Index` of the knowledge base and the
citing document's context, and returns decisions with reasons; the importer
writes them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from sotay.data.model import Body, Campaign, KnowledgeBase, Locality
from sotay.extract import vocabulary as V
from sotay.extract.models import FoundCampaign, FoundCitation
from sotay.resolve import patterns as P
from sotay.text.folding import fold, slugify, words
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



# --- issuers --------------------------------------------------------------------

# Abbreviations in an issuer phrase, expanded before comparing with body names.
_EXPAND = P.ISSUER_EXPANSIONS

# Symbol parts that name a nationwide issuer: "98/2023/NĐ-CP" is the
# Government's, "1315/QĐ-TTg" the Prime Minister's. Numbers with these are
# unique nationwide, so their ids carry no locality.
NATIONAL_SYMBOL_ISSUERS = {
    "CP": "Chính phủ",
    "TTG": "Thủ tướng Chính phủ",
    "BNV": "Bộ Nội vụ",
    "BTDKT": "Ban Thi đua - Khen thưởng Trung ương",
    "QH": "Quốc hội",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "TW": None,  # Party centre: which organ, the text says
}
# Local symbol parts -> the issuer phrase they stand for, relative to the
# citing document: "388/KH-UBND" in a city's report is the city's UBND.
LOCAL_SYMBOL_ISSUERS = {
    "UBND": "Ủy ban nhân dân",
    "NV": "Phòng Nội vụ",
    "SNV": "Sở Nội vụ",
    "HU": "Huyện ủy",
    "TU": "Tỉnh ủy",
    "HDND": "Hội đồng nhân dân",
}
_TYPE_CODES = set(V.SYMBOL_TYPE_KINDS)


def _key(phrase: str) -> str:
    text = " ".join(P.FOLDED_WORD.findall(fold(phrase)))
    for pattern, repl in _EXPAND:
        text = pattern.sub(repl, text)
    return " ".join(text.split())


@dataclass(frozen=True)
class IssuerMatch:
    body: str | None
    candidates: tuple[str, ...] = ()  # more than one: ambiguous
    inferred: bool = False  # from the symbol, not from words in the text


def resolve_issuer(phrase: str | None, index: Index, context_locality: str | None) -> IssuerMatch:
    """The body an issuer phrase means, seen from the citing document's locality.

    "UBND tỉnh" in a document of thành phố Phan Rang - Tháp Chàm is UBND tỉnh
    Ninh Thuận; "Bộ Chính trị" is Bộ Chính trị anywhere. Bodies whose name
    or abbreviation equals the phrase, or starts with it, are candidates;
    the one nearest the context (same locality, then each parent) wins; two
    at the same distance are an ambiguity.
    """
    if not phrase:
        return IssuerMatch(None)
    key = _key(phrase)
    near = index.ancestors(context_locality)
    exact, prefix = [], []
    for body in index.bodies.values():
        names = [_key(body.name), *(_key(a) for a in body.abbreviations)]
        if key in names:
            exact.append(body)
        elif any(n.startswith(key + " ") for n in names):
            prefix.append(body)
    for group in (exact, prefix):
        if not group:
            continue
        if len(group) == 1 and (
            not near or group[0].locality in near or group[0].level == "trung ương"
        ):
            return IssuerMatch(group[0].id)
        ranked = sorted((near.index(b.locality), b.id) for b in group if b.locality in near)
        if ranked and (len(ranked) == 1 or ranked[0][0] < ranked[1][0]):
            return IssuerMatch(ranked[0][1])
        if ranked:
            return IssuerMatch(None, tuple(b for _, b in ranked))
        if len(group) == 1:
            return IssuerMatch(group[0].id)
        return IssuerMatch(None, tuple(sorted(b.id for b in group)))
    return IssuerMatch(None)


def issuer_from_symbol(
    number: DocNumber, index: Index, context_locality: str | None
) -> IssuerMatch:
    """When the text names no issuer: "98/2023/NĐ-CP" -> Chính phủ; "388/KH-UBND" in a
    city's document -> that city's UBND (marked `inferred`)."""
    # The issuer part: "KH-UBND" -> UBND (after a type code), "UBND-NV" -> UBND
    # (a công văn: issuer, then the drafting unit), "CT/TW" -> TW, "NĐ-CP" -> CP.
    parts = [fold(p).upper() for p in V.SYMBOL_PARTS.split(number.symbol)]
    last = (
        parts[1] if len(parts) > 1 and (parts[0] in _TYPE_CODES or number.party_style) else parts[0]
    )
    last = P.TRAILING_DIGITS.sub("", last)  # "QH15" -> QH (the 15th legislature)
    if last in NATIONAL_SYMBOL_ISSUERS:
        name = NATIONAL_SYMBOL_ISSUERS[last]
        return resolve_issuer(name, index, None) if name else IssuerMatch(None)
    phrase = LOCAL_SYMBOL_ISSUERS.get(last)
    if phrase is None:
        return IssuerMatch(None)
    found = resolve_issuer(phrase, index, context_locality)
    return IssuerMatch(found.body, found.candidates, inferred=True)


# --- citations ------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """The citing document: its id, issuer body and that body's locality."""

    document: str
    issuer: str | None
    locality: str | None


@dataclass(frozen=True)
class CitationDecision:
    citation: FoundCitation
    target: str | None  # the document id, existing or new; None: not resolved
    new: dict | None = None  # the reference record to create
    ambiguous: tuple[str, ...] = ()  # candidate ids when it could be several
    warning: str | None = None  # Vietnamese, for the person reviewing


def resolve_citation(c: FoundCitation, index: Index, ctx: Context) -> CitationDecision:
    """Same number key + compatible issuer + same year => that record; laws by name + year."""
    if c.number is None or c.kind == "Luật":  # laws by name and year, even when numbered
        return _resolve_law(c, index)
    issuer = (
        resolve_issuer(c.issuer, index, ctx.locality)
        if c.issuer
        else issuer_from_symbol(c.number, index, ctx.locality)
    )
    year = c.number.year or (c.date.year if c.date else None)
    key = c.number.key
    same_number = [
        e
        for e in index.documents.values()
        if e.number is not None
        and not e.number.blank
        and e.number.key == key
        and e.id != ctx.document
    ]
    if year is not None:
        same_number = [e for e in same_number if e.year in (None, year)]
    if issuer.body is not None:
        hits = [e for e in same_number if e.issuer == issuer.body]
        if len(hits) == 1:
            warning = None
            if year is None:
                warning = f"«{c.quote}» không ghi ngày; khớp với {hits[0].id}, bản ghi duy nhất cùng số và cơ quan"
            elif issuer.inferred:
                warning = (
                    f"«{c.quote}» không ghi cơ quan ban hành; suy ra từ ký hiệu: {issuer.body}"
                )
            return CitationDecision(c, hits[0].id, warning=warning)
        if len(hits) > 1:
            return _ambiguous(c, hits, "cùng số, cùng cơ quan, không rõ năm")
        if year is None:
            return CitationDecision(
                c,
                None,
                warning=f"«{c.quote}» không ghi ngày, chưa có bản ghi: "
                "không tạo bản ghi mới khi không biết năm",
            )
        new = _reference(c, issuer.body, year, index)
        warning = (
            f"«{c.quote}» không ghi cơ quan ban hành; suy ra từ ký hiệu: {issuer.body}"
            if issuer.inferred
            else None
        )
        return CitationDecision(c, new["id"], new=new, warning=warning)
    if same_number:
        return _ambiguous(c, same_number, "cùng số nhưng không xác định được cơ quan ban hành")
    if issuer.candidates:
        return CitationDecision(
            c,
            None,
            ambiguous=issuer.candidates,
            warning=f"«{c.quote}»: «{c.issuer}» có thể là "
            + ", ".join(issuer.candidates)
            + "; chưa tạo bản ghi",
        )
    return CitationDecision(
        c,
        None,
        warning=f"«{c.quote}»: không xác định được cơ quan ban hành"
        + (f" «{c.issuer}»" if c.issuer else "")
        + "; thêm cơ quan vào data/bodies/ rồi nhập lại",
    )


def _ambiguous(c: FoundCitation, hits: Iterable[DocEntry], why: str) -> CitationDecision:
    ids = tuple(sorted(e.id for e in hits))
    return CitationDecision(
        c,
        None,
        ambiguous=ids,
        warning=f"«{c.quote}» có thể là {', '.join(ids)} ({why}); không gộp, cần người chọn",
    )


def _law_key(name: str) -> str:
    """ "Luật Thi đua, Khen thưởng" and "thi đua khen thưởng" share a key."""
    return P.LAW_WORD.sub("", _key(name))


def _resolve_law(c: FoundCitation, index: Index) -> CitationDecision:
    name = _law_key(c.name or "")
    year = c.year or (c.date.year if c.date else None)
    laws = [
        e
        for e in index.documents.values()
        if e.kind == "Luật" and e.name and _law_key(e.name) == name
    ]
    if year is not None:
        laws = [e for e in laws if e.year in (None, year)]
    if len(laws) == 1:
        return CitationDecision(c, laws[0].id)
    if len(laws) > 1:
        return _ambiguous(c, laws, "cùng tên luật, không rõ năm")
    body = resolve_issuer("Quốc hội", index, None).body
    if body is None:
        return CitationDecision(c, None, warning="chưa có cơ quan «Quốc hội» trong data/bodies/")
    law_name = f"Luật {(c.name or '')[:1].upper()}{(c.name or '')[1:]}"
    rid = slugify(law_name) + (f"-{year}" if year else "")
    record = {"id": rid, "kind": "Luật", "name": law_name, "issuer": body}
    if c.date is not None:
        record["date"] = c.date.iso()
    elif year is not None:
        record["date"] = str(year)
    index.add_document(DocEntry(rid, "Luật", body, None, year, law_name))
    return CitationDecision(c, rid, new=record)


KIND_SLUGS = {
    kind: slugify(kind)
    for kind in (
        "Luật",
        "Nghị quyết",
        "Nghị định",
        "Quyết định",
        "Chỉ thị",
        "Thông tư",
        "Kết luận",
        "Quy định",
        "Kế hoạch",
        "Chương trình",
        "Hướng dẫn",
        "Công văn",
        "Báo cáo",
        "Thông báo",
        "Đề án",
        "Tờ trình",
        "Phát động",
    )
}


def document_id(
    kind: str,
    number: DocNumber | None,
    year: int | None,
    issuer: str | None,
    index: Index,
    extra: str = "",
) -> str:
    """The id convention: `<kind>-<number>-<year>` for nationwide numbers
    ("nghi-dinh-98-2023-nd-cp", "chi-thi-05-ct-tw-2016"), with the locality
    appended for local ones ("chi-thi-01-ct-ubnd-2024-quy-nhon"); a blank
    number keeps its symbol ("cong-van-ubnd-nc-2023-tay-son")."""
    parts = [KIND_SLUGS.get(kind, slugify(kind))]
    if number is not None:
        parts.append(slugify(str(number)))
    if year is not None and not (number is not None and number.year):
        parts.append(str(year))
    if extra:
        parts.append(slugify(extra))
    body = index.bodies.get(issuer or "")
    if body is not None and body.level != "trung ương":
        parts.append(index.locality_slug(body.locality))
    return "-".join(p for p in parts if p)


def _reference(c: FoundCitation, issuer: str, year: int, index: Index) -> dict:
    rid = document_id(c.kind, c.number, year, issuer, index)
    existing = index.documents.get(rid)
    if existing is not None and existing.issuer != issuer:
        rid = f"{rid}-{slugify(issuer)}"
    record = {"id": rid, "kind": c.kind, "number": str(c.number), "issuer": issuer}
    record["date"] = c.date.iso() if c.date else str(year)
    index.add_document(DocEntry(rid, c.kind, issuer, c.number, year))
    return record


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
