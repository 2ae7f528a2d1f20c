"""A whole document read at once: every reader over one prepared text, and
what no single reader can tell (a citation that is the document itself).

    ex = extract(text)
    ex.header.number        # DocNumber("2597", None, "UBND-NV", False)
"""

from __future__ import annotations

from sotay.extract.campaigns import find_campaigns, find_quoted
from sotay.extract.citations import find_citations
from sotay.extract.deadlines import find_deadlines
from sotay.extract.document import Doc
from sotay.extract.header import find_header
from sotay.extract.models import Extraction, FoundCitation, Header
from sotay.extract.targets import find_targets


def extract(text: str) -> Extraction:
    """Everything the document says, from its raw or cleaned text."""
    doc = Doc(text)
    header = find_header(doc)
    return Extraction(
        text=doc.text,
        header=header,
        citations=tuple(c for c in find_citations(doc) if not is_itself(c, header)),
        campaigns=tuple(find_campaigns(doc)),
        deadlines=tuple(find_deadlines(doc)),
        targets=tuple(find_targets(doc)),
        quoted=tuple(find_quoted(doc)),
    )


def is_itself(c: FoundCitation, header: Header) -> bool:
    """Whether a citation is the document naming itself: a portal's title
    line ("Quyết định 1650/QĐ-UBND - Yên Bái") or metadata block ("Số hiệu:
    76/BTĐKT-VI") repeats the number the header holds. Numbers restart every
    year (DOMAIN.md), so a citation of the same number with another date, or
    of another kind, is another document and is kept."""
    if c.number is None or header.number is None or c.number.blank:
        return False
    if c.number.key != header.number.value.key:
        return False
    if header.kind is not None and c.kind != header.kind.value:
        return False
    return c.date is None or header.date is None or c.date == header.date.value
