"""Index a built site for search: Pagefind over the HTML, offline.

Runs after any builder has written the site (MkDocs calls it from
hooks/sotay_mkdocs.py::on_post_build). Pagefind comes from its PyPI wheels:
the `pagefind` package finds the binary shipped inside `pagefind_bin`
(`pagefind[bin]`), so nothing is downloaded at build time. It reads what the
page templates marked (data-pagefind-body, -meta, -filter, -weight; see
search.py) and writes SITE/pagefind/: the search library, its WebAssembly,
and the index split in chunks, so a browser fetches only what a query needs.

Two bundles are written from the same pages (see search.py): pagefind/,
without the documents' full texts, searched by default, small enough that a
query on 10,000 documents fetches a few hundred KB at most; and
pagefind-toan-van/, with them, searched when the user asks for full text.

The binary runs as a command, not through the package's service API
(`PagefindIndex`): with 1.5.2 the service can be stopped before it has
finished writing, which left an empty pagefind-entry.json about one build in
three here, and a search that fails in the browser.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .search import BOILERPLATE_SELECTORS, FULL_TEXT_SELECTORS

# Output folder -> what Pagefind leaves out of that bundle.
BUNDLES: dict[str, tuple[str, ...]] = {
    "pagefind": BOILERPLATE_SELECTORS + FULL_TEXT_SELECTORS,
    "pagefind-toan-van": BOILERPLATE_SELECTORS,
}
# Every page is Vietnamese: one index, whatever a page's lang attribute says.
LANGUAGE = "vi"
# 10,000 documents index in well under a minute on 2 cores; a hung run must
# not hang the build for ever.
TIMEOUT_SECONDS = 1800


class SearchIndexError(RuntimeError):
    """Indexing failed; the message says why and what to do."""


@dataclass(frozen=True)
class IndexReport:
    pages: int  # pages indexed (the same in every bundle)
    outputs: tuple[Path, ...]  # one folder per bundle, the default first

    @property
    def output(self) -> Path:
        return self.outputs[0]


def pagefind_binary() -> Path:
    """The Pagefind executable of the installed wheel (pagefind[bin])."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        raise SearchIndexError(
            "không tìm thấy gói Python 'pagefind' để lập chỉ mục tìm kiếm: "
            "cài bằng 'pip install -r requirements.txt' (pagefind[bin], có sẵn chương trình)"
        ) from None
    try:
        binary = get_executable()
    except FileNotFoundError as exc:
        binary, missing = None, exc
    else:
        missing = None
    if binary is None or not Path(binary).is_file():
        raise SearchIndexError(
            f"thiếu chương trình Pagefind ({missing or 'không có pagefind_bin'}): "
            "cài lại 'pagefind[bin]' theo requirements.txt"
        )
    return Path(binary)


def index_site(site_dir: Path, bundles: dict[str, tuple[str, ...]] | None = None) -> IndexReport:
    """Index every HTML page of `site_dir` into one folder per bundle.

    Only pages with a data-pagefind-body element are indexed (the entity
    pages); each output folder is written aside then swapped in, so no chunk
    of an earlier build lingers, and a site being served (`mkdocs serve`
    re-indexes in the background after an edit) keeps a working index until
    the new one is complete.
    """
    site_dir = Path(site_dir).resolve()
    binary = pagefind_binary()
    pages, outputs = 0, []
    for folder, excluded in (bundles or BUNDLES).items():
        output = site_dir / folder
        aside = site_dir / f"{folder}-dang-lap"  # "being built"
        if aside.exists():
            shutil.rmtree(aside)
        command = [str(binary), "--site", str(site_dir), "--output-subdir", aside.name,
                   "--force-language", LANGUAGE, "--quiet"]
        if excluded:
            command += ["--exclude-selectors", ", ".join(excluded)]
        try:
            run = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            raise SearchIndexError(f"Pagefind chạy quá {TIMEOUT_SECONDS} giây trên {site_dir}") from None
        if run.returncode != 0 or not (aside / "pagefind-entry.json").is_file():
            shutil.rmtree(aside, ignore_errors=True)
            raise SearchIndexError(
                f"Pagefind không lập được chỉ mục {folder}/ cho {site_dir} (mã {run.returncode}):\n"
                + (run.stdout + run.stderr).strip()[-2000:]
            )
        if output.exists():
            shutil.rmtree(output)
        aside.rename(output)
        entry = output / "pagefind-entry.json"
        languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
        pages = sum(lang["page_count"] for lang in languages.values())
        outputs.append(output)
    return IndexReport(pages, tuple(outputs))
