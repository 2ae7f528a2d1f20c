"""`sotay handbook`: the handbook (sổ tay) as a PDF, for the whole knowledge base or a scope.

    sotay handbook                                  # so-tay.pdf, toàn bộ kho
    sotay handbook --tinh tinh-binh-dinh -o binh-dinh.pdf
    sotay handbook --phong-trao vi-nguoi-ngheo
    sotay handbook --tinh tinh-binh-dinh --nam 2024

Exit status 0 on success, 1 when the data has errors, 2 for a bad scope.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

from sotay import DataError, build_graph, load_knowledge_base
from sotay.cli.common import PROJECT
from sotay.outputs.handbook import (
    DEFAULT_OFFICE,
    HandbookError,
    Scope,
    ScopeError,
    data_version,
    render_html,
    select,
    write_pdf,
)

NAME = "handbook"
SUMMARY = "in sổ tay thi đua ra PDF, cho toàn bộ kho hoặc một tỉnh, phong trào, năm"


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' không phải ngày dạng YYYY-MM-DD") from None


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "In sổ tay thi đua ra PDF (khổ A4) từ kho dữ liệu: bìa, mục lục, phong trào, "
        "căn cứ pháp lý, văn bản, thời hạn theo tháng, chỉ mục số hiệu. Mặc định in toàn bộ kho; "
        "các bộ lọc --tinh, --phong-trao, --nam kết hợp với nhau (và)."
    )
    parser.epilog = "Ví dụ: sotay handbook --tinh tinh-binh-dinh --nam 2024 -o binh-dinh-2024.pdf"
    parser.add_argument("--tinh", metavar="MÃ_TỈNH",
                        help="chỉ văn bản của một tỉnh và các địa bàn trực thuộc (mã trong "
                        "data/localities/, ví dụ tinh-binh-dinh)")
    parser.add_argument("--phong-trao", metavar="MÃ_PHONG_TRÀO",
                        help="chỉ văn bản nhắc đến một phong trào, kể cả hình thức địa phương "
                        "và đợt thành phần (mã trong data/campaigns/, ví dụ vi-nguoi-ngheo)")
    parser.add_argument("--nam", type=int, metavar="NĂM",
                        help="chỉ văn bản ban hành trong năm và các hạn rơi vào năm đó, ví dụ 2024")
    parser.add_argument("-o", "--output", type=Path, default=Path("so-tay.pdf"), metavar="TỆP_PDF",
                        help="tệp PDF ghi ra (mặc định: so-tay.pdf)")
    parser.add_argument("--du-lieu", type=Path, metavar="THƯ_MỤC",
                        default=Path(os.environ.get("SOTAY_DATA", PROJECT / "data")),
                        help="thư mục dữ liệu (mặc định: SOTAY_DATA hoặc data/)")
    parser.add_argument("--co-quan", default=DEFAULT_OFFICE, metavar="TÊN",
                        help=f"đơn vị giữ sổ, in trên bìa (mặc định: {DEFAULT_OFFICE})")
    # A string default goes through `type` only when this command's options
    # are parsed: a bad SOTAY_TODAY is a usage error of `handbook` alone.
    parser.add_argument("--ngay", type=_date, default=os.environ.get("SOTAY_TODAY"), metavar="NGÀY",
                        help="ngày lập sổ, mốc của nhãn «đã qua» (YYYY-MM-DD; mặc định: "
                        "SOTAY_TODAY hoặc hôm nay)")
    parser.add_argument("--html", type=Path, metavar="TỆP_HTML",
                        help="ghi thêm bản HTML trước khi dàn trang (để xem, sửa mẫu)")


def run(args: argparse.Namespace) -> int:
    today = args.ngay or dt.date.today()
    try:
        kb, _ = load_knowledge_base(args.du_lieu)
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    graph = build_graph(kb)
    scope = Scope(province=args.tinh, campaign=args.phong_trao, year=args.nam)
    started = time.perf_counter()
    try:
        contents = select(graph, scope, today)
        html = render_html(graph, today, scope, args.co_quan, contents=contents)
        if args.html:
            args.html.write_text(html, encoding="utf-8")
        version = data_version(kb)
        pdf = write_pdf(html, identifier=f"{version}:{scope}:{today}:{args.co_quan}")
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
