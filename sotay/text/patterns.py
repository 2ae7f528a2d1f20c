"""Patterns of the text stage: numbers, dates, periods and ids as records
write them ("98/2023/NĐ-CP", "2024-07-03", "2021-2025"), and the layout of a
stored text (paragraphs, headings, footnotes, emphasis).

Each pattern has a worked example above it. Code elsewhere imports compiled
patterns instead of writing regexes inline: these, the readers' in
sotay/extract/*_patterns.py (their shared words in extract/vocabulary.py),
and resolve's in sotay/resolve/patterns.py.
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

# --- a document's text, as stored (see annotate.py) -------------------------

# A paragraph: a run of non-blank lines. "Kính gửi:\n\n- Các khối ..." is two.
PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")

# A Markdown heading line: "## I. NỘI DUNG SƠ KẾT", "### **3. Công tác khen thưởng**".
MD_HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+", re.MULTILINE)

# A footnote body starts with its mark: "<sup>1</sup> Kế hoạch số 388/KH-UBND ...".
FOOTNOTE_START = re.compile(r"^<sup>(?P<n>\d{1,3})</sup>[ \t]*", re.MULTILINE)

# A list item: "- Các khối thi đua thuộc thành phố;".
LIST_ITEM = re.compile(r"^[-+•][ \t]+", re.MULTILINE)

# Inline markup that is structure, not text: a footnote reference
# ("phong trào ...<sup>1</sup>") and Markdown emphasis runs ("**trước ngày
# 12/7/2024**", "*Nơi nhận:*", "***Nơi nhận:***").
INLINE_MARKUP = re.compile(r"<sup>(?P<sup>\d{1,3})</sup>|(?P<emph>\*{1,3})")
