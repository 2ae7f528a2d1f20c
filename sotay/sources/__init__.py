"""Stage 1, sources: a document's file as it arrives -> its text.

Takes a path (.txt, .md, .docx); gives the text in the form the extractor
reads (NFC comes later, with document_text: Markdown emphasis for bold,
<sup>N</sup> for footnote marks), or an InputError naming the file, the
line where it can, and what to do. A new input format (PDF, a scan through
OCR, .doc, a portal's HTML page) is a module here, chosen by read_source.
"""

from sotay.sources.errors import InputError
from sotay.sources.files import SUFFIXES, iter_inputs, read_source

__all__ = ["SUFFIXES", "InputError", "iter_inputs", "read_source"]
