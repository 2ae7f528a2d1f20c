"""The data-quality report: doubtful but valid data, each item pointing at its record."""

from __future__ import annotations

import datetime as dt
import shutil

import sotay
from sotay.outputs.quality import report

from .conftest import FIXTURES, run_sotay

DOC = "documents/cong-van-2597-ubnd-nv-2024-quy-nhon.yaml"


def doubtful_data(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini" / "data", data)
    # A number in the text that no citation records.
    doc = data / DOC
    doc.write_text(doc.read_text(encoding="utf-8").replace(
        "  Gửi báo cáo về", "  Theo Nghị định số 98/2023/NĐ-CP.\n\n  Gửi báo cáo về"), encoding="utf-8")
    # The same number from another issuer.
    (data / "documents" / "cong-van-2597-ubnd-nv-2024-bo.yaml").write_text(
        "kind: Công văn\nnumber: 2597/UBND-NV\ndate: 2024-01-02\nissuer: bo-chinh-tri\n", encoding="utf-8")
    # A campaign that differs from another only by OCR noise.
    (data / "campaigns" / "vi-nguoi-ngheo-ocr.yaml").write_text(
        "name: Vi người nghèo - Không để ai bi bỏ lại phía sau\nkind: phong trào thi đua\nlevel: xã\n"
        "review: true\n", encoding="utf-8")
    return data


def test_report_lists_each_kind_of_doubt(tmp_path):
    kb, _ = sotay.load_knowledge_base(doubtful_data(tmp_path))
    doubts = report(sotay.build_graph(kb), dt.date(2026, 1, 1))
    found = {(d.category, d.record_id) for d in doubts}
    assert ("uncited", "cong-van-2597-ubnd-nv-2024-quy-nhon") in found
    assert ("shared-number", "cong-van-2597-ubnd-nv-2024-bo") in found
    assert ("shared-number", "cong-van-2597-ubnd-nv-2024-quy-nhon") in found
    assert ("similar-campaigns", "vi-nguoi-ngheo") in found
    assert ("review", "vi-nguoi-ngheo-ocr") in found
    assert ("no-actor", "cong-van-2597-ubnd-nv-2024-quy-nhon") in found
    assert ("ended-locality", "tinh-binh-dinh") in found
    assert ("partial-date", "cong-van-2597-ubnd-nv-2024-bo") not in found
    uncited = [d for d in doubts if d.category == "uncited"]
    assert [d.message for d in uncited] == ["«98/2023/NĐ-CP» xuất hiện trong toàn văn nhưng chưa có trong citations"]
    assert all(d.path.startswith("data/") for d in doubts)


def test_ratios_and_dates_are_not_numbers(tmp_path):
    kb, _ = sotay.load_knowledge_base(FIXTURES / "mini" / "data")
    assert not [d for d in report(sotay.build_graph(kb)) if d.category == "uncited"]


def test_quality_page_links_to_the_records(tmp_path):
    site = sotay.build(doubtful_data(tmp_path), today=dt.date(2026, 1, 1))
    (page,) = [p for p in site.pages if p.uri == "chat-luong/index.md"]
    assert '<a href="../van-ban/cong-van-2597-ubnd-nv-2024-bo/">' in page.content
    assert '<a href="../phong-trao/vi-nguoi-ngheo/">' in page.content
    assert "data/documents/cong-van-2597-ubnd-nv-2024-bo.yaml" in page.content


def test_validate_report_command(tmp_path):
    result = run_sotay("validate", "--report", str(doubtful_data(tmp_path)))
    assert result.returncode == 0, result.stderr
    assert "## Cùng số hiệu, khác cơ quan ban hành (2)" in result.stdout
    assert "data/campaigns/vi-nguoi-ngheo.yaml: «Vì người nghèo" in result.stdout
