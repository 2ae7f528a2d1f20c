"""Patterns of deadlines (see deadlines.py), over the shadow of the text.

    "Các khối thi đua gửi báo cáo về UBND thành phố trước ngày 12/7/2024."
"""

from __future__ import annotations

import re

from sotay.extract.vocabulary import ACTION_VERBS, DATE_IN_TEXT, alt

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
# What the limit is for, after it: "(đối với báo cáo 6 tháng)".
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

# A list item mark at the start of a clause or line, with its blanks: "- Cuối năm ...".
LIST_MARK_LEAD = re.compile(r"[ \t]*(?:[-+•][ \t]+)?")

# A round of a campaign, not a deadline: "Đợt thi đua thứ hai: Từ ngày 01/7/2024 ...".
CAMPAIGN_ROUND = re.compile(r"(?i:dot\s+thi\s+dua)")
# The figures of a date: "01/7" -> 01, 7.
DIGITS = re.compile(r"\d+")
# "đã" in a clause: a report of the past ("Đầu năm 2024, ... đã ban hành").
PAST_TENSE = re.compile(r"(?<![\w])(?i:da)(?![\w])")

# --- the sentence that sets a deadline: action, actor, recipient ---

# A verb of vocabulary.ACTION_VERBS as a whole word, longest first: "gửi kèm"
# before "gửi" in "gửi kèm hồ sơ ...".
ACTION_VERB = re.compile(r"(?<![\w])(?:" + alt(ACTION_VERBS) + r")(?![\w])")
# An introductory phrase before the subject: "Trên cơ sở kết quả ..., các đơn
# vị ...", "Căn cứ nội dung ..., các cơ quan ...", "Đối với ngành Giáo dục ...".
SENTENCE_INTRO = re.compile(r"^(?:(?i:tren\s+co\s+so|can\s+cu|de|nham)\b[^,]*,|(?i:doi\s+voi)\b)[ \t]*")

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
