#!/usr/bin/env python3
"""Measure the importer on real documents nobody tuned on: tests/corpus/.

    python bench/bench_corpus.py                 # table of figures per field
    python bench/bench_corpus.py --details       # every miss and extra, by document

Each document of the corpus is a real public text (`<id>.txt`) with gold
written by hand before the importer ever read it (`<id>.yaml`, format in
tests/corpus/README.md). Two kinds of figures:

- reading (sotay.extract on the text alone): header fields, citations by
  number (or law name) and date, campaigns, deadlines by kind (dated,
  standing, relative);
- resolving (sotay.resolve.importer.plan_import against the shipped data,
  one document at a time, as `sotay import` would): whether the document is
  imported at all, the unit of its own issuer, and for each citation read
  right whether it is attached to a body of the right province; a citation
  attached to a body of another province is counted apart, since it looks
  right to a reviewer.

Precision = right / given, recall = right / in the gold; a field the
importer leaves empty counts against recall only.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_extract import Score, norm  # noqa: E402

from sotay.extract import Extraction, extract  # noqa: E402
from sotay.text.numbers import DocNumber  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
CENTRAL = "trung ương"
UNKNOWN = "không xác định"


def load_corpus(folder: Path = CORPUS) -> list[tuple[dict, str]]:
    """(gold, text) of every document, sorted by id."""
    out = []
    for gold_path in sorted(folder.glob("*.yaml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        text = (folder / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
        out.append((gold, text))
    return out


def province_of(unit: str | None) -> str | None:
    """ "huyện Vũ Thư, tỉnh Thái Bình" -> "tinh thai binh"; "trung ương" stays; None when unknown."""
    if not unit or norm(unit) == norm(UNKNOWN):
        return None
    return norm(unit.split(",")[-1])


# --- reading ----------------------------------------------------------------------


def _number_key(number: str | None) -> str | None:
    if not number:
        return None
    parsed = DocNumber.parse(str(number))
    return parsed.key if parsed else norm(str(number))


def header_pairs(gold: dict, ex: Extraction) -> dict[str, tuple[object, object]]:
    """field -> (gold value, read value), both normalised; None where absent."""
    g, h = gold.get("header") or {}, ex.header
    return {
        "tiêu đề.loại": (g.get("kind"), h.kind.value if h.kind else None),
        "tiêu đề.số": (
            _number_key(g.get("number")),
            _number_key(str(h.number.value)) if h.number else None,
        ),
        "tiêu đề.ngày": (
            str(g["date"]) if g.get("date") else None,
            h.date.value.iso() if h.date else None,
        ),
        "tiêu đề.cơ quan": (
            norm(g.get("issuer")) or None,
            norm(h.issuer.value) if h.issuer else None,
        ),
    }


LAW_PREFIX = re.compile(r"^(?:luat\s+)?(?:sua doi,? bo sung mot so dieu cua\s+)?(?:luat\s+)?")


def citation_id(number: str | None, law: str | None, date: str | None, year: int | None) -> tuple:
    """What makes two citations the same: the number's key and the date; a law
    cited by name by its date, or by its name without "Luật" when undated
    ("Luật Thi đua, khen thưởng" = "Thi đua, Khen thưởng"). The issuer is left
    out: its phrase is read, whom it means is scored as resolution below."""
    when = date or (str(year) if year else "")
    if number:
        parsed = DocNumber.parse(str(number))
        return (parsed.key if parsed else norm(str(number)), when)
    return ("luat", when) if when else ("luat " + LAW_PREFIX.sub("", norm(law)), "")


def gold_citation_keys(gold: dict) -> list[tuple]:
    return [
        citation_id(c.get("number"), c.get("law"), c.get("date") and str(c["date"]), c.get("year"))
        for c in gold.get("citations") or []
    ]


def read_citation_keys(ex: Extraction) -> list[tuple]:
    return [
        citation_id(
            str(c.number) if c.number else None,
            c.name,
            c.date.iso() if c.date else None,
            c.year if not c.date else None,
        )
        for c in ex.citations
    ]


def deadline_keys(gold: dict, ex: Extraction) -> dict[str, tuple[list, list]]:
    """kind -> (gold keys, read keys): a dated deadline by its date, a standing
    one by month and day, a relative one by its words."""
    g: dict[str, list] = defaultdict(list)
    for d in gold.get("deadlines") or []:
        kind = d.get("kind", "dated")
        if kind == "dated":
            g[kind].append(str(d.get("date")))
        elif kind == "standing":
            g[kind].append(str(d.get("date", "")).lstrip("-"))
        else:
            g[kind].append("relative")
    f: dict[str, list] = defaultdict(list)
    for d in ex.deadlines:
        if d.date is not None and d.recurrence:
            f["standing"].append(
                f"{d.date.month:02d}-{d.date.day:02d}" if d.date.day else str(d.date.month)
            )
        elif d.date is not None:
            f["dated"].append(d.date.iso())
        elif d.relative:
            f["relative"].append("relative")
    return {k: (g[k], f[k]) for k in ("dated", "standing", "relative")}


# --- resolving -------------------------------------------------------------------


@dataclass
class Resolved:
    imported: bool
    why: str = ""
    issuer_unit: str | None = None  # province, folded: "tinh thai binh", "trung uong"
    # citation key -> the provinces of the bodies its citations were attached to, in order
    citations: dict[tuple, list[str | None]] = field(default_factory=dict)


def _unit_province(kb, planned_localities: dict, loc_id: str | None) -> str | None:
    seen = set()
    while loc_id and loc_id not in seen:
        seen.add(loc_id)
        loc = kb.localities.get(loc_id) if kb else None
        data = planned_localities.get(loc_id)
        level = loc.level if loc else (data or {}).get("level")
        name = loc.name if loc else (data or {}).get("name")
        if level == "tỉnh":
            return norm(name)
        if level == "trung ương":
            return norm(CENTRAL)
        loc_id = loc.parent if loc else (data or {}).get("parent")
    return None


def resolve_one(gold: dict, text: str, data: Path, work: Path) -> Resolved:
    from sotay.data import load_knowledge_base
    from sotay.resolve.importer import plan_import

    source = work / f"{gold['id']}.txt"
    source.write_text(text, encoding="utf-8")
    plan = plan_import([source], data)
    why = plan.errors + [line for lines in plan.refused.values() for line in lines]
    if why:
        return Resolved(False, "; ".join(why)[:200])
    kb, _ = load_knowledge_base(data)
    planned = {(p.kind, p.id): p.data for p in plan.records}
    localities = {rid: d for (kind, rid), d in planned.items() if kind == "locality"}

    def body_province(body_id: str | None) -> str | None:
        if not body_id:
            return None
        body = kb.bodies.get(body_id)
        loc = body.locality if body else (planned.get(("body", body_id)) or {}).get("locality")
        return _unit_province(kb, localities, loc)

    def doc_issuer(doc_id: str) -> str | None:
        doc = kb.documents.get(doc_id)
        if doc is not None:
            return doc.issuer
        return (planned.get(("document", doc_id)) or {}).get("issuer")

    own = next(p for p in plan.records if p.kind == "document" and p.data.get("text"))
    out = Resolved(True, issuer_unit=body_province(own.data.get("issuer")))
    ex = extract(text)
    by_quote = {c.quote: k for c, k in zip(ex.citations, read_citation_keys(ex), strict=True)}
    for c in own.data.get("citations") or []:
        key = by_quote.get(c.get("quote"))
        if key is not None:
            out.citations.setdefault(key, []).append(body_province(doc_issuer(c["target"])))
    return out


# --- the run ---------------------------------------------------------------------


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    misses: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    other_province: list[str] = field(default_factory=list)
    documents: int = 0
    seconds: float = 0.0
    chars: int = 0


def evaluate(corpus: list[tuple[dict, str]], resolve: bool = True, details: bool = False) -> Report:
    report = Report()
    data_copy = Path(tempfile.mkdtemp(prefix="sotay-corpus-"))
    shutil.copytree(ROOT / "data", data_copy / "data")
    work = data_copy / "in"
    work.mkdir()
    try:
        for gold, text in corpus:
            report.documents += 1
            doc = gold["id"]
            t0 = time.perf_counter()
            ex = extract(text)
            report.seconds += time.perf_counter() - t0
            report.chars += len(text.encode("utf-8"))
            misses = report.misses if details else None
            for name, (g, f) in header_pairs(gold, ex).items():
                s = report.scores[name]
                if f is not None and f == g:
                    s.tp += 1
                else:
                    s.fp += f is not None
                    s.fn += g is not None
                    if details and (f is not None or g is not None):
                        report.misses.append(f"{doc}: {name}: vàng {g!r}, đọc {f!r}")
            report.scores["trích dẫn (số, ngày)"].add(
                gold_citation_keys(gold), read_citation_keys(ex), misses, f"{doc}: trích dẫn"
            )
            report.scores["phong trào"].add(
                [norm(c["name"]) for c in gold.get("campaigns") or []],
                [norm(c.name) for c in ex.campaigns],
                misses,
                f"{doc}: phong trào",
            )
            for kind, (g, f) in deadline_keys(gold, ex).items():
                report.scores[f"hạn ({kind})"].add(g, f, misses, f"{doc}: hạn {kind}")
            if not resolve:
                continue
            r = resolve_one(gold, text, data_copy / "data", work)
            issuer = report.scores["cơ quan ban hành (đơn vị)"]
            want = province_of(gold.get("unit")) if gold.get("level") != CENTRAL else norm(CENTRAL)
            if not r.imported:
                report.refused.append(f"{doc}: {r.why}")
                issuer.fn += 1
                report.scores["trích dẫn (số, ngày, cơ quan)"].fn += len(
                    gold.get("citations") or []
                )
                continue
            if r.issuer_unit is not None and r.issuer_unit == want:
                issuer.tp += 1
            else:
                issuer.fp += r.issuer_unit is not None
                issuer.fn += 1
                if details:
                    report.misses.append(
                        f"{doc}: cơ quan ban hành: vàng {want!r}, nhập {r.issuer_unit!r}"
                    )
            cited = report.scores["trích dẫn (số, ngày, cơ quan)"]
            given = {k: list(v) for k, v in r.citations.items()}
            for key, c in zip(gold_citation_keys(gold), gold.get("citations") or [], strict=True):
                got = given.get(key)
                if not got:
                    cited.fn += 1
                    continue
                province = got.pop(0)
                expected = province_of(c.get("body_unit"))
                if province is not None and province == expected:
                    cited.tp += 1
                else:
                    cited.fn += 1
                    cited.fp += province is not None
                    if province is not None and expected is not None:
                        report.other_province.append(
                            f"{doc}: {c.get('quote')!r}: {c.get('body_unit')} -> {province}"
                        )
            cited.fp += sum(1 for rest in given.values() for p in rest if p is not None)
    finally:
        shutil.rmtree(data_copy, ignore_errors=True)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Đo công cụ nhập trên các văn bản thật của tests/corpus/."
    )
    parser.add_argument(
        "--corpus", type=Path, default=CORPUS, help="thư mục kho văn bản (mặc định tests/corpus)"
    )
    parser.add_argument("--details", action="store_true", help="liệt kê từng chỗ sai, thiếu, thừa")
    parser.add_argument(
        "--chi-doc", action="store_true", help="chỉ đo phần đọc, không gắn với kho dữ liệu"
    )
    args = parser.parse_args(argv)
    corpus = load_corpus(args.corpus)
    if not corpus:
        print(f"{args.corpus}: không có văn bản nào", file=sys.stderr)
        return 1
    report = evaluate(corpus, resolve=not args.chi_doc, details=args.details)
    provinces = Counter(province_of(g.get("unit")) for g, _ in corpus)
    print(
        f"{report.documents} văn bản, {len(provinces)} tỉnh/trung ương; "
        f"đọc {report.chars / 1e6 / max(report.seconds, 1e-9):.2f} MB/s"
    )
    print(f"{'trường':<32} {'P':>6} {'R':>6}  (đúng/thừa/thiếu)")
    for name, s in report.scores.items():
        # nothing given: no precision to speak of, not a perfect one
        precision = f"{s.precision:6.3f}" if s.tp + s.fp else f"{'—':>6}"
        recall = f"{s.recall:6.3f}" if s.tp + s.fn else f"{'—':>6}"
        print(f"{name:<32} {precision} {recall}  ({s.tp}/{s.fp}/{s.fn})")
    if not args.chi_doc:
        print(f"không nhập được: {len(report.refused)}/{report.documents} văn bản")
        print(f"trích dẫn gắn với cơ quan của tỉnh khác: {len(report.other_province)}")
    if args.details:
        for line in report.refused + report.other_province + report.misses:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
