"""Vietnamese normalisation: folding, tone placement, slugs."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sotay.text.folding import (
    cased_words,
    clean,
    document_text,
    fold,
    long_text_words,
    slugify,
    tone_fold,
    words,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nghị định", "nghi-dinh"),  # "đ" folds to "d", it is not dropped
        ("Nghị định 98/2023/NĐ-CP", "nghi-dinh-98-2023-nd-cp"),
        ("Vì người nghèo – Không để ai bị bỏ lại phía sau", "vi-nguoi-ngheo-khong-de-ai-bi-bo-lai-phia-sau"),
        ("ĐẨY MẠNH", "day-manh"),
        ("  Hội đồng Thi đua - Khen thưởng ", "hoi-dong-thi-dua-khen-thuong"),
    ],
)
def test_slugify_folds_vietnamese(text, expected):
    assert slugify(text) == expected


def test_fold_ignores_case_marks_and_spacing():
    assert fold("  Nông  thôn MỚI ") == fold("nong thon moi") == "nong thon moi"


@pytest.mark.parametrize(("a", "b"), [("hoá", "hóa"), ("Thuỷ", "thủy"), ("Uỷ ban", "Ủy ban"), ("khoẻ", "khỏe")])
def test_tone_placement_variants_compare_equal(a, b):
    assert tone_fold(a) == tone_fold(b)


def test_nfd_input_is_stored_as_nfc():
    nfd = unicodedata.normalize("NFD", "Chỉ thị số 05-CT/TW")
    assert nfd != "Chỉ thị số 05-CT/TW"
    assert clean(nfd) == "Chỉ thị số 05-CT/TW"


def test_document_text_strips_layout_noise_only():
    raw = "Số: 2597 /UBND-NV  \r\nV/v\u00a0hướng dẫn\r\n\r\n\r\n\r\n**trước ngày 12/7/2024**\n"
    assert document_text(raw) == "Số: 2597 /UBND-NV\nV/v hướng dẫn\n\n**trước ngày 12/7/2024**"


@given(st.text())
def test_fold_and_slug_are_idempotent(text):
    assert fold(fold(text)) == fold(text)
    assert slugify(slugify(text)) == slugify(text)
    assert tone_fold(tone_fold(text)) == tone_fold(text)


@given(st.text())
def test_slug_is_url_safe(text):
    assert all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in slugify(text))


# Vietnamese letters in both normal forms, capitals, "đ", spaces of every
# kind and punctuation: what a full text may hold.
_TEXT = st.text(alphabet=st.sampled_from(
    [*"aăâbdđeêioôơuưyAĂÂĐÊÔƠƯ TĐKT0123456789/-.,\n\t",
     "\u00a0", "\u200b", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "ệ", "Ữ", "ß", "İ"]))


@given(st.one_of(_TEXT, st.text()))
def test_long_text_words_are_the_words_of_a_short_text(text):
    """A full text's words for the search keywords, computed without the
    caches, are those the cached functions give a name."""
    assert long_text_words(text) == (cased_words(text), words(text))
