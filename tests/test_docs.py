"""Docs that drift from the code fail here."""

import re
import subprocess
import sys

from sotay import cli
from sotay.data.schemadoc import field_tables

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_data_format_is_generated_from_the_schemas():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "schema_doc.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_readme_documents_every_field():
    for table in field_tables():
        for row in table["rows"]:
            assert f"| `{row['name']}` |" in README, (table["kind"], row["name"])


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one():
    commands = re.findall(r"^make (\w+)\s+#", README, flags=re.MULTILINE)
    assert commands == ["serve", "test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "rc -eq 5" in makefile  # "no tests ran" is a failure, not a pass


def test_readme_gives_every_subcommand_and_make_runs_them():
    for command in cli.COMMANDS:
        assert f"sotay {command.NAME}" in README, command.NAME
        # one command, no script left behind (only the maintainer's stay beside schema_doc.py)
        assert not (ROOT / "scripts" / f"{command.NAME}.py").exists(), command.NAME
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "$(VENV)/bin/sotay publish" in makefile and "$(VENV)/bin/sotay validate" in makefile


def test_maintainer_scripts_have_help():
    for script in ["scripts/schema_doc.py", "bench/bench_extract.py", "bench/bench_build.py", "bench/bench_corpus.py",
                   "bench/same_output.py"]:
        result = subprocess.run([sys.executable, str(ROOT / script), "--help"],
                                capture_output=True, text=True)
        assert result.returncode == 0 and "usage:" in result.stdout
