"""Patterns of citations (see citations.py), over the shadow of the text.

    "Căn cứ Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị"
"""

from __future__ import annotations

import re

from sotay.extract.vocabulary import (
    DATE_IN_TEXT,
    DOC_KIND_WORDS,
    ISSUER_PHRASE,
    LAW_NAMES,
    NUMBER_IN_TEXT,
    ROLE_TRIGGERS,
    alt,
)

# The kind word of a citation: "Chỉ thị", "Kế hoạch", "Văn bản" (laws are cited
# by name: LAW_KNOWN, LAW_DATED).
_KIND = "(?P<kind>" + alt(k for k in DOC_KIND_WORDS if k != "Luật") + ")"

# A citation by kind and number, with its date and issuer when they follow:
#   "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị"
#   "Kế hoạch 66/KH-CTĐ ngày 28/3/2024 của UBND thành phố"
#   "Kế hoạch số 33/KH-UBND, ngày 08/01/2024 của UBND phường Quyết Thắng"
#   "Chỉ thị 34-CT/TW của Bộ Chính trị" (no date)
#   "các Nghị định số 1/2020/NĐ-CP, ..." (the list goes on in CITATION_MORE)
# A bare kind word ("Kết luận của Thủ tướng Chính phủ") is no citation: the
# number is required and never guessed.
CITATION = re.compile(
    r"""
    (?<![\w/])""" + _KIND + r"""
    (?:\s+(?i:so)\b)?[ \t]*:?\s*        # "số", "số:", or nothing ("Chỉ thị 34-CT/TW")
    """ + NUMBER_IN_TEXT + r"""
    (?P<dated>[ \t]*,?\s*(?:(?i:ban\s+hanh)\s+)?(?i:ngay)\s+""" + DATE_IN_TEXT + r""")?
    """,
    re.VERBOSE,
)

# The next item of a list that names the type once:
#   "các Nghị định số 1/2020/NĐ-CP, số 2/2020/NĐ-CP và số 3/2020/NĐ-CP"
#   "Quyết định số 12/QĐ-UBND, 13/QĐ-UBND ngày ..."
CITATION_MORE = re.compile(
    r"""
    [ \t]*(?:,|;|\s(?i:va))\s*
    (?P<item>(?:(?i:so)[ \t]*:?[ \t]*)?
    """ + NUMBER_IN_TEXT + r"""
    (?P<dated>[ \t]*,?\s*(?:(?i:ban\s+hanh)\s+)?(?i:ngay)\s+""" + DATE_IN_TEXT + r""")?)
    """,
    re.VERBOSE,
)

# The date written before the citation it belongs to (003):
#   "ngày 02/3/2023 Ủy ban nhân dân thành phố đã ban hành Kế hoạch số 62/KH-UBND"
# Matched backwards from the kind word: the text just before it must end here.
DATE_BEFORE_CITATION = re.compile(
    r"""
    (?i:ngay)\s+""" + DATE_IN_TEXT + r"""
    [ \t]*,?[ \t]*(?P<issuer>""" + ISSUER_PHRASE + r""")?
    [ \t]*(?:(?i:da)[ \t]+)?(?i:ban\s+hanh|ky|phe\s+duyet)[ \t]*$
    """,
    re.VERBOSE,
)

# The issuer named just before the citation it issued or approved (003):
#   "Đề án đã được Ủy ban nhân dân tỉnh phê duyệt tại Quyết định số 162/QĐ-UBND"
# Matched backwards from the kind word, like DATE_BEFORE_CITATION.
ISSUER_BEFORE_CITATION = re.compile(
    r"""
    (?P<issuer>""" + ISSUER_PHRASE + r""")
    [ \t]*(?:(?i:da)[ \t]+)?(?i:ban\s+hanh|ky|phe\s+duyet)(?:[ \t]+(?i:tai|bang|theo))?[ \t]*$
    """,
    re.VERBOSE,
)

# "của Bộ Chính trị", ", của UBND tỉnh" right after a citation.
ISSUER_AFTER = re.compile(
    r"""
    [ \t]*,?\s*(?i:cua)\s+
    (?P<issuer>""" + ISSUER_PHRASE + r""")
    """,
    re.VERBOSE,
)

# A law by known name, with the number, date or year that may follow:
#   "Luật Thi đua, Khen thưởng ngày 15/6/2022", "Luật thi đua, khen thưởng năm 2022",
#   "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022",
#   "Luật thực hiện dân chủ ở cơ sở", "luật Thi đua khen thưởng" (004).
LAW_KNOWN = re.compile(
    r"""
    (?<![\w/])(?P<kind>(?i:luat))[ \t]+
    (?P<name>""" + alt(LAW_NAMES, loose=True) + r""")(?![\w])
    (?:[ \t]*,?[ \t]*(?i:so)[ \t]*""" + NUMBER_IN_TEXT + r""")?   # "số 06/2022/QH15"
    (?P<dated>[ \t]*,?[ \t]*(?:(?i:ngay)\s+""" + DATE_IN_TEXT + r"""|(?i:nam)[ \t]+(?P<ly>(?:19|20)\d{2})\b))?
    """,
    re.VERBOSE,
)

# A law not in the table, found only when a date or year closes its name:
#   "Luật Bảo vệ bí mật nhà nước ngày 15/11/2018".
LAW_DATED = re.compile(
    r"""
    (?<![\w/])(?P<kind>Luat)[ \t]+
    (?P<name>[A-Z][^;:.\n"()]{2,80}?)
    (?:[ \t]*,?[ \t]*(?i:so)[ \t]*""" + NUMBER_IN_TEXT + r""")?
    (?P<dated>[ \t]*,?[ \t]*(?:(?i:ngay)\s+""" + DATE_IN_TEXT + r"""|(?i:nam)[ \t]+(?P<ly>(?:19|20)\d{2})\b))
    """,
    re.VERBOSE,
)

# Words just before a law's name that make it part of another document's
# title, not a citation of this one: "Quy định chi tiết thi hành một số điều
# của Luật Thi đua, khen thưởng", "biện pháp thi hành Luật thi đua".
LAW_IN_TITLE = re.compile(r"(?i:thi\s+hanh|dieu\s+cua|sua\s+doi,?\s+bo\s+sung)\s*$")

# The words that govern a citation (vocabulary.ROLE_TRIGGERS), one named group
# per role: "Căn cứ", "Triển khai thực hiện", "Theo quy định tại".
ROLE_TRIGGER = re.compile(
    r"(?<![\w])(?:"
    + "|".join(f"(?P<r{i}>{alt(words)})" for i, words in enumerate(ROLE_TRIGGERS.values()))
    + r")(?![\w])"
)
# A group's name -> its role: "r0" -> "căn cứ".
ROLE_OF_GROUP = {f"r{i}": role for i, role in enumerate(ROLE_TRIGGERS)}

# Between two citations of one list: only separators and list words
# ("; ", ", ", " và ", "; các "), so the second inherits the first's role.
CITATION_LIST_GAP = re.compile(r"^[\s,;]*(?:(?i:va|cung|cac|va\s+cac)[\s,;]+)*$")

# A list item mark at the start of a clause or line: "- ", "+ ", "• " ("Căn
# cứ:\n- Luật ...;\n- Nghị định ...").
LIST_MARK = re.compile(r"[ \t]*[-+•]")
