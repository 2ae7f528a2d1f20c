"""Publishing a build so that readers never see a broken or half-written site.

The served path (`site/`) is a symbolic link to one finished build in
`site-builds/`. A new build is written beside it, checked, and only then the
link is swapped with one atomic rename. A build that stops on invalid data,
runs out of disk or is killed half-way leaves the link, and so the site,
exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable
from pathlib import Path

KEEP = 3  # finished builds kept for a quick roll-back


class PublishError(Exception):
    """The new build could not be published; the served site is unchanged."""


def _builds_dir(link: Path) -> Path:
    return link.parent / f"{link.name}-builds"


def publish(link: Path, build: Callable[[Path], None], *, keep: int = KEEP) -> Path:
    """Run `build(target_dir)` into a fresh folder, then point `link` at it.

    `link` may be missing, a link from an earlier publish, or a plain folder
    left by `mkdocs build` (moved into the builds folder on first use).
    """
    link = Path(link)
    builds = _builds_dir(link)
    builds.mkdir(parents=True, exist_ok=True)
    if link.exists() and not link.is_symlink():
        # A plain folder from `mkdocs build`: adopt it as the first build.
        link.rename(builds / "truoc-do")
        os.symlink(Path(builds.name) / "truoc-do", link)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = builds / stamp
    partial = builds / f".dang-xay-{stamp}"
    try:
        build(partial)
        if not (partial / "index.html").is_file():
            raise PublishError(f"bản xây mới thiếu index.html: {partial}")
        partial.rename(target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    # Swap: a new link under a temporary name, then rename over the old one
    # (rename is atomic on POSIX: readers see the old site or the new one).
    tmp_link = link.parent / f".{link.name}.moi"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    os.symlink(Path(builds.name) / stamp, tmp_link)
    os.replace(tmp_link, link)
    _prune(builds, current=target, keep=keep)
    return target


def _prune(builds: Path, current: Path, keep: int) -> None:
    finished = sorted((p for p in builds.iterdir() if p.is_dir() and not p.name.startswith(".")),
                      key=lambda p: p.stat().st_mtime, reverse=True)
    for old in finished[keep:]:
        if old != current:
            shutil.rmtree(old, ignore_errors=True)
    for stale in builds.glob(".dang-xay-*"):  # left by a build that was killed
        shutil.rmtree(stale, ignore_errors=True)
