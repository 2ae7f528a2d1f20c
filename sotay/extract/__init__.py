"""Stage 3, extract: a document's text -> what it says, as found spans.

Takes a text (as stored: NFC, Markdown emphasis, <sup>N</sup> footnotes);
gives an Extraction: the header (kind, number, date, place, issuer, signer,
recipients, subject), every citation with its role, campaign names,
deadlines and targets, each with its span in the text. Nothing here knows
the knowledge base: resolve/ turns names into records.

One module per thing read, its patterns beside it (citations.py and
citation_patterns.py, ...); the words they share are in vocabulary.py, the
prepared text (shadow, sentences, footnotes) in document.py; reading.py
reads them all at once:

    ex = extract(text)
    ex.header.number        # DocNumber("2597", None, "UBND-NV", False)
    ex.citations[0].quote   # "Kế hoạch 66/KH-CTĐ ngày 28/3/2024 của UBND thành phố"
"""

from __future__ import annotations

from sotay.extract.campaigns import find_campaigns, find_quoted
from sotay.extract.citations import find_citations
from sotay.extract.deadlines import find_deadlines
from sotay.extract.header import find_header
from sotay.extract.models import Extraction
from sotay.extract.reading import extract
from sotay.extract.targets import find_targets

__all__ = [
    "Extraction",
    "extract",
    "find_campaigns",
    "find_citations",
    "find_deadlines",
    "find_header",
    "find_quoted",
    "find_targets",
]
