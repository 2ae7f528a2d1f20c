"""Long lists at scale (sotay/site/paging.py): entity pages show part of a long list
and link to a paginated listing; long index pages, the deadlines page and the
campaigns × localities table are split. Checked on a generated knowledge base
with the thresholds lowered, as a user would check it: every entry once,
pagers that lead somewhere, links that resolve, pages that stay small."""

from __future__ import annotations

import dataclasses
import json
import os
import posixpath
import random
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sotay import build_graph, load_knowledge_base
from sotay.data.errors import DataError
from sotay.data.model import Citation, Document, Mention
from sotay.graph.schedule import UNDATED
from sotay.site import paging
from sotay.site.linker import DEADLINES_FOLDER, Linker, entity_uri, listing_folder, url_of
from sotay.site.listings import LISTINGS
from sotay.site.render import SiteRenderer, render
from sotay.text.dates import PartialDate
from sotay.text.folding import heading_slug

from . import htmlcheck
from .conftest import DATA, ROOT, TODAY

# Small enough that the 60 generated documents need every kind of cut.
LOW = {"LIST_LIMIT": 6, "PREVIEW": 4, "PAGE_SIZE": 5, "DEADLINES_PAGE_LIMIT": 10,
       "MATRIX_MAX_COLUMNS": 8, "MATRIX_ROWS_PER_PAGE": 7, "CAMPAIGN_DOCS_PER_LOCALITY": 1,
       "INDEX_ADAPTATIONS": 2}
DEFAULTS = {name: getattr(paging, name) for name in LOW}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    """The seeds plus 60 synthetic documents (as tests/test_incremental.py)."""
    out = tmp_path_factory.mktemp("gen") / "data"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "-n", "60", "--out", str(out)],
                   check=True, capture_output=True)
    return out


@pytest.fixture(scope="module")
def low():
    with pytest.MonkeyPatch.context() as mp:
        for name, value in LOW.items():
            mp.setattr(paging, name, value)
        yield


@pytest.fixture(scope="module")
def graph(data_dir):
    """The generated records, their deadlines also tied to the campaigns their
    documents mention and, one in two, sent to one body (the generator sets
    neither): campaigns and bodies get long deadline lists too. One in five
    recurs yearly (several rows each)."""
    kb, _ = load_knowledge_base(data_dir)
    body = sorted(kb.bodies)[0]
    deadlines = {}
    for i, d in enumerate(sorted(kb.deadlines.values(), key=lambda d: d.id)):
        doc = kb.documents[d.source]
        deadlines[d.id] = dataclasses.replace(
            d, campaigns=d.campaigns or tuple(dict.fromkeys(m.campaign for m in doc.campaigns)),
            recipient_body=d.recipient_body or (body if i % 2 else None),
            recurrence=d.recurrence or ("hằng năm" if d.date and i % 5 == 0 else None))
    return build_graph(dataclasses.replace(kb, deadlines=deadlines))


@pytest.fixture(scope="module")
def renderer(graph, low):
    return SiteRenderer(graph, TODAY)


@pytest.fixture(scope="module")
def site(graph, low) -> dict[str, str]:
    out = render(graph, TODAY)
    return {p.uri: p.content for p in out.pages}


@pytest.fixture(scope="module")
def assets(graph, low) -> set[str]:
    return {a.uri for a in render(graph, TODAY).assets}


# --- helpers: a page's links, as a browser would follow them --------------------

_HREF = re.compile(r'<a\b[^>]*?\bhref="([^"]*)"')
_ID = re.compile(r'\bid="([^"]+)"')


def resolve(uri: str, href: str) -> tuple[str, str]:
    """The directory URL ("van-ban/x/") or asset path an href of page `uri` points at, and its fragment."""
    parts = urlsplit(href)
    base = url_of(uri)
    if not parts.path:
        return base, parts.fragment
    target = posixpath.normpath(posixpath.join(base, parts.path))
    target = "" if target == "." else target
    return (target + "/" if parts.path.endswith("/") and target else target), parts.fragment


def anchors(content: str) -> set[str]:
    """Ids of a generated page: HTML ids and the Markdown headings' ids."""
    ids = set(_ID.findall(content))
    ids |= {heading_slug(m, "-") for m in re.findall(r"^#{2,6} (.+)$", content, flags=re.M)}
    return ids


def pages_by_url(site: dict[str, str]) -> dict[str, str]:
    return {url_of(uri): content for uri, content in site.items()}


def entries(uri: str, content: str, css: str = "st-doc") -> list[str]:
    """The records a listing page lists, in order: the targets of its `css` links."""
    hrefs = re.findall(rf'<a class="{css}" href="([^"]*)"', content)
    return [resolve(uri, h)[0].rstrip("/").split("/")[-1] for h in hrefs]


def listing_pages(site: dict[str, str], folder: str) -> list[str]:
    """The pages of one listing, in page order."""
    out, n = [], 1
    while paging.page_uri(folder, n) in site:
        out.append(paging.page_uri(folder, n))
        n += 1
    return out


def expected_ids(kind: str, name: str, items: list) -> list[str]:
    if name == "han":
        return [o.deadline.source for o in items]
    if name == "hinh-thuc-dia-phuong":
        return list(items)
    if name == "phong-trao":
        return [cid for cid, _ in items]
    if kind == "campaign":
        return [doc.id for doc, _ in items]
    if kind == "document":
        return [c.source for c in items]
    return [d.id for d in items]


def long_lists(renderer) -> list[tuple[str, str, str, list]]:
    kb = renderer.kb
    records = {"locality": kb.localities, "body": kb.bodies, "campaign": kb.campaigns, "document": kb.documents}
    out = []
    for kind, name in LISTINGS:
        for record_id in records[kind]:
            items = renderer.listings.listing_items(kind, name, record_id)
            if len(items) > paging.LIST_LIMIT:
                out.append((kind, name, record_id, items))
    return out


# --- entity pages and their full listings ---------------------------------------

def test_listing_sizes_are_the_lengths_of_the_lists(renderer):
    """The build counts lists without sorting them to decide which listing pages exist."""
    kb = renderer.kb
    records = {"locality": kb.localities, "body": kb.bodies, "campaign": kb.campaigns, "document": kb.documents}
    for kind, name in LISTINGS:
        for record_id in records[kind]:
            assert renderer.listings.listing_size(kind, name, record_id) == len(
                renderer.listings.listing_items(kind, name, record_id)), (kind, name, record_id)


def test_the_generated_data_has_long_lists_of_every_kind(renderer):
    found = Counter((kind, name) for kind, name, _, _ in long_lists(renderer))
    assert set(found) == set(LISTINGS), found


def test_every_entry_of_a_long_list_appears_once_across_its_pages(site, renderer):
    for kind, name, record_id, items in long_lists(renderer):
        folder = listing_folder(kind, record_id, name)
        pages = listing_pages(site, folder)
        assert len(pages) == paging.page_count(len(items)) > 0, folder
        listed = []
        for uri in pages:
            on_page = entries(uri, site[uri], "st-campaign" if name in ("phong-trao", "hinh-thuc-dia-phuong")
                              else "st-doc")
            assert 0 < len(on_page) <= paging.PAGE_SIZE, uri
            listed += on_page
        assert listed == expected_ids(kind, name, items), folder


def test_the_entity_page_shows_the_most_recent_and_links_to_all(site, renderer):
    for kind, name, record_id, items in long_lists(renderer):
        uri = entity_uri(kind, record_id)
        page = site[uri]
        noun = LISTINGS[(kind, name)].noun
        links = re.findall(rf'<a[^>]*href="([^"]*)"[^>]*>Xem tất cả {paging.vi_number(len(items))} {noun}', page)
        assert links, (uri, name)
        for href in links:
            assert resolve(uri, href) == (url_of(paging.page_uri(listing_folder(kind, record_id, name), 1)), "")
        if name == "van-ban" and kind != "campaign":
            # the PREVIEW most recent documents, in the list's order
            section = page[page.index("\n## Văn bản"):]
            shown = entries(uri, section[:section.index("Xem tất cả", section.index("</table>"))])
            newest = sorted(items, key=lambda d: (d.date is not None, d.date.sort_key() if d.date else (0,), d.label))
            assert sorted(shown) == sorted(d.id for d in newest[-paging.PREVIEW:])
            assert shown == [d.id for d in items if d.id in set(shown)]
            assert f"Đang hiện {paging.PREVIEW} văn bản mới nhất trong tổng số" in page


def test_a_long_campaign_page_keeps_a_row_per_locality_leading_into_the_listing(site, renderer, graph):
    pages = pages_by_url(site)
    for kind, name, record_id, items in long_lists(renderer):
        if (kind, name) != ("campaign", "van-ban"):
            continue
        uri = entity_uri(kind, record_id)
        page = site[uri]
        localities = {graph.locality_of_document(doc.id) for doc, _ in items}
        for loc in localities:
            row = re.search(rf'<tr id="dia-ban-{loc}">(.*?)</tr>', page)
            assert row, (record_id, loc)
            count = sum(1 for doc, _ in items if graph.locality_of_document(doc.id) == loc)
            (href,) = re.findall(rf'href="([^"]*)">{count} văn bản</a>', row.group(1))
            target, fragment = resolve(uri, href)
            assert fragment == f"dia-ban-{loc}" and fragment in anchors(pages[target])


def test_pagers_lead_to_the_pages_of_their_listing(site):
    pages = pages_by_url(site)
    paged = {uri: c for uri, c in site.items() if 'class="st-phan-trang"' in c}
    assert len(paged) > 20
    for uri, content in paged.items():
        number, count = map(int, re.search(r"Trang (\d+)/(\d+)</span>", content).groups())
        nav = content[content.index('class="st-phan-trang"'):]
        nav = nav[:nav.index("</nav>")]
        targets = [resolve(uri, h)[0] for h in _HREF.findall(nav)]
        assert all(t in pages for t in targets), (uri, targets)
        assert ("Trang trước</a>" in nav) == (number > 1)
        assert ("Trang sau →</a>" in nav) == (number < count)
        # the pager's own page numbers: every page of the listing reachable from page 1
        if number == 1:
            numbered = {int(n) for n in re.findall(r">(\d+)</a>", nav)}
            assert numbered | {1} >= {1, 2, count}


def test_every_link_of_every_page_resolves(site, assets):
    """Listing pages, index pages and entity pages: every relative link leads to
    a generated page (and its anchor) or a published asset."""
    pages = pages_by_url(site)
    ids = {url: anchors(c) for url, c in pages.items()}
    problems = []
    for uri, content in site.items():
        for href in _HREF.findall(content):
            if urlsplit(href).scheme:
                continue
            target, fragment = resolve(uri, href)
            if target in pages:
                if fragment and fragment not in ids[target]:
                    problems.append(f"{uri}: {href} -> no #{fragment}")
            elif target not in assets and target.rstrip("/") not in ("huong-dan", "so-tay"):
                problems.append(f"{uri}: {href} -> missing {target}")
    assert problems == []


def test_no_page_holds_more_than_a_page_of_entries(site):
    """What makes pages small at any scale: rows per page are bounded."""
    limit = paging.PAGE_SIZE
    for uri, content in site.items():
        if ("/van-ban/" in uri and uri.count("/") >= 3) or uri.startswith(("van-ban/index", "van-ban/trang-")):
            assert content.count("<tr><td>") <= limit, uri
        if uri.startswith("han/") and uri != "han/index.md":
            assert content.count('<tr id="han-') <= limit, uri
    rows = Counter(uri for uri, c in site.items() for _ in re.finditer(r'<tr id="han-', c))
    assert rows["han/index.md"] <= 2 * paging.PAGE_SIZE  # the soonest upcoming, the relative ones


def test_index_pages_are_paginated_with_every_record_once(site, graph):
    kb = graph.kb
    documents = [uri for uri in listing_pages(site, "van-ban")]
    assert len(documents) > 1
    listed = [i for uri in documents for i in entries(uri, site[uri])]
    texts = [d for d in kb.documents.values() if d.has_text]
    assert sorted(listed) == sorted(d.id for d in texts) and len(set(listed)) == len(listed)
    references = listing_pages(site, "van-ban-trich-dan")
    listed = [i for uri in references for i in entries(uri, site[uri])]
    assert sorted(listed) == sorted(d.id for d in kb.documents.values() if not d.has_text)
    bodies = listing_pages(site, "co-quan")
    listed = [resolve(uri, h)[0] for uri in bodies
              for h in re.findall(r'<tr><td><a href="([^"]*)"', site[uri])]
    assert sorted(listed) == sorted(f"co-quan/{b}/" for b in kb.bodies)
    campaigns = listing_pages(site, "phong-trao")
    listed = [resolve(uri, h)[0] for uri in campaigns
              for h in re.findall(r'<tr><td><a class="st-campaign" href="([^"]*)"', site[uri])]
    assert sorted(listed) == sorted(f"phong-trao/{c.id}/" for c in kb.campaigns.values() if not c.adapts)
    # a group running over a page break says so on the next page
    assert any("(tiếp)" in site[uri] for uri in references + bodies + campaigns)


def test_deadlines_split_by_month_with_the_filters_on_every_page(site, renderer):
    every = renderer.schedule.all()
    assert len(every) > paging.DEADLINES_PAGE_LIMIT
    han = site["han/index.md"]
    upcoming = [o for o in every if o.status == "sap-toi"]
    shown = re.findall(r'<tr id="(han-[^"]+)"', han)
    assert [o.anchor for o in upcoming][:paging.PAGE_SIZE] == [i for i in shown if i in
                                                                         {o.anchor for o in upcoming}]
    month_pages = [uri for uri in site if re.match(rf"{DEADLINES_FOLDER}/\d{{4}}(-\d\d)?/", uri)]
    assert month_pages
    on_months = [i for uri in month_pages for i in re.findall(r'<tr id="(han-[^"]+)"', site[uri])]
    dated = [o.anchor for o in every if o.status != UNDATED]
    assert sorted(on_months) == sorted(dated) and len(set(on_months)) == len(on_months)
    for uri in ["han/index.md", *month_pages]:
        assert '<form id="han-loc"' in site[uri], uri
        # the filter offers the provinces of the page's own rows, and only those
        offered = set(re.findall(r'<option value="([^"]+)">', site[uri].split('name="tinh"')[1].split("</select>")[0]))
        rows = set(re.findall(r'<tr id="han-[^"]+" class="[^"]*" data-tinh="([^"]*)"', site[uri])) - {""}
        assert offered == rows, uri
    # han/ links every month page
    months = {resolve("han/index.md", h)[0] for h in re.findall(r'href="(\d{4}(?:-\d\d)?/)"', han)}
    assert months == {url_of(uri) for uri in month_pages if "/trang-" not in uri}


def test_the_matrix_rolls_columns_up_and_pages_its_rows(site, graph):
    pages = listing_pages(site, "phong-trao-dia-ban")
    assert len(pages) > 1
    kb = graph.kb
    rows = []
    for uri in pages:
        head = site[uri].split("<thead>")[1].split("</thead>")[0]
        cols = [resolve(uri, h)[0].split("/")[1] for h in re.findall(r'<th><a href="([^"]*)"', head)]
        # rolled up: provinces (and the country, for national bodies' documents)
        assert {kb.localities[c].level for c in cols} <= {"tỉnh", "trung ương"}, uri
        rows += re.findall(r'<tr><th><a class="st-campaign" href="[^"]*/([^"/]+)/"', site[uri])
        assert "cột được gộp theo cấp tỉnh" in site[uri]
    assert rows == graph.matrix()[0]


def test_seed_data_is_not_cut(monkeypatch):
    """At the shipped size, lists are short: no listing, no pager, no "Xem tất cả"."""
    for name, value in DEFAULTS.items():  # whatever the module's fixtures lowered
        monkeypatch.setattr(paging, name, value)
    kb, _ = load_knowledge_base(DATA)
    out = render(build_graph(kb), TODAY)
    uris = {p.uri for p in out.pages}
    assert not [u for u in uris if "/trang-" in u or (u.count("/") > 1 and not u.startswith("du-lieu/"))]
    assert not [p.uri for p in out.pages if "Xem tất cả" in p.content or "st-phan-trang" in p.content]


def _new_document(kb):
    model = next(d for d in kb.documents.values() if d.has_text and d.campaigns and d.citations)
    doc = Document(id="cong-van-moi-2024", kind="Công văn", issuer=model.issuer, date=PartialDate(2024, 6, 3),
                   subject="Về việc mới", text="Thực hiện phong trào, đề nghị các đơn vị triển khai.",
                   citations=(Citation("cong-van-moi-2024", model.citations[0].target, "căn cứ"),),
                   campaigns=(Mention("cong-van-moi-2024", model.campaigns[0].campaign),))
    return dataclasses.replace(kb, documents={**kb.documents, doc.id: doc})


def _edit_oldest_subject(kb):
    """The oldest document is on page 1 of every listing it is in, never in a
    preview of the most recent: only listing pages show its subject."""
    doc = min((d for d in kb.documents.values() if d.date and d.has_text), key=lambda d: d.date.sort_key())
    return dataclasses.replace(kb, documents={**kb.documents, doc.id: dataclasses.replace(doc, subject="Đã sửa")})


def _rename_province(kb):
    loc = next(loc for loc in kb.localities.values() if loc.level == "tỉnh")
    return dataclasses.replace(kb, localities={**kb.localities, loc.id: dataclasses.replace(loc, name=loc.name + " mới")})


@pytest.mark.parametrize("edit", [_new_document, _edit_oldest_subject, _rename_province],
                         ids=lambda f: f.__name__.strip("_"))
def test_incremental_render_of_a_paginated_site_equals_a_full_one(graph, low, edit):
    """Listing pages are jobs like any page (sotay/site/incremental.py), and the
    pages of one listing share the list they cut: after an edit, the
    incremental render equals a full one."""
    first = render(graph, TODAY, track=True)
    edited = build_graph(edit(graph.kb))
    again = render(edited, TODAY, track=True, previous=first.previous)
    full = render(edited, TODAY)
    assert {p.uri: p.content for p in again.pages} == {p.uri: p.content for p in full.pages}
    assert [p.uri for p in again.pages] == [p.uri for p in full.pages]
    assert again.rendered < len(full.pages) // 2


def test_two_pages_never_share_an_address(graph, low):
    kb = graph.kb
    c = next(iter(kb.campaigns.values()))
    clash = dataclasses.replace(c, id="trang-2", adapts=None, parent=None, launched_by=None)
    bad = build_graph(dataclasses.replace(kb, campaigns={**kb.campaigns, "trang-2": clash}))
    with pytest.raises(DataError, match=re.escape("data/campaigns/trang-2.yaml: mã 'trang-2' trùng địa chỉ "
                                                  "phong-trao/trang-2/")):
        render(bad, TODAY)


# --- the pieces --------------------------------------------------------------------

def test_paginate_and_pager():
    items = list(range(23))
    shown, pager = paging.paginate(items, "dia-ban/x/van-ban", 3, size=10)
    assert shown == [20, 21, 22]
    assert (pager.number, pager.count, pager.total, pager.start, pager.end) == (3, 3, 23, 21, 23)
    assert (pager.previous, pager.next) == (2, None)
    assert pager.uri(1) == "dia-ban/x/van-ban/index.md"
    assert pager.uri(3) == "dia-ban/x/van-ban/trang-3/index.md"
    _, big = paging.paginate(list(range(1000)), "van-ban", 6, size=10)
    assert big.numbers() == [1, None, 4, 5, 6, 7, 8, None, 100]
    _, empty = paging.paginate([], "van-ban", 1)
    assert (empty.count, empty.start, empty.end) == (1, 0, 0)
    assert paging.page_uri("", 2) == "trang-2/index.md"


def test_preview_keeps_the_order_and_takes_the_most_recent(monkeypatch):
    monkeypatch.setattr(paging, "LIST_LIMIT", 5)
    monkeypatch.setattr(paging, "PREVIEW", 3)
    assert paging.preview([3, 1, 2]).shown == [3, 1, 2]
    cut = paging.preview([5, 9, 1, 7, 3, 8], recency=lambda x: x)
    assert (cut.shown, cut.total, cut.cut) == ([9, 7, 8], 6, True)
    assert paging.preview(range(10)).shown == [0, 1, 2]


def test_vietnamese_thousands():
    assert [paging.vi_number(n) for n in (7, 1234, 1234567)] == ["7", "1.234", "1.234.567"]


def test_linker_gives_the_same_paths_as_relpath():
    def old(base_uri: str, uri: str, anchor=None) -> str:
        base, target = url_of(base_uri), url_of(uri)
        rel = posixpath.relpath(target or ".", base or ".")
        rel = "./" if rel == "." else rel + ("/" if target.endswith("/") else "")
        return rel + (f"#{anchor}" if anchor else "")

    rnd = random.Random(7)
    words = ["van-ban", "dia-ban", "han", "trang-2", "x", "viet-nam", "index"]
    uris = ["index.md", "van-ban/index.md", "han/index.md", "han/2024-07/index.md", "dia-ban/viet-nam.md",
            "dia-ban/viet-nam/van-ban/trang-3/index.md", "van-ban/a.md", "van-ban/a/duoc-trich-dan/index.md"]
    for _ in range(300):
        depth = rnd.randint(0, 4)
        parts = [rnd.choice(words) for _ in range(depth)]
        uris.append("/".join([*parts, rnd.choice(["index.md", "p.md"])]))
    for base in uris:
        link = Linker(base)
        for uri in uris:
            assert link.to_uri(uri, "a") == old(base, uri, "a"), (base, uri)
            if not uri.endswith("index.md"):
                assert link.asset(uri) == posixpath.relpath(uri, url_of(base) or "."), (base, uri)


def test_a_built_paginated_site_passes_a_strict_build(data_dir, tmp_path):
    """`mkdocs build --strict` of the generated data with the low thresholds
    (a subprocess patches them before MkDocs starts): every link and anchor of
    every page resolves in the written site."""
    site_dir = tmp_path / "site"
    code = ("import json, os, sys; import sotay.site.paging as p; "
            "[setattr(p, k, v) for k, v in json.loads(os.environ['LOW']).items()]; "
            "from mkdocs.__main__ import cli; sys.argv = ['mkdocs'] + sys.argv[1:]; cli()")
    env = {**os.environ, "SOTAY_DATA": str(data_dir), "SOTAY_TODAY": TODAY.isoformat(), "SOTAY_HANDBOOK": "0",
           "SOTAY_SEARCH": "0", "NO_MKDOCS_2_WARNING": "1", "LOW": json.dumps(LOW)}
    result = subprocess.run([sys.executable, "-c", code, "build", "-q", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                             "-d", str(site_dir)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site_dir / "dia-ban" / "viet-nam" / "van-ban" / "trang-2" / "index.html").exists()
    # without the handbook PDFs (SOTAY_HANDBOOK=0) the header's handbook link has no page
    broken = [b for b in htmlcheck.broken_links(site_dir) if "so-tay" not in b]
    assert broken == []
