#!/usr/bin/env python3
"""Benchmark the site search at scale: index build, index size, browser cost.

    python bench/bench_search.py --sizes 1000 10000 --out /tmp/sotay-bench

For each size N: generate N synthetic documents (bench/generate.py, over
the shipped data), build the site with `mkdocs build` (which indexes it),
then measure

- index build time: Pagefind alone over the built site (sotay.outputs.searchindex:
  both bundles, the default one and the full-text one);
- index size on disk: the index proper (index chunks, fragments, filters,
  metadata) and the whole bundle with its JS and WebAssembly, for the
  default bundle pagefind/ and the full-text one pagefind-toan-van/;
- in headless Chromium (Debian's, as the tests), on a page of the built site
  served from 127.0.0.1 by Python's http.server (no HTTP compression, so the
  bytes are what a plain file server sends): the bytes transferred for a
  first query (from the "/" that focuses the box to the rendered results,
  with an empty cache) and for a second query right after; the time from the
  last keypress to the rendered results. Queries are typed key by key, one
  key every --key-delay ms, as a person types, so the searches of the
  intermediate prefixes happen and count.

Building 10,000 documents (about 15,000 pages) with MkDocs takes many minutes
on 2 cores: existing data and sites are reused unless --rebuild is given.
Figures go to OUT/bench-search.json and are printed as a Markdown table.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sotay.outputs.searchindex import SHARD_FOLDER, index_site  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402
from tests.searchui import BOX, INPUT, wait_for_results  # noqa: E402

# (first query, second query): campaign names without diacritics, numbers, abbreviations.
QUERY_PAIRS = [
    ("nong thon moi", "98/2023/NĐ-CP"),
    ("vi nguoi ngheo", "chi thi 05"),
    ("van hoa cong so", "2597/UBND-NV"),
    ("cai cach hanh chinh", "TĐKT"),
    ("NĐ 98", "kinh te xa hoi"),
]
START_PAGE = "van-ban/nghi-dinh-98-2023-nd-cp/"


def sh(cmd: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env={**os.environ, **(env or {})}, check=True)
    return time.perf_counter() - start


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def index_sizes(bundle: Path) -> dict[str, int]:
    """The index of every shard of the bundle (itself and its manh-*/ folders,
    see sotay/outputs/searchindex.py), and the whole folder with its JS."""
    shards = [bundle, *sorted(p for p in bundle.glob(SHARD_FOLDER.format("*")) if p.is_dir())]
    data = sum(folder_size(s / d) for s in shards for d in ("index", "fragment", "filter"))
    data += sum(p.stat().st_size for s in shards for p in s.glob("*.pf_meta"))
    return {"index_bytes": data, "bundle_bytes": folder_size(bundle), "shards": len(shards),
            "fragments": sum(len(list((s / "fragment").iterdir())) for s in shards),
            "index_chunks": sum(len(list((s / "index").iterdir())) for s in shards)}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def browse(site: Path, key_delay: float) -> list[dict]:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            for first, second in QUERY_PAIRS:
                context = browser.new_context(locale="vi-VN")  # empty cache
                page = context.new_page()
                requests = []
                page.on("requestfinished", lambda r, acc=requests: acc.append(r))
                page.goto(base + START_PAGE)
                page.wait_for_load_state("networkidle")
                page.evaluate("""() => { window.__lastKey = 0; document.addEventListener('keydown',
                    () => { window.__lastKey = performance.now(); }, true); }""")
                row = {"first": first, "second": second}
                for label, query, focus in (("first", first, True), ("second", second, False)):
                    requests.clear()
                    if focus:
                        page.keyboard.press("/")
                    else:
                        page.locator(INPUT).press("Control+a")
                    page.keyboard.type(query, delay=key_delay)
                    wait_for_results(page, query, timeout=60_000)
                    page.wait_for_load_state("networkidle")
                    sizes = [r.sizes() for r in requests]
                    row[f"{label}_bytes"] = sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes)
                    row[f"{label}_requests"] = len(sizes)
                    row[f"{label}_ms"] = page.evaluate(
                        f"Number(document.querySelector('{BOX}').dataset.renderedAt) - window.__lastKey")
                    row[f"{label}_hits"] = page.locator(".st-kq").count()
                    row[f"{label}_top"] = page.locator(".st-kq__ten").first.inner_text() if row[f"{label}_hits"] else ""
                rows.append(row)
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return rows


def bench(size: int, work: Path, seed: int, rebuild: bool, key_delay: float) -> dict:
    data, site = work / f"data-{size}", work / f"site-{size}"
    result: dict = {"documents": size}
    if rebuild or not data.exists():
        sh([sys.executable, "bench/generate.py", "-n", str(size), "--seed", str(seed), "--out", str(data)])
    if rebuild or not (site / "pagefind" / "pagefind-entry.json").exists():
        result["mkdocs_build_s"] = round(sh(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
            {"SOTAY_DATA": str(data), "SOTAY_TODAY": "2024-07-01", "NO_MKDOCS_2_WARNING": "1"}), 1)
    result["html_pages"] = sum(1 for _ in site.rglob("*.html"))
    start = time.perf_counter()
    report = index_site(site)
    result["index_build_s"] = round(time.perf_counter() - start, 2)
    result["indexed_pages"] = report.pages
    result.update(index_sizes(report.output))
    full = index_sizes(report.outputs[1])
    result["full_text_index_bytes"], result["full_text_bundle_bytes"] = full["index_bytes"], full["bundle_bytes"]
    rows = browse(site, key_delay)
    result["queries"] = rows
    for label in ("first", "second"):
        result[f"{label}_bytes_median"] = statistics.median(r[f"{label}_bytes"] for r in rows)
        result[f"{label}_bytes_max"] = max(r[f"{label}_bytes"] for r in rows)
        result[f"{label}_ms_median"] = round(statistics.median(r[f"{label}_ms"] for r in rows), 1)
        result[f"{label}_ms_max"] = round(max(r[f"{label}_ms"] for r in rows), 1)
    return result


def table(results: list[dict]) -> str:
    kb = lambda b: f"{b / 1024:,.0f} KB"  # noqa: E731
    lines = ["| documents | pages indexed | index build (2 bundles) | index on disk: default (with JS) "
             "/ full text | first query: bytes median / max | second query: bytes median / max | "
             "keypress → results median / max (first; second) |", "|---|---|---|---|---|---|---|"]
    for r in results:
        lines.append(
            f"| {r['documents']:,} | {r['indexed_pages']:,} | {r['index_build_s']} s | "
            f"{r['index_bytes'] / 2**20:.1f} MB ({r['bundle_bytes'] / 2**20:.1f} MB) / "
            f"{r['full_text_index_bytes'] / 2**20:.1f} MB | "
            f"{kb(r['first_bytes_median'])} / {kb(r['first_bytes_max'])} | "
            f"{kb(r['second_bytes_median'])} / {kb(r['second_bytes_max'])} | "
            f"{r['first_ms_median']} / {r['first_ms_max']} ms; {r['second_ms_median']} / {r['second_ms_max']} ms |")
    lines.append("")
    for r in results:
        lines.append(f"{r['documents']:,} documents, per query pair:")
        for q in r["queries"]:
            lines.append(f"- «{q['first']}» {q['first_bytes'] / 1024:.0f} KB in {q['first_requests']} requests, "
                         f"{q['first_ms']:.0f} ms, top: {q['first_top']}; then «{q['second']}» "
                         f"{q['second_bytes'] / 1024:.0f} KB, {q['second_ms']:.0f} ms, top: {q['second_top']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench_search", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--out", type=Path, default=Path("/tmp/sotay-bench"), help="work folder")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rebuild", action="store_true", help="regenerate data and rebuild sites")
    parser.add_argument("--key-delay", type=float, default=120, help="ms between keys (120)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    results = [bench(n, args.out, args.seed, args.rebuild, args.key_delay) for n in args.sizes]
    (args.out / "bench-search.json").write_text(json.dumps(results, ensure_ascii=False, indent=2),
                                                encoding="utf-8")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
