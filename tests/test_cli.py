"""The `sotay` command: one entry point, its subcommands, help and errors in
Vietnamese (argparse's own words included), wrong usage exit 2."""

from __future__ import annotations

import re
import tomllib

import pytest

from sotay import cli
from sotay.cli.common import translate

from .conftest import ROOT, run_sotay

NAMES = [command.NAME for command in cli.COMMANDS]
# argparse's English, any of which in the output means a string was missed
ENGLISH = re.compile(r"usage|positional|options|optional arguments|show this help"
                     r"|message and exit|error|required|argument|invalid|choose from|expected"
                     r"|unrecognized|ambiguous", flags=re.IGNORECASE)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """cli.main in this process: (exit status, stdout, stderr)."""
    try:
        status = cli.main(list(argv))
    except SystemExit as exit:
        status = exit.code
    out, err = capsys.readouterr()
    return status, out, err


def test_the_four_subcommands():
    assert NAMES == ["import", "validate", "handbook", "publish"]


def test_top_level_help_lists_every_subcommand_in_vietnamese(capsys):
    status, out, err = run(capsys, "--help")
    assert status == 0 and err == ""
    assert out.startswith("Cách dùng: sotay [-h] LỆNH ...")
    for heading in ("tùy chọn:", "lệnh:", "-h, --help  hiện trợ giúp này rồi thoát"):
        assert heading in out
    for name in NAMES:
        assert re.search(rf"^ +{name} +\S", out, flags=re.MULTILINE), name
    assert not ENGLISH.search(out), ENGLISH.search(out)


@pytest.mark.parametrize("name", NAMES)
def test_subcommand_help_is_vietnamese(capsys, name):
    status, out, err = run(capsys, name, "--help")
    assert status == 0 and err == ""
    assert out.startswith(f"Cách dùng: sotay {name} [-h]")
    assert "tùy chọn:" in out and "hiện trợ giúp này rồi thoát" in out
    assert not ENGLISH.search(out), ENGLISH.search(out)


def test_positional_arguments_are_headed_in_vietnamese(capsys):
    _, out, _ = run(capsys, "validate", "--help")
    assert "tham số:\n  THƯ_MỤC" in out


@pytest.mark.parametrize(("argv", "says"), [
    ([], "sotay: lỗi: thiếu tham số bắt buộc: LỆNH"),
    (["nhap"], "sotay: lỗi: tham số LỆNH: không có lựa chọn 'nhap' (chọn một trong: 'import', "),
    (["import"], "sotay import: lỗi: thiếu tham số bắt buộc: TỆP_HOẶC_THƯ_MỤC"),
    (["validate", "a", "b"], "sotay validate: lỗi: không hiểu tham số: b"),
    (["validate", "--bao-cao"], "sotay validate: lỗi: không hiểu tham số: --bao-cao"),
    (["handbook", "--nam", "hai-nghin"],
     "sotay handbook: lỗi: tham số --nam: 'hai-nghin' không phải số nguyên"),
    (["handbook", "--ngay", "2024-13-01"],
     "sotay handbook: lỗi: tham số --ngay: '2024-13-01' không phải ngày dạng YYYY-MM-DD"),
    (["handbook", "-o"], "sotay handbook: lỗi: tham số -o/--output: cần một giá trị"),
    (["handbook", "--n", "2024"],
     "sotay handbook: lỗi: tùy chọn --n không rõ: có thể là --nam, --ngay"),
    (["publish", "--site"], "sotay publish: lỗi: tham số --site: cần một giá trị"),
])
def test_wrong_usage_is_told_in_vietnamese_and_exits_2(capsys, argv, says):
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert says in err
    usage = f"Cách dùng: sotay {argv[0]}" if argv and argv[0] in NAMES else "Cách dùng: sotay [-h]"
    assert err.startswith(usage), err  # the usage of the command that was wrong
    assert not ENGLISH.search(err), ENGLISH.search(err)


@pytest.mark.parametrize(("english", "vietnamese"), [
    ("the following arguments are required: A, B", "thiếu tham số bắt buộc: A, B"),
    ("one of the arguments --a --b is required", "cần một trong các tham số: --a --b"),
    ("unrecognized arguments: x y", "không hiểu tham số: x y"),
    ("ambiguous option: --d could match --data, --dry-run",
     "tùy chọn --d không rõ: có thể là --data, --dry-run"),
    ("argument --nam: invalid int value: 'x'", "tham số --nam: 'x' không phải số nguyên"),
    ("argument --a: invalid Path value: 'x'", "tham số --a: giá trị không hợp lệ: 'x'"),
    ("argument --a: expected at least one argument", "tham số --a: cần ít nhất một giá trị"),
    ("argument --a: expected 2 arguments", "tham số --a: cần 2 giá trị"),
    ("argument --a: not allowed with argument --b", "tham số --a: không dùng được cùng với --b"),
    ("argument --a: ignored explicit argument 'x'", "tham số --a: không nhận giá trị 'x'"),
    ("argument --ngay: 'x' không phải ngày", "tham số --ngay: 'x' không phải ngày"),  # ours
    ("something new in a later Python", "something new in a later Python"),
])
def test_translate(english, vietnamese):
    assert translate(english) == vietnamese


def test_python_m_sotay_and_the_installed_command():
    result = run_sotay("--help")
    assert result.returncode == 0 and result.stdout.startswith("Cách dùng: sotay ")
    result = run_sotay("lam-gi")
    assert result.returncode == 2 and "sotay: lỗi:" in result.stderr and result.stdout == ""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["scripts"] == {"sotay": "sotay.cli:main"}
