"""Patterns of resolution and import (see issuers.py, citations.py, campaigns.py, importer.py), over
folded names ("uy ban nhan dan thanh pho quy nhon"), not a document's text.

    "ubnd tp quy nhon" -> "uy ban nhan dan thanh pho quy nhon"   (ISSUER_EXPANSIONS)
"""

from __future__ import annotations

import re

from sotay.extract.vocabulary import ISSUER_ABBREVIATIONS
from sotay.text.folding import fold

# Abbreviations inside a folded issuer phrase, expanded before comparing with
# body names; "(khóa XII)" dropped: "ubnd tp" -> "uy ban nhan dan thanh pho".
# Only abbreviations that are no Vietnamese syllable once folded: "TU" would
# turn "Bộ Tư pháp" ("bo tu phap") into a Tỉnh ủy.
ISSUER_EXPANSIONS = [
    (re.compile(rf"\b{fold(short)}\b"), " ".join(re.findall(r"[a-z0-9]+", fold(full))))
    for short, full in ISSUER_ABBREVIATIONS.items()
    if short in ("UBND", "HĐND", "HĐTĐKT", "TĐKT")
] + [
    (re.compile(r"\btp\b"), "thanh pho"),
    (re.compile(r"\(?\s*khoa\s+[ivxlc]+\s*\)?"), ""),
]
# The words of a folded phrase: "uy ban nhan dan".
FOLDED_WORD = re.compile(r"[a-z0-9]+")
# A term number after a symbol part: "QH15" -> QH.
TRAILING_DIGITS = re.compile(r"\d+$")
# "Luật" before a law's folded name: "luat thi dua khen thuong" -> "thi dua khen thuong".
LAW_WORD = re.compile(r"^luat\s+")
# A folded campaign name's period: "... giai doan 2023 2030".
FOLDED_PERIOD = re.compile(r"\s*giai doan \d{4} \d{4}$")

# A unit word at the start of a folded locality name: "thanh pho phan rang ...".
UNIT_PREFIX_FOLDED = re.compile(r"^(?:tinh|thanh pho|huyen|thi xa|quan|phuong|xa|thi tran|dac khu)\s+")

# Words that make a campaign name local without changing the campaign: "Huyện
# Tây Sơn chung tay vì người nghèo" adapts "Vì người nghèo"; "Cả thành phố thi
# đua xây dựng xã hội học tập" adapts "Cả nước thi đua ...".
CAMPAIGN_SCOPE = re.compile(r"^(?:ca\s+(?:nuoc|tinh|thanh\s+pho|huyen|thi\s+xa|phuong|xa)\s+)")
# "chung tay", "chung sức" (join hands) in a local name: "Huyện Tây Sơn chung
# tay vì người nghèo" is "Vì người nghèo".
CAMPAIGN_JOIN = re.compile(r"\b(?:chung\s+tay|chung\s+suc)\b")

# --- import ---

# A parenthesis closing a recipient: "UBND thành phố (qua Phòng Nội vụ)" -> "UBND thành phố".
TRAILING_PARENTHESIS = re.compile(r"\s*\(.*")

# The importer's mark in a file it wrote: "# sotay-import: sha256=3f2a...".
IMPORT_MARKER = re.compile(r"^# sotay-import: sha256=(?P<hash>[0-9a-f]{64})")


def place_in_folded_name(place: str) -> re.Pattern:
    """A folded place name, with its unit word: "huyen tay son", "lai chau"."""
    return re.compile(rf"(?:\b(?:tinh|thanh pho|huyen|thi xa|quan|phuong|xa|thi tran) )?\b{re.escape(place)}\b")
