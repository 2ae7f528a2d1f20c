"""Patterns of targets (see targets.py), over the shadow of the text.

    "#### **4. Các chỉ tiêu cụ thể:**\n\n- 100% các đơn vị được công nhận ..."
"""

from __future__ import annotations

import re

# A heading that opens a list of targets: "#### **4. Các chỉ tiêu cụ thể:**".
TARGETS_HEADING = re.compile(r"(?i:chi\s+tieu)")

# A line short enough to be a heading ("#### **4. Các chỉ tiêu cụ thể:**").
SHORT_LINE = re.compile(r"^[^\n]{0,80}$", re.MULTILINE)
# The end of a targets section: the next heading or numbered paragraph.
SECTION_END = re.compile(r"\n\n(?=[ \t]*(?:#|\*\*|\d{1,2}[.)][ \t]))")

# A list item of a targets section: "- 100% các đơn vị ...".
TARGET_ITEM = re.compile(r"^[ \t]*[-+•][ \t]+(?P<body>[^\n]+)", re.MULTILINE)

# Clauses of an item: split at ";" and at ". " (not inside "15.5" or "1.600").
TARGET_CLAUSE = re.compile(r"(?:[^;.]|\.(?=\S))+")

# A figure: "trên 90%", "100%", "15%", "ít nhất 05 tập thể".
TARGET_FIGURE = re.compile(
    r"(?<![\w,.])(?:(?P<cmp>(?i:tren|it\s+nhat|toi\s+thieu|duoi|khong\s+qua|tu))[ \t]+)?"
    r"(?P<value>\d{1,3}(?:[,.]\d+)?)[ \t]*(?:(?P<pct>%)|[ \t]+(?P<unit>(?i:don\s+vi|nguoi|tap\s+the))\b)"
)
# The comparison word of a figure, folded -> as a record writes it: "it nhat" -> "ít nhất".
TARGET_COMPARISONS = {"tren": "trên", "it nhat": "ít nhất", "toi thieu": "ít nhất",
                      "duoi": "dưới", "khong qua": "dưới", "tu": "ít nhất"}

# Where the subject ends and the indicator begins: "100% các đơn vị | được
# công nhận ...", "trên 90% CBCNV và người lao động | đạt danh hiệu ...".
TARGET_VERB = re.compile(
    r"(?<![\w])(?i:duoc|dat|xay\s+dung|hoan\s+thanh|co|tham\s+gia|thuc\s+hien)(?![\w])"
)
