"""Vietnamese text normalisation: NFC, tone placement, diacritic folding, slugs.

Everything that compares or indexes Vietnamese text goes through here, so that
"Hoà" typed in Word (old-style tone placement, possibly NFD from the
clipboard) and "hòa" typed on a phone compare equal.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata

# Two tone-placement conventions coexist, even inside one seed (003 writes
# both "hoá" and "hóa"; 001 "Uỷ" and "Ủy"). For comparison we map the form
# with the mark on the first vowel of "oa", "oe", "uy" to the form with the
# mark on the second ("hòa" -> "hoà", "thủy" -> "thuỷ"); which side is chosen
# does not matter, only that both spellings meet. Keys are NFC, lower case:
# tone_fold() lowers the text first.
_TONE_PLACEMENT = {
    # oa / oe / uy with the tone on the first vowel -> on the second
    "òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ",
    "òe": "oè", "óe": "oé", "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ",
    "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ",
}
_TONE_RE = re.compile("|".join(sorted(_TONE_PLACEMENT, key=len, reverse=True)))

# "đ" has no decomposition in Unicode, so stripping combining marks keeps it;
# it must be mapped by hand ("Nghị định" -> "nghi dinh", not "nghi inh").
_D_LETTERS = (("đ", "d"), ("Đ", "D"), ("ð", "d"), ("Ð", "D"))

# Non-breaking and other exotic spaces seen in copy-pasted documents.
_SPACES_RE = re.compile(r"[\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000]")
_ZERO_WIDTH_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")


def nfc(text: str) -> str:
    """Text as stored inside the project: Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC, ordinary spaces, no zero-width characters.

    >>> clean("Hoa\u0300\u00a0ky\u0300")
    'Hoà kỳ'
    """
    text = _ZERO_WIDTH_RE.sub("", nfc(text))
    return _SPACES_RE.sub(" ", text)


def tone_fold(text: str) -> str:
    """Lower case, NFC, one tone-placement convention ("Hóa" -> "hoá")."""
    return _TONE_RE.sub(lambda m: _TONE_PLACEMENT[m.group(0)], clean(text).lower())


def _strip_marks(text: str) -> str:
    """Remove every diacritic, "đ" included: "Đẩy mạnh" -> "Day manh"."""
    # str.replace, not str.translate: translate looks every character up
    # in a dict, ~0.2 ms per page of full text, replace is a C scan.
    for letter, base in _D_LETTERS:
        if letter in text:
            text = text.replace(letter, base)
    decomposed = unicodedata.normalize("NFD", text)
    if not decomposed.isascii():
        # Remove each mark the text holds with str.replace (Vietnamese has
        # about eight): a third faster than translate() over the whole text.
        for mark in _combining_marks().intersection(decomposed):
            decomposed = decomposed.replace(mark, "")
    return unicodedata.normalize("NFC", decomposed)


# Names and words recur on thousands of pages: each is stripped once.
strip_marks = functools.lru_cache(maxsize=1 << 16)(_strip_marks)


@functools.cache
def _combining_marks() -> frozenset[str]:
    # Every character unicodedata.combining() counts (912 in Python 3.11): a
    # document's full text goes through strip_marks() when its page is
    # rendered, and a per-character Python loop over it cost ~1.5 s per
    # 1,000 documents. Listing them takes ~0.07 s, once.
    return frozenset(chr(c) for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c)))


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Key for diacritic-insensitive comparison: lower case, no marks, single spaces.

    >>> fold("  Nông  thôn MỚI ")
    'nong thon moi'
    """
    return " ".join(strip_marks(clean(text)).lower().split())


_SLUG_DROP_RE = re.compile(r"[^a-z0-9]+")


def slugify(text: str, sep: str = "-") -> str:
    """Readable ASCII slug for URLs and ids: "Nghị định 98/2023/NĐ-CP" -> "nghi-dinh-98-2023-nd-cp"."""
    return _SLUG_DROP_RE.sub(sep, fold(text)).strip(sep)


def heading_slug(value: str, separator: str) -> str:
    """Python-Markdown ``toc`` slugify hook (see mkdocs.yml): folds "đ" correctly."""
    return slugify(value, separator) or "muc"


_WORD_RE = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """Folded words of a text, for fuzzy matching of names."""
    return _WORD_RE.findall(fold(text))


_TRAILING_WS_RE = re.compile(r"[ \t]+$", re.MULTILINE)
_MANY_BLANK_LINES_RE = re.compile(r"\n{3,}")


def document_text(raw: str) -> str:
    """A document's full text as stored in a record.

    NFC, ordinary spaces, Unix line ends, no trailing spaces (Markdown's
    two-space line break "Số: 2597 /UBND-NV  " carries no meaning here), at
    most one blank line in a row, no blank lines around. Everything else stays
    as written, Markdown emphasis and <sup> footnote marks included, so that
    citation quotes can be checked against it.
    """
    text = clean(raw).replace("\r\n", "\n").replace("\r", "\n")
    text = _TRAILING_WS_RE.sub("", text)
    return _MANY_BLANK_LINES_RE.sub("\n\n", text).strip("\n")


def cased_words(text: str) -> list[str]:
    """Words of a text without diacritics but with their case, for matching
    abbreviations, which are capitals: "Công tác TĐKT" -> ["Cong", "tac", "TDKT"]."""
    return _WORD_RE.findall(strip_marks(clean(text)))


def long_text_words(text: str) -> tuple[list[str], list[str]]:
    """cased_words(text) and words(text) of a long text, a document's full
    text of ~30 KB read once per page: cleaned and stripped once for both,
    and kept in none of the caches, which are for the short names that come
    back on thousands of pages (10,000 full texts would hold ~0.6 GB there).

    >>> long_text_words("Công tác TĐKT\u00a0năm 2024")
    (['Cong', 'tac', 'TDKT', 'nam', '2024'], ['cong', 'tac', 'tdkt', 'nam', '2024'])
    """
    stripped = _strip_marks(clean(text))
    # words() folds first, then splits: lower() and joining on single
    # spaces do not move the edges of a \w+ run, so this is the same list.
    return _WORD_RE.findall(stripped), _WORD_RE.findall(stripped.lower())
