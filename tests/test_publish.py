"""Publishing: the served site changes only when a complete, valid build exists."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from sotay.outputs.publish import publish

from .conftest import FIXTURES, ROOT, SOTAY, sotay_env


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run_publish(site: Path, data: Path, **kw) -> subprocess.Popen:
    env = sotay_env(SOTAY_DATA=str(data), SOTAY_TODAY="2024-07-01", NO_MKDOCS_2_WARNING="1")
    return subprocess.Popen([*SOTAY, "publish", "--site", str(site)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def good_build(text: str):
    def build(folder: Path) -> None:
        folder.mkdir(parents=True)
        (folder / "index.html").write_text(text, encoding="utf-8")
    return build


def test_publish_swaps_the_link_and_keeps_a_few_builds(tmp_path):
    site = tmp_path / "site"
    for i in range(5):
        publish(site, good_build(f"bản {i}"), keep=3)
    assert site.is_symlink() and (site / "index.html").read_text(encoding="utf-8") == "bản 4"
    assert len([p for p in (tmp_path / "site-builds").iterdir()]) == 3


def test_disk_full_half_way_leaves_the_site_unchanged(tmp_path):
    site = tmp_path / "site"
    publish(site, good_build("bản tốt"))

    def full_disk(folder: Path) -> None:
        folder.mkdir(parents=True)
        (folder / "index.html").write_text("nửa chừng", encoding="utf-8")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError):
        publish(site, full_disk)
    assert (site / "index.html").read_text(encoding="utf-8") == "bản tốt"
    assert not list((tmp_path / "site-builds").glob(".dang-xay-*"))


def test_plain_site_folder_is_adopted(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("cũ", encoding="utf-8")
    publish(site, good_build("mới"))
    assert (site / "index.html").read_text(encoding="utf-8") == "mới"


def test_invalid_data_publishes_nothing(tmp_path):
    site = tmp_path / "site"
    data_copy = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini" / "data", data_copy)
    first = run_publish(site, data_copy)
    assert first.wait(timeout=300) == 0, first.stderr.read()
    before = tree(site.resolve())
    bad = data_copy / "campaigns" / "vi-nguoi-ngheo.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("kind:", "knd:", 1), encoding="utf-8")
    second = run_publish(site, data_copy)
    assert second.wait(timeout=300) == 1
    err = second.stderr.read()
    assert "data/campaigns/vi-nguoi-ngheo.yaml" in err and "Trang đang phục vụ giữ nguyên." in err
    assert "Traceback" not in err
    assert tree(site.resolve()) == before


def test_killed_build_leaves_the_previous_site(tmp_path):
    site = tmp_path / "site"
    data = FIXTURES / "mini" / "data"
    first = run_publish(site, data)
    assert first.wait(timeout=300) == 0, first.stderr.read()
    served = site.resolve()
    before = tree(served)
    proc = run_publish(site, data)
    builds = tmp_path / "site-builds"
    deadline = time.monotonic() + 120
    # Kill it once it has started writing the new build.
    while time.monotonic() < deadline:
        partial = list(builds.glob(".dang-xay-*"))
        if partial and any(partial[0].rglob("*.html")):
            break
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert site.resolve() == served and tree(served) == before
    # The next publish cleans up what the killed one left.
    again = run_publish(site, data)
    assert again.wait(timeout=300) == 0
    assert not list(builds.glob(".dang-xay-*"))
