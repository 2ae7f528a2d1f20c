#!/usr/bin/env python3
"""Compare every generated page and asset with those of another revision.

    python bench/same_output.py --before c865d09            # seed data and 1,000 documents
    python bench/same_output.py --before main --sizes 0     # seed data only

A move of code must not change what users get. This builds the site twice
from the same data, once with the working tree and once with `--before`
(checked out in a temporary git worktree), with the same "today", and
compares the two output folders file by file, byte by byte. Size 0 is the
shipped data/ (the handbook PDFs included); other sizes are documents made
by bench/generate.py from the working tree (same --seed, so the same data
for both builds), built without the handbook, which WeasyPrint would take
minutes to print at that size. Exit 1 and a list of the files that differ,
are missing or are extra when the outputs are not identical.

The Pagefind index (pagefind/, pagefind-toan-van/) is left out: Pagefind
writes its filter and meta files in an order of its own that changes from
run to run (two builds of one tree, same data: 8 of its files named and
filled differently). Its input, every HTML page, is compared; its answers
are tested in tests/test_search*.py.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
TODAY = "2024-07-01"


def _build(tree: Path, data: Path, out: Path, handbook: bool) -> None:
    env = {**os.environ, "SOTAY_DATA": str(data), "SOTAY_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1",
           "SOTAY_HANDBOOK": "1" if handbook else "0", "PYTHONPATH": str(tree)}
    result = subprocess.run([PY, "-m", "mkdocs", "build", "-q", "-f", str(tree / "mkdocs.yml"), "-d", str(out)],
                            cwd=tree, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{tree}: mkdocs build thất bại\n{result.stdout}{result.stderr}")


# Written by Pagefind, not by us (see the docstring).
NOT_OURS = ("pagefind/", "pagefind-toan-van/")


def _files(folder: Path) -> set[str]:
    names = (str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    return {n for n in names if not n.startswith(NOT_OURS)}


def compare(a: Path, b: Path) -> list[str]:
    """Lines naming each file that differs, is missing or is extra in `b`."""
    fa, fb = _files(a), _files(b)
    out = [f"thiếu: {f}" for f in sorted(fa - fb)] + [f"thừa: {f}" for f in sorted(fb - fa)]
    for f in sorted(fa & fb):
        if not filecmp.cmp(a / f, b / f, shallow=False):
            out.append(f"khác: {f}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="So từng byte trang và tệp sinh ra với một phiên bản khác.")
    parser.add_argument("--before", required=True, metavar="REV", help="phiên bản để so (mã commit, nhánh)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 1000],
                        help="0: dữ liệu mẫu data/; N: N văn bản sinh ra (mặc định 0 1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None, help="thư mục làm việc (mặc định: thư mục tạm)")
    args = parser.parse_args(argv)
    work = args.out or Path(tempfile.mkdtemp(prefix="sotay-same-"))
    work.mkdir(parents=True, exist_ok=True)
    before = work / "before-tree"
    if not before.exists():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(before), args.before],
                       check=True, capture_output=True)
    failed = False
    try:
        for n in args.sizes:
            if n == 0:
                data = ROOT / "data"
            else:
                data = work / f"data-{n}"
                if not data.exists():
                    subprocess.run([PY, str(ROOT / "bench" / "generate.py"), "-n", str(n), "--seed",
                                    str(args.seed), "--out", str(data)], check=True, capture_output=True)
            outs = []
            for name, tree in (("before", before), ("after", ROOT)):
                out = work / f"site-{n}-{name}"
                _build(tree, data, out, handbook=n == 0)
                outs.append(out)
            diff = compare(*outs)
            label = "dữ liệu mẫu" if n == 0 else f"{n} văn bản"
            print(f"{label}: {len(_files(outs[0]))} tệp, {len(diff)} khác")
            for line in diff[:50]:
                print("  " + line)
            failed |= bool(diff)
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(before)], capture_output=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
