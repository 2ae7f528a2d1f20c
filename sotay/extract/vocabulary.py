"""The words extraction knows, and the pattern fragments built from them.

Every reader runs over the *shadow* of a document's text (document.shadow):
the same length as the text, so a match's span is the span in the stored
text, but with diacritics removed (case kept), curly quotes turned into '"',
dashes into '-', and markup ("**", "<sup>3</sup>") blanked into spaces.
"Chỉ thị số 05-CT/TW" therefore reads "Chi thi so 05-CT/TW", and
"**trước ngày 12/7/2024**" reads "  truoc ngay 12/7/2024  ". One spelling of
every keyword covers NFD input, both tone placements ("Uỷ"/"Ủy") and OCR
slips of a diacritic ("Tô quốc"). Keywords are case-insensitive; the parts
that must be capitals (symbols "KH-UBND", place names "Tây Sơn") are not.

The tables are data; the patterns are generated from them, so a new document
kind, issuer or law is one line here and no regex changes. The fragments
(an issuer phrase, a number or a date in running text) are shared by the
readers' patterns (citation_patterns.py, header_patterns.py, ...):

    alt(("Thông tư", "Thông tư liên tịch"))
    # -> "(?:(?i:thong\\s+tu\\s+lien\\s+tich)|(?i:thong\\s+tu))"
"""

from __future__ import annotations

import re

from sotay.text.folding import fold


def _kw(phrase: str, loose: bool = False) -> str:
    """A keyword phrase as a case-insensitive, spacing-tolerant pattern.

    "Nghị định" -> (?i:nghi\\s+dinh); "Thi đua, khen thưởng" ->
    (?i:thi\\s*[,-]?\\s*dua...) with the comma optional, because "Luật Thi
    đua khen thưởng" (004) and "Luật Thi đua, Khen thưởng" (002) are one law.
    """
    words = re.findall(r"[^\W_]+", fold(phrase))
    joiner = r"\s*[,-]?\s*" if loose else r"\s+"
    return "(?i:" + joiner.join(map(re.escape, words)) + ")"


def alt(phrases, loose: bool = False) -> str:
    """Alternation of keyword phrases, longest first ("Thông tư liên tịch" before "Thông tư").

    `loose` lets punctuation between words vary, for names: "Ban Thi đua-Khen
    thưởng Trung ương" (003) is "Ban Thi đua - Khen thưởng Trung ương".
    """
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "(?:" + "|".join(_kw(p, loose) for p in ordered) + ")"


# --- tables ---------------------------------------------------------------------

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
# Parts of a symbol: "KH-UBND" -> KH, UBND; "CT/TW" -> CT, TW.
SYMBOL_PARTS = re.compile(r"[-/]")

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

# Role of a citation, from the words that govern it. The trigger must end at
# most four words before the citation ("thực hiện tốt", "theo tinh thần",
# "theo quy định của"); list members after ";" inherit the role of the first.
ROLE_TRIGGERS: dict[str, tuple[str, ...]] = {
    "căn cứ": ("Căn cứ", "Căn cứ vào", "Trên cơ sở"),
    "thực hiện": ("Thực hiện", "Triển khai", "Triển khai thực hiện", "Tổ chức thực hiện",
                  "Quán triệt"),
    "theo": ("Theo", "Theo tinh thần", "Theo quy định của", "Theo quy định tại"),
}

# What introduces a campaign name -> the campaign's kind: "phong trào thi đua
# “...”", "cuộc vận động “...”", "đợt thi đua “...”", "phát động thi đua “Phong
# trào bảo vệ ANTQ”" (003), "Phong trào thi đua đặc biệt “...”" (001).
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

# Verbs that start the action of a deadline, longest first when generated:
# "gửi báo cáo sơ kết ...", "tổ chức hội nghị sơ kết ...", "tiến hành xây dựng ...".
ACTION_VERBS: tuple[str, ...] = (
    "gửi kèm", "gửi", "nộp", "báo cáo", "tổ chức", "tiến hành", "hoàn thành", "hoàn thiện",
    "tổng hợp", "đăng ký", "xây dựng", "triển khai", "rà soát", "đề xuất", "đề nghị", "trình",
    "cập nhật", "bình xét", "đánh giá", "chủ động", "khẩn trương", "thực hiện", "gửi về",
)

# --- fragments of patterns -------------------------------------------------------

# An administrative unit word as a whole word: "huyện", "thành phố", "TP".
UNIT = "(?:" + alt(UNIT_WORDS) + r")(?![\w])"

# Capitalised words that start a title, not a place name: "của UBND thành phố
# Phát động phong trào thi đua ..." (000) must stop at "thành phố".
_NAME_STOP = alt((
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
    + alt(CENTRAL_BODIES, loose=True) + _TERM
    # people's committees and councils, their chairs
    + r"|(?:" + _kw("Chủ tịch") + r"[ \t]+|" + _kw("Thường trực") + r"[ \t]+)?"
    + alt(("UBND", "Ủy ban nhân dân", "HĐND", "Hội đồng nhân dân"))
    + r"(?:[ \t]+" + UNIT + r"(?:" + PLACE_NAME + r")?)?"
    # Party committees
    + r"|(?:" + alt(("Ban Thường vụ", "Thường trực", "Ban Chấp hành")) + r"[ \t]+)?"
    + alt(("Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy", "Đảng ủy"))
    + r"(?:" + PLACE_NAME + r")?" + _TERM
    # ministries, departments, offices, their heads: "Bộ trưởng Bộ Nội vụ"
    + r"|(?:" + alt(("Bộ trưởng", "Giám đốc", "Trưởng phòng")) + r"[ \t]+)?"
    + alt(("Bộ", "Sở", "Phòng")) + r"[ \t]+" + alt(AGENCY_FIELDS, loose=True)
    + r"(?:[ \t]+" + UNIT + r"(?:" + PLACE_NAME + r")?)?"
    # emulation councils, blocks and clusters
    + r"|" + alt(("Hội đồng Thi đua - Khen thưởng", "Hội đồng Thi đua, Khen thưởng",
                  "Hội đồng TĐKT", "Khối thi đua", "Cụm thi đua"), loose=True)
    + r"(?:[ \t]+" + UNIT + r"(?:" + PLACE_NAME + r")?)?"
    + r")"
)

# A document number inside running text (the shadow). Shapes:
#   "2597 /UBND-NV", "66/KH-CTĐ", "98/2023/NĐ-CP", "05-CT/TW", "18A-CT/TU",
#   "05/CT - TW" (004), "06/CTrTĐ-BCĐ", "01/HD-HĐTDKT".
# The serial is digits (and one capital); every symbol part starts with a
# capital, so "15/5/2016", "26/43 trường", "16/16 xã" and "52 tr/h" are not
# numbers. A part after a spaced separator must be a code ("CT - TW"),
# so "12/UBND-NV - Về việc" stops before "Về".
SYM_PART = r"[A-Z][A-Za-z&]*\d*"  # "QH15": the legislature's term
# Mixed-case codes of Nghị định 30/2020 allowed there too: "QĐ - TTg".
_SYM_CAPS = r"(?:[A-Z][A-Z&]+|TTg|CTr|TTr|QyD)\b"
NUMBER_IN_TEXT = (
    r"(?P<serial>\d{1,6}[A-Z]?)(?![\d.,])"
    r"[ \t]*(?P<sep>[/-])[ \t]*"
    r"(?:(?P<year>(?:19|20)\d{2})[ \t]*/[ \t]*)?"
    r"(?P<symbol>" + SYM_PART
    + r"(?:[-/]" + SYM_PART + r"|[ \t]+[-/][ \t]*" + _SYM_CAPS + r"|[-/][ \t]+" + _SYM_CAPS + r")*"
    + r")(?![\w/])"
)

# A date in running text, numeric or in words:
#   "15/5/2016", "06/03/2024", "15-5-2016", "19 tháng 01 năm 2023".
DATE_IN_TEXT = (
    r"(?:(?P<dd>\d{1,2})[ \t]*(?P<dsep>[/.-])[ \t]*(?P<dm>\d{1,2})[ \t]*(?P=dsep)[ \t]*(?P<dy>(?:19|20)\d{2})"
    r"|(?P<wd>\d{1,2})\s+(?i:thang)\s+(?P<wm>\d{1,2})\s+(?i:nam)\s+(?P<wy>(?:19|20)\d{2}))"
    r"(?![\d/])"
)
