"""`sotay import`: documents into the knowledge base as reviewable YAML.

    sotay import cong-van.docx              # one file
    sotay import den-thang-7/ --dry-run     # a folder, show what would be written
    sotay import bao-cao.md --data other/data --force

Each file of a folder is imported on its own: one that cannot be read, whose
issuer cannot be told or whose records would be invalid is named with why and
adds nothing; the others are written.

Exit status: 0 every file imported (or nothing to do), 1 a file not imported
(the others written) or the data invalid (nothing written), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "import"
SUMMARY = "nhập văn bản (.txt, .md, .docx) vào kho dữ liệu thành các tệp YAML"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Nhập văn bản (.txt, .md, .docx) vào kho dữ liệu: trích tiêu đề, trích dẫn, "
        "phong trào, hạn, chỉ tiêu và ghi thành các tệp YAML để người kiểm tra trong git. "
        "Tệp đã được sửa tay không bị ghi đè nếu không có --force."
    )
    parser.epilog = "Ví dụ: sotay import van-ban/ --dry-run"
    parser.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="TỆP_HOẶC_THƯ_MỤC",
        help="tệp .txt/.md/.docx hoặc thư mục chứa chúng",
    )
    parser.add_argument(
        "--data", type=Path, default=Path("data"), metavar="THƯ_MỤC",
        help="thư mục dữ liệu (mặc định: data)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="chỉ cho biết sẽ ghi những tệp nào, không ghi gì"
    )
    parser.add_argument("--force", action="store_true", help="ghi đè cả tệp đã được sửa tay")
    parser.add_argument(
        "--issuer",
        metavar="MÃ",
        help="mã cơ quan ban hành (trong data/bodies/) khi không tự nhận ra được; chỉ cho một tệp",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="không hiện thanh tiến độ")


def _progress(total: int, quiet: bool):
    """A tqdm progress bar for folders (several files), on stderr."""
    if quiet or total < 2:
        return None
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - pinned in requirements
        return None
    return lambda files: tqdm(files, desc="Đang nhập", unit=" văn bản", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from sotay.resolve.importer import plan_import
    from sotay.resolve.writing import decide, write_plan
    from sotay.sources import iter_inputs

    files = list(iter_inputs(args.paths))
    plan = plan_import(
        args.paths, args.data, issuer=args.issuer, progress=_progress(len(files), args.quiet)
    )
    if plan.errors:
        print(f"Lỗi: {len(plan.errors)} — không ghi tệp nào.", file=sys.stderr)
        for err in plan.errors:
            print(f"  {err}", file=sys.stderr)
        return 1
    if plan.refused:
        # One bad file does not hold back the folder: it is named, with why,
        # and adds nothing; every other file is imported.
        print(f"Không nhập {len(plan.refused)} tệp (không ghi gì của các tệp này):",
              file=sys.stderr)
        for path, why in plan.refused.items():
            for line in why:
                print(f"  {line}" if line.startswith(str(path)) else f"  {path}: {line}",
                      file=sys.stderr)

    if args.dry_run:
        decide(plan, args.force)
        print("Chạy thử (--dry-run): không ghi tệp nào.")
        for p in plan.records:
            print(f"  {p.action:<20} {p.path}")
    else:
        written = write_plan(plan, force=args.force)
        for p in plan.records:
            if p.action != "giữ nguyên":
                print(f"  {p.action:<20} {p.path}")
        print(f"Đã ghi {len(written)} tệp.")
    for w in plan.warnings:
        print(f"cảnh báo: {w}", file=sys.stderr)
    print(plan.summary())
    return 1 if plan.refused else 0
