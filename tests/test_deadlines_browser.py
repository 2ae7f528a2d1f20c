"""The deadlines page as staff use it, in Chromium: filters, shared links, past marks.

The site is built with "today" pinned to 1/7/2024 (conftest.TODAY): the 2023
deadlines and 15/5/2024 are past, 12/7/2024 is upcoming.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser

QUY_NHON_12_7 = "han-2024-07-12-quy-nhon-gui-bao-cao-so-ket"
QUY_NHON_20_7 = "han-2024-07-20-quy-nhon-to-chuc-hoi-nghi-so-ket"
TAY_SON = ["han-2023-06-12-tay-son-gui-ho-so-khen-thuong-nam-hoc",
           "han-2023-06-23-tay-son-gui-bao-cao-so-ket-6-thang",
           "han-2023-06-30-tay-son-gui-bao-cao-so-ket-cum-khoi"]
QUYET_THANG = ["han-2024-05-15-quyet-thang-bao-cao-6-thang",
               "han-2024-11-01-quyet-thang-bao-cao-nam"]
Y_YEN = ["han-2024-12-30-y-yen-gui-bao-cao-tong-ket", "han-y-yen-bao-cao-tong-ket-khoi-cuoi-nam"]
ALL = [QUY_NHON_12_7, QUY_NHON_20_7, *TAY_SON, *QUYET_THANG, *Y_YEN]


def visible_rows(page) -> list[str]:
    return sorted(page.eval_on_selector_all(
        "tr.st-han", "rows => rows.filter(r => r.offsetParent !== null).map(r => r.id)"))


def filters(page):
    """The deadlines page's filter form (the site search has filters of its own)."""
    return page.locator("#han-loc")


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def open_deadlines(page, served_site, suffix: str = ""):
    page.goto(served_site + "han/" + suffix)
    page.locator("#han-loc").wait_for(state="visible")  # the script shows the filters


def test_filters_narrow_the_list_as_the_user_clicks(page, served_site):
    open_deadlines(page, served_site)
    assert visible_rows(page) == sorted(ALL)
    assert page.locator(".st-han-ket-qua").inner_text() == "Đang hiện tất cả 9 hạn."

    filters(page).get_by_label("Tỉnh").select_option(label="tỉnh Bình Định")
    assert visible_rows(page) == sorted([QUY_NHON_12_7, QUY_NHON_20_7, *TAY_SON])
    assert query(page) == {"tinh": ["tinh-binh-dinh"]}
    # the locality list now offers only Bình Định's units
    offered = page.locator("select[name=dia-ban] option:not([hidden])").all_inner_texts()
    assert offered == ["tất cả", "huyện Tây Sơn", "thành phố Quy Nhơn"]

    filters(page).get_by_label("Địa bàn").select_option(label="huyện Tây Sơn")
    assert visible_rows(page) == sorted(TAY_SON)
    assert query(page) == {"tinh": ["tinh-binh-dinh"], "dia-ban": ["huyen-tay-son"]}
    # Tây Sơn's deadlines are all past: the upcoming section says so
    assert page.locator("[data-nhom=sap-toi] .st-han-trong").is_visible()
    # and its calendar is offered
    feed = page.locator(".st-han-lich-loc a")
    assert feed.get_attribute("href") == "dia-ban/huyen-tay-son.ics"

    filters(page).get_by_label("Ẩn hạn đã qua").check()
    assert visible_rows(page) == []
    assert page.locator(".st-han-ket-qua").inner_text() == "Đang hiện 0 trên 9 hạn."

    filters(page).get_by_role("button", name="Bỏ lọc").click()
    assert visible_rows(page) == sorted(ALL)
    assert query(page) == {}


def test_due_within_n_days_counts_from_the_build_date(page, served_site):
    open_deadlines(page, served_site)
    days = filters(page).get_by_label("Đến hạn trong")
    days.fill("15")  # 1/7/2024 + 15 days: only 12/7
    assert [r for r in visible_rows(page) if r != Y_YEN[1]] == [QUY_NHON_12_7]
    days.fill("19")  # 20/7 is exactly 19 days away
    dated = [r for r in visible_rows(page) if r != Y_YEN[1]]
    assert dated == sorted([QUY_NHON_12_7, QUY_NHON_20_7])
    # the relative deadline has no date: it stays, in its own section
    assert Y_YEN[1] in visible_rows(page)
    assert query(page) == {"trong": ["19"]}


def test_level_and_campaign_filters(page, served_site):
    open_deadlines(page, served_site)
    filters(page).get_by_label("Cấp").select_option(label="xã")
    assert visible_rows(page) == sorted(QUYET_THANG)
    filters(page).get_by_label("Cấp").select_option(label="tất cả")
    filters(page).get_by_label("Phong trào").select_option(value="y-yen-khoi-phong-chuyen-mon-2024")
    assert visible_rows(page) == sorted(Y_YEN)
    assert query(page) == {"phong-trao": ["y-yen-khoi-phong-chuyen-mon-2024"]}


def test_the_url_reproduces_the_view_when_opened_fresh(page, browser, served_site):
    open_deadlines(page, served_site)
    filters(page).get_by_label("Tỉnh").select_option(label="tỉnh Bình Định")
    filters(page).get_by_label("Đến hạn trong").fill("30")
    expected = visible_rows(page)
    assert expected == sorted([QUY_NHON_12_7, QUY_NHON_20_7])
    shared = page.url

    other = browser.new_context(locale="vi-VN").new_page()
    try:
        other.goto(shared)
        other.locator("#han-loc").wait_for(state="visible")
        assert visible_rows(other) == expected
        assert filters(other).get_by_label("Tỉnh").input_value() == "tinh-binh-dinh"
        assert filters(other).get_by_label("Đến hạn trong").input_value() == "30"
        # whole months without a match are gone with their heading
        assert other.locator("#sap-toi-2024-07").is_visible()
        assert not other.locator("#sap-toi-2024-11").is_visible()
        assert not other.locator("#da-qua-2023-06").is_visible()
    finally:
        other.context.close()


def test_a_link_with_unknown_values_shows_everything(page, served_site):
    open_deadlines(page, served_site, "?tinh=khong-co&trong=abc")
    assert visible_rows(page) == sorted(ALL)


def test_past_deadlines_are_marked_with_a_label_and_a_style(page, served_site):
    open_deadlines(page, served_site)
    past = [*TAY_SON, QUYET_THANG[0]]
    for row_id in past:
        row = page.locator(f"#{row_id}")
        assert row.locator(".st-nhan-qua").inner_text() == "đã qua"
        assert page.locator(f"[data-nhom=da-qua] #{row_id}").count() == 1
    upcoming = page.locator(f"#{QUY_NHON_12_7}")
    assert upcoming.locator(".st-nhan-sap").inner_text() == "còn 11 ngày"
    assert page.locator(f"[data-nhom=sap-toi] #{QUY_NHON_12_7}").count() == 1
    assert upcoming.locator(".st-nhan-qua").count() == 0

    def edge(row_id: str) -> str:
        return page.eval_on_selector(f"#{row_id} td", "td => getComputedStyle(td).borderLeftStyle")

    # not colour alone: a dashed edge for past rows, a solid one for upcoming rows
    assert edge(TAY_SON[0]) == "dashed" and edge(QUY_NHON_12_7) == "solid"

    # upcoming first: the first row on the page is the soonest
    assert page.locator("tr.st-han").first.get_attribute("id") == QUY_NHON_12_7


def test_a_deadline_leads_to_its_sentence(page, served_site):
    from playwright.sync_api import expect

    open_deadlines(page, served_site)
    page.locator(f"#{QUY_NHON_12_7} a.st-cau-han").click()
    page.wait_for_url(f"**/van-ban/cong-van-2597-ubnd-nv-2024-quy-nhon/#{QUY_NHON_12_7}")
    mark = page.locator(f"mark#{QUY_NHON_12_7}")
    expect(mark).to_be_in_viewport()  # the browser scrolled to the sentence
    assert mark.inner_text().startswith("Các khối thi đua thuộc thành phố")
    expect(page.locator("mark.st-han", has_text="trước ngày 12/7/2024")).to_be_visible()


def test_home_page_shows_the_next_deadline_first(page, served_site):
    page.goto(served_site)
    section = page.locator("xpath=//h2[@id='thoi-han-sap-toi']/following::table[1]")
    assert section.locator("tbody tr").first.locator("time").inner_text() == "12/7/2024"
    assert section.locator(".st-nhan-qua").count() == 0
