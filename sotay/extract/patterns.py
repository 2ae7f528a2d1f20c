"""Patterns of extraction (see sotay/extract/).
"""

from __future__ import annotations

import re

# A document's "số, ký hiệu" as written in a record or a citation
# (Nghị định 30/2020/NĐ-CP, Phụ lục I). Shapes seen in the seeds:
#   "2597/UBND-NV"    number / issuer-unit (công văn)
#   "66/KH-CTĐ"       number / type-issuer
#   "98/2023/NĐ-CP"   number / year / type-issuer (normative)
#   "05-CT/TW"        number - type / issuer (Party)
#   "18A-CT/TU"       number with a letter
#   "/UBND-NC"        blank number (unsigned draft)
#   "05/CT - TW"      spacing and separator noise (004)
DOC_NUMBER = re.compile(
    r"""
    ^\s*
    (?P<serial>\d{1,6}[A-Za-z]?)?           # 2597, 05, 18A; absent in drafts
    \s*(?P<sep>[/-])\s*                     # "/" state, "-" Party
    (?:(?P<year>(?:19|20)\d{2})\s*/\s*)?    # 98/2023/NĐ-CP
    (?P<symbol>                             # KH-CTĐ, UBND-NV, CT/TW, NĐ-CP
        [^\W\d_][\w&.]*
        (?:\s*[/-]\s*[\w&.]+)*
    )
    \s*$
    """,
    re.VERBOSE,
)

# Tokens of a number for identity: "05/CT - TW" and "05-CT/TW" both give
# ["05", "CT", "TW"].
NUMBER_TOKEN = re.compile(r"[^\W_]+")

# A date in a record: "2024", "2024-06" or "2024-07-03" (ISO 8601, partial
# allowed because documents carry "ngày tháng 6 năm 2024").
ISO_PARTIAL_DATE = re.compile(
    r"^(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?$"
)

# What staff type instead of ISO in a record, so the error can suggest the
# fix: "03/7/2024" -> "2024-07-03"; "7/2024" -> "2024-07".
VN_NUMERIC_DATE = re.compile(r"^(?:(?P<day>\d{1,2})/)?(?P<month>\d{1,2})/(?P<year>\d{4})$")

# A campaign period: "2021-2025", "2019 - 2024", a single year "2024", or an
# open end "2023-" (from now on).
PERIOD = re.compile(r"^\s*(?P<start>\d{4})\s*(?:[-–]\s*(?P<end>\d{4})?)?\s*$")

# Ids: file names of records, also the last part of page URLs.
RECORD_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Number-like strings in a text (the quality report lists those no citation
# quote covers): "98/2023/NĐ-CP",
# "05-CT/TW", "2597 /UBND-NV". Ratios such as "26/43" or dates "12/7/2024"
# have no letters after the separator and do not match.
NUMBER_LIKE = re.compile(
    r"\b\d{1,5}[A-Za-z]?\s*[/-]\s*(?:\d{4}\s*/\s*)?"  # 98/2023/
    r"[A-ZĐ][\w&]*(?:\.[\w&]+)*"  # NĐ, a sentence's full stop stays out
    r"(?:\s*[/-]\s*[A-ZĐ][\w&]*(?:\.[\w&]+)*)*"  # -CP
)

# --- extraction: a document's text -> header, citations, campaigns, deadlines, targets ---
#
# Everything below runs over the *shadow* of a document's text (extract.shadow):
# the same length as the text, so a match's span is the span in the stored
# text, but with diacritics removed (case kept), curly quotes turned into '"',
# dashes into '-', and markup ("**", "<sup>3</sup>") blanked into spaces.
# "Chỉ thị số 05-CT/TW" therefore reads "Chi thi so 05-CT/TW", and
# "**trước ngày 12/7/2024**" reads "  truoc ngay 12/7/2024  ". One spelling of
# every keyword covers NFD input, both tone placements ("Uỷ"/"Ủy") and OCR
# slips of a diacritic ("Tô quốc"). Keywords are case-insensitive; the parts
# that must be capitals (symbols "KH-UBND", place names "Tây Sơn") are not.
#
# The tables are data; the patterns are generated from them, so a new document
# kind, issuer or law is one line here and no regex changes.

from sotay.text.folding import fold as _fold  # noqa: E402  (text.py imports nothing from here)


def _kw(phrase: str, loose: bool = False) -> str:
    """A keyword phrase as a case-insensitive, spacing-tolerant pattern.

    "Nghị định" -> (?i:nghi\\s+dinh); "Thi đua, khen thưởng" ->
    (?i:thi\\s*[,-]?\\s*dua...) with the comma optional, because "Luật Thi
    đua khen thưởng" (004) and "Luật Thi đua, Khen thưởng" (002) are one law.
    """
    words = re.findall(r"[^\W_]+", _fold(phrase))
    joiner = r"\s*[,-]?\s*" if loose else r"\s+"
    return "(?i:" + joiner.join(map(re.escape, words)) + ")"


def _alt(phrases, loose: bool = False) -> str:
    """Alternation of keyword phrases, longest first ("Thông tư liên tịch" before "Thông tư").

    `loose` lets punctuation between words vary, for names: "Ban Thi đua-Khen
    thưởng Trung ương" (003) is "Ban Thi đua - Khen thưởng Trung ương".
    """
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "(?:" + "|".join(_kw(p, loose) for p in ordered) + ")"


# Document kinds as running text names them -> the kind in the schema.
# "Văn bản số 123/UBND-VX" is how many letters cite a công văn.
DOC_KIND_WORDS: dict[str, str] = {
    "Luật": "Luật",
    "Nghị quyết": "Nghị quyết",
    "Nghị định": "Nghị định",
    "Quyết định": "Quyết định",
    "Chỉ thị": "Chỉ thị",
    "Thông tư liên tịch": "Thông tư",
    "Thông tư": "Thông tư",
    "Kết luận": "Kết luận",
    "Quy định": "Quy định",
    "Kế hoạch": "Kế hoạch",
    "Chương trình": "Chương trình",
    "Hướng dẫn": "Hướng dẫn",
    "Công văn": "Công văn",
    "Văn bản": "Công văn",
    "Báo cáo": "Báo cáo",
    "Thông báo": "Thông báo",
    "Đề án": "Đề án",
    "Tờ trình": "Tờ trình",
}

# Type codes inside a symbol (Nghị định 30/2020/NĐ-CP, Phụ lục III) -> kind.
# "KH-UBND" is a Kế hoạch; a symbol with no type code ("UBND-NV", "NV") is a
# Công văn. Keys are folded upper case ("NĐ" -> "ND").
SYMBOL_TYPE_KINDS: dict[str, str] = {
    "NQ": "Nghị quyết", "ND": "Nghị định", "QD": "Quyết định", "CT": "Chỉ thị",
    "TT": "Thông tư", "TTLT": "Thông tư", "KL": "Kết luận", "QYD": "Quy định",
    "QY": "Quy định", "KH": "Kế hoạch", "CTR": "Chương trình", "CTRTD": "Chương trình",
    "HD": "Hướng dẫn", "BC": "Báo cáo", "TB": "Thông báo", "DA": "Đề án", "TTR": "Tờ trình",
}

# Title lines of a document -> its kind: "**KẾ HOẠCH**", "## BÁO CÁO",
# "PHÁT ĐỘNG PHONG TRÀO THI ĐUA" (004).
TITLE_KINDS: dict[str, str] = {
    "Phát động phong trào thi đua": "Phát động",
    "Phát động thi đua": "Phát động",
    "Kế hoạch": "Kế hoạch", "Báo cáo": "Báo cáo", "Quyết định": "Quyết định",
    "Chỉ thị": "Chỉ thị", "Hướng dẫn": "Hướng dẫn", "Thông báo": "Thông báo",
    "Chương trình": "Chương trình", "Tờ trình": "Tờ trình", "Đề án": "Đề án",
    "Nghị quyết": "Nghị quyết", "Quy định": "Quy định", "Kết luận": "Kết luận",
    "Công văn": "Công văn",
}

# Laws are cited by name, usually without number: "Luật Thi đua, Khen thưởng
# ngày 15/6/2022", "Luật thi đua, khen thưởng năm 2022", "Luật thực hiện dân
# chủ ở cơ sở". Known names let a law be found even without a date; an
# unknown law is found only when a date or year closes its name.
LAW_NAMES: tuple[str, ...] = (
    "Thi đua, khen thưởng", "Thực hiện dân chủ ở cơ sở", "Phòng, chống tham nhũng",
    "Thực hành tiết kiệm, chống lãng phí", "Cán bộ, công chức", "Viên chức",
    "Cán bộ, công chức và Luật Viên chức", "Tổ chức chính quyền địa phương",
    "Tổ chức Chính phủ", "Ban hành văn bản quy phạm pháp luật", "Tiếp công dân", "Khiếu nại",
    "Tố cáo", "Đất đai", "Ngân sách nhà nước", "Đầu tư công", "Phổ biến, giáo dục pháp luật",
    "Hòa giải ở cơ sở", "Thanh niên", "Giáo dục", "Bảo vệ môi trường", "Nghĩa vụ quân sự",
    "Dân quân tự vệ", "An ninh mạng", "Phòng cháy và chữa cháy", "Bình đẳng giới",
    "Trẻ em", "Người cao tuổi", "Người khuyết tật", "Lưu trữ",
)

# Fields of ministries, departments (Sở) and offices (Phòng): "Bộ Nội vụ",
# "Sở Nội vụ", "phòng Nội vụ", "Phòng Văn hóa và Thông tin".
AGENCY_FIELDS: tuple[str, ...] = (
    "Nội vụ", "Tài chính", "Kế hoạch và Đầu tư", "Giáo dục và Đào tạo", "Y tế",
    "Văn hóa, Thể thao và Du lịch", "Văn hóa và Thông tin", "Văn hóa - Thông tin",
    "Lao động - Thương binh và Xã hội", "Nông nghiệp và Phát triển nông thôn",
    "Nông nghiệp và Môi trường", "Tư pháp", "Công an", "Quốc phòng", "Tài nguyên và Môi trường",
    "Thông tin và Truyền thông", "Xây dựng", "Giao thông vận tải", "Công Thương",
    "Khoa học và Công nghệ", "Ngoại giao", "Dân tộc và Tôn giáo", "Kinh tế", "Quản lý đô thị",
)

# Bodies that need no place name: "Bộ Chính trị", "Chính phủ", "Thủ tướng Chính phủ".
CENTRAL_BODIES: tuple[str, ...] = (
    "Bộ Chính trị", "Ban Bí thư", "Ban Chấp hành Trung ương Đảng", "Ban Chấp hành Trung ương",
    "Quốc hội", "Ủy ban Thường vụ Quốc hội", "Chính phủ", "Thủ tướng Chính phủ", "Thủ tướng",
    "Ban Thi đua - Khen thưởng Trung ương", "Hội đồng Thi đua - Khen thưởng Trung ương",
    "Trung ương Đảng", "Ban Tuyên giáo Trung ương", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
)

# Issuer abbreviations as written in running text -> full name. Used to turn
# "UBND huyện Tây Sơn" into the body name "Ủy ban nhân dân huyện Tây Sơn".
ISSUER_ABBREVIATIONS: dict[str, str] = {
    "UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "TTg": "Thủ tướng Chính phủ",
    "CP": "Chính phủ", "BNV": "Bộ Nội vụ", "TW": "Trung ương", "TU": "Tỉnh ủy",
    "HU": "Huyện ủy", "SNV": "Sở Nội vụ", "HĐTĐKT": "Hội đồng Thi đua - Khen thưởng",
    "TĐKT": "thi đua, khen thưởng", "MTTQ": "Mặt trận Tổ quốc",
}

# Administrative unit words before a place name: "tỉnh Ninh Thuận", "thành phố
# Quy Nhơn", "phường Quyết Thắng". "TP" is the usual short form.
UNIT_WORDS: tuple[str, ...] = (
    "tỉnh", "thành phố", "huyện", "thị xã", "quận", "phường", "xã", "thị trấn", "TP",
)

_UNIT = "(?:" + _alt(UNIT_WORDS) + r")(?![\w])"

# Capitalised words that start a title, not a place name: "của UBND thành phố
# Phát động phong trào thi đua ..." (000) must stop at "thành phố".
_NAME_STOP = _alt((
    "Phát động", "Về", "Ban hành", "Quy định", "Hướng dẫn", "Triển khai", "Tổ chức",
    "Thực hiện", "Tiếp tục", "Công nhận", "Giao", "Kế hoạch", "Báo cáo", "V/v", "Lần",
))

# A place name: capitalised words, hyphenated pairs allowed.
# "Quy Nhơn", "Ý Yên", "Phan Rang - Tháp Chàm", "Phan Rang-Tháp Chàm".
PLACE_NAME = (
    r"(?:[ \t]+(?!" + _NAME_STOP + r"\b)[A-Z][a-z]*(?:[ \t]*-[ \t]*[A-Z][a-z]*)?){1,4}"
)

# "khóa XII", "(khóa XII)" after a Party body.
_TERM = r"(?:[ \t]*\(?[ \t]*(?i:khoa)[ \t]+[IVXLC]+\b[ \t]*\)?)?"

# The phrase naming an issuer, as it follows "của" in a citation:
#   "Bộ Chính trị khóa XII", "Ban Chấp hành Trung ương Đảng khóa XIII",
#   "UBND thành phố", "Chủ tịch Ủy ban nhân dân tỉnh", "UBND huyện Ý Yên",
#   "Ban Thường vụ Thành ủy (khóa XII)", "Huyện ủy", "Sở Nội vụ", "phòng Nội vụ",
#   "Hội đồng thi đua khen thưởng huyện Ý Yên", "Thủ tướng Chính phủ".
ISSUER_PHRASE = (
    r"(?:"
    # central bodies
    + _alt(CENTRAL_BODIES, loose=True) + _TERM
    # people's committees and councils, their chairs
    + r"|(?:" + _kw("Chủ tịch") + r"[ \t]+|" + _kw("Thường trực") + r"[ \t]+)?"
    + _alt(("UBND", "Ủy ban nhân dân", "HĐND", "Hội đồng nhân dân"))
    + r"(?:[ \t]+" + _UNIT + r"(?:" + PLACE_NAME + r")?)?"
    # Party committees
    + r"|(?:" + _alt(("Ban Thường vụ", "Thường trực", "Ban Chấp hành")) + r"[ \t]+)?"
    + _alt(("Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy", "Đảng ủy"))
    + r"(?:" + PLACE_NAME + r")?" + _TERM
    # ministries, departments, offices, their heads: "Bộ trưởng Bộ Nội vụ"
    + r"|(?:" + _alt(("Bộ trưởng", "Giám đốc", "Trưởng phòng")) + r"[ \t]+)?"
    + _alt(("Bộ", "Sở", "Phòng")) + r"[ \t]+" + _alt(AGENCY_FIELDS, loose=True)
    + r"(?:[ \t]+" + _UNIT + r"(?:" + PLACE_NAME + r")?)?"
    # emulation councils, blocks and clusters
    + r"|" + _alt(("Hội đồng Thi đua - Khen thưởng", "Hội đồng Thi đua, Khen thưởng",
                   "Hội đồng TĐKT", "Khối thi đua", "Cụm thi đua"), loose=True)
    + r"(?:[ \t]+" + _UNIT + r"(?:" + PLACE_NAME + r")?)?"
    + r")"
)

# "của Bộ Chính trị", ", của UBND tỉnh" right after a citation.
ISSUER_AFTER = re.compile(
    r"""
    [ \t]*,?\s*(?i:cua)\s+
    (?P<issuer>""" + ISSUER_PHRASE + r""")
    """,
    re.VERBOSE,
)

# A document number inside running text (the shadow). Shapes:
#   "2597 /UBND-NV", "66/KH-CTĐ", "98/2023/NĐ-CP", "05-CT/TW", "18A-CT/TU",
#   "05/CT - TW" (004), "06/CTrTĐ-BCĐ", "01/HD-HĐTDKT".
# The serial is digits (and one capital); every symbol part starts with a
# capital, so "15/5/2016", "26/43 trường", "16/16 xã" and "52 tr/h" are not
# numbers. A part after a spaced separator must be a code ("CT - TW"),
# so "12/UBND-NV - Về việc" stops before "Về".
_SYM_PART = r"[A-Z][A-Za-z&]*\d*"  # "QH15": the legislature's term
# Mixed-case codes of Nghị định 30/2020 allowed there too: "QĐ - TTg".
_SYM_CAPS = r"(?:[A-Z][A-Z&]+|TTg|CTr|TTr|QyD)\b"
NUMBER_IN_TEXT = (
    r"(?P<serial>\d{1,6}[A-Z]?)(?![\d.,])"
    r"[ \t]*(?P<sep>[/-])[ \t]*"
    r"(?:(?P<year>(?:19|20)\d{2})[ \t]*/[ \t]*)?"
    r"(?P<symbol>" + _SYM_PART
    + r"(?:[-/]" + _SYM_PART + r"|[ \t]+[-/][ \t]*" + _SYM_CAPS + r"|[-/][ \t]+" + _SYM_CAPS + r")*"
    + r")(?![\w/])"
)

# A date in running text, numeric or in words:
#   "15/5/2016", "06/03/2024", "15-5-2016", "19 tháng 01 năm 2023".
DATE_IN_TEXT = (
    r"(?:(?P<dd>\d{1,2})[ \t]*(?P<dsep>[/.-])[ \t]*(?P<dm>\d{1,2})[ \t]*(?P=dsep)[ \t]*(?P<dy>(?:19|20)\d{2})"
    r"|(?P<wd>\d{1,2})\s+(?i:thang)\s+(?P<wm>\d{1,2})\s+(?i:nam)\s+(?P<wy>(?:19|20)\d{2}))"
    r"(?![\d/])"
)

_KIND = "(?P<kind>" + _alt(k for k in DOC_KIND_WORDS if k != "Luật") + ")"

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

# A law by known name, with the number, date or year that may follow:
#   "Luật Thi đua, Khen thưởng ngày 15/6/2022", "Luật thi đua, khen thưởng năm 2022",
#   "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022",
#   "Luật thực hiện dân chủ ở cơ sở", "luật Thi đua khen thưởng" (004).
LAW_KNOWN = re.compile(
    r"""
    (?<![\w/])(?P<kind>(?i:luat))[ \t]+
    (?P<name>""" + _alt(LAW_NAMES, loose=True) + r""")(?![\w])
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

# Role of a citation, from the words that govern it. The trigger must end at
# most four words before the citation ("thực hiện tốt", "theo tinh thần",
# "theo quy định của"); list members after ";" inherit the role of the first.
ROLE_TRIGGERS: dict[str, tuple[str, ...]] = {
    "căn cứ": ("Căn cứ", "Căn cứ vào", "Trên cơ sở"),
    "thực hiện": ("Thực hiện", "Triển khai", "Triển khai thực hiện", "Tổ chức thực hiện",
                  "Quán triệt"),
    "theo": ("Theo", "Theo tinh thần", "Theo quy định của", "Theo quy định tại"),
}
ROLE_TRIGGER = re.compile(
    r"(?<![\w])(?:"
    + "|".join(f"(?P<r{i}>{_alt(words)})" for i, words in enumerate(ROLE_TRIGGERS.values()))
    + r")(?![\w])"
)
ROLE_OF_GROUP = {f"r{i}": role for i, role in enumerate(ROLE_TRIGGERS)}

# Between two citations of one list: only separators and list words
# ("; ", ", ", " và ", "; các "), so the second inherits the first's role.
CITATION_LIST_GAP = re.compile(r"^[\s,;]*(?:(?i:va|cung|cac|va\s+cac)[\s,;]+)*$")

# A footnote body's start: "<sup>1</sup> Kế hoạch số 388/KH-UBND ..." (on the
# text itself, not the shadow, where the mark is blanked).
FOOTNOTE_BODY = re.compile(r"^<sup>(?P<n>\d{1,3})</sup>", re.MULTILINE)

# A footnote mark right after a phrase: "các đợt thi đua chuyên đề<sup>3</sup>".
FOOTNOTE_MARK = re.compile(r"<sup>(?P<n>\d{1,3})</sup>")

# --- campaigns ---

# What introduces a campaign name: "phong trào thi đua “...”", "cuộc vận
# động “...”", "đợt thi đua “...”", "phát động thi đua “Phong trào bảo vệ
# ANTQ”" (003), "Phong trào thi đua đặc biệt “...”" (001), "phong trào thi đua
# xây dựng thành phố “Sáng - xanh - sạch - đẹp - văn minh”" (003: up to four
# words of the campaign's own wording before the quote).
CAMPAIGN_KIND_WORDS: dict[str, str] = {
    "phong trào thi đua": "phong trào thi đua",
    "phong trào": "phong trào thi đua",
    "cuộc vận động": "cuộc vận động",
    "đợt thi đua": "đợt thi đua",
    "phát động thi đua": "phong trào thi đua",
}
# Words that make the quote a motto, a title, a model or a contest, not a
# campaign: "với chủ đề “...”", "danh hiệu “Lao động tiên tiến”", "mô hình
# “Đơn vị học tập”", "Hội thi ... “Tổ liên gia an toàn PCCC”".
NOT_CAMPAIGN_WORDS: tuple[str, ...] = (
    "chủ đề", "phương châm", "khẩu hiệu", "danh hiệu", "mô hình", "hội thi", "cuộc thi",
    "bài", "biểu hiện", "với", "là", "của", "tại", "theo", "trong",
)
CAMPAIGN_HEAD = re.compile(
    r"(?<![\w])(?P<ckind>" + _alt(CAMPAIGN_KIND_WORDS) + r")"
    r"(?:[ \t]+(?i:dac\s+biet|yeu\s+nuoc|chuyen\s+de))?"
    r"(?P<lead>(?:[ \t]+(?!" + _alt(NOT_CAMPAIGN_WORDS) + r"\b)[\w/]+){0,4}?)"
    r"[ \t]*:?\s*(?=\")"
)

# A quoted name; a page break may cut it ("hội nhập và\n\nphát triển", 001).
QUOTED = re.compile(r'"(?P<name>[^"\n]{1,250}(?:\n\n?[^"\n]{1,250})?)"')

# Between two quoted names of one list: "“A”, “B” giai đoạn 2021-2025, “C”".
QUOTED_LIST_GAP = re.compile(r"[ \t]*(?:,|;|\s(?i:va))\s*(?=\")")

# The period that follows a campaign name (or ends it, inside the quotes):
#   "giai đoạn 2021-2025", "giai đoạn 2019 - 2025", "(2021-2025)",
#   "từ nay đến năm 2025", "lần thứ VII, giai đoạn 2019 -2024", "năm 2024".
PERIOD_AFTER = re.compile(
    r"""
    [ \t]*,?[ \t]*(?:(?i:lan\s+thu)[ \t]+[IVXLC\d]+[ \t]*,?[ \t]*)?
    (?P<text>
        (?i:giai\s+doan)[ \t]+(?P<start>(?:19|20)\d{2})[ \t]*-[ \t]*(?P<end>(?:19|20)\d{2})
      | \([ \t]*(?P<pstart>(?:19|20)\d{2})[ \t]*-[ \t]*(?P<pend>(?:19|20)\d{2})[ \t]*\)
      | (?i:tu\s+nay\s+den(?:\s+het)?\s+nam)[ \t]+(?P<until>(?:19|20)\d{2})
      | (?i:nam)[ \t]+(?P<year>(?:19|20)\d{2})(?![\d/-])
    )
    """,
    re.VERBOSE,
)
PERIOD_INSIDE = re.compile(
    r"[ \t]+(?P<text>(?i:giai\s+doan)[ \t]+(?P<start>(?:19|20)\d{2})[ \t]*-[ \t]*(?P<end>(?:19|20)\d{2}))[ \t]*$"
)

# --- deadlines ---

# A dated limit: "trước ngày 12/7/2024", "chậm nhất ngày 23 tháng 6 năm 2023",
# "chậm nhất là ngày ...", "hạn cuối ngày ...", "không quá ngày ...".
DEADLINE_DATED = re.compile(
    r"(?<![\w])(?P<trigger>(?i:truoc|cham\s+nhat(?:\s+la)?(?:\s+vao)?|han\s+(?:chot|cuoi)|khong\s+qua|"
    r"han\s+nop)[ \t]+(?:(?i:ngay)[ \t]+)?)" + DATE_IN_TEXT
)
# The same limit carries a second date: "**trước ngày 15/5/2024** (đối với báo
# cáo 6 tháng) và **01/11/2024** (đối với báo cáo năm)" (002).
DEADLINE_AND = re.compile(
    r"[ \t]*(?:\((?P<note>[^()\n]{1,80})\))?[ \t]*(?:(?i:va)|,)[ \t]+(?:(?i:ngay)[ \t]+)?" + DATE_IN_TEXT
)
DEADLINE_NOTE = re.compile(r"[ \t]*\((?P<note>[^()\n]{1,80})\)")
# A range: "từ ngày 01/7/2024 đến ngày 15/7/2024", "từ ngày ... đến hết ngày ...".
DEADLINE_RANGE = re.compile(
    r"(?<![\w])(?i:tu\s+ngay)[ \t]+(?P<from>\d{1,2}[ \t]*/[ \t]*\d{1,2}(?:[ \t]*/[ \t]*\d{4})?)[ \t]+"
    r"(?i:den(?:\s+het)?\s+ngay)[ \t]+" + DATE_IN_TEXT
)
# Relative limits kept as text: "trong 10 ngày làm việc", "trong vòng 05 ngày
# kể từ ngày nhận được văn bản", and a sentence opening "Cuối năm (hoặc vào
# đầu tháng 1 năm tiếp theo) tiến hành ..." (004).
DEADLINE_RELATIVE = re.compile(
    r"(?<![\w])(?P<rel>(?i:trong(?:\s+vong|\s+thoi\s+han)?)[ \t]+\d{1,3}[ \t]+(?i:ngay(?:\s+lam\s+viec)?)"
    r"(?:[ \t]+(?i:ke\s+tu)[^,.;\n]{1,60})?)"
)
DEADLINE_PERIOD_START = re.compile(
    r"(?P<rel>(?i:cuoi|dau)[ \t]+(?i:nam|quy|thang)(?:[ \t]+\d{1,4})?(?:[ \t]*\([^()\n]{1,80}\))?)[ \t]*,?[ \t]+"
)
# "hằng năm", "hàng năm" in the deadline's clause makes it recurring.
RECURRENCE = re.compile(r"(?<![\w])(?i:hang\s+nam)(?![\w])")

# Verbs that start the action of a deadline, longest first when generated:
# "gửi báo cáo sơ kết ...", "tổ chức hội nghị sơ kết ...", "tiến hành xây dựng ...".
ACTION_VERBS: tuple[str, ...] = (
    "gửi kèm", "gửi", "nộp", "báo cáo", "tổ chức", "tiến hành", "hoàn thành", "hoàn thiện",
    "tổng hợp", "đăng ký", "xây dựng", "triển khai", "rà soát", "đề xuất", "đề nghị", "trình",
    "cập nhật", "bình xét", "đánh giá", "chủ động", "khẩn trương", "thực hiện", "gửi về",
)
ACTION_VERB = re.compile(r"(?<![\w])(?:" + _alt(ACTION_VERBS) + r")(?![\w])")
# An introductory phrase before the subject: "Trên cơ sở kết quả ..., các đơn
# vị ...", "Căn cứ nội dung ..., các cơ quan ...", "Đối với ngành Giáo dục ...".
SENTENCE_INTRO = re.compile(r"^(?:(?i:tren\s+co\s+so|can\s+cu|de|nham)\b[^,]*,|(?i:doi\s+voi)\b)[ \t]*")

# --- targets ("chỉ tiêu") ---

# A heading that opens a list of targets: "#### **4. Các chỉ tiêu cụ thể:**".
TARGETS_HEADING = re.compile(r"(?i:chi\s+tieu)")
# A figure: "trên 90%", "100%", "15%", "ít nhất 05 tập thể".
TARGET_FIGURE = re.compile(
    r"(?<![\w,.])(?:(?P<cmp>(?i:tren|it\s+nhat|toi\s+thieu|duoi|khong\s+qua|tu))[ \t]+)?"
    r"(?P<value>\d{1,3}(?:[,.]\d+)?)[ \t]*(?:(?P<pct>%)|[ \t]+(?P<unit>(?i:don\s+vi|nguoi|tap\s+the))\b)"
)
TARGET_COMPARISONS = {"tren": "trên", "it nhat": "ít nhất", "toi thieu": "ít nhất",
                      "duoi": "dưới", "khong qua": "dưới", "tu": "ít nhất"}
# Where the subject ends and the indicator begins: "100% các đơn vị | được
# công nhận ...", "trên 90% CBCNV và người lao động | đạt danh hiệu ...".
TARGET_VERB = re.compile(
    r"(?<![\w])(?i:duoc|dat|xay\s+dung|hoan\s+thanh|co|tham\s+gia|thuc\s+hien)(?![\w])"
)

# --- header ---

# "Số: 2597 /UBND-NV", "Số: /UBND-NC" (blank), "Số: ....../BC-UBND".
HEADER_NUMBER = re.compile(
    r"^[ \t#*]*(?i:so)[ \t]*:[ \t]*(?:(?P<serial>\d{1,6}[A-Z]?)|[ \t._…]*)[ \t]*"
    r"(?P<rest>[/-][ \t]*(?:(?:19|20)\d{2}[ \t]*/[ \t]*)?" + _SYM_PART + r"(?:[ \t]*[-/][ \t]*" + _SYM_PART + r")*)",
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
    r"(?<![\w])(?P<body>(?:" + _alt(("UBND", "Ủy ban nhân dân", "HĐND", "Hội đồng nhân dân"))
    + r"[ \t]+" + _UNIT + r"(?:" + PLACE_NAME + r")?"
    + r"|" + _alt(("Khối thi đua", "Cụm thi đua")) + r"[^.;:\n\"]{0,100}?" + _alt(("UBND", "Ủy ban nhân dân"))
    + r"[ \t]+" + _UNIT + r"(?:" + PLACE_NAME + r")?))"
    r"[ \t]+(?:da[ \t]+)?(?P<verb>huong\s+dan|bao\s+cao|xay\s+dung|phat\s+dong|ban\s+hanh|de\s+nghi|"
    r"trien\s+khai|thong\s+bao|quyet\s+dinh)(?![\w])"
)


# --- extraction: helpers of extract.py, resolve.py, importer.py ---

# Where a sentence starts: a line that does not open in lower case (a page
# break inside a sentence, "khen\n\nthường", is no start; "a) ..." is), or ". X".
SENTENCE_START = re.compile(r"\n(?=[ \t]*(?:[^a-z\s]|[a-z]\)))|[.!?][ \t]+(?=[\"(]?[A-Z])")

# A campaign head just before a footnote mark: "các đợt thi đua chuyên đề<sup>3</sup>".
CAMPAIGN_BEFORE_MARK = re.compile(
    r"(?P<ckind>" + _alt(CAMPAIGN_KIND_WORDS) + r")(?:[ \t]+[\w/]+){0,3}[ \t]*$"
)

# A parenthesis on one line: "(các đơn vị tham gia Khối thi đua do huyện tổ chức)".
PARENTHESES = re.compile(r"\([^()\n]*\)")

# A verb joined to the one before: "tiến hành đánh giá ... và gửi báo cáo",
# "tổ chức Hội nghị sơ kết, đánh giá ..., đồng thời gửi báo cáo".
COORDINATED_VERB = re.compile(r"(?:,|;|(?<![\w])(?i:va|dong\s+thoi|roi|sau\s+do))[ \t]*$")

# "..., hồ sơ gửi về Hội đồng ..." (001): the object comes before the verb.
NOUN_THEN_SEND = re.compile(
    r",[ \t]*(?P<noun>(?:[\w/]+[ \t]+){1,3}?)(?P<verb>(?i:gui|nop))(?![\w])"
)

# Words that open a clause but are no subject: "định kỳ 6 tháng, 1 năm báo cáo ...".
NOT_A_SUBJECT = re.compile(r"^(?i:dinh\s+ky|hang\s+nam|dong\s+thoi|sau\s+do|truoc\s+khi|khi)\b")

# A list or numbering mark at a clause start: "- ", "1. ", "a) ".
ITEM_MARK = re.compile(r"[ \t\n]*(?:[-+•]|\d{1,2}[.)]|[a-z][.)])?[ \t]*")

# Where the recipient starts: "về UBND thành phố", "về Khối trưởng".
RECIPIENT_START = re.compile(
    r"(?<![\w])(?i:ve)[ \t]+(?P<to>(?:[A-Z]|(?i:co\s+quan|bo\s+phan|phong|hoi\s+dong|ban)\b))"
)

# Where an action or a recipient ends: "... về UBND thành phố | để tổng hợp".
# Read on the text itself: folded, "để" (purpose) would be "đề" ("đề nghị").
PURPOSE_END = re.compile(r"\s+(?:để|nhằm|trước|chậm nhất)(?!\w)|;", re.IGNORECASE)

# A numbered section heading: "## 2. Khối trưởng thi đua", "**3. Công tác khen thưởng**".
SECTION_HEADING = re.compile(
    r"^(?:#{1,6}[ \t]+|[ \t]*\*\*)[ \t*]*(?:\d{1,2}|[IVX]{1,4}|[a-z])[.)][ \t]*(?P<t>[^\n*]{2,60}?)[ \t*:]*$",
    re.MULTILINE,
)

# A list item of a targets section: "- 100% các đơn vị ...".
TARGET_ITEM = re.compile(r"^[ \t]*[-+•][ \t]+(?P<body>[^\n]+)", re.MULTILINE)

# Clauses of an item: split at ";" and at ". " (not inside "15.5" or "1.600").
TARGET_CLAUSE = re.compile(r"(?:[^;.]|\.(?=\S))+")

# Words kept in capitals when a heading is put in normal case: "VH&TT", "UBND".
KEEP_UPPER_WORD = re.compile(r"^(?:[A-ZĐ]+&[A-ZĐ]+|UBND|HĐND|TĐKT|HĐTĐKT|TP|[IVXLC]{2,})[.,;:]?$")

# One line of text.
TEXT_LINE = re.compile(r"[^\n]+")

# Markup and list dashes at a line start: "## ", "**", "- ".
LEAD_MARKUP = re.compile(r"[ \t#*\-]*")

# The next "- item" line of a list, blank lines between allowed: "Kính gửi:\n\n- Các khối ...".
LIST_LINE = re.compile(r"(?:\n[ \t]*)*\n[ \t]*[-+•][ \t]+(?P<body>[^\n]*)")

# A folded issuer name ending with a unit word and no place: "uy ban nhan dan huyen".
UNIT_AT_END = re.compile(
    r"(?:^|\s)(?:"
    + "|".join(_fold(u).replace(" ", r"\s+") for u in UNIT_WORDS if u != "TP")
    + r")$"
)

# Any phrase in quotes, on the text itself (curly quotes pair reliably): “Học tập và làm theo”.
QUOTED_ANY = re.compile(r"[“\"](?P<name>[^“”\"\n]{2,250})[”\"]")

# A unit word at the start of a folded locality name: "thanh pho phan rang ...".
UNIT_PREFIX_FOLDED = re.compile(r"^(?:tinh|thanh pho|huyen|thi xa|quan|phuong|xa|thi tran|dac khu)\s+")

# Words that make a campaign name local without changing the campaign: "Huyện
# Tây Sơn chung tay vì người nghèo" adapts "Vì người nghèo"; "Cả thành phố thi
# đua xây dựng xã hội học tập" adapts "Cả nước thi đua ...".
CAMPAIGN_SCOPE = re.compile(r"^(?:ca\s+(?:nuoc|tinh|thanh\s+pho|huyen|thi\s+xa|phuong|xa)\s+)")

CAMPAIGN_JOIN = re.compile(r"\b(?:chung\s+tay|chung\s+suc)\b")

# The importer's mark in a file it wrote: "# sotay-import: sha256=3f2a...".
IMPORT_MARKER = re.compile(r"^# sotay-import: sha256=(?P<hash>[0-9a-f]{64})")


# A list item mark at the start of a clause or line: "- ", "+ ", "• ".
LIST_MARK = re.compile(r"[ \t]*[-+•]")
LIST_MARK_LEAD = re.compile(r"[ \t]*(?:[-+•][ \t]+)?")
# A quote right after a footnote's mark: "<sup>3</sup> “Tuyển chọn ...”".
QUOTE_AHEAD = re.compile(r"[ \t]*(?=\")")
# Fewer than two letters or digits: "“...”" names nothing.
NOT_A_WORD_CHAR = re.compile(r"\W")
# A round of a campaign, not a deadline: "Đợt thi đua thứ hai: Từ ngày 01/7/2024 ...".
CAMPAIGN_ROUND = re.compile(r"(?i:dot\s+thi\s+dua)")
DIGITS = re.compile(r"\d+")
# "đã" in a clause: a report of the past ("Đầu năm 2024, ... đã ban hành").
PAST_TENSE = re.compile(r"(?<![\w])(?i:da)(?![\w])")
# A line short enough to be a heading ("#### **4. Các chỉ tiêu cụ thể:**").
SHORT_LINE = re.compile(r"^[^\n]{0,80}$", re.MULTILINE)
# The end of a targets section: the next heading or numbered paragraph.
SECTION_END = re.compile(r"\n\n(?=[ \t]*(?:#|\*\*|\d{1,2}[.)][ \t]))")
# Parts of a symbol: "KH-UBND" -> KH, UBND; "CT/TW" -> CT, TW.
SYMBOL_PARTS = re.compile(r"[-/]")
# Two or three capitals in a row: an upper-case heading line ("KẾ HOẠCH").
UPPER_RUN = re.compile(r"[A-Z]{2}")
UPPER_RUN3 = re.compile(r"[A-Z]{3}")
BLANK_LINES = re.compile(r"\n+")
LINE_WITH_END = re.compile(r"[^\n]*\n?")
# Words before a body's name that make it someone else's: "của UBND thành phố",
# "Chủ tịch UBND huyện phát động" (004), "đã được ...".
NOT_THE_AUTHOR = re.compile(r"(?i:cua|va|cac|chu\s+tich|duoc)\s*$")
# An issuer phrase that starts with an abbreviation: "UBND thành phố" -> "Ủy ban nhân dân ...".
ISSUER_ABBREVIATION_START = {
    re.compile(r"^UBND(?!\w)"): "Ủy ban nhân dân",
    re.compile(r"^HĐND(?!\w)"): "Hội đồng nhân dân",
}
# Abbreviations inside a folded issuer phrase, expanded before comparing with
# body names; "(khóa XII)" dropped: "ubnd tp" -> "uy ban nhan dan thanh pho".
# Only abbreviations that are no Vietnamese syllable once folded: "TU" would
# turn "Bộ Tư pháp" ("bo tu phap") into a Tỉnh ủy.
ISSUER_EXPANSIONS = [
    (re.compile(rf"\b{_fold(short)}\b"), " ".join(re.findall(r"[a-z0-9]+", _fold(full))))
    for short, full in ISSUER_ABBREVIATIONS.items()
    if short in ("UBND", "HĐND", "HĐTĐKT", "TĐKT")
] + [
    (re.compile(r"\btp\b"), "thanh pho"),
    (re.compile(r"\(?\s*khoa\s+[ivxlc]+\s*\)?"), ""),
]
FOLDED_WORD = re.compile(r"[a-z0-9]+")
# A term number after a symbol part: "QH15" -> QH.
TRAILING_DIGITS = re.compile(r"\d+$")
# "Luật" before a law's folded name: "luat thi dua khen thuong" -> "thi dua khen thuong".
LAW_WORD = re.compile(r"^luat\s+")
# A folded campaign name's period: "... giai doan 2023 2030".
FOLDED_PERIOD = re.compile(r"\s*giai doan \d{4} \d{4}$")
# A parenthesis closing a recipient: "UBND thành phố (qua Phòng Nội vụ)" -> "UBND thành phố".
TRAILING_PARENTHESIS = re.compile(r"\s*\(.*")


def first_words(n: int) -> re.Pattern:
    """The first n words of a line: the title words "PHÁT ĐỘNG PHONG TRÀO THI ĐUA"."""
    return re.compile(rf"\S+(?:[ \t]+\S+){{{n - 1}}}")


def unit_word(unit: str) -> re.Pattern:
    """A unit word as a whole word in lower-case text: "huyện" in "ủy ban nhân dân huyện tây sơn"."""
    return re.compile(rf"(?<!\w){re.escape(unit)}(?!\w)")


def place_in_folded_name(place: str) -> re.Pattern:
    """A folded place name, with its unit word: "huyen tay son", "lai chau"."""
    return re.compile(rf"(?:\b(?:tinh|thanh pho|huyen|thi xa|quan|phuong|xa|thi tran) )?\b{re.escape(place)}\b")
