"""Index a built site for search: Pagefind over the HTML, offline.

Runs after any builder has written the site (MkDocs: sotay.serve.Session.index,
from hooks/sotay_mkdocs.py::on_post_build). Pagefind comes from its PyPI
wheels: the `pagefind` package finds the binary shipped inside `pagefind_bin`
(`pagefind[bin]`), so nothing is downloaded at build time. It reads what the
page templates marked (data-pagefind-body, -meta, -filter, -weight; see
search.py) and writes SITE/pagefind/: the search library, its WebAssembly,
and the index split in chunks, so a browser fetches only what a query needs.

Two bundles are written from the same pages (see search.py): pagefind/,
without the documents' full texts, searched by default, small enough that a
query on 10,000 documents fetches a few hundred KB at most; and
pagefind-toan-van/, with them, searched when the user asks for full text.

Shards. Pagefind holds the whole index of a run in memory and has no option
to bound it: ~210 KB per page with full texts, so one run over the 15,084
pages of 10,000 documents peaked at 3.2-3.3 GB. A bundle with more pages than
its SHARD_PAGES limit is therefore indexed in shards, one Pagefind run
after the other, each over its share of the pages (split_shards), read from
a mirror folder of hard links to just those pages (Pagefind indexes a folder;
see _Mirror):

    pagefind-toan-van/             shard 1 (the bundle as the browser loads it)
    pagefind-toan-van/manh-2/      shard 2 ("mảnh": piece), a whole Pagefind bundle
    pagefind-toan-van/manh-3/      ...
    pagefind-toan-van/sotay-manh.json   {"shards": ["manh-2/", "manh-3/"]}

The search box (docs/assets/sotay-search.js) reads the manifest when it loads
the bundle and merges each extra shard with Pagefind's `mergeIndex`: filters
list the values of every shard, and results of all shards come in one list
sorted by score. A bundle under its limit (the shipped data: one run) has no
manh-*/ folder, and a manifest listing none, so the browser's request for it
is answered (a missing file would show as an error in its console and in the
server's log). Each shard costs the browser its own index chunk for each word
searched: at 10,000 documents a first query fetches ~295 KB in the default
bundle (2 shards) against ~245 KB in one, ~700 KB against ~490 KB with full
texts (4 shards).

The binary runs as a command, not through the package's service API
(`PagefindIndex`): with 1.5.2 the service can be stopped before it has
finished writing, which left an empty pagefind-entry.json about one build in
three here, and a search that fails in the browser.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sotay.outputs.search import BOILERPLATE_SELECTORS, FULL_TEXT_SELECTORS

# Output folder -> what Pagefind leaves out of that bundle.
BUNDLES: dict[str, tuple[str, ...]] = {
    "pagefind": BOILERPLATE_SELECTORS + FULL_TEXT_SELECTORS,
    "pagefind-toan-van": BOILERPLATE_SELECTORS,
}
# Output folder -> most pages one Pagefind run indexes; a bundle with more is
# split into ceil(pages / limit) shards of equal size. Peak RSS of a run grows
# with its pages; measured on the 10,000-document site (15,084 pages,
# Pagefind 1.5.2, 2 cores):
#   pagefind-toan-van/: 15,084 pages 3.17-3.33 GB, 3,771 pages 0.79 GB: ~210 KB
#     a page, so 4,500 pages ≈ 0.95 GB;
#   pagefind/: 15,084 pages 1.23-1.26 GB, 7,542 pages 0.53 GB: ~82 KB a page
#     at most, so 12,000 pages ≈ 1.0 GB.
# About 1 GB a run because the MkDocs process that runs the indexing
# (on_post_build) holds ~0.85 GB at 10,000 documents meanwhile: a full build
# measured 1.64 GB for both together, under the 2 GB of issue 7. One run over
# the default bundle's 15,084 pages would make it 2.08 GB. 10,000 documents:
# 2 runs of 7,542 pages, then 4 of 3,771.
SHARD_PAGES: dict[str, int] = {
    "pagefind": 12_000,
    "pagefind-toan-van": 4_500,
}
# The list of extra shards, in the bundle folder; read by sotay-search.js.
SHARDS_MANIFEST = "sotay-manh.json"
# Folder of shard number n (2, 3...) inside the bundle. It must not hold the
# word "pagefind": Pagefind's JS takes the site root of a bundle to be what
# comes before ".../pagefind" in its address.
SHARD_FOLDER = "manh-{}"
# Every page is Vietnamese: one index, whatever a page's lang attribute says.
LANGUAGE = "vi"
# 10,000 documents index in well under a minute on 2 cores; a hung run must
# not hang the build for ever.
TIMEOUT_SECONDS = 1800

# A page Pagefind indexes has an element with this attribute: as soon as one
# page of a run has one, pages without it (lists, the home page) are left
# out. An attribute inside a tag, as the templates write it:
#   <article class="md-content__inner" data-pagefind-body>
# and not the words in running text, which would be escaped ("&lt;...").
_BODY_MARKER = re.compile(rb"<[A-Za-z][^<>]*\sdata-pagefind-body[\s=/>]")


class SearchIndexError(RuntimeError):
    """Indexing failed; the message says why and what to do."""


@dataclass(frozen=True)
class IndexReport:
    pages: int  # pages indexed (the same in every bundle), all shards together
    outputs: tuple[Path, ...]  # one folder per bundle, the default first
    shards: tuple[int, ...] = ()  # Pagefind runs (shards) per bundle, as outputs

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


def indexable_pages(site_dir: Path) -> list[str]:
    """The pages Pagefind indexes, as sorted paths relative to the site:
    every HTML file with a data-pagefind-body element."""
    site_dir = Path(site_dir)
    found = []
    for path in site_dir.rglob("*.html"):
        if _has_body_marker(path.read_bytes()):
            found.append(path.relative_to(site_dir).as_posix())
    return sorted(found)


def _has_body_marker(html: bytes) -> bool:
    """Whether a data-pagefind-body attribute stands inside a tag. The
    attribute is found by a plain search, and only the tag around it is
    checked: the pattern over whole pages was 2.6 of the 3.8 s this scan
    took at 10,000 documents (15,500 pages of ~27 KB)."""
    start = 0
    while (at := html.find(b"data-pagefind-body", start)) != -1:
        tag = html.rfind(b"<", 0, at)
        if tag != -1 and _BODY_MARKER.match(html, tag, at + len(b"data-pagefind-body") + 1):
            return True
        start = at + 1
    return False


def split_shards(pages: list[str], limit: int) -> list[list[str]]:
    """`pages` in as few shards of at most `limit` pages as can hold them.

    Pagefind weighs a word by how rare it is in its own shard, so scores
    compare across shards only if each shard is a fair sample of the site:
    the same share of each section (van-ban/, phong-trao/...), and within a
    section pages in no meaningful order. Plain round robin over the sorted
    paths is not that: each district has two campaigns, sorted as
    "huyen-x-chung-suc-xay-dung-nong-thon-moi", "huyen-x-thi-dua-...", so
    with two shards every "nông thôn mới" campaign of a district fell in
    the first one (166 pages against 216) and outranked the national one.
    So pages are ordered by section, then by a hash of their path, and dealt
    round robin: 9 pages, limit 4 -> 3 shards of 3, each section split as
    evenly as it can be. The same pages give the same shards on every build.
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    count = max(1, math.ceil(len(pages) / limit))
    dealt = sorted(pages, key=lambda p: (p.split("/", 1)[0], hashlib.sha1(p.encode()).hexdigest()))
    return [sorted(dealt[i::count]) for i in range(count)]


def index_site(site_dir: Path, bundles: dict[str, tuple[str, ...]] | None = None,
               shard_pages: Mapping[str, int] | int | None = None, background: bool = False) -> IndexReport:
    """Index every HTML page of `site_dir` into one folder per bundle.

    Only pages with a data-pagefind-body element are indexed (the entity
    pages); each output folder, its shards included, is written aside then
    swapped in, so no chunk of an earlier build lingers, and a site being
    served (`mkdocs serve` re-indexes in the background after an edit) keeps
    a working index until the new one is complete. `shard_pages` is the most
    pages one Pagefind run indexes, per bundle folder or for all
    (default SHARD_PAGES). `background`: Pagefind runs at the lowest
    priority (`nice`), yielding the cores to whatever else runs.
    """
    site_dir = Path(site_dir).resolve()
    binary = pagefind_binary()
    bundles = bundles or BUNDLES
    leftovers = [_mirror_folder(site_dir)]
    for folder in bundles:
        leftovers += _work_folders(site_dir, folder)
    for leftover in leftovers:  # from a run that was killed: not pages to index
        if leftover.exists():
            shutil.rmtree(leftover)
    if shard_pages is None:
        shard_pages = SHARD_PAGES
    limits = {folder: (shard_pages if isinstance(shard_pages, int) else shard_pages.get(folder))
              for folder in bundles}
    pages_list: list[str] | None = None
    html_files = sum(1 for _ in site_dir.rglob("*.html"))
    pages, outputs, shard_counts = 0, [], []
    with _Mirror(site_dir) as mirror:
        for folder, excluded in bundles.items():
            limit = limits[folder]
            shards: list[list[str] | None] = [None]  # None: one run over the site itself
            # Reading every page is needed only when the site could be over the limit.
            if limit is not None and html_files > limit:
                if pages_list is None:
                    pages_list = indexable_pages(site_dir)
                if len(pages_list) > limit:
                    shards = list(split_shards(pages_list, limit))
            pages = _index_bundle(binary, site_dir, folder, excluded, shards, mirror, background)
            outputs.append(site_dir / folder)
            shard_counts.append(len(shards))
    return IndexReport(pages, tuple(outputs), tuple(shard_counts))


def _index_bundle(binary: Path, site_dir: Path, folder: str, excluded: tuple[str, ...],
                  shards: list[list[str] | None], mirror: _Mirror, background: bool = False) -> int:
    """Write `folder`/ with one Pagefind run per shard; the pages indexed."""
    output = site_dir / folder
    aside, old = _work_folders(site_dir, folder)
    pages, extra = 0, []
    try:
        for number, shard in enumerate(shards, start=1):
            target = aside if number == 1 else aside / SHARD_FOLDER.format(number)
            label = f"{folder}/" if len(shards) == 1 else f"{folder}/ (mảnh {number}/{len(shards)})"
            if shard is None:
                _run_pagefind(binary, site_dir, target, excluded, label, site_dir, background)
            else:
                with mirror.holding(shard) as source:
                    _run_pagefind(binary, source, target, excluded, label, site_dir, background)
            pages += _page_count(target)
            if number > 1:
                extra.append(f"{target.name}/")
        manifest = json.dumps({"shards": extra}) + "\n"
        (aside / SHARDS_MANIFEST).write_text(manifest, encoding="utf-8")
    except BaseException:
        shutil.rmtree(aside, ignore_errors=True)
        raise
    # Two renames: the served bundle is missing only between them.
    if output.exists():
        output.rename(old)
    aside.rename(output)
    shutil.rmtree(old, ignore_errors=True)
    return pages


def _work_folders(site_dir: Path, folder: str) -> tuple[Path, Path]:
    """Where a bundle is written ("being built") and the bundle being replaced ("old")."""
    return site_dir / f"{folder}-dang-lap", site_dir / f"{folder}-cu"


def _mirror_folder(site_dir: Path) -> Path:
    """Where the pages of the shard being indexed are ("pages being indexed")."""
    return site_dir / "pagefind-dang-lap-trang"


class _Mirror:
    """A folder holding just one shard's pages at a time, at the same paths
    as in the site, for Pagefind to index as if it were the site: a page's
    address is its path ("van-ban/x/index.html" -> "/van-ban/x/"), so
    results link to the real site. Hard links cost no copy; a copy where
    links are not possible.

    Every page sits in a folder of its own, so a shard of 3,771 pages needs
    3,771 folders. They are made once and kept from run to run, and only the
    links come and go: making and removing them for each of the 6 runs at
    10,000 documents cost ~11 s, more than a fifth of the indexing.
    """

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.root = _mirror_folder(site_dir)
        self._made: set[str] = set()

    def __enter__(self) -> _Mirror:
        return self

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    @contextmanager
    def holding(self, pages: list[str]) -> Iterator[Path]:
        """The mirror with `pages` linked in, for as long as the block runs."""
        root, site, linked = str(self.root), str(self.site_dir), []
        try:
            for page in pages:  # strings, not Paths: 15,000 pages a bundle
                folder = os.path.dirname(page)
                if folder not in self._made:
                    os.makedirs(os.path.join(root, folder), exist_ok=True)
                    self._made.add(folder)
                dest = os.path.join(root, page)
                try:
                    os.link(os.path.join(site, page), dest)
                except OSError:  # another device, or a file system without links
                    shutil.copyfile(os.path.join(site, page), dest)
                linked.append(dest)
            yield self.root
        finally:
            for dest in linked:
                os.unlink(dest)


def _run_pagefind(binary: Path, source: Path, target: Path, excluded: tuple[str, ...],
                  label: str, site_dir: Path, background: bool = False) -> None:
    command = [str(binary), "--site", str(source), "--output-path", str(target),
               "--force-language", LANGUAGE, "--quiet"]
    if excluded:
        command += ["--exclude-selectors", ", ".join(excluded)]
    # In the background (`mkdocs serve` after an edit) Pagefind takes both
    # cores for a minute at 10,000 documents; at the lowest priority it
    # leaves them to the next rebuild and to the browser showing the edit.
    # Through nice(1), not os.setpriority after the start: that reaches only
    # the threads Pagefind has not started yet.
    nice = shutil.which("nice") if background else None
    if nice:
        command = [nice, "-n", "19", *command]
    # Pagefind reads a pagefind.yml/.json/.toml from the folder it runs in:
    # it runs in an empty one, so settings left where the build was started
    # ({"glob": "blog/**"}, say) cannot change what the site's index holds.
    with tempfile.TemporaryDirectory(prefix="sotay-pagefind-") as workdir:
        try:
            run = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS,
                                 cwd=workdir)
        except subprocess.TimeoutExpired:
            raise SearchIndexError(f"Pagefind chạy quá {TIMEOUT_SECONDS} giây khi lập chỉ mục "
                                   f"{label} cho {site_dir}; chỉ mục đang có được giữ nguyên"
                                   ) from None
    if run.returncode != 0 or not (target / "pagefind-entry.json").is_file():
        hint = ""
        if run.returncode == -signal.SIGKILL:  # the out-of-memory killer, say
            hint = (" Pagefind bị dừng giữa chừng: nếu máy thiếu bộ nhớ, giảm SHARD_PAGES "
                    "trong sotay/outputs/searchindex.py (ít trang hơn mỗi lần chạy).")
        elif run.returncode < 0:  # Ctrl+C on `mkdocs serve` while it re-indexed in the background
            hint = f" Pagefind bị dừng giữa chừng (tín hiệu {-run.returncode})."
        raise SearchIndexError(
            f"Pagefind không lập được chỉ mục {label} cho {site_dir} (mã {run.returncode}); "
            f"chỉ mục đang có được giữ nguyên.{hint} Pagefind báo:\n"
            + ((run.stdout or "") + (run.stderr or "")).strip()[-2000:]
        )


def _page_count(bundle: Path) -> int:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(lang["page_count"] for lang in entry["languages"].values())
