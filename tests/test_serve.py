"""`mkdocs serve` rebuilds when a file in data/ changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from .conftest import ROOT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, needle: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if needle in _get(url):
            return True
        time.sleep(0.5)
    return False


def test_serve_shows_an_edit_and_rebuilds_only_what_it_touches(data_copy, tmp_path):
    """`make serve` runs `mkdocs serve --dirty`: an edit shows on its page and on
    the pages that show the edited record, and only those pages are rebuilt."""
    port = _free_port()
    env = {**os.environ, "SOTAY_DATA": str(data_copy), "NO_MKDOCS_2_WARNING": "1", "SOTAY_TODAY": "2024-07-01"}
    log = tmp_path / "serve.log"
    with log.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(ROOT / "mkdocs.yml"),
             "-a", f"127.0.0.1:{port}"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err,
        )
    try:
        base = f"http://127.0.0.1:{port}/"
        campaign = base + "phong-trao/vi-nguoi-ngheo/"
        citing = base + "van-ban/cong-van-2597-ubnd-nv-2024-quy-nhon/"
        assert _wait_for(campaign, "Vì người nghèo", 180), "serve did not come up"
        record = data_copy / "campaigns" / "vi-nguoi-ngheo.yaml"
        text = record.read_text(encoding="utf-8")
        assert "name: Vì người nghèo - Không để ai bị bỏ lại phía sau" in text
        record.write_text(text.replace("name: Vì người nghèo - Không để ai bị bỏ lại phía sau",
                                       "name: Vì người nghèo - Không để ai bị bỏ lại phía sau (đã sửa)", 1),
                          encoding="utf-8")
        assert _wait_for(campaign, "bỏ lại phía sau (đã sửa)", 120), "edit did not show up"
        # the guidance mentioning the campaign shows the new name too
        assert _wait_for(citing, "bỏ lại phía sau (đã sửa)", 30)
        time.sleep(3)  # a second rebuild, if the first one's reading of data/ set one off
        lines = log.read_text(encoding="utf-8").splitlines()
        rebuilt = [line for line in lines if "sotay: dựng lại" in line]
        assert len(rebuilt) == 2, rebuilt  # the first build and the edit's, nothing more
        done, total = map(int, rebuilt[-1].split("dựng lại ")[1].split(" trang")[0].split(" trên "))
        assert 0 < done < total / 4, rebuilt[-1]
        # data/ is watched by the system's notifications, not polled (on_serve)
        assert any("bằng thông báo của hệ thống" in line for line in lines), lines
    finally:
        proc.terminate()
        proc.wait(timeout=30)
