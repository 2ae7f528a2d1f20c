"""The shipped knowledge base: the five seeds, hand-checked, as a new user sees them."""

from __future__ import annotations

import html
from collections import Counter

import pytest

from sotay.text.folding import document_text
from sotay.text.numbers import DocNumber

from .conftest import SEEDS

SEED_IDS = {
    "000_9b7fabd0e5da3fa5.txt": "cong-van-2597-ubnd-nv-2024-quy-nhon",
    "001_3cd77861b764f4ad.txt": "cong-van-ubnd-nc-2023-tay-son",
    "002_6d63e611e3fe6721.txt": "ke-hoach-kh-ubnd-2024-quyet-thang",
    "003_04380a328525a455.txt": "bao-cao-bc-ubnd-2024-phan-rang-thap-cham",
    "004_40b9f9a95807d3aa.txt": "phat-dong-2024-khoi-phong-chuyen-mon-y-yen",
}


def by_number(kb, number: str):
    key = DocNumber.parse(number).key
    return [d for d in kb.documents.values() if d.number and d.number.key == key]


def campaign_named(kb, name: str):
    (hit,) = [c for c in kb.campaigns.values() if c.name == name]
    return hit


@pytest.mark.parametrize(("seed", "doc_id"), SEED_IDS.items())
def test_each_seed_is_held_in_full(kb, seed, doc_id):
    doc = kb.documents[doc_id]
    assert doc.text == document_text((SEEDS / seed).read_text(encoding="utf-8"))
    assert doc.source and seed in doc.source


def test_seed_headers(kb):
    d = kb.documents
    assert (str(d["cong-van-2597-ubnd-nv-2024-quy-nhon"].number), d["cong-van-2597-ubnd-nv-2024-quy-nhon"].date.iso()) == ("2597/UBND-NV", "2024-07-03")
    assert d["cong-van-2597-ubnd-nv-2024-quy-nhon"].signer.capacity == "KT. Chủ tịch / Phó Chủ tịch"
    assert (str(d["cong-van-ubnd-nc-2023-tay-son"].number), d["cong-van-ubnd-nc-2023-tay-son"].date.iso()) == ("/UBND-NC", "2023")
    assert (str(d["ke-hoach-kh-ubnd-2024-quyet-thang"].number), d["ke-hoach-kh-ubnd-2024-quyet-thang"].date.iso()) == ("/KH-UBND", "2024-02")
    assert (str(d["bao-cao-bc-ubnd-2024-phan-rang-thap-cham"].number), d["bao-cao-bc-ubnd-2024-phan-rang-thap-cham"].date.iso()) == ("/BC-UBND", "2024-06")
    assert d["phat-dong-2024-khoi-phong-chuyen-mon-y-yen"].number is None
    assert d["phat-dong-2024-khoi-phong-chuyen-mon-y-yen"].date.iso() == "2024-03-25"


def test_vi_nguoi_ngheo_lists_four_seeds_and_their_localities(kb, graph, site):
    campaign = campaign_named(kb, "Vì người nghèo - Không để ai bị bỏ lại phía sau")
    docs = {doc.id for doc, _ in graph.documents_about(campaign.id)}
    assert set(list(SEED_IDS.values())[:4]) <= docs
    page = (site / "phong-trao" / campaign.id / "index.html").read_text(encoding="utf-8")
    for doc_id in list(SEED_IDS.values())[:4]:
        assert f"/van-ban/{doc_id}/" in page
        locality = kb.localities[graph.locality_of_document(doc_id)]
        assert f'id="dia-ban-{locality.id}"' in page and html.escape(locality.name) in page
    # Local forms of the campaign (Tây Sơn, Lai Châu) are listed as such.
    adaptations = {kb.campaigns[a].name for a in graph.adaptations[campaign.id]}
    assert any("Tây Sơn" in a for a in adaptations) and any("Lai Châu" in a for a in adaptations)


def test_chi_thi_05_shows_every_citing_seed_in_all_spellings(kb, graph, site):
    (directive,) = by_number(kb, "05-CT/TW")
    citing = {c.source for c in graph.cited_by[directive.id]}
    assert {SEED_IDS[s] for s in ["000_9b7fabd0e5da3fa5.txt", "001_3cd77861b764f4ad.txt",
                                  "003_04380a328525a455.txt", "004_40b9f9a95807d3aa.txt"]} <= citing
    page = (site / "van-ban" / directive.id / "index.html").read_text(encoding="utf-8")
    for spelling in ["Chỉ thị số 05-CT/TW ngày 15/5/2016", "Chỉ thị 05/CT - TW ngày 15/5/2016",
                     "Chỉ thị số 05-CT/TW ngày 15 tháng 5 năm 2016"]:
        assert spelling in html.unescape(page), spelling
    for doc_id in citing:
        assert f'href="../{doc_id}/"' in page


def test_same_number_from_two_issuers_is_two_documents(kb):
    directives = by_number(kb, "01/CT-UBND")
    assert len(directives) == 2
    assert len({d.issuer for d in directives}) == 2
    assert sorted(d.date.iso() for d in directives) == ["2023-01-30", "2024-04-24"]


def test_seed_deadlines(kb):
    dates = Counter((d.source, d.date.iso()) for d in kb.deadlines.values() if d.date)
    expected = [
        ("cong-van-2597-ubnd-nv-2024-quy-nhon", "2024-07-12"), ("cong-van-2597-ubnd-nv-2024-quy-nhon", "2024-07-20"),
        ("cong-van-ubnd-nc-2023-tay-son", "2023-06-12"), ("cong-van-ubnd-nc-2023-tay-son", "2023-06-23"),
        ("cong-van-ubnd-nc-2023-tay-son", "2023-06-30"), ("ke-hoach-kh-ubnd-2024-quyet-thang", "2024-05-15"),
        ("ke-hoach-kh-ubnd-2024-quyet-thang", "2024-11-01"), ("phat-dong-2024-khoi-phong-chuyen-mon-y-yen", "2024-12-30"),
    ]
    for key in expected:
        assert dates[key] == 1, key
    assert all(d.quote for d in kb.deadlines.values())


def test_footnotes_of_003_are_cited(kb):
    report = kb.documents["bao-cao-bc-ubnd-2024-phan-rang-thap-cham"]
    in_footnotes = [c for c in report.citations if c.role == "chú thích"]
    assert len(in_footnotes) >= 25
    targets = {str(kb.documents[c.target].number) for c in in_footnotes}
    for number in ["388/KH-UBND", "4724/KH-UBND", "2891/TB-BTĐKT", "18/2024/NĐ-CP", "1178/NV", "1178/UBND-NV"]:
        assert number in targets, number


def test_targets_of_004(kb):
    values = sorted((t.value, t.comparison) for t in kb.targets.values()
                    if t.source == "phat-dong-2024-khoi-phong-chuyen-mon-y-yen")
    assert (90, "trên") in values and (15, "bằng") in values and len(values) == 5


def test_every_campaign_is_reached(kb, graph):
    for campaign_id in kb.campaigns:
        assert graph.documents_about(campaign_id) or graph.adaptations.get(campaign_id), campaign_id


def test_citations_are_linked_in_place(kb, site):
    for doc_id in SEED_IDS.values():
        doc = kb.documents[doc_id]
        page = html.unescape((site / "van-ban" / doc_id / "index.html").read_text(encoding="utf-8"))
        text_part = page[page.index('class="st-toan-van"'):]
        for c in doc.citations:
            assert f'href="../{c.target}/" title=' in text_part, (doc_id, c.quote)
        for m in doc.campaigns:
            if m.quote:
                assert f'href="../../phong-trao/{m.campaign}/" title=' in text_part, (doc_id, m.quote)
        for d in kb.deadlines.values():
            if d.source == doc_id:
                assert f'id="han-{d.id}"' in text_part
