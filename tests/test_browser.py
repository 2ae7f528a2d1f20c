"""A person with a browser: home -> campaign -> document -> cited directive -> back."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

VI_NGUOI_NGHEO = "Vì người nghèo - Không để ai bị bỏ lại phía sau"


def _only_local(requests: list[str]) -> list[str]:
    return [u for u in requests if urlsplit(u).hostname not in ("127.0.0.1", None) and not u.startswith("data:")]


def test_home_to_campaign_to_document_and_back(page, served_site):
    page.goto(served_site)
    assert page.locator("h1").first.inner_text() == "Sổ tay thi đua"
    assert page.locator("html").get_attribute("lang") == "vi"

    # The home page leads to the campaign list, and from there to a campaign.
    page.get_by_role("link", name="phong trào thi đua", exact=False).first.click()
    page.get_by_role("link", name=VI_NGUOI_NGHEO, exact=True).first.click()
    expect(page.locator("h1")).to_have_text(VI_NGUOI_NGHEO)

    # The campaign lists the Quy Nhơn guidance; open it.
    page.get_by_role("link", name="Công văn 2597/UBND-NV").first.click()
    expect(page.locator("h1")).to_have_text("Công văn 2597/UBND-NV")
    doc_url = page.url

    # In the full text, the citation of Chỉ thị 05-CT/TW is a link, in place.
    citation = page.locator(".st-toan-van a.st-trich-dan", has_text="Chỉ thị số 05-CT/TW ngày 15/5/2016")
    citation.first.click()
    expect(page.locator("h1")).to_have_text("Chỉ thị 05-CT/TW")

    # ... whose page lists who cites it, our guidance included: back we go.
    back = page.locator("#duoc-trich-dan-boi ~ ul a.st-doc", has_text="Công văn 2597/UBND-NV")
    back.first.click()
    page.wait_for_url(doc_url)

    # And the campaign is linked in place in the text too.
    page.locator(".st-toan-van a.st-phong-trao", has_text="Vì người nghèo").first.click()
    expect(page.locator("h1")).to_have_text(VI_NGUOI_NGHEO)
    assert _only_local(page.requests) == []


def test_matrix_cell_leads_to_the_locality_section(page, served_site):
    page.goto(served_site + "phong-trao-dia-ban/")
    row = page.locator("tr", has=page.get_by_role("link", name=VI_NGUOI_NGHEO, exact=True))
    cells = row.locator("td a")
    assert cells.count() >= 4  # 000, 001, 002, 003: four localities
    href = cells.first.get_attribute("href")
    fragment = urlsplit(href).fragment
    assert fragment.startswith("dia-ban-")
    cells.first.click()
    page.wait_for_url(f"**#{fragment}")
    expect(page.locator(f"#{fragment}")).to_be_visible()
    assert _only_local(page.requests) == []


def test_no_external_request_on_any_index_page(page, served_site):
    for path in ["", "phong-trao/", "van-ban/", "van-ban-trich-dan/", "han/", "dia-ban/", "co-quan/", "du-lieu/"]:
        page.goto(served_site + path)
        page.wait_for_load_state("networkidle")
    assert _only_local(page.requests) == []
