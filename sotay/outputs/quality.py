"""What is doubtful but not invalid: the data-quality report.

Validation refuses what cannot be right; this lists what is probably worth a
second look, each item pointing at the record to fix.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from dataclasses import dataclass

from sotay.data.model import Document
from sotay.graph.relations import Graph
from sotay.text import annotate, patterns
from sotay.text.folding import fold
from sotay.text.numbers import DocNumber

CATEGORIES = {
    "uncited": "Số hiệu trong toàn văn chưa được ghi là trích dẫn",
    "shared-number": "Cùng số hiệu, khác cơ quan ban hành",
    "similar-campaigns": "Phong trào có tên gần giống nhau",
    "missing-number": "Văn bản thiếu số hiệu",
    "partial-date": "Văn bản thiếu ngày đầy đủ",
    "no-actor": "Hạn chưa ghi ai thực hiện",
    "ended-locality": "Địa bàn, cơ quan đã chấm dứt, chưa ghi đơn vị kế thừa",
    "after-end": "Văn bản ban hành sau khi cơ quan đã chấm dứt",
    "review": "Bản ghi do công cụ nhập tạo, chờ kiểm tra",
}


@dataclass(frozen=True)
class Doubt:
    category: str
    kind: str  # kind of the record to fix
    record_id: str
    path: str
    message: str


def _covered(text: str, quotes: list[str]) -> list[tuple[int, int]]:
    return [(at, at + len(q)) for q in quotes for at in annotate.find_all(text, q)]


# Scanning every full text for number-like strings is most of the report
# (~1.5 s of 2 at 10,000 documents), and the quality page is rendered again
# after every edit under `mkdocs serve`. A record that did not change keeps
# its model object from one rebuild to the next (load.RawRecord.remember), so
# the scan is kept per object: id(doc) -> (doc, result); holding doc itself
# keeps the id from being reused by another object. Each report keeps only
# the documents it saw, so the memo does not grow with edits.
_uncited_memo: dict[int, tuple[Document, tuple[str, ...]]] = {}


def _uncited(doc: Document) -> tuple[str, ...]:
    """Number-like strings of the full text outside every citation's quote,
    the first spelling of each number: "Kế hoạch số 12/KH-UBND" written
    where no citation quotes it gives ("12/KH-UBND",)."""
    if not doc.text:
        return ()
    spans = _covered(doc.text, [c.quote for c in doc.citations if c.quote])
    own = doc.number.key if doc.number else None
    seen: set[str] = set()
    found = []
    for m in patterns.NUMBER_LIKE.finditer(doc.text):
        number = DocNumber.parse(m.group(0))
        if number is None or number.key == own or number.key in seen:
            continue
        if not any(a <= m.start() and m.end() <= b for a, b in spans):
            seen.add(number.key)
            found.append(m.group(0))
    return tuple(found)


def report(graph: Graph, today: dt.date | None = None) -> list[Doubt]:
    kb = graph.kb
    today = today or dt.date.today()
    out: list[Doubt] = []

    def add(category: str, kind: str, record_id: str, message: str) -> None:
        out.append(Doubt(category, kind, record_id, kb.paths.get((kind, record_id), ""), message))

    global _uncited_memo
    memo, _uncited_memo = _uncited_memo, {}
    for doc in kb.documents.values():
        hit = memo.get(id(doc))
        found = hit[1] if hit is not None and hit[0] is doc else _uncited(doc)
        _uncited_memo[id(doc)] = (doc, found)
        for spelling in found:
            add("uncited", "document", doc.id, f"«{spelling}» xuất hiện trong toàn văn nhưng chưa có trong citations")
        if doc.number is None and not doc.name:
            add("missing-number", "document", doc.id, f"{doc.label}: không có số hiệu")
        elif doc.number is not None and doc.number.blank:
            add("missing-number", "document", doc.id, f"{doc.label}: số chưa ghi (dự thảo?)")
        if doc.date is None:
            add("partial-date", "document", doc.id, f"{doc.label}: không có ngày ban hành")
        elif not doc.date.complete:
            add("partial-date", "document", doc.id, f"{doc.label}: chỉ biết {doc.date.vi()}")
        body = kb.bodies[doc.issuer]
        if body.valid_until and doc.date and doc.date.sort_key() > body.valid_until.sort_key():
            add("after-end", "document", doc.id,
                f"{doc.label} ({doc.date.vi()}) do {body.name} ban hành, cơ quan chấm dứt sau {body.valid_until.vi()}")

    by_key: dict[str, set[str]] = defaultdict(set)
    for doc in kb.documents.values():
        if doc.number and not doc.number.blank:
            by_key[doc.number.key].add(doc.id)
    for ids in by_key.values():
        if len({kb.documents[i].issuer for i in ids}) > 1:
            for i in sorted(ids):
                others = ", ".join(kb.documents[o].label + " của " + kb.bodies[kb.documents[o].issuer].name
                                   for o in sorted(ids) if o != i)
                add("shared-number", "document", i,
                    f"{kb.documents[i].label} của {kb.bodies[kb.documents[i].issuer].name}; cùng số với {others}")

    # Names 90 % alike must have lengths within 2*min/(a+b) >= 0.9 of each
    # other: sorted by length, each name is compared only with the next few.
    # (length, folded name, id, root, parent, locality), computed once per
    # campaign: at 10,000 documents the loop below meets ~500,000 pairs.
    names = sorted((len(folded), folded, c.id, graph.campaign_root(c.id), c.parent, c.locality)
                   for c in kb.campaigns.values() for folded in (fold(c.name),))
    for i, (len_a, name_a, a, root_a, parent_a, loc_a) in enumerate(names):
        for len_b, name_b, b, root_b, parent_b, loc_b in names[i + 1:]:
            if 2 * len_a / (len_a + len_b) < 0.9:
                break
            # A local form and its national campaign, two rounds of one
            # campaign, or the same campaign in two provinces ("... tỉnh Bình
            # Định" / "... tỉnh Ninh Thuận") are meant to look alike; noise
            # duplicates are two records for one place.
            if (root_a == root_b
                    or (parent_a and parent_a == parent_b)
                    or (loc_a and loc_b and loc_a != loc_b)):
                continue
            matcher = difflib.SequenceMatcher(None, name_a, name_b)
            if matcher.quick_ratio() < 0.9:
                continue
            ratio = matcher.ratio()
            if ratio >= 0.9:
                first, second = sorted((a, b))
                add("similar-campaigns", "campaign", first,
                    f"«{kb.campaigns[first].name}» và «{kb.campaigns[second].name}» giống nhau {ratio:.0%}: "
                    "một phong trào hay hai?")
    for c in kb.campaigns.values():
        if c.review:
            add("review", "campaign", c.id, f"«{c.name}» do công cụ nhập tạo")

    for d in kb.deadlines.values():
        if not d.actor:
            add("no-actor", "document", d.source, f"hạn «{d.action}» ({d.date.vi() if d.date else d.relative}) chưa ghi ai thực hiện")

    for loc in kb.localities.values():
        if loc.valid_until and not loc.successor and loc.valid_until.sort_key() < (today.year, today.month, today.day):
            add("ended-locality", "locality", loc.id, f"{loc.name} chấm dứt sau {loc.valid_until.vi()}, chưa ghi đơn vị kế thừa")
    for body in kb.bodies.values():
        if body.valid_until and not body.successor and body.valid_until.sort_key() < (today.year, today.month, today.day):
            add("ended-locality", "body", body.id, f"{body.name} chấm dứt sau {body.valid_until.vi()}, chưa ghi cơ quan kế thừa")
    order = list(CATEGORIES)
    return sorted(out, key=lambda d: (order.index(d.category), d.path, d.message))
