"""Generated pages of a small fixture, compared with checked-in expected output.

Regenerate after an intended change with:

    .venv/bin/python -m pytest tests/test_golden.py --update-golden

and review the diff of tests/golden/ like any other change.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import sotay

from .conftest import FIXTURES

GOLDEN = Path(__file__).resolve().parent / "golden" / "mini"


def test_generated_pages_match_golden(request):
    site = sotay.build(FIXTURES / "mini" / "data", today=dt.date(2024, 7, 1))
    produced = {page.uri: page.content for page in site.pages}
    if request.config.getoption("--update-golden"):
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for uri, content in produced.items():
            target = GOLDEN / uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(produced) == sorted(expected)
    for uri, content in produced.items():
        assert content == expected[uri], f"{uri} differs from tests/golden/mini/{uri}"
