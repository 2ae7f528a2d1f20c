"""The printable handbook, read back as a reader would: its text extracted by
pypdf (not by WeasyPrint, which wrote it), its links, bookmarks and fonts
inspected, its cover rendered to PNG by pdftoppm.

The handbook of the shipped data is printed once per session (fixtures).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest

from sotay.outputs import handbook
from sotay.outputs.handbook import Scope, ScopeError
from sotay.site.fragments import vi_date

from .conftest import ROOT, TODAY, run_sotay
from .pdfcheck import XREF, ReadPdf, squash

BINH_DINH = "tinh-binh-dinh"
VI_NGUOI_NGHEO = "vi-nguoi-ngheo"
# Fonts the handbook may embed: Liberation 2.x (fonts-liberation2), DejaVu as fallback.
FONT_FAMILIES = ("LiberationSerif", "LiberationSans", "LiberationMono", "DejaVu")


@pytest.fixture(scope="session")
def contents(graph):
    return handbook.select(graph, Scope(), TODAY)


@pytest.fixture(scope="session")
def whole(graph) -> ReadPdf:
    pdf = handbook.handbook_pdf(graph, TODAY)
    assert pdf.warnings == ()  # WeasyPrint ignored no CSS, fetched nothing
    return ReadPdf(pdf.content)


@pytest.fixture(scope="session")
def whole_pdf_file(whole, tmp_path_factory):
    path = tmp_path_factory.mktemp("so-tay") / "so-tay.pdf"
    path.write_bytes(whole.content)
    return path


@pytest.fixture(scope="session")
def binh_dinh(graph) -> ReadPdf:
    return ReadPdf(handbook.handbook_pdf(graph, TODAY, Scope(province=BINH_DINH)).content)


# --- what is in it -------------------------------------------------------------


def test_cover_gives_title_office_date_and_data_version(whole, kb):
    cover = whole.texts[0]
    assert "Sổ tay thi đua" in cover
    assert "PHÒNG NỘI VỤ" in cover or "Phòng Nội vụ" in cover
    assert "01/7/2024" in cover
    assert handbook.data_version(kb) in cover
    assert "Toàn bộ kho" in cover


def test_every_campaign_and_document_is_there_with_its_diacritics(whole, kb):
    text = whole.all_text
    for campaign in kb.campaigns.values():
        assert squash(campaign.name) in text, campaign.id
    for doc in kb.documents.values():
        assert squash(doc.label) in text, doc.id
    # Seeds' own spellings, letter for letter.
    for name in ("Vì người nghèo - Không để ai bị bỏ lại phía sau",
                 "Ủy ban nhân dân thành phố Quy Nhơn", "Chỉ thị 05-CT/TW",
                 "Nghị định 98/2023/NĐ-CP", "Khối phòng chuyên môn"):
        assert name in text, name


def test_text_is_nfc_without_loose_combining_marks(whole):
    for number, text in enumerate(whole.texts, 1):
        assert unicodedata.is_normalized("NFC", text), f"page {number}"
        assert not re.search(r"[\u0300-\u036f]", text), f"page {number}: decomposed mark"
        assert "\ufffd" not in text and "(cid:" not in text, f"page {number}"


def test_data_version_follows_the_data(kb):
    import dataclasses

    changed = dataclasses.replace(kb, campaigns={**kb.campaigns})
    assert handbook.data_version(changed) == handbook.data_version(kb)
    first = next(iter(kb.campaigns.values()))
    renamed = dataclasses.replace(first, name=first.name + " (sửa)")
    changed = dataclasses.replace(kb, campaigns={**kb.campaigns, first.id: renamed})
    assert handbook.data_version(changed) != handbook.data_version(kb)


# --- page numbers are true ------------------------------------------------------


def _toc_page(whole: ReadPdf, number: str, title: str) -> int:
    toc = " ".join(whole.texts[i] for i in whole.toc_pages)
    m = re.search(re.escape(squash(f"{number} {title}")) + r"(?:\s*\.)*\s+(\d+)", toc)
    assert m, f"{number} {title} not in the table of contents"
    return int(m.group(1))


def test_table_of_contents_page_numbers_are_where_entries_start(whole, contents):
    assert whole.toc_pages and whole.toc_pages[0] == 1  # page 2, after the cover
    chapters = {"1": "Phong trào thi đua", "2": "Căn cứ pháp lý, văn bản được trích dẫn",
                "3": "Văn bản", "4": "Thời hạn theo tháng", "5": "Chỉ mục số hiệu văn bản"}
    entries = [(n, t) for n, t in chapters.items()]
    number = contents.numbers
    entries += [(number[handbook.anchor("campaign", c.id)], c.name) for c, _ in contents.campaigns]
    entries += [(number[handbook.anchor("document", d.id)], d.label) for d in contents.documents]
    entries += [(contents.numbers[m.anchor], m.label) for m in contents.months]
    assert len(entries) > 60
    for number, title in entries:
        printed = _toc_page(whole, number, title)
        assert whole.heading_page(number, title) == printed, f"{number} {title}"


def test_index_page_numbers_are_where_documents_start(whole, contents, kb):
    numbered, drafts, named = contents.index()
    index_start = whole.heading_page("5", "Chỉ mục số hiệu văn bản")
    index_text = " ".join(whole.texts[index_start - 1:])
    checked = 0
    for doc in numbered + drafts:
        body = kb.bodies[doc.issuer]
        short = (body.abbreviations or (body.name,))[0]
        entry = f"{doc.number} {doc.kind}, {short}, {vi_date(doc.date)}"
        m = re.search(re.escape(squash(entry)) + r"(?:\s*\.)*\s+(\d+)", index_text)
        assert m, entry
        key = handbook.anchor("document", doc.id)
        assert whole.heading_page(contents.numbers[key], doc.label) == int(m.group(1)), entry
        checked += 1
    for doc in named:
        entry = f"{doc.label} {vi_date(doc.date)}"
        m = re.search(re.escape(squash(entry)) + r"(?:\s*\.)*\s+(\d+)", index_text)
        assert m, doc.label
        key = handbook.anchor("document", doc.id)
        assert whole.heading_page(contents.numbers[key], doc.label) == int(m.group(1)), doc.label
    assert checked == len(numbered) + len(drafts) > 50


def test_every_cross_reference_is_a_link_to_the_page_it_prints(whole):
    seen = 0
    for index, text in enumerate(whole.texts):
        printed = [int(n) for n in XREF.findall(text)]
        targets = set(whole.links(index))
        missing = set(printed) - targets
        assert not missing, f"page {index + 1}: «xem tr. {sorted(missing)}» with no link there"
        seen += len(printed)
    assert seen > 300


def test_links_and_bookmarks_lead_inside_the_document(whole, contents):
    pages = len(whole.texts)
    for index in range(pages):
        assert all(1 <= p <= pages for p in whole.links(index))
    outline = whole.outline()
    top = [title for depth, title, _ in outline if depth == 1]
    assert top == ["Mục lục", "1 Phong trào thi đua", "2 Căn cứ pháp lý, văn bản được trích dẫn",
                   "3 Văn bản", "4 Thời hạn theo tháng", "5 Chỉ mục số hiệu văn bản"]
    by_title = {title: page for _, title, page in outline}
    for campaign, _ in contents.campaigns:
        number = contents.numbers[handbook.anchor("campaign", campaign.id)]
        title = squash(f"{number} {campaign.name}")
        assert by_title[title] == whole.heading_page(number, campaign.name), title


def test_no_entry_heading_sits_alone_at_a_page_foot(whole, contents, kb):
    """Each entry's heading is followed on its own page by its first line."""
    checked = 0
    for campaign, _ in contents.campaigns:
        number = contents.numbers[handbook.anchor("campaign", campaign.id)]
        first = f"{campaign.kind[:1].upper()}{campaign.kind[1:]}, cấp {campaign.level}"
        checked += _followed_on_its_page(whole, number, campaign.name, first)
    for doc in contents.references:
        number = contents.numbers[handbook.anchor("document", doc.id)]
        checked += _followed_on_its_page(whole, number, doc.label,
                                         f"{doc.kind} của {kb.bodies[doc.issuer].name}")
    for doc in contents.documents:
        number = contents.numbers[handbook.anchor("document", doc.id)]
        checked += _followed_on_its_page(whole, number, doc.label, kb.bodies[doc.issuer].name)
    assert checked > 100


def _followed_on_its_page(whole: ReadPdf, number: str, title: str, first_line: str) -> int:
    page = whole.heading_page(number, title)
    text = whole.texts[page - 1]
    after = text.index(squash(f"{number} {title}")) + len(squash(f"{number} {title}"))
    assert squash(first_line) in text[after:], f"{number} {title}: alone at the foot of page {page}"
    return 1


def test_a_long_table_repeats_its_header_row_on_every_page(graph, kb):
    """60 deadlines in one month: the table spans pages, each starting with its header."""
    import dataclasses

    import sotay

    source = next(d for d in kb.deadlines.values() if d.source.startswith("cong-van-2597"))
    many = {f"{source.id}-{i}": dataclasses.replace(source, id=f"{source.id}-{i}",
                                                     action=f"Việc thứ {i} {source.action}")
            for i in range(60)}
    big = sotay.build_graph(dataclasses.replace(kb, deadlines={**kb.deadlines, **many}))
    pdf = ReadPdf(handbook.handbook_pdf(big, TODAY, Scope(province=BINH_DINH)).content)
    header = "Hạn Việc phải làm Ai thực hiện · gửi về"  # the document's table and chapter 4's
    pages = [i for i, t in enumerate(pdf.texts) if "Việc thứ " in t]
    assert len(pages) >= 2
    for i in pages:
        assert header in pdf.texts[i], f"page {i + 1} continues the table without its header"


# --- fonts and glyphs -------------------------------------------------------------


def test_fonts_are_embedded_and_draw_every_character_they_claim(whole):
    fonts = whole.fonts()
    assert any("LiberationSerif" in name.replace("-", "") for name in fonts)
    for name, font in fonts.items():
        family = name.split("+", 1)[-1].replace("-", "")
        assert family.startswith(FONT_FAMILIES), f"unexpected font {name}"
        assert font["program"] is not None, f"{name} is not embedded"
        # A missing glyph shows up as a character the ToUnicode map claims
        # but the embedded program has no glyph for (.notdef / a box).
        cmap = font["program"].getBestCmap() or {}
        missing = {c for c in font["chars"] if ord(c) not in cmap and not c.isspace()}
        assert not missing, f"{name} lacks {sorted(missing)}"


def test_vietnamese_letters_come_from_one_font_not_a_fallback(whole):
    """Liberation 1.x has no "ệ", "ướ"...: with it Pango would borrow them from
    DejaVu, letter by letter. The body text must be set in one face."""
    fonts = whole.fonts()
    serif = set().union(*(f["chars"] for name, f in fonts.items()
                          if "LiberationSerif" in name.replace("-", "")))
    assert {"ệ", "ướ"[0], "ư", "ợ", "Đ", "đ", "ỉ", "ữ"} <= serif


# --- scope ---------------------------------------------------------------------------


def test_scope_selects_a_province(graph, kb):
    got = handbook.select(graph, Scope(province=BINH_DINH), TODAY)
    assert got.documents
    for doc in got.documents:
        assert graph.province_of(graph.locality_of_document(doc.id)) == BINH_DINH
    held = [d for d in kb.documents.values() if d.has_text
            and graph.province_of(graph.locality_of_document(d.id)) == BINH_DINH]
    assert {d.id for d in got.documents} == {d.id for d in held}
    # Its legal bases come along, wherever they were issued.
    assert "chi-thi-05-ct-tw-2016" in {d.id for d in got.references}
    # Deadlines: only those set by its documents.
    for month in got.months:
        for o in month.items:
            assert o.deadline.source in got.doc_ids


def test_scope_selects_a_campaign_with_its_local_forms(graph, kb):
    got = handbook.select(graph, Scope(campaign=VI_NGUOI_NGHEO), TODAY)
    ids = {c.id for c, _ in got.campaigns}
    assert VI_NGUOI_NGHEO in ids
    assert set(graph.adaptations[VI_NGUOI_NGHEO]) <= ids
    about = {d.id for d, _ in graph.documents_about(VI_NGUOI_NGHEO)}
    assert {d.id for d in got.documents} == {d for d in about if kb.documents[d].has_text}
    assert len(got.documents) < sum(d.has_text for d in kb.documents.values()) or about


def test_scope_selects_a_year(graph):
    got = handbook.select(graph, Scope(year=2023), TODAY)
    assert got.documents and all(d.date.year == 2023 for d in got.documents)
    for month in got.months:
        assert all(o.date.year == 2023 for o in month.items)


def test_unknown_scope_names_the_choices(graph):
    with pytest.raises(ScopeError, match="tinh-binh-dinh"):
        handbook.select(graph, Scope(province="binh-dinh"), TODAY)
    with pytest.raises(ScopeError, match="tỉnh"):
        handbook.select(graph, Scope(province="thanh-pho-quy-nhon"), TODAY)
    with pytest.raises(ScopeError, match="vi-nguoi-ngheo"):
        handbook.select(graph, Scope(campaign="nguoi-ngheo"), TODAY)


def test_province_handbook_holds_only_that_provinces_documents(binh_dinh, graph, kb):
    assert "Tỉnh Bình Định" in binh_dinh.texts[0]
    chapter3 = binh_dinh.heading_page("3", "Văn bản")
    chapter4 = binh_dinh.heading_page("4", "Thời hạn theo tháng")
    documents = " ".join(binh_dinh.texts[chapter3 - 1:chapter4 - 1])
    for doc in kb.documents.values():
        if not doc.has_text:
            continue
        inside = graph.province_of(graph.locality_of_document(doc.id)) == BINH_DINH
        assert (squash(doc.label) in documents) == inside, doc.id
        if not inside:
            assert kb.bodies[doc.issuer].name not in binh_dinh.all_text, doc.id


def test_same_data_same_bytes(graph):
    """A PDF changes only when its data (or date, office) does: the site's
    build does not churn, and two offices printing the same version agree."""
    scope = Scope(province="tinh-nam-dinh")
    first = handbook.handbook_pdf(graph, TODAY, scope).content
    assert handbook.handbook_pdf(graph, TODAY, scope).content == first


# --- the command line and a look at the cover ----------------------------------------


def test_cli_prints_a_campaign_handbook(tmp_path):
    out = tmp_path / "vi-nguoi-ngheo.pdf"
    result = run_sotay("handbook", "--phong-trao", VI_NGUOI_NGHEO, "--ngay", TODAY.isoformat(),
                       "-o", str(out))
    assert result.returncode == 0, result.stderr
    pdf = ReadPdf(out.read_bytes())
    assert "Vì người nghèo - Không để ai bị bỏ lại phía sau" in pdf.texts[0]
    assert "Lai Châu chung tay vì người nghèo" in pdf.all_text  # a local form


def test_readme_documents_the_command_and_its_scopes():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for text in ("sotay handbook", "--tinh", "--phong-trao", "--nam", "so-tay.pdf",
                 "max_documents", "SOTAY_HANDBOOK"):
        assert text in readme, text


def test_cli_help_and_bad_scope(tmp_path):
    result = run_sotay("handbook", "--help")
    assert result.returncode == 0 and "Cách dùng: sotay handbook" in result.stdout
    for flag in ("--tinh", "--phong-trao", "--nam", "-o"):
        assert flag in result.stdout
    result = run_sotay("handbook", "--tinh", "binh-dinh", "-o", str(tmp_path / "x.pdf"))
    assert result.returncode == 2
    assert "tinh-binh-dinh" in result.stderr  # the choices are named
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.skipif(shutil.which("pdftoppm") is None,
                    reason="pdftoppm (poppler-utils) missing: make system-pdf")
def test_cover_renders_to_a_png_a_person_can_read(whole_pdf_file, tmp_path):
    from PIL import Image

    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "2", str(whole_pdf_file),
                    str(tmp_path / "p")], check=True, timeout=120)
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == 2
    for png in pngs:
        img = Image.open(png).convert("L")
        width, height = img.size
        assert abs(height / width - 297 / 210) < 0.01  # A4, portrait
        dark = sum(img.histogram()[:128])
        assert dark > 0.002 * width * height  # ink on the page, not a blank sheet
