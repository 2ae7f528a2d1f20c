"""What the search indexes: keywords, metadata and markers of each page, and the
query folding of the browser matching the index's (sotay/outputs/search.py, sotay-search.js)."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import stat
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sotay.outputs.search import (
    SENTINEL,
    TYPES,
    abbreviation_keywords,
    d_words,
    number_spellings,
    phrase_words,
)
from sotay.outputs.searchindex import (
    BUNDLES,
    SHARDS_MANIFEST,
    SearchIndexError,
    index_site,
    indexable_pages,
    pagefind_binary,
    split_shards,
)
from sotay.site.linker import SECTION
from sotay.text.folding import fold
from sotay.text.numbers import DocNumber

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


# --- shards: a bundle over its limit is indexed in several Pagefind runs ----------

# The shipped site has 170 indexed pages: 60 a run gives 3 shards per bundle.
SHARD_LIMIT = 60


def bundle_pages(bundle: Path) -> dict[str, dict]:
    """URL -> Pagefind's record of each page held by one shard: its fragments,
    gzip'd JSON after a "pagefind_dcd" signature (Pagefind 1.5)."""
    pages = {}
    for fragment in (bundle / "fragment").iterdir():
        raw = gzip.decompress(fragment.read_bytes())
        assert raw.startswith(b"pagefind_dcd"), fragment
        record = json.loads(raw[len(b"pagefind_dcd"):])
        pages[record["url"]] = record
    return pages


def shard_folders(bundle: Path) -> list[Path]:
    """The bundle's shards as the browser finds them: itself, then its manifest's."""
    manifest = bundle / SHARDS_MANIFEST
    extra = json.loads(manifest.read_text(encoding="utf-8"))["shards"] if manifest.exists() else []
    return [bundle, *(bundle / s for s in extra)]


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _work_folders_left(site: Path) -> list[str]:
    work = ("-dang-lap", "-cu")  # being built, replaced
    return sorted(p.name for p in site.iterdir() if p.name.endswith(work))


@pytest.fixture
def site_copy(site, tmp_path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(site, copy, symlinks=True)
    return copy


@pytest.mark.parametrize("count, limit, sizes", [
    (9, 4, [3, 3, 3]),  # 3 runs are needed: equal thirds, not 4 + 4 + 1
    (8, 4, [4, 4]),
    (4, 4, [4]),
    (10, 3, [3, 3, 2, 2]),
    (1, 5_000, [1]),
])
def test_split_shards_sizes(count, limit, sizes):
    shards = split_shards([f"p{i:02}/index.html" for i in range(count)], limit)
    assert [len(s) for s in shards] == sizes


def test_split_shards_mixes_pages_that_sort_together():
    # Two campaigns a district, the "nông thôn mới" one sorting first: plain
    # round robin over the sorted paths put all of these in one of two shards.
    pages = [f"phong-trao/huyen-{i:03}-{name}/index.html"
             for i in range(100) for name in ("chung-suc-nong-thon-moi", "thi-dua-khac")]
    shards = split_shards(pages, 100)
    assert [len(s) for s in shards] == [100, 100]
    per_shard = [sum("nong-thon-moi" in p for p in s) for s in shards]
    assert min(per_shard) >= 40, per_shard


KINDS = ["co-quan", "dia-ban", "phong-trao", "van-ban", "van-ban-trich-dan"]


@settings(max_examples=200)
@given(counts=st.lists(st.integers(0, 40), min_size=len(KINDS), max_size=len(KINDS)),
       limit=st.integers(1, 60), order=st.randoms(use_true_random=False))
def test_shards_partition_pages_evenly_and_mix_kinds(counts, limit, order):
    pages = [f"{kind}/x{i}/index.html"
             for kind, n in zip(KINDS, counts, strict=True) for i in range(n)]
    shuffled = list(pages)
    order.shuffle(shuffled)
    shards = split_shards(shuffled, limit)
    assert shards == split_shards(pages, limit)  # the same whatever order the files were found in
    # every page in exactly one shard
    assert Counter(p for s in shards for p in s) == Counter(pages)
    assert len(shards) == max(1, -(-len(pages) // limit))
    assert all(len(s) <= limit for s in shards)
    assert max(map(len, shards)) - min(map(len, shards)) <= 1
    # each shard holds its share of each kind, give or take one page
    for kind in KINDS:
        per_shard = [sum(p.startswith(kind + "/x") for p in s) for s in shards]
        assert max(per_shard) - min(per_shard) <= 1, (kind, per_shard)


def test_under_the_limit_one_bundle_as_before(site):
    """The shipped site (170 pages, limits in the thousands): one run per bundle,
    no shard folder."""
    pages = indexable_pages(site)
    assert len(pages) == 170
    for folder in BUNDLES:
        bundle = site / folder
        # a manifest listing no shard: the browser's request for it is answered
        assert json.loads((bundle / SHARDS_MANIFEST).read_text(encoding="utf-8")) == {"shards": []}
        assert not [p for p in bundle.iterdir() if p.name.startswith("manh-")]
        assert set(bundle_pages(bundle)) == {"/" + p.removesuffix("index.html") for p in pages}
    assert _work_folders_left(site) == []


def test_shards_partition_the_indexed_pages(site, site_copy):
    report = index_site(site_copy, shard_pages=SHARD_LIMIT)
    assert report.pages == 170
    assert report.shards == (3, 3)
    everything = set(bundle_pages(site / "pagefind"))  # one run over the whole site
    assert len(everything) == 170
    for folder in BUNDLES:
        shards = shard_folders(site_copy / folder)
        assert [s.name for s in shards] == [folder, "manh-2", "manh-3"]
        held = [bundle_pages(s) for s in shards]
        assert [len(h) for h in held] == [57, 57, 56]
        urls = Counter(u for h in held for u in h)
        assert set(urls) == everything and max(urls.values()) == 1  # each page in exactly one shard
        for shard, h in zip(shards, held, strict=True):
            entry = json.loads((shard / "pagefind-entry.json").read_text(encoding="utf-8"))
            assert entry["languages"]["vi"]["page_count"] == len(h)
            # a similar mix of kinds in every shard, so scores compare
            kinds = Counter(u.split("/")[1] for u in h)
            assert min(kinds["van-ban"], kinds["phong-trao"], kinds["co-quan"]) >= 5, kinds
    # the full texts are in the shards of the full-text bundle only
    full, names = ({url: record for shard in shard_folders(site_copy / folder)
                    for url, record in bundle_pages(shard).items()}
                   for folder in ("pagefind-toan-van", "pagefind"))
    url = "/van-ban/ke-hoach-kh-ubnd-2024-quyet-thang/"
    assert "sáng kiến" in full[url]["content"] and "sáng kiến" not in names[url]["content"]
    assert _work_folders_left(site_copy) == []

    # Back under the limit: one bundle again, nothing left of the shards.
    report = index_site(site_copy)
    assert report.shards == (1, 1)
    for folder in BUNDLES:
        assert shard_folders(site_copy / folder) == [site_copy / folder]
        assert not list((site_copy / folder).glob("manh-*"))
        assert set(bundle_pages(site_copy / folder)) == everything


@pytest.mark.parametrize("failure, said", [
    ('echo "lỗi giả" >&2; exit 3', ["(mã 3)", "lỗi giả"]),  # Pagefind's own words
    ("kill -9 $$", ["(mã -9)", "giảm SHARD_PAGES"]),  # as the out-of-memory killer would
    ("kill -INT $$", ["(mã -2)", "tín hiệu 2"]),  # Ctrl+C on `mkdocs serve` while it re-indexes
])
def test_a_failing_shard_keeps_the_previous_bundle(site_copy, tmp_path, monkeypatch, failure, said):
    index_site(site_copy, shard_pages=SHARD_LIMIT)
    before = _snapshot(site_copy / "pagefind-toan-van")
    # Pagefind fails on the second shard of the full-text bundle only.
    fake = tmp_path / "pagefind"
    fake.write_text(
        "#!/bin/sh\n"
        f'case "$*" in *pagefind-toan-van-dang-lap/manh-2*) {failure};; esac\n'
        f'exec "{pagefind_binary()}" "$@"\n', encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr("sotay.outputs.searchindex.pagefind_binary", lambda: fake)
    with pytest.raises(SearchIndexError) as raised:
        index_site(site_copy, shard_pages=SHARD_LIMIT)
    message = str(raised.value)
    assert "pagefind-toan-van/ (mảnh 2/3)" in message and "giữ nguyên" in message
    for words in said:
        assert words in message
    assert ("giảm SHARD_PAGES" in message) == ("(mã -9)" in message)  # memory only when it may be
    assert _snapshot(site_copy / "pagefind-toan-van") == before  # shards and manifest as they were
    assert _work_folders_left(site_copy) == []  # not the half-written bundle
    # the default bundle, written before the failure, is whole
    assert sum(len(bundle_pages(s)) for s in shard_folders(site_copy / "pagefind")) == 170


def test_odd_folder_names_and_settings_where_the_build_runs(tmp_path, monkeypatch):
    """Pages in folders named with commas, brackets, spaces or Vietnamese
    letters are each indexed once across shards, and a Pagefind config file
    where the build was started does not change what is indexed."""
    site = tmp_path / "site"
    names = ["a,b", "{c}", "[d]", "e*", "g(1):$", "tập-1", "h!#~ +", "f"]
    for name in names:
        page = site / "van-ban" / name / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<html lang="vi"><body><main data-pagefind-body><h1>Trang {name}</h1>'
                        f"<p>Kế hoạch thi đua {name}</p></main></body></html>", encoding="utf-8")
    home = "<html><body><p>Trang chủ data-pagefind-body</p></body></html>"
    (site / "index.html").write_text(home, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pagefind.json").write_text('{"glob": "van-ban/f/*.html"}', encoding="utf-8")
    assert len(indexable_pages(site)) == len(names)  # not the home page: the words are text

    for limit, shards in ((3, 3), (100, 1)):
        report = index_site(site, bundles={"pagefind": ()}, shard_pages=limit)
        assert report.shards == (shards,) and report.pages == len(names)
        held = [bundle_pages(s) for s in shard_folders(site / "pagefind")]
        urls = Counter(u for h in held for u in h)
        assert len(urls) == len(names) and max(urls.values()) == 1  # each page once, none left out
        titles = {record["meta"]["title"] for h in held for record in h.values()}
        assert titles == {f"Trang {name}" for name in names}
        assert _work_folders_left(site) == []


def test_background_indexing_runs_pagefind_at_the_lowest_priority(site, site_copy, monkeypatch):
    """`mkdocs serve` re-indexes after an edit in the background: the same
    index, made by a Pagefind that yields the cores (niceness 19)."""
    commands = []
    real_run = subprocess.run

    def run(command, *args, **kwargs):
        commands.append(command)
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(subprocess, "run", run)
    report = index_site(site_copy, background=True)
    assert report.pages == 170
    for folder in BUNDLES:
        assert set(bundle_pages(site_copy / folder)) == set(bundle_pages(site / folder))
    prefixes = {tuple(c[:c.index(str(pagefind_binary()))]) for c in commands}
    assert len(commands) == len(BUNDLES) and len(prefixes) == 1
    # what the prefix does to a process: field 19 of /proc/<pid>/stat is its niceness
    stat = real_run([*prefixes.pop(), "cat", "/proc/self/stat"], capture_output=True, text=True, check=True)
    assert stat.stdout.rsplit(")", 1)[1].split()[16] == "19"
