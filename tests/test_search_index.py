"""What the search indexes: keywords, metadata and markers of each page, and the
query folding of the browser matching the index's (sotay/search.py, sotay-search.js)."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sotay.numbers import DocNumber
from sotay.render import SECTION
from sotay.search import (
    SENTINEL,
    TYPES,
    abbreviation_keywords,
    d_words,
    number_spellings,
    phrase_words,
)
from sotay.text import fold

# --- keywords, table-driven ---------------------------------------------------

NUMBERS = [
    ("Nghị định", "98/2023/NĐ-CP", ["98/2023/nd-cp", "98/2023", "nghi dinh 98", "nd 98", "nđ 98"]),
    ("Chỉ thị", "05-CT/TW", ["05-ct/tw", "5-ct/tw", "chi thi 05", "chi thi 5", "ct 05"]),
    ("Chỉ thị", "05/CT - TW", ["05/ct-tw", "chi thi 05"]),  # 004's spelling
    ("Công văn", "2597/UBND-NV", ["2597/ubnd-nv", "cong van 2597", "cv 2597"]),
    ("Quyết định", "23/2024/QĐ-UBND", ["23/2024/qd-ubnd", "23/2024", "quyet dinh 23", "qd 23", "qđ 23"]),
    ("Chỉ thị", "18A-CT/TU", ["18a-ct/tu", "chi thi 18a"]),
    ("Kế hoạch", "66/KH-CTĐ", ["66/kh-ctd", "ke hoach 66", "kh 66"]),
]


@pytest.mark.parametrize("kind, number, expected", NUMBERS)
def test_number_spellings(kind, number, expected):
    spellings = number_spellings(kind, DocNumber.parse(number))
    for s in expected:
        assert s in spellings, (s, spellings)


def test_blank_number_has_no_spellings():
    assert number_spellings("Công văn", DocNumber.parse("/UBND-NC")) == []
    assert number_spellings("Luật", None) == []


ABBREVIATIONS = [
    ("Công tác TĐKT năm 2024", ["thi dua khen thuong"]),
    ("công tác TDKT", ["thi dua khen thuong"]),
    ("Hội đồng Thi đua - Khen thưởng huyện", ["hdtdkt", "tdkt"]),
    ("thi đua, khen thưởng", ["tdkt"]),
    ("xây dựng nông thôn mới", ["ntm"]),
    ("Chương trình NTM", ["nong thon moi"]),
    ("đẩy mạnh cải cách hành chính", ["cchc"]),
    ("nhiệm vụ phát triển KT - XH", ["kinh te xa hoi"]),
    ("phát triển kinh tế - xã hội năm 2024", ["kt xh"]),
    ("Nghị định 98/2023/NĐ-CP", ["chinh phu"]),  # "CP" in the symbol
]


@pytest.mark.parametrize("text, expected", ABBREVIATIONS)
def test_abbreviations_both_ways(text, expected):
    found = abbreviation_keywords([text])
    for e in expected:
        assert e in found, (e, found)


@pytest.mark.parametrize("text", ["tư tưởng", "Tu bổ", "công tư", "hu hỏng", "tw"])
def test_short_abbreviations_need_capitals(text):
    # "TU" (Tỉnh ủy) must not fire on "tư"/"tu"; "TW" only in capitals.
    assert not {"tinh uy", "huyen uy", "trung uong"} & set(abbreviation_keywords([text]))


def test_phrase_words_are_the_tails_of_each_name():
    assert phrase_words(["vi nguoi ngheo - khong de ai bi bo lai phia sau"])[:2] == [
        "vinguoingheokhongdeaibibolaiphiasau", "nguoingheokhongdeaibibolaiphiasau"]
    # a tail held by two names counts twice: the campaign whose name and alias hold it weighs more
    assert phrase_words(["ca nuoc xay dung nong thon moi", "xay dung nong thon moi"]).count("nongthonmoi") == 2
    assert phrase_words(["ntm", "98/2023/nd-cp"]) == ["982023ndcp", "2023ndcp", "ndcp"]


def test_d_words_fold_what_pagefind_does_not():
    assert d_words(["Đẩy mạnh", "đạo đức", "không dấu"]) == ["day", "dao", "duc"]
    assert d_words(["(Nghị định 98/2023/NĐ-CP)."]) == ["dinh", "98/2023/nd-cp"]


# --- the built site ----------------------------------------------------------

_BODY = re.compile(r"data-pagefind-body")
_META = re.compile(r'<span data-pagefind-meta="(?P<key>[a-z]+)">(?P<value>[^<]*)</span>')


def _html(site, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_every_entity_page_is_indexed_and_no_list_page(site, kb):
    entity_pages = 0
    for kind, records in [("document", kb.documents), ("campaign", kb.campaigns),
                          ("body", kb.bodies), ("locality", kb.localities)]:
        for record_id in records:
            html = _html(site, f"{SECTION[kind]}/{record_id}")
            assert _BODY.search(html), (kind, record_id)
            meta = dict(_META.findall(html))
            assert meta["type"] in TYPES
            assert html.count(SENTINEL) == 2
            entity_pages += 1
    for path in ["", "van-ban", "van-ban-trich-dan", "phong-trao", "co-quan", "dia-ban", "han",
                 "phong-trao-dia-ban", "chi-tieu", "du-lieu", "huong-dan"]:
        assert not _BODY.search(_html(site, path)), path
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["version"] == "1.5.2"
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == entity_pages


def test_keyword_block_is_hidden_from_people(site):
    html = _html(site, "van-ban/nghi-dinh-98-2023-nd-cp")
    block = re.search(r'<div class="st-tu-khoa"[^>]*>', html).group(0)
    assert "hidden" in block and 'aria-hidden="true"' in block
    meta = dict(_META.findall(html))
    assert meta["number"] == "98/2023/NĐ-CP"
    assert meta["type"] == "văn bản được trích dẫn"
    assert meta["issuer"] == "Chính phủ"
    assert 'data-pagefind-filter="year">2023<' in html
    assert 'data-pagefind-filter="province">Trung ương<' in html


def test_documents_carry_province_and_type(site):
    meta = dict(_META.findall(_html(site, "van-ban/cong-van-2597-ubnd-nv-2024-quy-nhon")))
    assert meta["type"] == "văn bản"
    assert meta["province"] == "Tỉnh Bình Định"
    assert meta["date"] == "03/7/2024"


# --- the browser folds queries as the index folds names -------------------------

VIETNAMESE = st.text(
    alphabet=st.sampled_from(
        [*"aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐEÊOÔƠUƯ0123456789 /-.,“”",
         "\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u00a0", "\u200b", "Ð", "ð"]),
    max_size=40,
)


@pytest.mark.browser
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(VIETNAMESE, min_size=1, max_size=40))
def test_browser_fold_equals_python_fold(page, served_site, texts):
    if page.url == "about:blank":
        page.goto(served_site)
    samples = [*texts, *(unicodedata.normalize("NFD", t) for t in texts)]
    folded = page.evaluate("xs => xs.map(x => window.sotaySearch.fold(x))", samples)
    assert folded == [fold(t) for t in samples]


@pytest.mark.browser
def test_browser_fold_examples(page, served_site):
    page.goto(served_site)
    cases = {"Nông thôn MỚI": "nong thon moi", "NĐ 98": "nd 98", "văn hoá": "van hoa",
             "văn hóa": "van hoa", unicodedata.normalize("NFD", "Thủy lợi"): "thuy loi",
             "05/CT - TW": "05/ct - tw"}
    assert page.evaluate("xs => xs.map(x => window.sotaySearch.fold(x))", list(cases)) == list(cases.values())
    assert page.evaluate("window.sotaySearch.searchTerm('05/CT - TW')") == "05/ct-tw"
    assert page.evaluate("window.sotaySearch.searchTerm('Số: 2597 /UBND-NV')") == "so: 2597/ubnd-nv"
    assert page.evaluate("window.sotaySearch.searchTerm('kinh tế - xã hội')") == "kinh te - xa hoi"
