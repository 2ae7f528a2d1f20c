"""Bad data gets a clear error naming file, line, field and cause; all at once."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sotay
from sotay import DataError

from .conftest import FIXTURES, ROOT, run_sotay

MINI = FIXTURES / "mini" / "data"
DOC = "documents/cong-van-2597-ubnd-nv-2024-quy-nhon.yaml"


@pytest.fixture
def mini(tmp_path) -> Path:
    dest = tmp_path / "data"
    shutil.copytree(MINI, dest)
    return dest


def problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        sotay.load_knowledge_base(data)
    return [str(p) for p in info.value.problems]


def edit(data: Path, rel: str, old: str, new: str) -> None:
    path = data / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_fixture_itself_is_valid():
    kb, warnings = sotay.load_knowledge_base(MINI)
    assert len(kb.documents) == 2 and not warnings


# Each row: (file, old text, new text, the exact first line expected).
CASES = [
    pytest.param(DOC, "kind: Công văn", "kind: Công văn\n  bad: [", "data/" + DOC + ":2: lỗi cú pháp YAML: mapping values are not allowed in this context", id="yaml-syntax"),
    pytest.param(DOC, "  - target: chi-thi-05-ct-tw-2016\n    role: thực hiện", "\t- target: chi-thi-05-ct-tw-2016\n    role: thực hiện", "data/" + DOC + ":21: lỗi cú pháp YAML: found character that cannot start any token", id="tab"),
    pytest.param(DOC, "issuer: ubnd", "isuer: ubnd", "data/" + DOC + ":5: isuer: trường không có trong lược đồ", id="misspelt-field"),
    pytest.param(DOC, "place: Quy Nhơn", "place: Quy Nhơn\nplace: Quy Nhon", "data/" + DOC + ":5: place: trường bị lặp (đã có ở dòng 4)", id="duplicate-key"),
    pytest.param(DOC, "date: 2024-07-03", "date: 2024-02-31", "data/" + DOC + ":3: date: ngày 31/2/2024 không tồn tại", id="impossible-date"),
    pytest.param(DOC, "date: 2024-07-03", "date: 03/7/2024", "data/" + DOC + ":3: date: '03/7/2024' chưa viết theo ISO, cần '2024-07-03'", id="vietnamese-date"),
    pytest.param(DOC, "kind: Công văn", "kind: Cong van", "data/" + DOC + ":1: kind: giá trị 'Cong van' không hợp lệ; cần một trong: Luật, Nghị quyết, Nghị định, Quyết định, Chỉ thị, Thông tư, Kết luận, Quy định, Kế hoạch, Chương trình, Hướng dẫn, Công văn, Báo cáo, Thông báo, Đề án, Tờ trình, Phát động", id="enum"),
    pytest.param(DOC, "number: 2597/UBND-NV", "number: 2597", "data/" + DOC + ":2: number: cần chữ hoặc để trống, nhưng đang là số nguyên", id="wrong-type"),
    pytest.param(DOC, "number: 2597/UBND-NV", "number: số 2597", "data/" + DOC + ":2: number: 'số 2597' không đúng dạng số, ký hiệu văn bản (\"2597/UBND-NV\", \"98/2023/NĐ-CP\", \"05-CT/TW\", \"/UBND-NC\" khi chưa có số)", id="bad-number"),
    pytest.param(DOC, "issuer: ubnd-thanh-pho-quy-nhon", "issuer: ubnd-tp-quy-nhon", "data/" + DOC + ":5: issuer: không có cơ quan 'ubnd-tp-quy-nhon' trong data/bodies/", id="missing-reference"),
    pytest.param(DOC, "    quote: Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị", "    quote: Chỉ thị số 05/CT-TW ngày 15/5/2016 của Bộ Chính trị", "data/" + DOC + ":23: citations[1].quote: không tìm thấy đoạn trích «Chỉ thị số 05/CT-TW ngày 15/5/2016 của Bộ Chính trị» trong toàn văn", id="quote-not-in-text"),
    pytest.param("localities/viet-nam.yaml", "level: trung ương", "level: trung ương\nparent: thanh-pho-quy-nhon", "data/localities/thanh-pho-quy-nhon.yaml:4: parent: vòng lặp: thanh-pho-quy-nhon → tinh-binh-dinh → viet-nam → thanh-pho-quy-nhon", id="parent-cycle"),
    pytest.param("campaigns/vi-nguoi-ngheo.yaml", "period: 2021-2025", "period: 2021 đến 2025", "data/campaigns/vi-nguoi-ngheo.yaml:6: period: '2021 đến 2025' không phải giai đoạn dạng \"2021-2025\" hoặc \"2024\"", id="bad-period"),
    pytest.param("campaigns/vi-nguoi-ngheo.yaml", "aliases: [Vi người nghèo - Không để ai bị bỏ lại phía sau]", "aliases: Vi người nghèo", "data/campaigns/vi-nguoi-ngheo.yaml:2: aliases: cần danh sách (mỗi mục một dòng bắt đầu bằng '- '), nhưng đang là chữ", id="list-expected"),
]


@pytest.mark.parametrize(("rel", "old", "new", "expected"), CASES)
def test_bad_input_gets_a_located_message(mini, rel, old, new, expected):
    edit(mini, rel, old, new)
    found = problems(mini)
    assert any(line.splitlines()[0] == expected for line in found), "\n".join(found)


def test_tab_gets_its_own_hint(mini):
    edit(mini, DOC, "  - target: chi-thi-05-ct-tw-2016", "\t- target: chi-thi-05-ct-tw-2016")
    assert "gợi ý: dòng này có ký tự tab: YAML chỉ cho thụt lề bằng dấu cách" in "\n".join(problems(mini))


def test_broken_file_does_not_cascade(mini):
    """A record that fails to parse still exists: no 'missing record' noise."""
    edit(mini, DOC, "kind: Công văn", "kind: Công văn\n  bad: [")
    assert len(problems(mini)) == 1


def test_misspelt_field_suggests_the_right_one(mini):
    edit(mini, DOC, "issuer: ubnd", "isuer: ubnd")
    assert "gợi ý: có phải 'issuer'?" in "\n".join(problems(mini))


def test_missing_reference_suggests_close_ids(mini):
    edit(mini, DOC, "issuer: ubnd-thanh-pho-quy-nhon", "issuer: ubnd-thanh-pho-quy-nhn")
    assert "gợi ý: có phải 'ubnd-thanh-pho-quy-nhon'?" in "\n".join(problems(mini))


def test_empty_file(mini):
    (mini / "bodies" / "rong.yaml").write_text("", encoding="utf-8")
    assert "data/bodies/rong.yaml:1: tệp rỗng\n  gợi ý: xóa tệp hoặc điền bản ghi" in problems(mini)


def test_not_utf8(mini):
    (mini / "bodies" / "latin1.yaml").write_bytes("name: Ủy ban\n".encode("utf-8")[:8] + "é".encode("latin-1"))
    assert any(p.startswith("data/bodies/latin1.yaml:1: tệp không phải UTF-8") for p in problems(mini))


def test_duplicate_id_across_extensions(mini):
    shutil.copy(mini / "campaigns" / "vi-nguoi-ngheo.yaml", mini / "campaigns" / "vi-nguoi-ngheo.yml")
    assert any("mã 'vi-nguoi-ngheo' trùng với data/campaigns/vi-nguoi-ngheo.yaml" in p for p in problems(mini))


def test_bad_file_name(mini):
    shutil.copy(mini / "bodies" / "bo-chinh-tri.yaml", mini / "bodies" / "Bộ Chính trị.yaml")
    found = problems(mini)
    assert any("tên tệp 'Bộ Chính trị' không dùng được làm mã" in p and "'bo-chinh-tri.yaml'" in p for p in found)


def test_same_document_twice_in_other_spelling(mini):
    text = (mini / "documents" / "chi-thi-05-ct-tw-2016.yaml").read_text(encoding="utf-8")
    (mini / "documents" / "chi-thi-05-tw-ban-sao.yaml").write_text(
        text.replace("number: 05-CT/TW", "number: 05/CT - TW"), encoding="utf-8")
    found = problems(mini)
    assert any(
        p.startswith("data/documents/chi-thi-05-tw-ban-sao.yaml:2: number: cùng một văn bản với "
                     "data/documents/chi-thi-05-ct-tw-2016.yaml") for p in found), found


def test_same_number_other_issuer_is_another_document(mini):
    """01/CT-UBND of Quy Nhơn 2024 and of Tây Sơn 2023 are two documents."""
    (mini / "documents" / "chi-thi-01-ct-ubnd-2024-quy-nhon.yaml").write_text(
        "kind: Chỉ thị\nnumber: 01/CT-UBND\ndate: 2024-04-24\nissuer: ubnd-thanh-pho-quy-nhon\n", encoding="utf-8")
    (mini / "documents" / "chi-thi-01-ct-ubnd-2023-bo.yaml").write_text(
        "kind: Chỉ thị\nnumber: 01/CT-UBND\ndate: 2023-01-30\nissuer: bo-chinh-tri\n", encoding="utf-8")
    kb, _ = sotay.load_knowledge_base(mini)
    assert {"chi-thi-01-ct-ubnd-2024-quy-nhon", "chi-thi-01-ct-ubnd-2023-bo"} <= set(kb.documents)


def test_partial_dates_and_blank_numbers_are_data(mini):
    edit(mini, DOC, "number: 2597/UBND-NV", "number: /UBND-NV")
    edit(mini, DOC, "date: 2024-07-03", "date: 2024-06")
    kb, _ = sotay.load_knowledge_base(mini)
    doc = kb.documents["cong-van-2597-ubnd-nv-2024-quy-nhon"]
    assert doc.number.blank and doc.date.vi() == "tháng 6/2024" and doc.label == "Công văn số …/UBND-NV"


def test_every_problem_of_a_run_is_reported_together(mini):
    edit(mini, DOC, "issuer: ubnd", "isuer: ubnd")
    edit(mini, "campaigns/vi-nguoi-ngheo.yaml", "period: 2021-2025", "period: sớm")
    (mini / "bodies" / "rong.yaml").write_text("", encoding="utf-8")
    found = "\n".join(problems(mini))
    for part in ("isuer: trường không có", "period: 'sớm'", "rong.yaml:1: tệp rỗng", "issuer: thiếu trường bắt buộc"):
        assert part in found


def test_validate_command_reports_and_fails(mini):
    edit(mini, DOC, "issuer: ubnd", "isuer: ubnd")
    result = run_sotay("validate", str(mini))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"data/{DOC}:5: isuer: trường không có trong lược đồ" in result.stderr


def test_validate_command_accepts_good_data():
    result = run_sotay("validate", str(MINI))
    assert result.returncode == 0, result.stderr
    assert "Dữ liệu hợp lệ: 2 văn bản, 1 phong trào" in result.stdout


# --- the fast schema gate ---------------------------------------------------
# A record the Rust gate accepts is never shown to jsonschema, so a gate
# looser than the published schema would silently hide an editor's mistake.

def _schema_verdicts(record) -> tuple[bool, bool]:
    from sotay.data.schema_check import _gates, _validators

    gate = _gates()[record.kind].is_valid(record.data)
    explained = next(iter(_validators()[record.kind].iter_errors(record.data)), None) is None
    return gate, explained


def test_gate_agrees_with_the_schema_on_the_shipped_data():
    from sotay.data.load import load

    records, _ = load(ROOT / "data")
    assert len(records) > 50
    for record in records:
        assert _schema_verdicts(record) == (True, True), record.path


@pytest.mark.parametrize(("rel", "old", "new", "expected"), CASES)
def test_gate_rejects_every_schema_error_of_the_cases(mini, rel, old, new, expected):
    from sotay.data.load import load

    edit(mini, rel, old, new)
    records, _ = load(mini)
    for record in records:
        if not record.broken:
            gate, explained = _schema_verdicts(record)
            assert explained or not gate, record.path


def test_integer_dates_are_judged_by_the_explaining_validator(mini):
    # `date: 20245` is a YAML integer; jsonschema-rs checks formats on strings
    # only, so the gate must send it on rather than accept it.
    edit(mini, DOC, "date: 2024-07-03", "date: 20245")
    assert any(":3: date:" in line for line in problems(mini))
    edit(mini, DOC, "date: 20245", "date: 2024")
    kb, _ = sotay.load_knowledge_base(mini)
    date = kb.documents["cong-van-2597-ubnd-nv-2024-quy-nhon"].date
    assert (date.year, date.month, date.day) == (2024, None, None)


_JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False)
    | st.sampled_from(["", "2024", "2024-02-31", "2024-07", "2021-2025", "2597/UBND-NV", "/UBND-NC",
                       "số 2597", "chi-thi-05", "Chi-Thi", "tỉnh", "Công văn", "x" * 130]) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(
        ["target", "role", "quote", "campaign", "name", "title", "x"]), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_gate_never_accepts_what_the_schema_rejects(data):
    from sotay.data.load import load

    records, _ = load(MINI)
    record = data.draw(st.sampled_from(records))
    changed = dict(record.data)
    field = data.draw(st.sampled_from([*changed, "extra", "date", "period", "number", "citations"]))
    changed[field] = data.draw(_JSONISH)
    gate, explained = _schema_verdicts(type(record)(record.kind, record.id, record.path, changed))
    assert explained or not gate, (record.kind, field, changed[field])


# --- parallel load (a full build reads the files in one process per core) ---
# Run in a fresh interpreter: load() forks only when its process runs no
# other thread, and earlier tests (a served site, the browser) leave some.

PARALLEL_LOAD = """
import importlib, json, os, sys
from pathlib import Path
import sotay
from sotay import DataError
from sotay.data.validate import prepare
load_module = importlib.import_module("sotay.data.load")  # sotay.data.load is also a function
load_module.PARALLEL_MIN_FILES = 1
data = Path(sys.argv[1])

def mark_process(record):
    prepare(record)
    record.memo["pid"] = os.getpid()

one, one_problems = load_module.load(data)
many, many_problems = load_module.load(data, workers=2, prepare=mark_process)
def shape(records):
    return [(r.kind, r.id, r.path, r.data, sorted(r.lines.items()), r.broken) for r in records]
def outcome(workers):
    try:
        kb, warnings = sotay.load_knowledge_base(data, workers=workers)
        return [str(w) for w in warnings], repr(sorted(kb.documents.items()))
    except DataError as exc:
        return [str(p) for p in exc.problems], None
print(json.dumps({
    "same_records": shape(many) == shape(one),
    "same_problems": many_problems == one_problems,
    "problems": len(one_problems),
    "in_workers": bool(many) and all(r.memo.get("pid") not in (None, os.getpid())
                                     for r in many if not r.broken),
    "same_outcome": outcome(2) == outcome(1),
}))
"""


def _parallel_load(data: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", PARALLEL_LOAD, str(data)], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_parallel_load_reads_what_one_process_reads(mini):
    # errors of every stage: syntax, schema, a missing reference, an unreadable encoding
    edit(mini, DOC, "issuer: ubnd", "isuer: ubnd")
    (mini / "bodies" / "x.yaml").write_text("name: \"Ủy ban\nlevel: tỉnh\n", encoding="utf-8")
    (mini / "bodies" / "y.yaml").write_bytes("name: Ðoàn\nlevel: tỉnh\nlocality: viet-nam\n".encode())
    (mini / "bodies" / "z.yaml").write_bytes(b"name: \xc9tat\n")
    found = _parallel_load(mini)
    assert found["problems"] >= 3
    assert found == {**found, "same_records": True, "same_problems": True, "in_workers": True,
                     "same_outcome": True}, found


def test_parallel_load_builds_the_same_knowledge_base():
    found = _parallel_load(ROOT / "data")
    assert found == {**found, "same_records": True, "same_problems": True, "in_workers": True,
                     "same_outcome": True}, found
