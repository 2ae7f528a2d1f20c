"""The importer as a person uses it: the CLI on files and folders, bad input,
dry runs, hand edits kept, output that validates; and the resolver's
decisions (same document, ambiguity, new reference, campaign matching)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import sotay
from sotay import cli
from sotay.data.model import Body, Campaign, Locality
from sotay.extract import find_citations
from sotay.extract.models import FoundCampaign
from sotay.resolve import (
    Context,
    DocEntry,
    Index,
    document_id,
    resolve_campaign,
    resolve_citation,
    resolve_issuer,
)
from sotay.resolve.importer import plan_import
from sotay.resolve.writing import edited_by_hand
from sotay.sources import InputError, read_source
from sotay.text.dates import Period
from sotay.text.numbers import DocNumber

from .conftest import DATA, SEEDS, run_sotay

needs_data = pytest.mark.skipif(not (DATA / "bodies").is_dir(), reason="data/ chưa có cơ quan")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def data(tmp_path) -> Path:
    """A scratch copy of the shipped data to import into."""
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest)
    return dest


def run(*args: str) -> subprocess.CompletedProcess:
    return run_sotay("import", *args)


# --- the command ----------------------------------------------------------------


def test_help_is_in_vietnamese():
    result = run("--help")
    assert result.returncode == 0
    for words in ("--dry-run", "--force", "--data", "không ghi", "sửa tay"):
        assert words in result.stdout


@needs_data
def test_dry_run_writes_nothing(data):
    before = snapshot(data)
    result = run(str(SEEDS), "--data", str(data), "--dry-run", "-q")
    assert result.returncode == 0, result.stderr
    assert "không ghi tệp nào" in result.stdout
    assert "Trích dẫn:" in result.stdout and "Phong trào:" in result.stdout
    assert snapshot(data) == before


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("rong.txt", b"", "tệp rỗng"),
        ("trang.md", b"  \n\n \n", "tệp rỗng"),
        ("anh.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "nhị phân"),
        (
            "tcvn3.txt",
            "Kế hoạch số 12/KH-UBND".encode("cp1258", errors="replace") + b"\xe0\xe1\xff",
            "UTF-8",
        ),
        ("gia.docx", "Kế hoạch số 12/KH-UBND".encode(), "không phải tệp .docx"),
        ("bang.xlsx", b"PK\x03\x04", "chỉ nhập được"),
    ],
)
def test_a_bad_file_is_named_and_the_others_are_imported(tmp_path, data, name, content, says):
    # A folder as it arrives: one file unreadable, one a new letter of a known
    # issuer (the seed's text under another number). The bad one is named with
    # why and adds nothing; the good one is written all the same.
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "cong-van-2598.txt"
    seed = (SEEDS / "000_9b7fabd0e5da3fa5.txt").read_text(encoding="utf-8")
    good.write_text(seed.replace("2597", "2598"), encoding="utf-8")
    before = snapshot(data)
    result = run(str(bad), str(good), "--data", str(data), "-q")
    assert result.returncode == 1
    assert str(bad) in result.stderr and says in result.stderr
    assert "Không nhập 1 tệp" in result.stderr and "Không nhập: 1 tệp" in result.stdout
    after = snapshot(data)
    assert {p: after[p] for p in before} == before  # nothing already there changed
    added = sorted(set(after) - set(before))
    assert "documents/cong-van-2598-ubnd-nv-2024-quy-nhon.yaml" in added, added
    assert not any(bad.stem in p for p in added)


def test_issuer_is_for_one_file(tmp_path, data):
    folder = tmp_path / "den"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text("Kế hoạch số 12/KH-UBND", encoding="utf-8")
    before = snapshot(data)
    result = run(str(folder), "--issuer", "ubnd-thanh-pho-quy-nhon", "--data", str(data), "-q")
    assert result.returncode == 1
    says = "--issuer ubnd-thanh-pho-quy-nhon: chỉ dùng cho một tệp, đang chọn 2 tệp"
    assert says in result.stderr
    assert snapshot(data) == before


def test_missing_file():
    with pytest.raises(InputError, match="không tìm thấy tệp"):
        read_source(Path("/khong/co/tep.txt"))


@needs_data
def test_no_overwrite_without_force(tmp_path, data):
    seed = tmp_path / "cv.txt"
    seed.write_text(
        (SEEDS / "000_9b7fabd0e5da3fa5.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    hand = data / "documents" / "cong-van-2597-ubnd-nv-2024-quy-nhon.yaml"
    written_by_hand = hand.read_bytes()
    assert cli.main(["import", str(seed), "--data", str(data), "-q"]) == 0
    assert hand.read_bytes() == written_by_hand  # a person's record is kept
    assert cli.main(["import", str(seed), "--data", str(data), "-q", "--force"]) == 0
    assert hand.read_bytes() != written_by_hand
    assert not edited_by_hand(hand)
    # the importer's own output is updated freely, a later hand edit is kept again
    assert cli.main(["import", str(seed), "--data", str(data), "-q"]) == 0
    hand.write_text(
        hand.read_text(encoding="utf-8").replace("Nguyễn Phương Nam", "Nguyễn P. Nam"),
        encoding="utf-8",
    )
    assert edited_by_hand(hand)
    edited = hand.read_bytes()
    assert cli.main(["import", str(seed), "--data", str(data), "-q"]) == 0
    assert hand.read_bytes() == edited
    assert not list(data.rglob("*.tmp"))  # atomic writes leave no temporaries


@needs_data
def test_imported_folder_validates(data):
    assert cli.main(["import", str(SEEDS), "--data", str(data), "-q", "--force"]) == 0
    kb, _warnings = sotay.load_knowledge_base(data)
    doc = kb.documents["bao-cao-bc-ubnd-2024-phan-rang-thap-cham"]
    assert len(doc.citations) > 50 and doc.text.startswith("Số: /BC-UBND")
    result = run_sotay("validate", str(data))
    assert result.returncode == 0, result.stderr


@needs_data
def test_docx_is_read_with_emphasis_and_footnote_marks(tmp_path, data):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("Số: 15/KH-UBND")
    d.add_paragraph("Quy Nhơn, ngày 10 tháng 01 năm 2024")
    d.add_paragraph().add_run("KẾ HOẠCH").bold = True
    d.add_paragraph("Tổ chức phong trào thi đua năm 2024")
    p = d.add_paragraph("Căn cứ Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị")
    p.add_run("1").font.superscript = True
    p.add_run(
        "; UBND thành phố xây dựng kế hoạch với phong trào thi đua “Vì người nghèo - Không để "
        "ai bị bỏ lại phía sau”. " + "Nội dung chi tiết của kế hoạch. " * 8
    )
    path = tmp_path / "ke-hoach.docx"
    d.save(path)
    text = read_source(path)
    assert "**KẾ HOẠCH**" in text and "Bộ Chính trị<sup>1</sup>" in text
    plan = plan_import([path], data)
    assert plan.errors == []
    (doc,) = [r for r in plan.records if r.kind == "document" and "text" in r.data]
    assert doc.id == "ke-hoach-15-kh-ubnd-2024-quy-nhon"
    assert doc.data["citations"][0] == {
        "target": "chi-thi-05-ct-tw-2016",
        "role": "căn cứ",
        "quote": "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị",
    }
    assert doc.data["campaigns"][0]["campaign"] == "vi-nguoi-ngheo"


# --- the resolver ---------------------------------------------------------------


@pytest.fixture
def index() -> Index:
    loc = {
        "viet-nam": Locality("viet-nam", "Việt Nam", "quốc gia", "trung ương"),
        "tinh-a": Locality("tinh-a", "tỉnh An Phú", "tỉnh", "tỉnh", "viet-nam"),
        "huyen-b": Locality("huyen-b", "huyện Bình Sơn", "huyện", "huyện", "tinh-a"),
        "huyen-c": Locality("huyen-c", "huyện Cẩm Lệ", "huyện", "huyện", "tinh-a"),
    }
    bodies = {
        "bo-chinh-tri": Body("bo-chinh-tri", "Bộ Chính trị", "trung ương", "viet-nam"),
        "chinh-phu": Body("chinh-phu", "Chính phủ", "trung ương", "viet-nam", ("CP",)),
        "ubnd-tinh-a": Body("ubnd-tinh-a", "Ủy ban nhân dân tỉnh An Phú", "tỉnh", "tinh-a"),
        "ubnd-huyen-b": Body(
            "ubnd-huyen-b", "Ủy ban nhân dân huyện Bình Sơn", "huyện", "huyen-b", ("UBND huyện",)
        ),
        "ubnd-huyen-c": Body(
            "ubnd-huyen-c", "Ủy ban nhân dân huyện Cẩm Lệ", "huyện", "huyen-c", ("UBND huyện",)
        ),
    }
    ix = Index(bodies=bodies, localities=loc)
    ix.add_document(
        DocEntry(
            "chi-thi-01-ct-ubnd-2024-binh-son",
            "Chỉ thị",
            "ubnd-huyen-b",
            DocNumber.parse("01/CT-UBND"),
            2024,
        )
    )
    ix.add_document(
        DocEntry(
            "chi-thi-01-ct-ubnd-2024-cam-le",
            "Chỉ thị",
            "ubnd-huyen-c",
            DocNumber.parse("01/CT-UBND"),
            2024,
        )
    )
    ix.add_document(
        DocEntry(
            "chi-thi-05-ct-tw-2016", "Chỉ thị", "bo-chinh-tri", DocNumber.parse("05-CT/TW"), 2016
        )
    )
    ix.add_campaign(
        Campaign(
            "vi-nguoi-ngheo",
            "Vì người nghèo - Không để ai bị bỏ lại phía sau",
            "phong trào thi đua",
            "trung ương",
            (),
            "viet-nam",
            Period(2021, 2025),
        )
    )
    return ix


def one(text: str):
    (c,) = find_citations(text)
    return c


def test_issuer_is_read_from_the_citing_locality(index):
    assert resolve_issuer("UBND tỉnh", index, "huyen-b").body == "ubnd-tinh-a"
    assert resolve_issuer("UBND huyện", index, "huyen-c").body == "ubnd-huyen-c"
    assert resolve_issuer("Bộ Chính trị khóa XII", index, "huyen-b").body == "bo-chinh-tri"
    assert resolve_issuer("UBND huyện", index, "tinh-a").candidates == (
        "ubnd-huyen-b",
        "ubnd-huyen-c",
    )


def test_same_document_spelt_differently(index):
    ctx = Context("x", "ubnd-huyen-b", "huyen-b")
    d = resolve_citation(one("theo Chỉ thị 05/CT - TW ngày 15/5/2016 của Bộ chính trị"), index, ctx)
    assert (d.target, d.new) == ("chi-thi-05-ct-tw-2016", None)
    d = resolve_citation(one("Chỉ thị số 01/CT-UBND ngày 24/4/2024 của UBND huyện"), index, ctx)
    assert d.target == "chi-thi-01-ct-ubnd-2024-binh-son"


def test_same_number_without_issuer_is_an_ambiguity_not_a_merge(index):
    ctx = Context("x", "ubnd-tinh-a", "tinh-a")
    d = resolve_citation(one("Chỉ thị số 01/CT-UBND ngày 24/4/2024 của UBND huyện"), index, ctx)
    assert d.target is None
    assert set(d.ambiguous) == {
        "chi-thi-01-ct-ubnd-2024-binh-son",
        "chi-thi-01-ct-ubnd-2024-cam-le",
    }
    assert "cần người chọn" in d.warning


def test_new_references_follow_the_id_convention(index):
    ctx = Context("x", "ubnd-huyen-b", "huyen-b")
    d = resolve_citation(
        one("Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ;"), index, ctx
    )
    assert d.target == "nghi-dinh-98-2023-nd-cp"
    assert d.new == {
        "id": "nghi-dinh-98-2023-nd-cp",
        "kind": "Nghị định",
        "number": "98/2023/NĐ-CP",
        "issuer": "chinh-phu",
        "date": "2023-12-31",
    }
    d = resolve_citation(one("Chỉ thị số 01/CT-UBND ngày 30/01/2023 của UBND tỉnh"), index, ctx)
    assert d.target == "chi-thi-01-ct-ubnd-2023-an-phu"
    # the same number next year is another document
    d2 = resolve_citation(one("Chỉ thị số 01/CT-UBND ngày 02/02/2025 của UBND tỉnh"), index, ctx)
    assert d2.target == "chi-thi-01-ct-ubnd-2025-an-phu"
    assert (
        document_id("Công văn", DocNumber.parse("/UBND-NC"), 2023, "ubnd-huyen-b", index)
        == "cong-van-ubnd-nc-2023-binh-son"
    )


def test_a_cited_number_is_never_completed(index):
    ctx = Context("x", "ubnd-huyen-b", "huyen-b")
    d = resolve_citation(one("Chỉ thị 34-CT/TW của Bộ Chính trị"), index, ctx)
    assert d.target is None and d.new is None  # no year: no record is invented


def campaign(name: str, period: Period | None = None) -> FoundCampaign:
    return FoundCampaign(0, len(name), name, name, name, "phong trào thi đua", period)


@pytest.mark.parametrize(
    ("name", "how"),
    [
        ("Vì người nghèo - Không để ai bị bỏ lại phía sau", "tên"),
        ("Vi người nghèo - Không để ai bị bỏ lại phía sau", "tên"),  # folds to the same
        ("Vì người nghèo – không để ai bị bỏ lại phía sau", "tên"),
        ("Vì người nghèo-không ai bị bỏ lại phía sau", "gần đúng"),  # a word dropped
    ],
)
def test_campaign_names_with_noise_match(index, name, how):
    d = resolve_campaign(campaign(name), index, Context("x", "ubnd-huyen-b", "huyen-b"))
    assert (d.campaign, d.how, d.new) == ("vi-nguoi-ngheo", how, None)


def test_local_form_adapts_the_national_campaign(index):
    d = resolve_campaign(
        campaign("Huyện Bình Sơn chung tay vì người nghèo - Không để ai bị bỏ lại phía sau"),
        index,
        Context("x", "ubnd-huyen-b", "huyen-b"),
    )
    assert d.adapts == "vi-nguoi-ngheo" and d.how == "hình thức địa phương"
    assert d.new["review"] is True and d.new["level"] == "huyện" and d.new["locality"] == "huyen-b"


def test_unknown_campaign_is_new_and_marked_for_review(index):
    d = resolve_campaign(
        campaign("Dân vận khéo", Period(2021, 2025)), index, Context("x", "ubnd-huyen-b", "huyen-b")
    )
    assert d.new == {
        "id": "dan-van-kheo",
        "name": "Dân vận khéo",
        "kind": "phong trào thi đua",
        "level": "huyện",
        "locality": "huyen-b",
        "period": "2021-2025",
        "review": True,
    }


# --- agreement with the hand-checked records -------------------------------------

SEED_DOCUMENTS = {
    "000_9b7fabd0e5da3fa5.txt": "cong-van-2597-ubnd-nv-2024-quy-nhon",
    "001_3cd77861b764f4ad.txt": "cong-van-ubnd-nc-2023-tay-son",
    "002_6d63e611e3fe6721.txt": "ke-hoach-kh-ubnd-2024-quyet-thang",
    "003_04380a328525a455.txt": "bao-cao-bc-ubnd-2024-phan-rang-thap-cham",
    "004_40b9f9a95807d3aa.txt": "phat-dong-2024-khoi-phong-chuyen-mon-y-yen",
}


def _words(text: str | None) -> str:
    import re

    from sotay.text.folding import fold

    return " ".join(re.findall(r"[a-z0-9]+", fold(text or "")))


@needs_data
def test_reimporting_the_seeds_agrees_with_the_hand_checked_records(data):
    """Header fields equal; citations by target+role and deadlines agree; every
    campaign the importer links is one the person linked. (The person also
    linked campaigns named without quotes, "phong trào thi đua thực hiện nhiệm
    vụ ... năm 2024", which the extractor does not read: recall is reported.)"""
    kb, _ = sotay.load_knowledge_base(DATA)
    if not all(doc_id in kb.documents for doc_id in SEED_DOCUMENTS.values()):
        pytest.skip("data/ chưa có đủ năm văn bản mẫu")
    plan = plan_import([SEEDS], data)
    assert plan.errors == []
    mine = {r.id: r.data for r in plan.records if r.kind == "document"}
    pairs_mine, pairs_hand, camps_mine, camps_hand = set(), set(), set(), set()
    for doc_id in SEED_DOCUMENTS.values():
        rec, hand = mine[doc_id], kb.documents[doc_id]
        assert rec["kind"] == hand.kind
        assert rec.get("number") == (str(hand.number) if hand.number else None)
        assert rec.get("date") == (hand.date.iso() if hand.date else None)
        assert rec["issuer"] == hand.issuer and rec.get("place") == hand.place
        assert rec.get("status") == hand.status
        assert rec.get("signer") == {k: v for k, v in vars(hand.signer).items() if v}
        assert tuple(rec.get("recipients", ())) == hand.recipients
        assert tuple(rec.get("distribution", ())) == hand.distribution
        assert _words(rec.get("subject")) == _words(hand.subject)
        pairs_mine |= {(doc_id, c["target"], c["role"]) for c in rec.get("citations", ())}
        pairs_hand |= {(doc_id, c.target, c.role) for c in hand.citations}
        camps_mine |= {(doc_id, m["campaign"]) for m in rec.get("campaigns", ())}
        camps_hand |= {(doc_id, m.campaign) for m in hand.campaigns}
        dl_mine = {
            (r.data.get("date"), _words(r.data.get("relative")))
            for r in plan.records
            if r.kind == "deadline" and r.data["source"] == doc_id
        }
        dl_hand = {
            (d.date.iso() if d.date else None, _words(d.relative))
            for d in kb.deadlines.values()
            if d.source == doc_id
        }
        assert dl_mine == dl_hand, doc_id
    both = pairs_mine & pairs_hand
    report = f"thiếu: {sorted(pairs_hand - pairs_mine)}\nthừa: {sorted(pairs_mine - pairs_hand)}"
    assert len(both) / len(pairs_hand) >= 0.95, report
    assert len(both) / len(pairs_mine) >= 0.95, report
    assert camps_mine <= camps_hand, sorted(camps_mine - camps_hand)
    assert len(camps_mine) / len(camps_hand) >= 0.6


def test_warnings_name_the_data_folder_in_use_and_never_none(tmp_path, data):
    # A known issuer's letter citing a body nobody recorded, with and without
    # an issuer phrase: each warning says where to add the body, in the data
    # folder this run uses, and no value is printed as "None".
    seed = (SEEDS / "000_9b7fabd0e5da3fa5.txt").read_text(encoding="utf-8")
    text = seed.replace("2597", "2599").replace(
        "Thực hiện Kế hoạch 66/KH-CTĐ",
        "Căn cứ Quyết định số 12/QĐ-BĐPV ngày 01/02/2024 của Ban Điều phối vùng Tây Bắc; "
        "Thực hiện Công văn số 77/XYZ-TĐ ngày 05/3/2024; Thực hiện Kế hoạch 66/KH-CTĐ", 1)
    source = tmp_path / "cong-van-2599.txt"
    source.write_text(text, encoding="utf-8")
    plan = plan_import([source], data)
    assert not plan.errors and not plan.refused
    unresolved = [w for w in plan.warnings if "12/QĐ-BĐPV" in w or "77/XYZ-TĐ" in w]
    assert len(unresolved) == 2, plan.warnings
    for warning in unresolved:
        assert f"{data}/bodies/" in warning, warning
    assert not any("None" in w for w in plan.warnings), plan.warnings
