"""The built site: strict build, every entity a page, links, offline, safe failure."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from sotay.site.linker import SECTION

from . import htmlcheck
from .conftest import mkdocs_build


def test_every_entity_has_a_page(site, kb):
    for kind, records in [("document", kb.documents), ("campaign", kb.campaigns),
                          ("body", kb.bodies), ("locality", kb.localities)]:
        for record_id in records:
            assert (site / SECTION[kind] / record_id / "index.html").exists(), (kind, record_id)
    for index in ["", "van-ban/", "van-ban-trich-dan/", "phong-trao/", "co-quan/", "dia-ban/",
                  "phong-trao-dia-ban/", "han/", "chi-tieu/", "du-lieu/", "huong-dan/"]:
        assert (site / index / "index.html").exists(), index


def test_no_broken_internal_link(site):
    assert htmlcheck.broken_links(site) == []


def test_no_request_leaves_the_site(site):
    """Offline intranet: no http(s) asset in any page or stylesheet."""
    external = []
    for html in htmlcheck.pages(site):
        c = htmlcheck.parse(html)
        external += [f"{html.relative_to(site)}: {a}" for a in c.assets
                     if re.match(r"^(https?:)?//", a)]
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        external += [f"{css.relative_to(site)}: {m}" for m in
                     re.findall(r"(?:url\(\s*['\"]?|@import\s+['\"])((?:https?:)?//[^'\")\s]+)", text)]
    assert external == []


def test_urls_fold_vietnamese(site):
    # "Nghị định" must not become "nghi-inh", in URLs and heading anchors.
    assert (site / "van-ban" / "nghi-dinh-98-2023-nd-cp" / "index.html").exists()
    html = (site / "van-ban" / "nghi-dinh-98-2023-nd-cp" / "index.html").read_text(encoding="utf-8")
    assert 'id="duoc-trich-dan-boi"' in html
    assert not list(site.rglob("*nghi-inh*"))


def test_entity_pages_stay_out_of_the_nav(site, kb):
    """Nav size is constant: every page renders only the index pages' nav."""
    def nav_links(path: Path) -> int:
        html = path.read_text(encoding="utf-8")
        nav = html[html.index('class="md-nav md-nav--primary"'):html.index('class="md-sidebar md-sidebar--secondary"')]
        return nav.count("<a ")
    doc_page = site / "van-ban" / next(iter(kb.documents)) / "index.html"
    counts = {nav_links(doc_page), nav_links(site / "index.html")}
    assert max(counts) < 30, counts
    assert not any(f"/{SECTION['document']}/{d}/" in doc_page.read_text(encoding="utf-8").split('md-nav--secondary')[0]
                   for d in list(kb.documents)[1:5])


def _tree_hash(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_invalid_data_stops_the_build_and_keeps_the_last_good_site(tmp_path, data_copy):
    out = tmp_path / "site"
    assert mkdocs_build(out, data_copy).returncode == 0
    before = _tree_hash(out)
    campaign = sorted((data_copy / "campaigns").glob("*.yaml"))[0]
    campaign.write_text(campaign.read_text(encoding="utf-8").replace("kind:", "knd:", 1), encoding="utf-8")
    doc = sorted((data_copy / "documents").glob("*.yaml"))[0]
    doc.write_text(doc.read_text(encoding="utf-8") + "issuer_x: 1\n", encoding="utf-8")
    result = mkdocs_build(out, data_copy)
    assert result.returncode != 0
    log = result.stdout + result.stderr
    assert "Traceback" not in log
    assert f"data/campaigns/{campaign.name}:" in log and "knd: trường không có trong lược đồ" in log
    assert f"data/documents/{doc.name}:" in log and "issuer_x: trường không có trong lược đồ" in log
    assert _tree_hash(out) == before
