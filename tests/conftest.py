"""Shared fixtures: the shipped knowledge base, a built site, a browser."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
# The five seeds as they arrived (the shipped documents), kept in the project.
SEEDS = ROOT / "data" / "originals"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Pinned "today" so deadline marks do not depend on the day the tests run.
TODAY = dt.date(2024, 7, 1)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


# The `sotay` command as a person runs it (`python -m sotay` is the same
# entry point). PYTHONPATH holds this checkout so that the package tested is
# this one whatever the working folder, not an installed copy elsewhere.
SOTAY = [sys.executable, "-m", "sotay"]


def sotay_env(**extra: str) -> dict[str, str]:
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path, **extra}


def run_sotay(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None,
              timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*SOTAY, *args], cwd=cwd, env=sotay_env(**(env or {})),
                          capture_output=True, text=True, timeout=timeout)


def mkdocs_build(site_dir: Path, data_dir: Path = DATA, strict: bool = True,
                 today: dt.date = TODAY) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOTAY_DATA": str(data_dir), "SOTAY_TODAY": today.isoformat(),
           "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"),
           "-d", str(site_dir)]
    if strict:
        cmd.append("--strict")
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def kb():
    import sotay

    knowledge_base, _ = sotay.load_knowledge_base(DATA)
    return knowledge_base


@pytest.fixture(scope="session")
def graph(kb):
    import sotay

    return sotay.build_graph(kb)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The shipped data built with `mkdocs build --strict`."""
    out = tmp_path_factory.mktemp("site") / "site"
    result = mkdocs_build(out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def served_site(site):
    """The built site on http://127.0.0.1:<port>/."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: .ci/run installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, served_site):
    """A fresh page that records every request it makes."""
    context = browser.new_context(locale="vi-VN")
    pg = context.new_page()
    pg.requests = []  # type: ignore[attr-defined]
    pg.on("request", lambda r: pg.requests.append(r.url))  # type: ignore[attr-defined]
    # what the site answered with an error (a 404 shows in the browser's console)
    pg.failed = []  # type: ignore[attr-defined]
    pg.on("response", lambda r: r.status >= 400 and pg.failed.append(f"{r.status} {r.url}"))  # type: ignore[attr-defined]
    yield pg
    context.close()


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the shipped data, to break on purpose."""
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest)
    return dest


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from the current renderer output")
