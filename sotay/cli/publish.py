"""`sotay publish`: build the site, publish it atomically at site/ (a link to the latest good build).

    sotay publish                   # build from data/, publish at site/
    sotay publish --site /srv/so-tay

Invalid data, a full disk or a killed build leave the published site unchanged.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import signal
import subprocess
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


def _die_with_parent() -> None:
    """In the build process: end it when `sotay publish` ends. A publish
    killed half-way (Ctrl+C, SIGKILL, a time-out) must not leave MkDocs
    writing a build nobody will publish."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: the build outlives a killed publish
        pass


PR_SET_PDEATHSIG = 1  # <sys/prctl.h>


def run(args: argparse.Namespace) -> int:
    # MkDocs runs as its own command, as `mkdocs build --strict` would: the
    # package never imports the builder (hooks/ is the only adapter), so
    # another builder replaces only this line and hooks/.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

    def build_into(folder: Path) -> None:
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict",
                               "-f", str(args.config), "-d", str(folder)], cwd=args.config.parent, env=env,
                              preexec_fn=_die_with_parent)
        if done.returncode != 0:
            raise PublishError(f"mkdocs build dừng với mã {done.returncode} (xem thông báo ở trên)")

    try:
        target = publish(args.site, build_into)
    except PublishError as exc:
        print(f"Không xuất bản: {exc}\nTrang đang phục vụ giữ nguyên.", file=sys.stderr)
        return 1
    print(f"Đã xuất bản {target.name} tại {args.site}")
    return 0
