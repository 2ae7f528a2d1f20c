"""Reading a handbook PDF back with pypdf, a library independent of the one
that wrote it (WeasyPrint): page texts, links, bookmarks, fonts."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import cached_property

from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import Destination

XREF = re.compile(r"\(xem tr\. (\d+)\)")


def squash(text: str) -> str:
    """Whitespace as one space: lines wrap anywhere in a PDF."""
    return " ".join(text.split())


@dataclass
class ReadPdf:
    content: bytes

    @cached_property
    def reader(self) -> PdfReader:
        return PdfReader(io.BytesIO(self.content))

    @cached_property
    def texts(self) -> list[str]:
        """Each page's text, whitespace squashed; index 0 is printed page 1."""
        return [squash(p.extract_text()) for p in self.reader.pages]

    @cached_property
    def all_text(self) -> str:
        return " ".join(self.texts)

    @cached_property
    def toc_pages(self) -> list[int]:
        """0-based indexes of the table of contents' pages: their running
        header reads "Mục lục" (pypdf gives the margin boxes last)."""
        return [i for i, t in enumerate(self.texts) if "Mục lục Sổ tay thi đua ·" in t]

    def first_page_with(self, needle: str, after: int = 0) -> int | None:
        """Printed page number (1-based) of the first page past index `after`
        whose text holds `needle`."""
        for i in range(after, len(self.texts)):
            if needle in self.texts[i]:
                return i + 1
        return None

    def heading_page(self, number: str, title: str) -> int | None:
        """Where a numbered heading ("1.12 Vì người nghèo...") is printed, past the contents."""
        return self.first_page_with(squash(f"{number} {title}"), after=max(self.toc_pages) + 1)

    def links(self, page_index: int) -> list[int]:
        """Printed page numbers the internal links of a page lead to."""
        out = []
        for annot in self.reader.pages[page_index].get("/Annots") or []:
            a = annot.get_object()
            if a.get("/Subtype") != "/Link":
                continue
            dest = a.get("/Dest")
            if dest is None and "/A" in a and a["/A"].get("/S") == "/GoTo":
                dest = a["/A"]["/D"]
            if dest is None:
                continue
            if isinstance(dest, (str, bytes)) or hasattr(dest, "decode"):
                dest = self.reader.named_destinations[str(dest)]
                out.append(self.reader.get_destination_page_number(dest) + 1)
            else:
                out.append(self.reader.get_page_number(dest[0].get_object()) + 1)
        return out

    def outline(self) -> list[tuple[int, str, int]]:
        """Bookmarks, flattened: (depth, title, printed page)."""
        out: list[tuple[int, str, int]] = []

        def walk(items, depth):
            for item in items:
                if isinstance(item, list):
                    walk(item, depth + 1)
                else:
                    assert isinstance(item, Destination)
                    out.append((depth, squash(item.title),
                                self.reader.get_destination_page_number(item) + 1))

        walk(self.reader.outline, 1)
        return out

    def fonts(self) -> dict[str, dict]:
        """Every font the pages use, by base name: embedded program (fontTools)
        and the characters its ToUnicode map claims it draws."""
        found: dict[str, dict] = {}
        for page in self.reader.pages:
            for font in (page["/Resources"].get("/Font") or {}).values():
                font = font.get_object()
                name = str(font["/BaseFont"])
                if name in found:
                    found[name]["chars"] |= _to_unicode(font)
                    continue
                if "/DescendantFonts" in font:  # Type0, as WeasyPrint writes them
                    descendant = font["/DescendantFonts"][0].get_object()
                else:
                    descendant = font
                descriptor = descendant["/FontDescriptor"].get_object()
                stream = next((descriptor[k] for k in ("/FontFile2", "/FontFile3", "/FontFile")
                               if k in descriptor), None)
                program = None  # not embedded
                if stream is not None:
                    program = TTFont(io.BytesIO(stream.get_object().get_data()))
                found[name] = {"program": program, "chars": _to_unicode(font)}
        return found


_BFCHAR = re.compile(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")


def _to_unicode(font) -> set[str]:
    """Characters a font's ToUnicode CMap maps its glyphs to."""
    if "/ToUnicode" not in font:
        return set()
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    chars: set[str] = set()
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, flags=re.S):
        for _, target in _BFCHAR.findall(block):
            chars |= set(bytes.fromhex(target).decode("utf-16-be"))
    return chars
