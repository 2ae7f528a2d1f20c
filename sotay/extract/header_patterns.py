"""Patterns of a document's header and signature (see header.py).

    ỦY BAN NHÂN DÂN THÀNH PHỐ QUY NHƠN
    Số: 2597 /UBND-NV
    V/v hướng dẫn sơ kết công tác thi đua, khen thưởng
    Quy Nhơn, ngày 03 tháng 7 năm 2024
    ...
    KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Nguyễn Phương Nam
"""

from __future__ import annotations

import re

from sotay.extract.vocabulary import PLACE_NAME, SYM_PART, UNIT, UNIT_WORDS, alt
from sotay.text.folding import fold

# "Số: 2597 /UBND-NV", "Số: /UBND-NC" (blank), "Số: ....../BC-UBND".
HEADER_NUMBER = re.compile(
    r"^[ \t#*]*(?i:so)[ \t]*:[ \t]*(?:(?P<serial>\d{1,6}[A-Z]?)|[ \t._…]*)[ \t]*"
    r"(?P<rest>[/-][ \t]*(?:(?:19|20)\d{2}[ \t]*/[ \t]*)?" + SYM_PART + r"(?:[ \t]*[-/][ \t]*" + SYM_PART + r")*)",
    re.MULTILINE,
)
# "Quy Nhơn, ngày 03 tháng 7 năm 2024"; "Tây Sơn, ngày tháng năm 2023" (blank
# day and month); "Quyết Thắng, ngày tháng 02 năm 2024".
HEADER_DATE = re.compile(
    r"^[ \t#*]*(?P<place>[A-Z][^,\n]{1,40}?)[ \t]*,[ \t]*(?i:ngay)[ \t.…]*(?P<d>\d{1,2})?[ \t.…]*"
    r"(?i:thang)[ \t.…]*(?P<m>\d{1,2})?[ \t.…]*(?i:nam)[ \t]+(?P<y>(?:19|20)\d{2})",
    re.MULTILINE,
)
# "V/v hướng dẫn sơ kết công tác" (the subject of a công văn, over several lines).
HEADER_VV = re.compile(r"^[ \t*]*(?i:v/v|ve\s+viec)[ \t]*:?[ \t]*", re.MULTILINE)
# "Kính gửi:" and "Nơi nhận:" open the recipient and distribution lists.
HEADER_TO = re.compile(r"^[ \t#*]*(?i:kinh\s+gui)[ \t*]*:[ \t*]*", re.MULTILINE)
HEADER_CC = re.compile(r"^[ \t#*]*(?i:noi\s+nhan)[ \t*]*:[ \t*]*", re.MULTILINE)
# The national motto and name, which head every document but name no issuer.
HEADER_MOTTO = re.compile(r"(?i:cong\s+hoa\s+xa\s+hoi|doc\s+lap\s*-\s*tu\s+do|dang\s+cong\s+san\s+viet\s+nam)")
# The signature block: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN /
# CHỦ TỊCH", "TM. KHỐI THI ĐUA / TRƯỞNG KHỐI"; also Q., TL., TUQ.
SIGNATURE_AUTHORITY = re.compile(r"^[ \t*]*(?P<auth>KT|TM|Q|TL|TUQ)\.[ \t]*(?P<of>[^\n*]+?)[ \t*]*$", re.MULTILINE)
# The body that refers to itself in the text: "UBND thành phố hướng dẫn ...",
# "Ủy ban nhân dân thành phố báo cáo ...", "Khối thi đua ... UBND huyện phát
# động ...". The verb is lower case: "của UBND thành phố Phát động phong trào"
# (000) is a citation's issuer and a title, not the author speaking.
SELF_REFERENCE = re.compile(
    r"(?<![\w])(?P<body>(?:" + alt(("UBND", "Ủy ban nhân dân", "HĐND", "Hội đồng nhân dân"))
    + r"[ \t]+" + UNIT + r"(?:" + PLACE_NAME + r")?"
    + r"|" + alt(("Khối thi đua", "Cụm thi đua")) + r"[^.;:\n\"]{0,100}?" + alt(("UBND", "Ủy ban nhân dân"))
    + r"[ \t]+" + UNIT + r"(?:" + PLACE_NAME + r")?))"
    r"[ \t]+(?:da[ \t]+)?(?P<verb>huong\s+dan|bao\s+cao|xay\s+dung|phat\s+dong|ban\s+hanh|de\s+nghi|"
    r"trien\s+khai|thong\s+bao|quyet\s+dinh)(?![\w])"
)
# Words before a body's name that make it someone else's: "của UBND thành phố",
# "Chủ tịch UBND huyện phát động" (004), "đã được ...".
NOT_THE_AUTHOR = re.compile(r"(?i:cua|va|cac|chu\s+tich|duoc)\s*$")
# An issuer phrase that starts with an abbreviation: "UBND thành phố" -> "Ủy ban nhân dân ...".
ISSUER_ABBREVIATION_START = {
    re.compile(r"^UBND(?!\w)"): "Ủy ban nhân dân",
    re.compile(r"^HĐND(?!\w)"): "Hội đồng nhân dân",
}

# A folded issuer name ending with a unit word and no place: "uy ban nhan dan huyen".
UNIT_AT_END = re.compile(
    r"(?:^|\s)(?:"
    + "|".join(fold(u).replace(" ", r"\s+") for u in UNIT_WORDS if u != "TP")
    + r")$"
)

# --- lines of the header ---

# One line of text.
TEXT_LINE = re.compile(r"[^\n]+")

# Markup and list dashes at a line start: "## ", "**", "- ".
LEAD_MARKUP = re.compile(r"[ \t#*\-]*")

# The next "- item" line of a list, blank lines between allowed: "Kính gửi:\n\n- Các khối ...".
LIST_LINE = re.compile(r"(?:\n[ \t]*)*\n[ \t]*[-+•][ \t]+(?P<body>[^\n]*)")

# Two or three capitals in a row: an upper-case heading line ("KẾ HOẠCH").
UPPER_RUN = re.compile(r"[A-Z]{2}")
UPPER_RUN3 = re.compile(r"[A-Z]{3}")
# The blank lines between a title and its subject.
BLANK_LINES = re.compile(r"\n+")
# A line with its newline: the subject after "V/v" runs over several.
LINE_WITH_END = re.compile(r"[^\n]*\n?")

# Words kept in capitals when a heading is put in normal case: "VH&TT", "UBND".
KEEP_UPPER_WORD = re.compile(r"^(?:[A-ZĐ]+&[A-ZĐ]+|UBND|HĐND|TĐKT|HĐTĐKT|TP|[IVXLC]{2,})[.,;:]?$")


def first_words(n: int) -> re.Pattern:
    """The first n words of a line: the title words "PHÁT ĐỘNG PHONG TRÀO THI ĐUA"."""
    return re.compile(rf"\S+(?:[ \t]+\S+){{{n - 1}}}")


def unit_word(unit: str) -> re.Pattern:
    """A unit word as a whole word in lower-case text: "huyện" in "ủy ban nhân dân huyện tây sơn"."""
    return re.compile(rf"(?<!\w){re.escape(unit)}(?!\w)")
