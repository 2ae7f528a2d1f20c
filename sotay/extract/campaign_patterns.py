"""Patterns of campaign names (see campaigns.py), over the shadow of the text.

    "phong trào thi đua “Vì người nghèo - Không để ai bị bỏ lại phía sau” giai đoạn 2021-2025"
"""

from __future__ import annotations

import re

from sotay.extract.vocabulary import CAMPAIGN_KIND_WORDS, NOT_CAMPAIGN_WORDS, alt

# What introduces a campaign name: a kind word (vocabulary.CAMPAIGN_KIND_WORDS),
# "đặc biệt", "yêu nước" or "chuyên đề", then up to four words of the
# campaign's own wording before the quote: "phong trào thi đua xây dựng thành
# phố “Sáng - xanh - sạch - đẹp - văn minh”" (003). A word of
# vocabulary.NOT_CAMPAIGN_WORDS stops it: "phong trào với chủ đề “...”".
CAMPAIGN_HEAD = re.compile(
    r"(?<![\w])(?P<ckind>" + alt(CAMPAIGN_KIND_WORDS) + r")"
    r"(?:[ \t]+(?i:dac\s+biet|yeu\s+nuoc|chuyen\s+de))?"
    r"(?P<lead>(?:[ \t]+(?!" + alt(NOT_CAMPAIGN_WORDS) + r"\b)[\w/]+){0,4}?)"
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
# The same period inside the quotes: "“... giai đoạn 2023 - 2030”".
PERIOD_INSIDE = re.compile(
    r"[ \t]+(?P<text>(?i:giai\s+doan)[ \t]+(?P<start>(?:19|20)\d{2})[ \t]*-[ \t]*(?P<end>(?:19|20)\d{2}))[ \t]*$"
)

# A footnote mark right after a phrase: "các đợt thi đua chuyên đề<sup>3</sup>"
# (on the text itself: the shadow blanks it).
FOOTNOTE_MARK = re.compile(r"<sup>(?P<n>\d{1,3})</sup>")

# A campaign head just before a footnote mark: "các đợt thi đua chuyên đề<sup>3</sup>".
CAMPAIGN_BEFORE_MARK = re.compile(
    r"(?P<ckind>" + alt(CAMPAIGN_KIND_WORDS) + r")(?:[ \t]+[\w/]+){0,3}[ \t]*$"
)

# A quote right after a footnote's mark: "<sup>3</sup> “Tuyển chọn ...”".
QUOTE_AHEAD = re.compile(r"[ \t]*(?=\")")
# Fewer than two letters or digits: "“...”" names nothing.
NOT_A_WORD_CHAR = re.compile(r"\W")

# Any phrase in quotes, on the text itself (curly quotes pair reliably): “Học tập và làm theo”.
QUOTED_ANY = re.compile(r"[“\"](?P<name>[^“”\"\n]{2,250})[”\"]")
