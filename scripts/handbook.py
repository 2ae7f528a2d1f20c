#!/usr/bin/env python3
"""Print the handbook (sổ tay) as a PDF, for the whole knowledge base or a scope.

    python scripts/handbook.py                                  # so-tay.pdf, toàn bộ kho
    python scripts/handbook.py --tinh tinh-binh-dinh -o binh-dinh.pdf
    python scripts/handbook.py --phong-trao vi-nguoi-ngheo
    python scripts/handbook.py --tinh tinh-binh-dinh --nam 2024

Exit status 0 on success, 1 when the data has errors, 2 for a bad scope.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sotay import DataError, build_graph, load_knowledge_base  # noqa: E402
from sotay.outputs.handbook import (  # noqa: E402
    DEFAULT_OFFICE,
    HandbookError,
    Scope,
    ScopeError,
    data_version,
    render_html,
    select,
    write_pdf,
)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' không phải ngày dạng YYYY-MM-DD") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="handbook",
        description="In sổ tay thi đua ra PDF (khổ A4) từ kho dữ liệu: bìa, mục lục, phong trào, "
        "căn cứ pháp lý, văn bản, thời hạn theo tháng, chỉ mục số hiệu. Mặc định in toàn bộ kho; "
        "các bộ lọc --tinh, --phong-trao, --nam kết hợp với nhau (và).",
        epilog="Ví dụ: python scripts/handbook.py --tinh tinh-binh-dinh --nam 2024 "
        "-o binh-dinh-2024.pdf",
    )
    parser.add_argument("--tinh", metavar="MÃ_TỈNH",
                        help="chỉ văn bản của một tỉnh và các địa bàn trực thuộc (mã trong "
                        "data/localities/, ví dụ tinh-binh-dinh)")
    parser.add_argument("--phong-trao", metavar="MÃ_PHONG_TRÀO",
                        help="chỉ văn bản nhắc đến một phong trào, kể cả hình thức địa phương "
                        "và đợt thành phần (mã trong data/campaigns/, ví dụ vi-nguoi-ngheo)")
    parser.add_argument("--nam", type=int, metavar="NĂM",
                        help="chỉ văn bản ban hành trong năm và các hạn rơi vào năm đó, ví dụ 2024")
    parser.add_argument("-o", "--output", type=Path, default=Path("so-tay.pdf"),
                        help="tệp PDF ghi ra (mặc định: so-tay.pdf)")
    parser.add_argument("--du-lieu", type=Path,
                        default=Path(os.environ.get("SOTAY_DATA", ROOT / "data")),
                        help="thư mục dữ liệu (mặc định: SOTAY_DATA hoặc data/)")
    parser.add_argument("--co-quan", default=DEFAULT_OFFICE,
                        help=f"đơn vị giữ sổ, in trên bìa (mặc định: {DEFAULT_OFFICE})")
    today = os.environ.get("SOTAY_TODAY")
    parser.add_argument("--ngay", type=_date, default=_date(today) if today else dt.date.today(),
                        help="ngày lập sổ, mốc của nhãn «đã qua» (YYYY-MM-DD; mặc định: "
                        "SOTAY_TODAY hoặc hôm nay)")
    parser.add_argument("--html", type=Path,
                        help="ghi thêm bản HTML trước khi dàn trang (để xem, sửa mẫu)")
    args = parser.parse_args(argv)

    try:
        kb, _ = load_knowledge_base(args.du_lieu)
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    graph = build_graph(kb)
    scope = Scope(province=args.tinh, campaign=args.phong_trao, year=args.nam)
    started = time.perf_counter()
    try:
        contents = select(graph, scope, args.ngay)
        html = render_html(graph, args.ngay, scope, args.co_quan, contents=contents)
        if args.html:
            args.html.write_text(html, encoding="utf-8")
        version = data_version(kb)
        pdf = write_pdf(html, identifier=f"{version}:{scope}:{args.ngay}:{args.co_quan}")
    except ScopeError as exc:
        print(f"handbook: {exc}", file=sys.stderr)
        return 2
    except HandbookError as exc:
        print(f"handbook: {exc}", file=sys.stderr)
        return 1
    for warning in pdf.warnings:
        print(f"cảnh báo: {warning}", file=sys.stderr)
    args.output.write_bytes(pdf.content)
    print(f"{args.output}: {scope.label(kb)}, {pdf.pages} trang, "
          f"{len(contents.documents)} văn bản, {len(contents.campaigns)} phong trào, "
          f"{len(contents.references)} văn bản được trích dẫn, "
          f"{len(pdf.content) // 1024} KB, {time.perf_counter() - started:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
