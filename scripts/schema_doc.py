#!/usr/bin/env python3
"""Regenerate the README's data-format section from the published schemas.

    python scripts/schema_doc.py          # rewrite README.md in place
    python scripts/schema_doc.py --check  # exit 1 when README.md is stale
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sotay.data.schemadoc import markdown  # noqa: E402

START, END = "<!-- data-format:start -->", "<!-- data-format:end -->"


def updated(readme: str) -> str:
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{markdown()}{END}{tail}"


def main() -> int:
    parser = argparse.ArgumentParser(description="Sinh mục 'Định dạng dữ liệu' của README từ lược đồ.")
    parser.add_argument("--check", action="store_true", help="chỉ kiểm tra, không ghi")
    args = parser.parse_args()
    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    new = updated(text)
    if args.check:
        if new != text:
            print("README.md chưa khớp lược đồ: chạy python scripts/schema_doc.py", file=sys.stderr)
            return 1
        return 0
    path.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
