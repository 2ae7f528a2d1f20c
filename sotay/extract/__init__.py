"""Stage 2, extract: a document's text -> what it says, as found spans.

Takes a text (as stored: NFC, Markdown emphasis, <sup>N</sup> footnotes);
gives an Extraction: the header (kind, number, date, place, issuer, signer,
recipients, subject), every citation with its role, campaign names,
deadlines and targets, each with its span in the text. Nothing here knows
the knowledge base: resolve/ turns names into records.
"""

from sotay.extract.reader import Extraction, extract

__all__ = ["Extraction", "extract"]
