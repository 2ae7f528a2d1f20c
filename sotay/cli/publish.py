"""`sotay publish`: build the site, publish it atomically at site/ (a link to the latest good build).

    sotay publish                   # build from data/, publish at site/
    sotay publish --site /srv/so-tay

Invalid data, a full disk or a killed build leave the published site unchanged.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from sotay.cli.common import PROJECT
from sotay.outputs.publish import PublishError, publish

NAME = "publish"
SUMMARY = "xây trang từ data/ rồi xuất bản tại site/; lỗi giữa chừng thì trang cũ vẫn nguyên"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Xây trang từ data/ rồi mới thay trang đang phục vụ, bằng một lần đổi liên kết: "
        "dữ liệu sai, hết dung lượng hay bị ngắt giữa chừng thì trang cũ vẫn nguyên."
    )
    parser.add_argument("--site", type=Path, default=PROJECT / "site", metavar="ĐƯỜNG_DẪN",
                        help="đường dẫn trang được phục vụ (một liên kết tượng trưng; mặc định: site)")
    parser.add_argument("--config", type=Path, default=PROJECT / "mkdocs.yml", metavar="TỆP",
                        help="tệp cấu hình MkDocs")


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s")

    def build_into(folder: Path) -> None:
        config = load_config(str(args.config), site_dir=str(folder), strict=True)
        build(config)

    try:
        target = publish(args.site, build_into)
    except (MkDocsException, PublishError) as exc:
        print(f"Không xuất bản: {exc}\nTrang đang phục vụ giữ nguyên.", file=sys.stderr)
        return 1
    print(f"Đã xuất bản {target.name} tại {args.site}")
    return 0
