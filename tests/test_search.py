"""Search the way Vietnamese staff type: a real browser on the built site.

Every test types into the header box of the site built with --strict (the
conftest `site`), on Pagefind's index written by the build, and checks what a
person sees: which results, in which order, with which badge and facts. The
tests on the home page run twice: on that site, and on a copy whose bundles
are indexed in three shards each (sharded_site), merged in the browser.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from sotay.text.folding import fold

from .searchui import INPUT, Hit, external, hits, search, titles, wait_for_results
from .test_search_index import bundle_pages, shard_folders

pytestmark = pytest.mark.browser

NTM = "Cả nước chung sức xây dựng nông thôn mới"  # alias "Xây dựng nông thôn mới"
VI_NGUOI_NGHEO = "Vì người nghèo - Không để ai bị bỏ lại phía sau"
VAN_HOA_CONG_SO = "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở"
ND_98 = "Nghị định 98/2023/NĐ-CP"
CT_05 = "Chỉ thị 05-CT/TW"
CV_2597 = "Công văn 2597/UBND-NV"  # seed 000, UBND thành phố Quy Nhơn

# Pages of every kind: the box is in the header of each.
PAGES = ["", "phong-trao/", "phong-trao/vi-nguoi-ngheo/", "van-ban/cong-van-2597-ubnd-nv-2024-quy-nhon/",
         "van-ban-trich-dan/", "co-quan/bo-chinh-tri/", "dia-ban/huyen-tay-son/", "han/", "huong-dan/"]


@pytest.fixture(params=["one index", "shards"])
def home(request, page, served_site):
    """The home page; every test using it runs on the built site and again on
    the same site indexed in shards (sharded_site), where it must behave the same."""
    if request.param == "one index":
        page.goto(served_site)
    else:
        page.goto(request.getfixturevalue("sharded_site").base)
    return page


def test_search_box_in_the_header_of_every_page(page, served_site, site):
    for path in PAGES:
        page.goto(served_site + path)
        box = page.locator("header.md-header " + INPUT)
        assert box.count() == 1, path
        assert box.is_visible(), path
        assert box.get_attribute("placeholder") == "Tìm phong trào, số văn bản..."
        assert page.get_by_role("combobox", name="Tìm kiếm").count() == 1, path
    # Material's lunr search is gone: no index of the whole site to download.
    assert not (site / "search" / "search_index.json").exists()
    assert external(page.requests) == []


def test_keyboard_slash_arrows_enter(home):
    page = home
    page.locator("h1").first.click()  # focus somewhere in the page, not in a field
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "st-search-input"
    page.keyboard.type("vi nguoi ngheo")
    wait_for_results(page, "vi nguoi ngheo")
    options = page.locator(".st-search__results [role=option]")
    assert options.count() >= 3

    page.keyboard.press("ArrowDown")
    assert options.nth(0).get_attribute("aria-selected") == "true"
    page.keyboard.press("ArrowDown")
    assert options.nth(1).get_attribute("aria-selected") == "true"
    assert options.nth(0).get_attribute("aria-selected") == "false"
    box = page.locator(INPUT)
    assert box.get_attribute("aria-activedescendant") == options.nth(1).get_attribute("id")
    page.keyboard.press("ArrowUp")
    assert options.nth(0).get_attribute("aria-selected") == "true"

    page.keyboard.press("Enter")
    page.wait_for_url("**/phong-trao/vi-nguoi-ngheo/")
    assert page.locator("h1").inner_text() == VI_NGUOI_NGHEO
    assert external(page.requests) == []


def test_enter_opens_the_first_result_and_escape_closes(home):
    page = home
    page.keyboard.press("/")
    page.keyboard.type("NĐ 98")
    wait_for_results(page, "NĐ 98")
    panel = page.locator("#st-search-panel")
    assert panel.is_visible()
    page.keyboard.press("Escape")
    assert panel.is_hidden()
    assert page.locator(INPUT).get_attribute("aria-expanded") == "false"
    page.keyboard.press("Escape")  # a second Escape leaves the box
    assert page.evaluate("document.activeElement.id") != "st-search-input"

    page.keyboard.press("/")
    page.keyboard.press("Enter")
    page.wait_for_url("**/van-ban/nghi-dinh-98-2023-nd-cp/")
    assert page.locator("h1").inner_text() == ND_98


@pytest.mark.parametrize("query", ["nong thon moi", "nông thôn mới", "NONG THON MOI"])
def test_nong_thon_moi_puts_the_campaign_first(home, query):
    found = search(home, query, typed=True)
    assert found[0].title == NTM
    assert found[0].type == "phong trào"


def test_with_or_without_diacritics_or_capitals_same_results(home):
    results = {q: titles(search(home, q)) for q in ["nong thon moi", "nông thôn mới", "NONG THON MOI",
                                                     "Nông Thôn Mới"]}
    assert len({tuple(r) for r in results.values()}) == 1, results


def test_vi_nguoi_ngheo(home):
    found = search(home, "vi nguoi ngheo", typed=True)
    assert found[0].title == VI_NGUOI_NGHEO
    # its local forms follow, the documents that only mention it after them
    assert found[1].type == found[2].type == "phong trào"


@pytest.mark.parametrize("query", ["van hoa cong so", "văn hoá công sở", "văn hóa công sở"])
def test_van_hoa_cong_so_either_tone_placement(home, query):
    found = search(home, query)
    assert VAN_HOA_CONG_SO in titles(found)[:3]


def test_hoa_and_hoa_are_one_query(home):
    assert titles(search(home, "văn hoá công sở")) == titles(search(home, "văn hóa công sở"))


@pytest.mark.parametrize("query", ["nghi dinh 98", "98/2023/NĐ-CP", "98/2023/nd-cp", "98/2023", "NĐ 98",
                                   "Nghị định 98", "nd 98"])
def test_decree_98_by_number(home, query):
    found = search(home, query, typed=True)
    assert found[0].title == ND_98, titles(found)


@pytest.mark.parametrize("query", ["05-CT/TW", "chi thi 05", "Chỉ thị 05", "05/CT - TW", "5-CT/TW"])
def test_directive_05_by_number(home, query):
    found = search(home, query, typed=True)
    assert found[0].title == CT_05, titles(found)


def test_official_letter_2597(home):
    found = search(home, "2597/UBND-NV", typed=True)
    assert found[0].title == CV_2597
    assert found[0].href.endswith("/van-ban/cong-van-2597-ubnd-nv-2024-quy-nhon/")


@pytest.mark.parametrize("abbreviation, expansion", [
    ("TĐKT", "thi đua khen thưởng"),
    ("TDKT", "thi đua khen thưởng"),
    ("NTM", "nông thôn mới"),
    ("CCHC", "cải cách hành chính"),
    ("KT-XH", "kinh tế xã hội"),
])
def test_abbreviations_find_their_expansions(home, abbreviation, expansion):
    found = search(home, abbreviation)
    assert found, abbreviation
    for hit in found[:3]:
        assert fold(expansion) in " ".join(fold(hit.title).replace("-", " ").replace(",", " ").split()), hit


def test_expansions_find_pages_that_abbreviate(home):
    # Seed 001 writes "HĐTĐKT"/"TĐKT"; "kinh tế - xã hội" pages say "KT-XH" too.
    by_abbreviation = set(titles(search(home, "TĐKT")))
    by_expansion = set(titles(search(home, "thi dua khen thuong")))
    assert by_abbreviation & by_expansion


def test_nfd_query_finds_the_same_as_nfc(home):
    for text in ["nông thôn mới", "Nghị định 98/2023/NĐ-CP", "văn hóa công sở"]:
        nfd = unicodedata.normalize("NFD", text)
        assert nfd != text
        nfc_titles = titles(search(home, text))
        home.locator(INPUT).fill(nfd)
        assert home.evaluate(f"document.querySelector('{INPUT}').value") == nfd  # really NFD
        wait_for_results(home, nfd)
        assert titles(hits(home)) == nfc_titles and nfc_titles


def test_results_say_what_each_hit_is(home):
    decree = search(home, "98/2023")[0]
    assert decree.badge == "Văn bản được trích dẫn"
    for fact in ("98/2023/NĐ-CP", "31/12/2023", "Chính phủ"):
        assert fact in decree.facts

    letter = search(home, "2597/UBND-NV")[0]
    assert letter.badge == "Văn bản"
    for fact in ("2597/UBND-NV", "03/7/2024", "Ủy ban nhân dân thành phố Quy Nhơn"):
        assert fact in letter.facts

    campaign = search(home, "vi nguoi ngheo")[0]
    assert campaign.badge == "Phong trào"
    assert "cấp trung ương" in campaign.facts

    kinds = {h.type for h in search(home, "tay son")}
    assert {"địa bàn", "cơ quan", "phong trào"} <= kinds


def test_entity_pages_rank_above_pages_that_mention_them(home):
    found = search(home, "05-CT/TW")
    assert titles(found) == [CT_05]  # first, the page whose number it is
    home.get_by_role("button", name="Tìm thêm các trang có đủ các từ").click()
    wait_for_results(home, "05-CT/TW")
    found = hits(home)
    assert found[0].title == CT_05
    mentions = found[1:]
    assert mentions and all(h.title != CT_05 for h in mentions)
    # the mention's excerpt shows where the document names it
    assert any("05-CT/TW" in h.excerpt for h in mentions)


def test_excerpts_never_show_the_keyword_block(home):
    for query in ["nghi dinh 98", "NTM", "vi nguoi ngheo"]:
        for hit in search(home, query):
            assert "§§" not in hit.excerpt
            assert " · nd 98 · " not in hit.excerpt


def _choose(page, name: str, value: str, query: str) -> list:
    page.locator(".st-search__filters").hover()  # filter values load when the user reaches for them
    select = page.locator(f"select[data-st-filter={name}]")
    select.locator("option").nth(1).wait_for(state="attached")
    select.select_option(value)
    wait_for_results(page, query)
    return hits(page)


def test_filters_by_type_province_and_year(home):
    page = home
    names = search(page, "vi nguoi ngheo")  # the campaigns whose name holds the phrase
    assert {h.type for h in names} == {"phong trào"}
    page.get_by_role("button", name="Tìm thêm các trang có đủ các từ").click()
    wait_for_results(page, "vi nguoi ngheo")
    everything = hits(page)
    assert titles(everything)[:len(names)] == titles(names)
    assert {h.type for h in everything} >= {"phong trào", "văn bản"}

    only_documents = _choose(page, "type", "văn bản", "vi nguoi ngheo")
    assert only_documents and {h.type for h in only_documents} == {"văn bản"}
    _choose(page, "type", "", "vi nguoi ngheo")

    lai_chau = titles(_choose(page, "province", "Tỉnh Lai Châu", "vi nguoi ngheo"))
    assert "Lai Châu chung tay vì người nghèo - Không để ai bị bỏ lại phía sau" in lai_chau
    assert not any("Tây Sơn" in t for t in lai_chau)
    _choose(page, "province", "", "vi nguoi ngheo")

    assert ND_98 in titles(search(page, "nghi dinh 98"))
    assert ND_98 in titles(_choose(page, "year", "2023", "nghi dinh 98"))
    assert ND_98 not in titles(_choose(page, "year", "2016", "nghi dinh 98"))
    labels = page.locator("select[data-st-filter=type] option").all_inner_texts()
    assert labels[:3] == ["Tất cả", "Phong trào", "Văn bản"]
    provinces = page.locator("select[data-st-filter=province] option").all_inner_texts()
    assert "Trung ương" in provinces and "Tỉnh Bình Định" in provinces


def test_nothing_is_fetched_from_outside_the_site(home):
    for query in ["nong thon moi", "98/2023", "TĐKT"]:
        search(home, query)
    home.locator(".st-kq a").first.click()
    home.wait_for_load_state("networkidle")
    assert any("/pagefind/" in u for u in home.requests)
    assert external(home.requests) == []
    assert home.failed == []  # every file the search asks for is there


def test_works_under_a_path_prefix(browser, site, tmp_path):
    """An intranet may publish the site at http://host/some/folder/."""
    import functools
    import http.server
    import threading

    (tmp_path / "noi-bo").mkdir()
    (tmp_path / "noi-bo" / "so-tay").symlink_to(site, target_is_directory=True)
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(locale="vi-VN")
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        base = f"http://127.0.0.1:{server.server_address[1]}/noi-bo/so-tay/"
        page.goto(base + "phong-trao/vi-nguoi-ngheo/")
        found = search(page, "2597/UBND-NV")
        assert found[0].href == base + "van-ban/cong-van-2597-ubnd-nv-2024-quy-nhon/"
        page.keyboard.press("Enter")
        page.wait_for_url(found[0].href)
        assert page.locator("h1").inner_text() == CV_2597
        assert all(u.startswith(base) for u in requests if "/pagefind/" in u)
        assert external(requests) == []
    finally:
        context.close()
        server.shutdown()


# --- a site whose data holds markup, and "hoá" where the query says "hóa" ------

MARKUP_NAME = 'Thi đua <img src=x onerror="window.__pwned=1"> văn hoá công sở & “kỷ cương” <b>2024</b>'


@pytest.fixture(scope="module")
def markup_site(tmp_path_factory, browser):
    import functools
    import http.server
    import shutil
    import threading

    from .conftest import DATA, mkdocs_build

    root = tmp_path_factory.mktemp("markup")
    data = root / "data"
    shutil.copytree(DATA, data)
    (data / "campaigns" / "thu-nghiem-danh-dau.yaml").write_text(
        "name: " + __import__("json").dumps(MARKUP_NAME, ensure_ascii=False) + "\n"
        "kind: phong trào thi đua\nlevel: xã\nlocality: phuong-quyet-thang\nperiod: '2024'\n"
        "description: Kỷ cương <script>window.__pwned=2</script> hành chính.\n",
        encoding="utf-8")
    result = mkdocs_build(root / "site", data_dir=data)
    assert result.returncode == 0, result.stdout + result.stderr

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(Quiet, directory=str(root / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_markup_from_data_shows_as_text(browser, markup_site):
    context = browser.new_context(locale="vi-VN")
    try:
        page = context.new_page()
        page.goto(markup_site)
        found = search(page, "ky cuong")
        assert found[0].title == MARKUP_NAME
        found = search(page, "cương")  # one word: hits in the shown text, with an excerpt
        hit = next(h for h in found if h.title == MARKUP_NAME)
        assert "<script>" in hit.excerpt or "<img" in hit.excerpt
        results = page.locator(".st-search__results")
        assert results.locator("img, b, script").count() == 0
        assert page.evaluate("window.__pwned") is None
    finally:
        context.close()


@pytest.mark.parametrize("query", ["văn hóa công sở kỷ cương", "văn hoá công sở kỷ cương",
                                   "van hoa cong so ky cuong"])
def test_data_written_hoa_found_by_either_spelling(browser, markup_site, query):
    context = browser.new_context(locale="vi-VN")
    try:
        page = context.new_page()
        page.goto(markup_site)
        assert search(page, query)[0].title == MARKUP_NAME
    finally:
        context.close()


def _tick_full_text(page) -> None:
    """Tick "Tìm cả trong toàn văn" from the keyboard (Tab to it, Space):
    a mouse click lands where the box was, and while results are still
    being laid out it can land on a result link instead (seen in CI)."""
    box = page.get_by_label("Tìm cả trong toàn văn")
    box.focus()
    page.keyboard.press("Space")
    expect(box).to_be_checked()


def test_full_text_on_request(home):
    """The default index has names, numbers and facts; ticking the box searches full texts too."""
    page = home
    assert "Kế hoạch số …/KH-UBND" not in titles(search(page, "sang kien"))
    _tick_full_text(page)
    wait_for_results(page, "sang kien")
    found = hits(page)
    assert "Kế hoạch số …/KH-UBND" in titles(found)  # 002, Quyết Thắng: "sáng kiến" only in its text
    assert any("sáng kiến" in h.excerpt.lower() for h in found)
    assert any("/pagefind-toan-van/" in u for u in page.requests)


def test_words_in_any_order_when_no_name_holds_the_phrase(home):
    # No name says "nông thôn mới Tây Sơn"; the pages holding all four words come instead.
    found = search(home, "nong thon moi tay son")
    assert "Huyện Tây Sơn chung sức xây dựng nông thôn mới" in titles(found)[:3]
    assert home.locator(".st-search__more").is_hidden() or len(found) == 10


# --- a bundle indexed in shards, merged in the browser ----------------------------

SHARD_LIMIT = 60  # 170 pages: 3 shards in each bundle


@dataclass(frozen=True)
class Sharded:
    base: str  # the site's address, under a path prefix
    folder: Path  # the site on disk
    shard_of: dict[str, int]  # URL path of a page -> its shard in both bundles (1: the bundle)


@pytest.fixture(scope="module")
def sharded_site(site, tmp_path_factory):
    """The built site re-indexed 60 pages a Pagefind run, published under a path prefix."""
    import functools
    import http.server
    import shutil
    import threading

    from sotay.outputs.searchindex import index_site

    root = tmp_path_factory.mktemp("sharded")
    copy = root / "noi-bo" / "so-tay"
    shutil.copytree(site, copy, symlinks=True)
    assert index_site(copy, shard_pages=SHARD_LIMIT).shards == (3, 3)
    shard_of, in_default = ({url: number
                             for number, shard in enumerate(shard_folders(copy / folder), start=1)
                             for url in bundle_pages(shard)}
                            for folder in ("pagefind-toan-van", "pagefind"))
    assert shard_of == in_default  # the same pages in the same shards in both bundles

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield Sharded(f"http://127.0.0.1:{server.server_address[1]}/noi-bo/so-tay/", copy, shard_of)
    server.shutdown()


def _all_hits(page, query: str) -> tuple[str, list[Hit]]:
    """The status line and every hit of the search shown, "Xem thêm kết quả" clicked to the end."""
    more = page.locator(".st-search__more")
    while more.is_visible() and more.inner_text() == "Xem thêm kết quả":
        shown = page.locator(".st-kq").count()
        more.click()
        page.wait_for_function(f"document.querySelectorAll('.st-kq').length > {shown}")
    wait_for_results(page, query)
    return page.locator(".st-search__status").inner_text(), hits(page)


def _full_text_search(page, base: str, query: str) -> tuple[str, list[Hit]]:
    page.goto(base + "phong-trao/vi-nguoi-ngheo/")
    search(page, query)  # opens the panel, where the box to tick is
    _tick_full_text(page)
    wait_for_results(page, query)
    return _all_hits(page, query)


def _path(href: str, base: str) -> str:
    assert href.startswith(base), (href, base)
    return "/" + href[len(base):]


@pytest.mark.parametrize("query", ["sang kien", "thi đua"])
def test_sharded_full_text_finds_what_one_index_finds(page, served_site, sharded_site, query):
    base = sharded_site.base
    status, found = _full_text_search(page, base, query)
    one_status, one_index = _full_text_search(page, served_site, query)
    assert status == one_status  # "N kết quả cho «…»": every shard counted
    paths = [_path(h.href, base) for h in found]
    assert len(paths) == len(set(paths))  # no page twice across pages of results
    assert sorted(paths) == sorted(_path(h.href, served_site) for h in one_index)
    shards = {sharded_site.shard_of[p] for p in paths}
    assert 1 in shards and shards - {1}, shards  # results from the first shard and from the others
    assert any("/noi-bo/so-tay/pagefind-toan-van/manh-2/" in u for u in page.requests)
    assert external(page.requests) == []


def test_sharded_result_from_another_shard_opens_its_page(page, sharded_site):
    base = sharded_site.base
    # "sáng kiến" is in the full texts of three documents, not all in one shard
    _, found = _full_text_search(page, base, "sang kien")
    shard = {h.title: sharded_site.shard_of[_path(h.href, base)] for h in found}
    assert {"Kế hoạch số …/KH-UBND", "Báo cáo số …/BC-UBND", "Công văn số …/UBND-NC"} <= set(shard)
    assert 1 in shard.values()
    other = next(h for h in found if shard[h.title] > 1 and h.title.endswith("-UBND"))
    assert "sáng kiến" in other.excerpt.lower()  # from the fragment of its own shard
    page.goto(other.href)
    assert page.locator("h1").inner_text() == other.title
    assert _path(page.url, base).startswith("/van-ban/")


def _filters_then_chosen(page, address: str, query: str, province: str) -> tuple[dict, list[str]]:
    """The values each filter lists, then the titles found for `query` in `province`."""
    page.goto(address)
    search(page, query)  # opens the panel, where the filters are
    page.locator(".st-search__filters").hover()  # their values load when the user reaches for them
    lists = {}
    for name in ("type", "province", "year"):
        select = page.locator(f"select[data-st-filter={name}]")
        select.locator("option").nth(1).wait_for(state="attached")
        lists[name] = select.locator("option").all_inner_texts()
    return lists, sorted(titles(_choose(page, "province", province, query)))


def test_sharded_filters_list_and_apply_values_of_every_shard(page, served_site, sharded_site):
    # Filter values held only by pages outside the first shard of the default bundle.
    shards = [bundle_pages(f) for f in shard_folders(sharded_site.folder / "pagefind")]
    elsewhere = {}
    for name in ("type", "province", "year"):
        values = [{v for record in shard.values() for v in record["filters"].get(name, [])}
                  for shard in shards]
        elsewhere[name] = set().union(*values[1:]) - values[0]
    assert elsewhere["province"], "the test needs a province absent from shard 1"
    province = sorted(elsewhere["province"])[0]  # "Tỉnh Gia Lai"
    query = fold(province).removeprefix("tinh ")

    lists, found = _filters_then_chosen(page, sharded_site.base, query, province)
    for name, values in elsewhere.items():
        assert values <= set(lists[name]), name
    assert found
    assert (lists, found) == _filters_then_chosen(page, served_site, query, province)
