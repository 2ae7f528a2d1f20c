"""Citations: the documents a text cites, each with its role.

    "Căn cứ Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị;"
    -> FoundCitation(kind="Chỉ thị", number=05-CT/TW, date=2016-05-15,
                     issuer="Bộ Chính trị", role="căn cứ")

A number is required and never guessed ("Kết luận của Thủ tướng Chính phủ"
is no citation); laws are cited by name ("Luật Thi đua, Khen thưởng ngày
15/6/2022"). The patterns are in citation_patterns.py.
"""

from __future__ import annotations

import re

from sotay.extract import citation_patterns as P
from sotay.extract import vocabulary as V
from sotay.extract.document import Doc, date_of, date_span_of, prepare
from sotay.extract.models import FoundCitation
from sotay.text.folding import fold
from sotay.text.numbers import DocNumber


def find_citations(text: str | Doc) -> list[FoundCitation]:
    """Every citation of another document, in text order, each with its role."""
    doc = prepare(text)
    sh = doc.shadow
    raw: list[dict] = []
    for m in P.CITATION.finditer(sh):
        kind = V.DOC_KIND_WORDS[_kind_key(m.group("kind"))]
        item = _citation_item(doc, m, m.start(), kind)
        raw.append(item)
        pos = item["end"]
        # "các Nghị định số 1/2020/NĐ-CP, số 2/2020/NĐ-CP và số 3/2020/NĐ-CP"
        while (more := P.CITATION_MORE.match(sh, pos)) is not None:
            nxt = _citation_item(doc, more, more.start("item"), kind)
            raw.append(nxt)
            pos = nxt["end"]
    taken = [(c["start"], c["end"]) for c in raw]
    for pattern in (P.LAW_KNOWN, P.LAW_DATED):
        for m in pattern.finditer(sh):
            if any(a <= m.start() < b for a, b in taken):
                continue
            if P.LAW_IN_TITLE.search(sh, max(0, m.start() - 40), m.start()):
                continue  # "... thi hành Luật thi đua, khen thưởng": part of a title
            item = _law_item(doc, m)
            raw.append(item)
            taken.append((item["start"], item["end"]))
    raw.sort(key=lambda c: c["start"])
    for i, c in enumerate(raw):
        c["role"], c["footnote"] = _role(doc, raw, i)
    return [FoundCitation(**{k: v for k, v in c.items() if k != "item_role"}) for c in raw]


_KIND_BY_FOLD = {fold(k): k for k in V.DOC_KIND_WORDS}


def _kind_key(matched: str) -> str:
    """The table key of a matched kind word: "Chỉ  thị" (any spacing, case) -> "Chỉ thị"."""
    return _KIND_BY_FOLD[" ".join(fold(matched).split())]


def _citation_item(doc: Doc, m: re.Match, start: int, kind: str) -> dict:
    sh = doc.shadow
    end = m.end("symbol")
    date = date_span = None
    if m.group("dated"):
        date, date_span = date_of(m), date_span_of(m)
        end = m.end("dated")
    issuer = issuer_span = None
    im = P.ISSUER_AFTER.match(sh, end)
    if im is not None:
        issuer_span = doc.span(im.start("issuer"), im.end("issuer"))
        issuer = doc.plain(*issuer_span)
        end = issuer_span[1]
    if date is None:
        # "ngày 02/3/2023 Ủy ban nhân dân thành phố đã ban hành Kế hoạch số 62/KH-UBND"
        lead_start = max(doc.sentence_start(start), start - 200)
        bm = P.DATE_BEFORE_CITATION.search(sh, lead_start, start)
        if bm is not None:
            date, date_span = date_of(bm), date_span_of(bm)
            if issuer is None and bm.group("issuer"):
                issuer_span = doc.span(bm.start("issuer"), bm.end("issuer"))
                issuer = doc.plain(*issuer_span)
    if issuer is None:
        # "... đã được Ủy ban nhân dân tỉnh phê duyệt tại Quyết định số 162/QĐ-UBND ngày 18/3/2024"
        lead_start = max(doc.sentence_start(start), start - 200)
        ib = P.ISSUER_BEFORE_CITATION.search(sh, lead_start, start)
        if ib is not None:
            issuer_span = doc.span(ib.start("issuer"), ib.end("issuer"))
            issuer = doc.plain(*issuer_span)
    start, end = doc.span(start, end)
    return {
        "start": start,
        "end": end,
        "quote": doc.text[start:end],
        "kind": kind,
        "number": _number(doc, m),
        "date": date,
        "issuer": issuer,
        "date_span": date_span,
        "issuer_span": issuer_span,
    }


def _law_item(doc: Doc, m: re.Match) -> dict:
    end = m.end("name")
    date = date_span = None
    year = None
    if m.group("dated"):
        end = m.end("dated")
        if m.group("ly"):
            year = int(m.group("ly"))
            date_span = (m.start("ly"), m.end("ly"))
        else:
            date, date_span = date_of(m), date_span_of(m)
            year = date.year if date else None
    number = None
    if m.group("symbol"):
        number = _number(doc, m)
        end = max(end, m.end("symbol"))
    start, end = doc.span(m.start(), end)
    name = doc.plain(m.start("name"), m.end("name"))
    return {
        "start": start,
        "end": end,
        "quote": doc.text[start:end],
        "kind": "Luật",
        "number": number,
        "date": date,
        "issuer": None,
        "name": name,
        "year": year,
        "date_span": date_span,
        "issuer_span": None,
    }


def _number(doc: Doc, m: re.Match) -> DocNumber | None:
    """The number exactly as the text spells it, parsed (never completed)."""
    return DocNumber.parse(doc.text[m.start("serial") : m.end("symbol")])


def _trigger_role(lead: str, max_gap: int | None = 4) -> str | None:
    """Role of the last trigger in `lead` that ends at most `max_gap` words before its end.

    "Thực hiện tốt " -> thực hiện; "theo tinh thần " -> theo.
    """
    best = None
    for m in P.ROLE_TRIGGER.finditer(lead):
        best = m
    if best is None:
        return None
    if max_gap is not None and len(lead[best.end() :].split()) > max_gap:
        return None
    return next(P.ROLE_OF_GROUP[g] for g, v in best.groupdict().items() if v)


def _role(doc: Doc, cits: list[dict], i: int) -> tuple[str, int | None]:
    """Role of citation i from the words that govern it (see vocabulary.ROLE_TRIGGERS).

    In order: a footnote body makes it "chú thích"; a list member
    ("...; Chỉ thị số 09/CT-UBND", "..., Nghị định số 98/...") takes the role
    of the member that opened the list; a citation inside the title of the
    one before ("Kết luận số 01-KL/TW ... về tiếp tục thực hiện Chỉ thị số
    05-CT/TW") is only mentioned; otherwise the nearest trigger in its clause
    decides ("Thực hiện tốt Luật ...", "theo tinh thần Chỉ thị ..."), then a
    trigger before the colon that opens its list ("tiêu chí thi đua thực
    hiện: “...”; Chỉ thị số 26/CT-TTg", "Căn cứ:\n- Luật ..."); else "nhắc đến".
    Sets c["item_role"], the role a later list member inherits.
    """
    c = cits[i]
    sh = doc.shadow
    footnote = doc.footnote_at(c["start"])
    if footnote is not None:
        c["item_role"] = "chú thích"
        return "chú thích", footnote
    s0 = doc.sentence_start(c["start"])
    prev = cits[i - 1] if i > 0 and cits[i - 1]["end"] > s0 else None
    if prev is not None and doc.footnote_at(prev["start"]) is not None:
        prev = None
    lead = sh[prev["end"] if prev else s0 : c["start"]]
    local = lead.rsplit(";", 1)[-1]
    if prev is not None:
        if ";" in lead and P.CITATION_LIST_GAP.match(local):  # "...; Chỉ thị ..."
            c["item_role"] = prev["item_role"]
            return prev["item_role"], None
        if P.CITATION_LIST_GAP.match(lead):  # "..., Nghị định ...", "... và Chỉ thị ..."
            c["item_role"] = prev["item_role"]
            return prev["role"], None
        if ";" not in lead:  # inside the previous citation's title
            c["item_role"] = prev["item_role"]
            return "nhắc đến", None
    role = _trigger_role(local) or _list_role(sh, s0, c["start"]) or "nhắc đến"
    c["item_role"] = role
    return role, None


def _list_role(sh: str, s0: int, start: int) -> str | None:
    """The trigger before the colon that opens a list the citation is in."""
    sentence_lead = sh[s0:start]
    if ":" in sentence_lead:
        head = sentence_lead.rsplit(":", 1)[0].rsplit(";", 1)[-1].rsplit("\n", 1)[-1]
        return _trigger_role(head, max_gap=None)
    if P.LIST_MARK.match(sentence_lead):
        # "Căn cứ:\n- Luật ...;\n- Nghị định ...": the line above the list items
        for line in reversed(sh[max(0, s0 - 2000) : s0].split("\n")):
            line = line.strip()
            if not line or P.LIST_MARK.match(line):
                continue
            return _trigger_role(line[:-1], max_gap=None) if line.endswith(":") else None
    return None
