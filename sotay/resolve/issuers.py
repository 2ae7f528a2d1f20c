"""An issuer's name or a number's symbol -> a body of the knowledge base.

"Ủy ban nhân dân thành phố Quy Nhơn" is the body of that name or one of its
abbreviations; "-QĐ/TU" in a number points at a Tỉnh ủy, "-TTg" at the Thủ
tướng Chính phủ.
"""

from __future__ import annotations

from dataclasses import dataclass

from sotay.extract import vocabulary as V
from sotay.resolve import patterns as P
from sotay.resolve.index import Index
from sotay.text.folding import fold
from sotay.text.numbers import DocNumber

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


def name_key(phrase: str) -> str:
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
    key = name_key(phrase)
    near = index.ancestors(context_locality)
    exact, prefix = [], []
    for body in index.bodies.values():
        names = [name_key(body.name), *(name_key(a) for a in body.abbreviations)]
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
