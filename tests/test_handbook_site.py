"""The handbook in the built site: the PDFs, the header link on every page,
and every page printing cleanly from the browser (print stylesheet)."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urljoin

import pytest

from sotay.outputs import handbook

from .pdfcheck import ReadPdf

HEADER_LINK = re.compile(r'<a href="([^"]+)" class="md-header__button md-icon st-pdf"')


def test_site_publishes_the_whole_handbook_and_one_per_province(site, graph, kb):
    whole = site / "so-tay.pdf"
    assert whole.read_bytes().startswith(b"%PDF-")
    assert "Toàn bộ kho" in ReadPdf(whole.read_bytes()).texts[0]
    listing = (site / "so-tay" / "index.html").read_text(encoding="utf-8")
    provinces = {graph.province_of(graph.locality_of_document(d.id))
                 for d in kb.documents.values() if d.has_text}
    assert provinces == {"tinh-binh-dinh", "tinh-lai-chau", "tinh-nam-dinh", "tinh-ninh-thuan"}
    for province in provinces:
        pdf = site / "so-tay" / f"{province}.pdf"
        assert pdf.read_bytes().startswith(b"%PDF-"), province
        assert f'href="{province}.pdf"' in listing  # the site says which PDFs it publishes
        name = kb.localities[province].name
        assert name[:1].upper() + name[1:] in listing
    assert 'href="../so-tay.pdf"' in listing


def test_every_page_links_the_pdf_from_its_header(site):
    pages = [p for p in site.rglob("index.html")
             if not p.relative_to(site).parts[0].startswith("pagefind")]
    assert len(pages) > 150
    for page in pages:
        html = page.read_text(encoding="utf-8")
        m = HEADER_LINK.search(html)
        assert m, f"{page.relative_to(site)}: no handbook link in the header"
        assert (page.parent / m.group(1)).resolve() == (site / "so-tay.pdf").resolve(), page


def test_without_printing_the_site_lists_the_commands_and_links_the_list(graph):
    """SOTAY_HANDBOOK=0, or every scope over max_documents: no PDF, and the
    header link goes to the page saying how to print them."""
    publication = handbook.publish(graph, dt.date(2024, 7, 1), max_documents=0)
    assert publication.assets == []
    assert publication.link == handbook.LIST_PAGE_URI
    page = publication.pages[0].content
    assert page.startswith("---\n")
    assert "sotay handbook --tinh tinh-binh-dinh" in page
    # Unprinted scopes are counted without being selected: the counts the
    # page gives are those of the handbook the command would print.
    counts = {p.scope: p.documents for p in publication.published}
    assert len(counts) == 5 and counts[handbook.Scope()] == 5
    for scope, count in counts.items():
        assert count == len(handbook.select(graph, scope, dt.date(2024, 7, 1)).documents), scope
        assert f"<td>{count}</td>" in page


@pytest.mark.browser
def test_header_link_downloads_the_pdf(page, served_site):
    page.goto(served_site + "phong-trao/vi-nguoi-ngheo/")
    link = page.locator("header a.st-pdf")
    assert link.is_visible()
    href = link.get_attribute("href")
    response = page.request.get(urljoin(page.url, href))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")


@pytest.mark.browser
def test_pages_print_without_navigation_and_show_external_addresses(page, served_site):
    page.goto(served_site + "van-ban/cong-van-2597-ubnd-nv-2024-quy-nhon/")
    # An external link, as a hand-written page may have one.
    page.evaluate("""() => {
        const a = document.createElement('a');
        a.href = 'https://thuvienphapluat.vn/van-ban/nghi-dinh-98';
        a.textContent = 'Nghị định 98';
        a.id = 'ngoai';
        document.querySelector('.md-content article').appendChild(a);
    }""")
    chrome = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
              ".st-search", "header a.st-pdf"]
    for selector in chrome:
        assert page.locator(selector).first.is_visible(), selector  # on screen: there
    page.emulate_media(media="print")
    for selector in chrome:
        assert not page.locator(selector).first.is_visible(), f"{selector} printed"
    assert page.locator("h1").is_visible()
    after = page.evaluate("getComputedStyle(document.getElementById('ngoai'), '::after').content")
    assert "https://thuvienphapluat.vn/van-ban/nghi-dinh-98" in after
    internal = page.evaluate(
        "getComputedStyle(document.querySelector('.md-content a.st-doc'), '::after').content")
    assert internal in ("none", "normal", "")  # relative addresses mean nothing on paper


def test_print_stylesheet_is_part_of_every_page(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="assets/print.css"' in html
    assert "@media print" in (site / "assets" / "print.css").read_text(encoding="utf-8")
