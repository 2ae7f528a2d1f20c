"""The hostile-input corpus (tests/hostile/cases.yaml): exact messages, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sotay
from sotay import DataError
from sotay.data.load import parse_yaml

from .conftest import FIXTURES, run_sotay

HERE = Path(__file__).resolve().parent
CASES = yaml.safe_load((HERE / "hostile" / "cases.yaml").read_text(encoding="utf-8"))


def apply(case: dict, data: Path) -> None:
    for rel, content in (case.get("write") or {}).items():
        (data / rel).write_bytes(content.encode("utf-8"))
    for rel, hexed in (case.get("write_hex") or {}).items():
        (data / rel).write_bytes(bytes.fromhex(hexed))
    for rel, size in (case.get("huge") or {}).items():
        line = b"# dong chu thich lap lai\n"
        (data / rel).write_bytes(b"kind: Luat\n" + line * (size // len(line)))
    if "edit" in case:
        path = data / case["edit"]["path"]
        text = path.read_text(encoding="utf-8")
        assert case["edit"]["old"] in text, case["name"]
        path.write_text(text.replace(case["edit"]["old"], case["edit"]["new"], 1), encoding="utf-8")


def test_corpus_is_big_and_distinct():
    names = [c["name"] for c in CASES]
    assert len(names) >= 30 and len(set(names)) == len(names)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case_gives_its_message(case, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini" / "data", data)
    apply(case, data)
    if case.get("valid"):
        _, problems = sotay.load_knowledge_base(data)
    else:
        with pytest.raises(DataError) as info:
            sotay.load_knowledge_base(data)
        problems = info.value.problems
    heads = [str(p).splitlines()[0] for p in problems]
    for expected in case["expected"]:
        assert expected in heads, "\n".join(heads)
    assert all(p.hint for p in problems if p.is_error), "every error says what to do"


def test_cli_reports_several_cases_at_once_without_traceback(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini" / "data", data)
    chosen = [c for c in CASES if not c.get("valid") and "edit" not in c][:8]
    for i, case in enumerate(chosen):
        # give every case its own file names so they do not overwrite each other
        renamed = {k.replace("x.yaml", f"x{i}.yaml"): v for k, v in (case.get("write") or {}).items()}
        apply({**case, "write": renamed, "write_hex": {k.replace("x.yaml", f"x{i}.yaml"): v
                                                     for k, v in (case.get("write_hex") or {}).items()}}, data)
    result = run_sotay("validate", str(data))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.count("data/") >= len(chosen)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_yaml_parser_never_raises(text):
    _, _, problems = parse_yaml(text, "x.yaml")  # must not raise
    assert all(p.path == "x.yaml" and p.message for p in problems)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400) | st.text(max_size=400).map(lambda t: t.encode("utf-8")))
def test_loader_only_raises_its_own_error(tmp_path_factory, content):
    data = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(FIXTURES / "mini" / "data", data)
    (data / "campaigns" / "fuzz.yaml").write_bytes(content)
    try:
        sotay.load_knowledge_base(data)
    except DataError as exc:
        assert exc.problems


# Fragments of real documents glued at random: citation starts, dates,
# quotes, footnote marks, combining marks and NBSP, and plain letters.
_FRAGMENTS = ["Chỉ thị số ", "Nghị định ", "05-CT/TW", "98/2023/NĐ-CP", " ngày ", "15/5/2016",
              " tháng ", " năm ", "phong trào “", "”", "trước ngày ", "<sup>1</sup>", "Căn cứ ",
              "Số: ", "\u0301", "\u00a0", "\n", "\n\n", "; ", "**", "của Bộ Chính trị", "giai đoạn 2021-2025"]
_VIETNAMESE_TEXT = st.lists(
    st.sampled_from(_FRAGMENTS) | st.text(alphabet="aăâđêôơưbcdghklmnpqrstvxy0123456789 /-.", max_size=8),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_VIETNAMESE_TEXT)
def test_extractor_never_raises_and_spans_point_into_the_text(text):
    from sotay.extract import extract
    from sotay.text.folding import document_text

    found = extract(text)
    clean = document_text(text)
    for citation in found.citations:
        assert clean[citation.start:citation.end] == citation.quote


@settings(max_examples=300)
@given(st.text(max_size=200))
def test_normalisation_is_idempotent_and_nfc(text):
    import unicodedata

    from sotay.text.folding import clean, document_text, fold, tone_fold

    for f in (clean, fold, tone_fold, document_text):
        once = f(text)
        assert f(once) == once
        assert unicodedata.is_normalized("NFC", once)


IMPORT_CASES = yaml.safe_load((HERE / "hostile" / "import_cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", IMPORT_CASES, ids=[c["name"] for c in IMPORT_CASES])
def test_import_case_gives_its_message_and_writes_nothing(case, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini" / "data", data)
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    source = tmp_path / case["file"]
    source.write_bytes(bytes.fromhex(case["hex"]) if "hex" in case else case["text"].encode("utf-8"))
    result = run_sotay("import", source.name, "--data", str(data), "-q", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert any(line.strip().startswith(case["expected"]) for line in result.stderr.splitlines()), result.stderr
    assert {p: p.read_bytes() for p in data.rglob("*") if p.is_file()} == before
