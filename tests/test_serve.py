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


def test_serve_reloads_on_data_change(data_copy):
    port = _free_port()
    env = {**os.environ, "SOTAY_DATA": str(data_copy), "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(ROOT / "mkdocs.yml"), "-a", f"127.0.0.1:{port}",
        ],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/phong-trao/vi-nguoi-ngheo/"
        assert _wait_for(url, "Vì người nghèo", 120), "serve did not come up"
        record = data_copy / "campaigns" / "vi-nguoi-ngheo.yaml"
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("description:", "description: Đã sửa lúc phục vụ.", 1)
                          if "description:" in text else text + "description: Đã sửa lúc phục vụ.\n",
                          encoding="utf-8")
        assert _wait_for(url, "Đã sửa lúc phục vụ.", 90), "edit did not show up"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
