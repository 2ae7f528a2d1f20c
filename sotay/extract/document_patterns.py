"""Patterns of a document's layout, read once per document (see document.py).

    "<sup>1</sup> Kế hoạch số 388/KH-UBND ..."   a footnote body
    "... khen thưởng. Các khối ..."              a sentence start
"""

from __future__ import annotations

import re

# A footnote body's start: "<sup>1</sup> Kế hoạch số 388/KH-UBND ..." (on the
# text itself, not the shadow, where the mark is blanked).
FOOTNOTE_BODY = re.compile(r"^<sup>(?P<n>\d{1,3})</sup>", re.MULTILINE)

# Where a sentence starts: a line that does not open in lower case (a page
# break inside a sentence, "khen\n\nthường", is no start; "a) ..." is), or ". X".
SENTENCE_START = re.compile(r"\n(?=[ \t]*(?:[^a-z\s]|[a-z]\)))|[.!?][ \t]+(?=[\"(]?[A-Z])")
