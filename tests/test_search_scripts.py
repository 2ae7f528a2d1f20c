"""The benchmark's data generator writes a valid data folder, the same for the same seed."""

from __future__ import annotations

import filecmp
import subprocess
import sys

from .conftest import ROOT, run_sotay


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_scripts_have_help():
    for script in ["generate.py", "bench_search.py"]:
        result = _run(str(ROOT / "bench" / script), "--help")
        assert result.returncode == 0 and "usage:" in result.stdout, result.stderr


def test_generated_data_is_valid_and_deterministic(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        result = _run("bench/generate.py", "-n", "150", "--seed", "7", "--out", str(out))
        assert result.returncode == 0, result.stderr
    check = run_sotay("validate", str(a))
    assert check.returncode == 0, check.stderr[-3000:]
    assert "227 văn bản" in check.stdout  # 77 shipped + 150 generated
    diff = filecmp.dircmp(a / "documents", b / "documents")
    assert not diff.diff_files and not diff.left_only and not diff.right_only
    sample = next((a / "documents").glob("cong-van-*.yaml")).read_text(encoding="utf-8")
    assert "Số: " in sample and "Kính gửi:" in sample and "“" in sample
