#!/usr/bin/env python3
"""Build benchmark: time and memory per stage at several sizes, with a floor.

    python bench/bench_build.py --sizes 1000 5000 10000 --out /tmp/sotay-bench

For each size N it generates (or reuses) a data folder of N synthetic
documents (bench/generate.py), then measures, each in its own process so
peak memory is per stage:

- pipeline: load, validate, graph, render, handbook (our own stages; load
  and render in one process per core, as the build does; load includes each
  record's own schema check and model object, validate the checks across
  records; handbook is the page listing the PDFs, none printed), and extract
  (what importing the same texts would cost; a build does not extract);
- mkdocs: `mkdocs build` without search indexing (MkDocs + Material, our
  hook included; MkDocs' share = this minus the pipeline);
- search: Pagefind indexing of that site;
- pdf (with --pdf): the whole handbook;
- floor: a plain `mkdocs build` of as many static Markdown pages, all in the
  nav, with Material's navigation.prune: the cost of the builder alone.

It prints wall time, peak RSS, ms per output page and output bytes per page.
Figures from a shared machine are noisy: compare ratios from one run. With
--repeat K the sizes are measured K times in turn (1,000, 10,000, 1,000,
10,000, ...: a machine slowing down weighs on both), the floor once; each
round is printed, then the median of every figure (total and our share:
medians of whole runs), and the ratio of ms/page of the largest size to the
smallest: each round's, and their median.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

STAGES = textwrap.dedent(
    """
    import datetime as dt, gc, json, resource, sys, time
    from sotay import build_graph, load, render_site, validate
    from sotay.extract import extract
    from sotay.outputs import handbook
    from sotay.site.render import default_workers
    from sotay.data.validate import prepare
    data = sys.argv[1]
    out, t = {}, time.perf_counter()
    def mark(name):
        global t
        now = time.perf_counter()
        out[name] = {"s": now - t, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
        t = now
    # as sotay.build() does: files read and checked one by one in one
    # process per core, no cyclic collection while the model is built
    gc.disable()
    records, _ = load(data, workers=default_workers(), prepare=prepare); mark("load")
    kb, _ = validate(records); mark("validate")
    g = build_graph(kb); mark("graph")
    gc.enable()
    # as a build renders: one forked worker per core
    pages, assets = render_site(g, dt.date(2024, 7, 1), workers=default_workers()); mark("render")
    # the handbook's page, listing the PDFs (none printed, as with SOTAY_HANDBOOK=0)
    handbook.publish(g, dt.date(2024, 7, 1), max_documents=0); mark("handbook")
    for doc in kb.documents.values():
        if doc.text:
            extract(doc.text)
    mark("extract")
    out["pages"] = len(pages)
    print(json.dumps(out))
    """
)


def _run(cmd: list[str], env: dict | None = None, cwd: Path = ROOT) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process and its own children.

    os.wait4 gives that child's rusage alone, so each stage reports its own
    peak, not the largest of every process run so far."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # stderr is small (warnings): read it before waiting so a full pipe cannot block the child
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.decode(errors='replace')[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _floor(pages: int, work: Path) -> tuple[float, float, int]:
    """Plain MkDocs + Material over as many static pages, all in the nav.

    The nav is nested (sections of 100 pages), as a real site's would be:
    navigation.prune then renders only the open section into each page. A
    flat nav of thousands of top-level entries would be rendered whole into
    every page whatever prune says (1,000 documents: 60 ms and 500 KB a page)."""
    docs = work / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    sample = "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ. " * 40
    nav = []
    for i in range(pages):
        if i % 100 == 0:
            nav.append(f"  - Mục {i // 100 + 1}:")
        (docs / f"p{i}.md").write_text(f"# Trang {i}\n\n## Mục\n\n{sample}\n", encoding="utf-8")
        nav.append(f"      - p{i}.md")
    (work / "mkdocs.yml").write_text(
        "site_name: san\ntheme:\n  name: material\n  language: vi\n  font: false\n"
        "  features: [navigation.prune]\nplugins: []\nnav:\n" + "\n".join(nav) + "\n",
        encoding="utf-8")
    wall, rss = _run([PY, "-m", "mkdocs", "build", "-q", "-f", str(work / "mkdocs.yml"),
                      "-d", str(work / "site")], env={"NO_MKDOCS_2_WARNING": "1"})
    return wall, rss, _size(work / "site")


def bench(n: int, out: Path, pdf: bool, floor: bool = True) -> dict:
    data = out / f"data-{n}"
    if not data.is_dir():
        subprocess.run([PY, str(ROOT / "bench" / "generate.py"), "-n", str(n), "--out", str(data)],
                       check=True, stdout=subprocess.DEVNULL)
    result: dict = {"n": n}
    stages = subprocess.run([PY, "-c", STAGES, str(data)], check=True, capture_output=True, text=True)
    result["pipeline"] = json.loads(stages.stdout)
    pages = result["pipeline"]["pages"]
    site = out / f"bench-site-{n}"
    env = {"SOTAY_DATA": str(data), "SOTAY_TODAY": "2024-07-01", "SOTAY_SEARCH": "0",
           "SOTAY_HANDBOOK": "0", "NO_MKDOCS_2_WARNING": "1"}
    result["mkdocs"] = _run([PY, "-m", "mkdocs", "build", "-q", "-d", str(site)], env=env)
    result["size"] = _size(site)
    index = "from pathlib import Path; import sys; from sotay.outputs.searchindex import index_site; index_site(Path(sys.argv[1]))"
    result["search"] = _run([PY, "-c", index, str(site)])
    if pdf:
        result["pdf"] = _run([PY, "-m", "sotay", "handbook", "--du-lieu", str(data),
                              "-o", str(out / f"so-tay-{n}.pdf")])
    if floor:
        result["floor"] = _floor(pages, out / f"floor-{n}")
    result["pages"] = pages
    # per run, so that a median of several runs takes them from whole runs
    result["total_s"] = _total(result)
    result["ours_share"] = sum(result["pipeline"][k]["s"] for k in OURS) / result["total_s"]
    return result


def median(runs: list[dict]) -> dict:
    """One result of several runs of a size: the median of every figure
    (peak memory: the highest), the floor of the run that measured it. The
    total and our share are medians of each run's own, not sums of medians
    taken from different runs."""
    def merge(values: list, key: str = "") -> object:
        first = values[0]
        if isinstance(first, dict):
            return {k: merge([v[k] for v in values], k) for k in first}
        if isinstance(first, list):
            # [wall s, peak RSS MB] (mkdocs, search, pdf)
            return [merge([v[i] for v in values], "rss" if i == 1 else "s") for i in range(len(first))]
        if isinstance(first, float):
            return max(values) if key in ("rss_mb", "rss") else statistics.median(values)
        return first
    out = merge([{k: v for k, v in r.items() if k != "floor"} for r in runs])
    for r in runs:
        if "floor" in r:
            out["floor"] = r["floor"]
    return out


def _total(r: dict) -> float:
    return r["mkdocs"][0] + r["search"][0] + (r["pdf"][0] if "pdf" in r else 0)


def ratio(results: list[dict]) -> float:
    """ms/page of the largest size over ms/page of the smallest."""
    first, last = results[0], results[-1]
    return (last["total_s"] / last["pages"]) / (first["total_s"] / first["pages"])


# What a build runs of ours (extract is what an import would cost: not a build stage).
OURS = ("load", "validate", "graph", "render", "handbook")


def report(results: list[dict]) -> str:
    lines = ["N | trang | tải | kiểm tra | đồ thị | dựng trang | sổ tay | (trích xuất) | MkDocs+hook |"
             " chỉ mục | PDF |"
             " tổng | ms/trang | nền ms/trang | KB/trang | RSS đỉnh MB"]
    for r in results:
        p = r["pipeline"]
        total = r["total_s"]
        rss = max([p[k]["rss_mb"] for k in OURS]
                  + [r["mkdocs"][1], r["search"][1]] + ([r["pdf"][1]] if "pdf" in r else []))
        lines.append(" | ".join([
            str(r["n"]), str(r["pages"]), f"{p['load']['s']:.1f}", f"{p['validate']['s']:.1f}",
            f"{p['graph']['s']:.2f}", f"{p['render']['s']:.1f}", f"{p['handbook']['s']:.1f}",
            f"{p['extract']['s']:.1f}",
            f"{r['mkdocs'][0]:.1f}", f"{r['search'][0]:.1f}", f"{r['pdf'][0]:.1f}" if "pdf" in r else "-",
            f"{total:.1f}", f"{total * 1000 / r['pages']:.1f}",
            f"{r['floor'][0] * 1000 / r['pages']:.1f}" if "floor" in r else "-",
            f"{r['size'] / r['pages'] / 1024:.0f}", f"{rss:.0f}",
        ]) + f"   (phần của ta: {r['ours_share']:.1%})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench_build", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000], help="số văn bản")
    parser.add_argument("--out", type=Path, default=Path("/tmp/sotay-bench"), help="thư mục làm việc")
    parser.add_argument("--pdf", action="store_true", help="đo cả sổ tay PDF")
    parser.add_argument("--repeat", type=int, default=1, metavar="K",
                        help="đo K lượt, các cỡ lần lượt; in từng lượt rồi trung vị (mặc định 1)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat phải từ 1 trở lên")
    args.out.mkdir(parents=True, exist_ok=True)
    rounds = []
    for k in range(args.repeat):
        rounds.append([bench(n, args.out, args.pdf, floor=k == 0) for n in args.sizes])
        if args.repeat > 1:
            print(f"lượt {k + 1}/{args.repeat}:\n{report(rounds[-1])}", flush=True)
    results = [median([r[i] for r in rounds]) for i in range(len(args.sizes))]
    (args.out / "bench-build.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    if args.repeat > 1:
        (args.out / "bench-build-rounds.json").write_text(json.dumps(rounds, indent=2), encoding="utf-8")
        print("trung vị:")
    print(report(results))
    if len(args.sizes) > 1:
        ratios = [ratio(r) for r in rounds]
        print(f"ms/trang N={args.sizes[-1]} / N={args.sizes[0]}: {statistics.median(ratios):.2f}"
              + (" (trung vị của các lượt: " + ", ".join(f"{x:.2f}" for x in ratios) + ")"
                 if args.repeat > 1 else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
