"""`sotay validate`: every problem of the knowledge base, as path:line: field: cause.

    sotay validate                # checks ./data
    sotay validate other/data
    sotay validate --report       # and the doubtful points (not errors)

Exit status 0 when the data is valid (warnings allowed), 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sotay import DataError, build_graph, load_knowledge_base
from sotay.outputs.quality import CATEGORIES, report

NAME = "validate"
SUMMARY = "kiểm tra dữ liệu, báo mọi lỗi cùng lúc (--report: cả điểm đáng ngờ)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Kiểm tra dữ liệu của Sổ tay thi đua: báo mọi lỗi cùng lúc, "
        "mỗi lỗi dạng tệp:dòng: trường: nguyên nhân."
    )
    parser.add_argument("data", nargs="?", default="data", type=Path, metavar="THƯ_MỤC",
                        help="thư mục dữ liệu (mặc định: data)")
    parser.add_argument("--report", action="store_true",
                        help="liệt kê thêm các điểm đáng ngờ (không phải lỗi): số trùng, thiếu ngày, "
                        "phong trào trùng tên, địa bàn đã chấm dứt...")


def run(args: argparse.Namespace) -> int:
    try:
        kb, warnings = load_knowledge_base(args.data)
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    for w in warnings:
        print(w, file=sys.stderr)
    counts = ", ".join(
        f"{len(getattr(kb, kind))} {label}"
        for kind, label in [("documents", "văn bản"), ("campaigns", "phong trào"),
                            ("bodies", "cơ quan"), ("localities", "địa bàn"),
                            ("deadlines", "hạn"), ("targets", "chỉ tiêu")]
    )
    print(f"Dữ liệu hợp lệ: {counts}.")
    if args.report:
        doubts = report(build_graph(kb))
        print(f"\n{len(doubts)} điểm đáng ngờ:")
        for category, title in CATEGORIES.items():
            items = [d for d in doubts if d.category == category]
            if items:
                print(f"\n## {title} ({len(items)})")
                for d in items:
                    print(f"{d.path}: {d.message}")
    return 0
