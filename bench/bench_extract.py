#!/usr/bin/env python3
"""Measure the extractor: precision and recall per field on the five seeds,
against the hand-written gold annotations in tests/gold/, and throughput on
1,000 documents generated from the seeds (one core).

    python bench/bench_extract.py              # table of figures
    python bench/bench_extract.py --check      # exit 1 below the targets
    python bench/bench_extract.py --details    # list every miss and extra

Targets (issue 3): citations P and R >= 0.97, campaigns and deadlines >= 0.95,
throughput >= 1 MB/s.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sotay.extract import Extraction, extract
from sotay.text.folding import fold
from sotay.text.numbers import DocNumber

GOLD = ROOT / "tests" / "gold"
# The five seeds as they arrived (the shipped documents), kept in the project.
SEEDS = ROOT / "data" / "originals"
TARGETS = {"trích dẫn": 0.97, "phong trào": 0.95, "hạn": 0.95}
MIN_MB_S = 1.0


def norm(text: str | None) -> str:
    """Folded words only: "Vì người nghèo – Không ..." == "vi nguoi ngheo khong ..."."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(text or "")))


def norm_issuer(text: str | None) -> str:
    # "Ban Thường vụ Thành ủy (khóa XII)" is "Ban Thường vụ Thành ủy".
    return norm(re.sub(r"\(?\s*kh[oó]a\s+[IVXLC]+\s*\)?", "", text or ""))


# --- keys: what makes two annotations the same ---------------------------------


def citation_key(
    kind: str,
    number: str | None,
    law: str | None,
    date: str | None,
    year: int | None,
    issuer: str | None,
) -> tuple:
    if number:
        parsed = DocNumber.parse(number)
        ident = parsed.key if parsed else norm(number)
    else:
        ident = "luat " + norm(law)
    when = date or (str(year) if year else "")
    return (ident, when, norm_issuer(issuer))


def gold_citations(gold: dict) -> list[tuple]:
    return [
        citation_key(
            c["kind"], c.get("number"), c.get("law"), c.get("date"), c.get("year"), c.get("issuer")
        )
        for c in gold.get("citations") or []
    ]


def found_citations(ex: Extraction) -> list[tuple]:
    return [
        citation_key(
            c.kind,
            str(c.number) if c.number else None,
            c.name,
            c.date.iso() if c.date else None,
            c.year if not c.date else None,
            c.issuer,
        )
        for c in ex.citations
    ]


def gold_roles(gold: dict) -> list[tuple]:
    return [
        (*k, c["role"])
        for k, c in zip(gold_citations(gold), gold.get("citations") or [], strict=True)
    ]


def found_roles(ex: Extraction) -> list[tuple]:
    return [(*k, c.role) for k, c in zip(found_citations(ex), ex.citations, strict=True)]


def deadline_key(date: str | None, relative: str | None) -> str:
    return date or norm(relative)


# --- scoring --------------------------------------------------------------------


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: list, found: list, misses: list | None = None, label: str = "") -> None:
        g, f = Counter(gold), Counter(found)
        both = g & f
        self.tp += sum(both.values())
        self.fp += sum((f - g).values())
        self.fn += sum((g - f).values())
        if misses is not None:
            misses += [f"{label} thiếu: {k}" for k in (g - f).elements()]
            misses += [f"{label} thừa: {k}" for k in (f - g).elements()]

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def word_overlap(a: str | None, b: str | None) -> float:
    x, y = set(norm(a).split()), set(norm(b).split())
    return len(x & y) / len(x | y) if x | y else 1.0


HEADER_FIELDS = (
    "kind",
    "number",
    "place",
    "date",
    "issuer",
    "signer",
    "recipients",
    "distribution",
    "subject",
)


def header_values(ex: Extraction) -> dict[str, object]:
    h = ex.header
    signer = None
    if h.signer is not None:
        signer = tuple(
            norm(x) for x in (h.signer.name, h.signer.authority, h.signer.title, h.signer.position)
        )
    return {
        "kind": h.kind.value if h.kind else None,
        "number": DocNumber.parse(str(h.number.value)).key if h.number else None,
        "place": norm(h.place.value) if h.place else None,
        "date": h.date.value.iso() if h.date else None,
        "issuer": norm(h.issuer.value) if h.issuer else None,
        "signer": signer,
        "recipients": tuple(norm(x.value) for x in h.recipients) or None,
        "distribution": tuple(norm(x.value) for x in h.distribution) or None,
        "subject": norm(h.subject.value) if h.subject else None,
    }


def gold_header(gold: dict) -> dict[str, object]:
    h = gold["header"]
    s = h.get("signer")
    return {
        "kind": h.get("kind"),
        "number": DocNumber.parse(h["number"]).key if h.get("number") else None,
        "place": norm(h.get("place")) or None,
        "date": str(h["date"]) if h.get("date") else None,
        "issuer": norm(h.get("issuer")) or None,
        "signer": tuple(norm(s.get(k)) for k in ("name", "authority", "title", "position"))
        if s
        else None,
        "recipients": tuple(norm(x) for x in h.get("recipients") or ()) or None,
        "distribution": tuple(norm(x) for x in h.get("distribution") or ()) or None,
        "subject": norm(h.get("subject")) or None,
    }


def evaluate(seeds: Path, details: bool) -> tuple[dict[str, Score], dict[str, float], list[str]]:
    scores = {
        name: Score()
        for name in (
            "trích dẫn",
            "vai trò",
            "phong trào",
            "giai đoạn",
            "hạn",
            "chỉ tiêu",
            "tiêu đề",
        )
    }
    action_ok = action_n = 0
    header_ok: Counter = Counter()
    header_n: Counter = Counter()
    misses: list[str] = []
    for gold_file in sorted(GOLD.glob("*.yaml")):
        gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
        ex = extract((seeds / gold["seed"]).read_text(encoding="utf-8"))
        tag = gold["seed"][:3]
        scores["trích dẫn"].add(
            gold_citations(gold), found_citations(ex), misses, f"{tag} trích dẫn"
        )
        scores["vai trò"].add(gold_roles(gold), found_roles(ex), misses, f"{tag} vai trò")
        g_camp = [norm(c["name"]) for c in gold.get("campaigns") or []]
        scores["phong trào"].add(
            g_camp, [norm(c.name) for c in ex.campaigns], misses, f"{tag} phong trào"
        )
        scores["giai đoạn"].add(
            [(norm(c["name"]), str(c.get("period") or "")) for c in gold.get("campaigns") or []],
            [
                (norm(c.name), f"{c.period.start}-{c.period.end}" if c.period else "")
                for c in ex.campaigns
            ],
            misses,
            f"{tag} giai đoạn",
        )
        g_dl = gold.get("deadlines") or []
        scores["hạn"].add(
            [deadline_key(d.get("date"), d.get("relative")) for d in g_dl],
            [deadline_key(d.date.iso() if d.date else None, d.relative) for d in ex.deadlines],
            misses,
            f"{tag} hạn",
        )
        for d in g_dl:
            key = deadline_key(d.get("date"), d.get("relative"))
            match = next(
                (
                    f
                    for f in ex.deadlines
                    if deadline_key(f.date.iso() if f.date else None, f.relative) == key
                ),
                None,
            )
            if match is not None:
                action_n += 1
                if word_overlap(d["action"], match.action) >= 0.5:
                    action_ok += 1
                elif details:
                    misses.append(f"{tag} việc phải làm: {d['action']!r} / {match.action!r}")
        scores["chỉ tiêu"].add(
            [(float(t["value"]), t["comparison"], t["unit"]) for t in gold.get("targets") or []],
            [(t.value, t.comparison, t.unit) for t in ex.targets],
            misses,
            f"{tag} chỉ tiêu",
        )
        found_h, want_h = header_values(ex), gold_header(gold)
        for name in HEADER_FIELDS:
            if want_h[name] is None and found_h[name] is None:
                continue
            header_n[name] += 1
            if want_h[name] == found_h[name]:
                header_ok[name] += 1
            else:
                misses.append(f"{tag} tiêu đề {name}: cần {want_h[name]!r}, được {found_h[name]!r}")
        scores["tiêu đề"].add(
            [(n, v) for n, v in want_h.items() if v is not None],
            [(n, v) for n, v in found_h.items() if v is not None],
        )
    extra = {f"tiêu đề.{n}": header_ok[n] / header_n[n] for n in HEADER_FIELDS if header_n[n]}
    extra["hạn.việc phải làm"] = action_ok / action_n if action_n else 1.0
    return scores, extra, misses


# --- throughput -----------------------------------------------------------------


def corpus(seeds: Path, n: int, seed: int = 7) -> list[str]:
    """n documents from the seeds: paragraphs shuffled and numbers changed, so
    no two are the same text (a seed read twice would flatter nothing here,
    but the corpus should look like a month of real mail)."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    out = []
    for i in range(n):
        paras = texts[i % len(texts)].split("\n\n")
        head, body = paras[:6], paras[6:]
        rng.shuffle(body)
        doc = "\n\n".join(head + body)
        shift = rng.randint(1, 9)
        doc = re.sub(r"(?<=số )(\d+)", lambda m, k=shift: str(int(m.group(1)) + k), doc)
        out.append(doc)
    return out


def throughput(seeds: Path, n: int) -> tuple[float, float, float]:
    docs = corpus(seeds, n)
    size = sum(len(d.encode("utf-8")) for d in docs)
    extract(docs[0])  # warm the lazily filled tables
    t0 = time.perf_counter()
    for d in docs:
        extract(d)
    dt = time.perf_counter() - t0
    return n / dt, size / dt / 1e6, size / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bench_extract",
        description="Đo bộ trích xuất: độ chính xác (P) và độ phủ (R) theo từng trường trên năm "
        "văn bản mẫu so với chú giải tay trong tests/gold/, và tốc độ trên 1.000 văn bản.",
    )
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="thư mục văn bản mẫu")
    parser.add_argument("-n", type=int, default=1000, help="số văn bản đo tốc độ (mặc định 1000)")
    parser.add_argument("--details", action="store_true", help="liệt kê từng chỗ thiếu, thừa")
    parser.add_argument("--check", action="store_true", help="trả mã 1 nếu dưới chỉ tiêu")
    args = parser.parse_args(argv)
    if not args.seeds.is_dir():
        print(f"{args.seeds}: không có thư mục văn bản mẫu (dùng --seeds)", file=sys.stderr)
        return 2

    scores, extra, misses = evaluate(args.seeds, args.details)
    print(f"{'trường':<24}{'P':>7}{'R':>7}{'đúng':>7}{'thừa':>7}{'thiếu':>7}")
    for name, s in scores.items():
        print(f"{name:<24}{s.precision:>7.3f}{s.recall:>7.3f}{s.tp:>7}{s.fp:>7}{s.fn:>7}")
    for name, value in extra.items():
        print(f"{name:<24}{value:>7.3f}  (tỉ lệ đúng)")
    docs_s, mb_s, mb = throughput(args.seeds, args.n)
    print(
        f"tốc độ: {docs_s:,.0f} văn bản/giây, {mb_s:.2f} MB/giây ({args.n} văn bản, {mb:.1f} MB, một lõi)"
    )
    if args.details and misses:
        print("\n".join(["", "Chi tiết:", *misses]))

    failed = [
        f"{n} P/R < {t}"
        for n, t in TARGETS.items()
        if min(scores[n].precision, scores[n].recall) < t
    ]
    if mb_s < MIN_MB_S:
        failed.append(f"tốc độ < {MIN_MB_S} MB/giây")
    if failed:
        print("Chưa đạt chỉ tiêu: " + "; ".join(failed), file=sys.stderr)
    return 1 if failed and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
