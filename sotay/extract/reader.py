"""Stage: a document's text -> what it says.

Plain functions over the text of one document: its header (kind, number,
place and date, issuer, signer, recipients, subject), the documents it cites,
the campaigns it names, the deadlines and targets it sets. Everything found
keeps its span (start, end) in the cleaned text, the same text a record stores
(`sotay.text.folding.document_text`), so a quote can be linked in place.

Nothing is guessed: a citation without a number in the text is not a
citation ("Kết luận của Thủ tướng Chính phủ"), a blank date stays partial.
Matching runs over a same-length "shadow" of the text (see `shadow`), so NFD
input, both tone placements, curly quotes, non-breaking spaces, Markdown
emphasis and footnote marks need no special case in the patterns.

    ex = extract(text)
    ex.header.number        # DocNumber("2597", None, "UBND-NV", False)
    ex.citations[0].quote   # "Kế hoạch 66/KH-CTĐ ngày 28/3/2024 của UBND thành phố"
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from sotay.extract import patterns as P
from sotay.text import patterns as TP
from sotay.text.dates import DateError, PartialDate, Period
from sotay.text.folding import document_text, fold
from sotay.text.numbers import DocNumber

# --- the shadow -------------------------------------------------------------

_QUOTES = {ord(c): '"' for c in "“”„‟«»″"} | {ord(c): "'" for c in "‘’‚‛"}
_DASHES = {ord(c): "-" for c in "–—‒―−"}
_D = {ord("đ"): "d", ord("Đ"): "D"}


class _FoldTable(dict):
    """str.translate table, one character to one: "Ủ" -> "U", "“" -> '"'.

    Filled lazily; a character with no single-letter base is kept as it is,
    so the shadow always has the length of the text.
    """

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if code < 128:
            out = ch
        elif code in _QUOTES:
            out = _QUOTES[code]
        elif code in _DASHES:
            out = _DASHES[code]
        elif code in _D:
            out = _D[code]
        elif code == 0x2026:  # "…": one character, one dot
            out = "."
        else:
            base = unicodedata.normalize("NFD", ch)[0]
            out = base if not unicodedata.combining(base) else ch
        self[code] = out
        return out


_FOLD_TABLE = _FoldTable()


def shadow(text: str) -> str:
    """The text as the patterns read it: same length, no diacritics, no markup.

    >>> shadow("**Chỉ thị số 05-CT/TW**<sup>1</sup> “Vì”")
    '  Chi thi so 05-CT/TW              "Vi"'
    """
    folded = text.translate(_FOLD_TABLE)
    return TP.INLINE_MARKUP.sub(lambda m: " " * (m.end() - m.start()), folded)


# --- value objects ------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """A value read from the text, with where it was read: text[start:end] == quote."""

    value: Any
    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class Signature:
    """ "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Nguyễn Phương Nam" as fields."""

    name: str | None
    authority: str | None  # "KT. Chủ tịch", "TM. Ủy ban nhân dân"
    title: str | None  # "Phó Chủ tịch"
    position: str | None  # "Trưởng phòng VH&TT" (004)
    start: int
    end: int


@dataclass(frozen=True)
class Header:
    kind: Found | None = None  # value: "Công văn"
    number: Found | None = None  # value: DocNumber; quote "2597 /UBND-NV"
    place: Found | None = None  # value: "Quy Nhơn"
    date: Found | None = None  # value: PartialDate
    issuer: Found | None = None  # value: normalised name; quote as written
    signer: Signature | None = None
    recipients: tuple[Found, ...] = ()
    distribution: tuple[Found, ...] = ()
    subject: Found | None = None


@dataclass(frozen=True)
class FoundCitation:
    """One citation of another document, exactly as written.

    `quote` runs from the kind word through number, date and a directly
    following issuer phrase; for a list that names the type once it starts
    at "số". `kind` is a schema kind ("Chỉ thị"); `number` is None only for
    laws cited by name.
    """

    start: int
    end: int
    quote: str
    kind: str
    number: DocNumber | None
    date: PartialDate | None
    issuer: str | None
    role: str
    footnote: int | None = None
    name: str | None = None  # laws: "Thi đua, Khen thưởng"
    year: int | None = None  # laws: "năm 2022"
    date_span: tuple[int, int] | None = None
    issuer_span: tuple[int, int] | None = None


@dataclass(frozen=True)
class FoundCampaign:
    start: int  # the name inside the quotes
    end: int
    quote: str
    name: str  # single-spaced, as written
    base: str  # the name without a trailing period ("... giai đoạn 2023 - 2030")
    kind: str  # "phong trào thi đua", "cuộc vận động", "đợt thi đua"
    period: Period | None = None
    period_text: str | None = None
    footnote: int | None = None


@dataclass(frozen=True)
class FoundDeadline:
    start: int  # the sentence that sets it
    end: int
    quote: str
    date: PartialDate | None
    date_span: tuple[int, int] | None
    action: str | None
    actor: str | None = None
    recipient: str | None = None
    relative: str | None = None  # "trong 10 ngày làm việc", "Cuối năm (...)"
    recurrence: str | None = None  # "hằng năm"
    start_date: PartialDate | None = None  # ranges: "từ ngày 01/7 đến ngày 15/7/2024"
    note: str | None = None  # "đối với báo cáo 6 tháng"


@dataclass(frozen=True)
class FoundTarget:
    start: int
    end: int
    quote: str
    value: float
    unit: str  # "%", "đơn vị", "người", "tập thể"
    comparison: str  # "bằng", "trên", "ít nhất", "dưới"
    subject: str | None
    indicator: str | None


@dataclass(frozen=True)
class Extraction:
    text: str  # the cleaned text every span points into
    header: Header
    citations: tuple[FoundCitation, ...]
    campaigns: tuple[FoundCampaign, ...]
    deadlines: tuple[FoundDeadline, ...]
    targets: tuple[FoundTarget, ...]
    quoted: tuple[Found, ...] = field(default=())  # every “...” phrase, for resolve


# --- the prepared document ------------------------------------------------------


class Doc:
    """Text, shadow and layout of one document, computed once per extraction."""

    def __init__(self, raw: str):
        self.text = document_text(raw)
        self.shadow = shadow(self.text)
        # Footnote bodies: "<sup>1</sup> Kế hoạch ..." to the end of the paragraph.
        self.footnotes: list[tuple[int, int, int]] = []
        for m in P.FOOTNOTE_BODY.finditer(self.text):
            end = self.text.find("\n\n", m.end())
            self.footnotes.append((m.start(), end if end >= 0 else len(self.text), int(m["n"])))
        self._fn_starts = [f[0] for f in self.footnotes]
        # Sentence starts: a line that does not open in lower case (a page
        # break inside a sentence, "khen\n\nthường", is no start), or ". X".
        self.starts = [0] + [m.end() for m in P.SENTENCE_START.finditer(self.shadow)]

    def footnote_at(self, pos: int) -> int | None:
        i = bisect.bisect_right(self._fn_starts, pos) - 1
        if i >= 0 and self.footnotes[i][0] <= pos < self.footnotes[i][1]:
            return self.footnotes[i][2]
        return None

    def sentence_start(self, pos: int) -> int:
        return self.starts[bisect.bisect_right(self.starts, pos) - 1]

    def sentence_end(self, pos: int) -> int:
        i = bisect.bisect_right(self.starts, pos)
        end = self.starts[i] if i < len(self.starts) else len(self.text)
        return end

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Trim blanks and blanked markup from both ends of a span."""
        while start < end and self.shadow[start] in " \t\n":
            start += 1
        while end > start and self.shadow[end - 1] in " \t\n":
            end -= 1
        return start, end

    def found(self, value: Any, start: int, end: int) -> Found:
        start, end = self.span(start, end)
        return Found(value, start, end, self.text[start:end])

    def plain(self, start: int, end: int) -> str:
        """text[start:end] as one line, markup dropped: for names and actions."""
        return _squash(TP.INLINE_MARKUP.sub("", self.text[start:end]))




def _squash(s: str) -> str:
    return " ".join(s.split()).strip(" ,;:")


def prepare(text: str | Doc) -> Doc:
    return text if isinstance(text, Doc) else Doc(text)


def _date(d: Any, m: Any, y: Any) -> PartialDate | None:
    """A date from its parts; None when the parts cannot be a date ("31/02/2024")."""
    if y is None:
        return None
    iso = f"{int(y):04d}"
    if m is not None:
        iso += f"-{int(m):02d}"
        if d is not None:
            iso += f"-{int(d):02d}"
    try:
        return PartialDate.parse(iso)
    except DateError:
        return None


def _date_of(m: re.Match) -> PartialDate | None:
    if m.group("dy"):
        return _date(m.group("dd"), m.group("dm"), m.group("dy"))
    if m.group("wy"):
        return _date(m.group("wd"), m.group("wm"), m.group("wy"))
    return None


def _date_span(m: re.Match) -> tuple[int, int] | None:
    for a, b in (("dd", "dy"), ("wd", "wy")):
        if m.group(b):
            return m.start(a), m.end(b)
    return None


def _number(doc: Doc, m: re.Match) -> DocNumber | None:
    """The number exactly as the text spells it, parsed (never completed)."""
    return DocNumber.parse(doc.text[m.start("serial") : m.end("symbol")])


# --- citations ----------------------------------------------------------------


def find_citations(text: str | Doc) -> list[FoundCitation]:
    """Every citation of another document, in text order, each with its role."""
    doc = prepare(text)
    sh = doc.shadow
    raw: list[dict] = []
    for m in P.CITATION.finditer(sh):
        kind = P.DOC_KIND_WORDS[_kind_key(m.group("kind"))]
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


_KIND_BY_FOLD = {fold(k): k for k in P.DOC_KIND_WORDS}
_CAMPAIGN_KIND_BY_FOLD = {fold(k): v for k, v in P.CAMPAIGN_KIND_WORDS.items()}


def _kind_key(matched: str) -> str:
    """The table key of a matched kind word: "Chỉ  thị" (any spacing, case) -> "Chỉ thị"."""
    return _KIND_BY_FOLD[" ".join(fold(matched).split())]


def _citation_item(doc: Doc, m: re.Match, start: int, kind: str) -> dict:
    sh = doc.shadow
    end = m.end("symbol")
    date = date_span = None
    if m.group("dated"):
        date, date_span = _date_of(m), _date_span(m)
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
            date, date_span = _date_of(bm), _date_span(bm)
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
            date, date_span = _date_of(m), _date_span(m)
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
    """Role of citation i from the words that govern it (see patterns.ROLE_TRIGGERS).

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


# --- campaigns ----------------------------------------------------------------


def find_campaigns(text: str | Doc) -> list[FoundCampaign]:
    """Campaign names in quotes after "phong trào (thi đua)", "cuộc vận động",
    "đợt thi đua", "phát động thi đua", with lists and the period that follows.

    Mottos, titles, models and contests are not campaigns: they are not
    introduced by those words ("chủ đề “...”", "danh hiệu “Lao động tiên
    tiến”", "mô hình “Đơn vị học tập”").
    """
    doc = prepare(text)
    sh = doc.shadow
    out: list[FoundCampaign] = []
    seen: set[int] = set()
    for m in P.CAMPAIGN_HEAD.finditer(sh):
        kind = _campaign_kind(m.group("ckind"))
        out += _quoted_list(doc, m.end(), kind, seen)
    # "các đợt thi đua chuyên đề<sup>3</sup>" and footnote 3 lists the names.
    bodies = {n: (a, b) for a, b, n in doc.footnotes}
    for m in P.FOOTNOTE_MARK.finditer(doc.text):
        if (
            doc.footnote_at(m.start()) is not None
            or m.start() == 0
            or doc.text[m.start() - 1] == "\n"
        ):
            continue
        head = P.CAMPAIGN_BEFORE_MARK.search(sh, max(0, m.start() - 80), m.start())
        n = int(m["n"])
        if head is None or n not in bodies:
            continue
        a, _b = bodies[n]
        body_start = a + len(f"<sup>{n}</sup>")
        q = P.QUOTE_AHEAD.match(sh, body_start)
        if q is not None:
            out += _quoted_list(doc, q.end(), _campaign_kind(head.group("ckind")), seen)
    out.sort(key=lambda c: c.start)
    return out




def _campaign_kind(matched: str) -> str:
    return _CAMPAIGN_KIND_BY_FOLD[" ".join(fold(matched).split())]


def _quoted_list(doc: Doc, pos: int, kind: str, seen: set[int]) -> list[FoundCampaign]:
    """“A”, “B” giai đoạn 2021-2025, “C” ... starting at the quote at `pos`."""
    out = []
    sh = doc.shadow
    while True:
        q = P.QUOTED.match(sh, pos)
        if q is None:
            break
        start, end = doc.span(q.start("name"), q.end("name"))
        pos = q.end()
        name = doc.plain(start, end)
        period = period_text = None
        pm = P.PERIOD_AFTER.match(sh, pos)
        inside = P.PERIOD_INSIDE.search(name.translate(_FOLD_TABLE))
        if pm is not None and (pm.group("start") or pm.group("pstart") or pm.group("until")):
            period, period_text = _period(pm), doc.plain(pm.start("text"), pm.end("text"))
            pos = pm.end()
        elif inside is not None:
            period, period_text = _period(inside), name[inside.start("text") :]
        base = name[: inside.start()].rstrip(" ,") if inside is not None else name
        if start not in seen and name and not _not_a_name(name):
            seen.add(start)
            out.append(
                FoundCampaign(
                    start,
                    end,
                    doc.text[start:end],
                    name,
                    base,
                    kind,
                    period,
                    period_text,
                    doc.footnote_at(start),
                )
            )
        gap = P.QUOTED_LIST_GAP.match(sh, pos)
        if gap is None:
            break
        pos = gap.end()
    return out


def _not_a_name(name: str) -> bool:
    # A quote of one character or of punctuation only ("“...”") names nothing.
    return len(P.NOT_A_WORD_CHAR.sub("", name)) < 2


def _period(m: re.Match) -> Period | None:
    """ "giai đoạn 2021-2025", "(2021-2025)" -> Period; "từ nay đến năm 2025" has
    no stated start, so only its text is kept (None here)."""
    g = m.groupdict()
    for a, b in (("start", "end"), ("pstart", "pend")):
        if g.get(a) and g.get(b) and int(g[b]) >= int(g[a]):
            return Period(int(g[a]), int(g[b]))
    return None


# --- deadlines ----------------------------------------------------------------


def find_deadlines(text: str | Doc) -> list[FoundDeadline]:
    """Limits the document sets: dated ("trước ngày 12/7/2024"), ranges,
    relative ("trong 10 ngày làm việc", "Cuối năm (...)"), with the action,
    who acts and to whom, read from the sentence that sets them."""
    doc = prepare(text)
    sh = doc.shadow
    out: list[FoundDeadline] = []
    for m in P.DEADLINE_DATED.finditer(sh):
        date = _date_of(m)
        s0, s1 = doc.sentence_start(m.start()), doc.sentence_end(m.start())
        parts = _action_parts(doc, s0, m.start())
        note_m = P.DEADLINE_NOTE.match(sh, m.end())
        note = (
            _squash(note_m["note"] and doc.text[note_m.start("note") : note_m.end("note")])
            if note_m
            else None
        )
        out.append(_deadline(doc, s0, s1, date, _date_span(m), parts, note=note))
        more = P.DEADLINE_AND.match(sh, m.end())
        if more is not None:
            tail = P.DEADLINE_NOTE.match(sh, more.end())
            note2 = _squash(doc.text[tail.start("note") : tail.end("note")]) if tail else None
            out.append(_deadline(doc, s0, s1, _date_of(more), _date_span(more), parts, note=note2))
    for m in P.DEADLINE_RANGE.finditer(sh):
        s0, s1 = doc.sentence_start(m.start()), doc.sentence_end(m.start())
        if P.CAMPAIGN_ROUND.search(sh, s0, m.start()):
            continue  # "Đợt thi đua thứ hai: Từ ngày 01/7/2024 ...": a round, not a limit
        parts = _action_parts(doc, s0, m.start())
        if parts[0] is None:
            continue
        end_date = _date_of(m)
        frm = P.DIGITS.findall(m.group("from"))
        start_date = _date(
            frm[0], frm[1], frm[2] if len(frm) > 2 else (end_date.year if end_date else None)
        )
        out.append(_deadline(doc, s0, s1, end_date, _date_span(m), parts, start_date=start_date))
    for m in P.DEADLINE_RELATIVE.finditer(sh):
        s0, s1 = doc.sentence_start(m.start()), doc.sentence_end(m.start())
        parts = _action_parts(doc, s0, m.start())
        if parts[0] is None:
            continue
        out.append(_deadline(doc, s0, s1, None, None, parts, relative=doc.plain(*m.span("rel"))))
    for s0 in doc.starts:
        lead = P.LIST_MARK_LEAD.match(sh, s0).end()
        m = P.DEADLINE_PERIOD_START.match(sh, lead)
        if m is None:
            continue
        s1 = doc.sentence_end(m.start())
        clause_end = sh.find(";", m.end(), s1)
        clause_end = s1 if clause_end < 0 else clause_end
        if P.PAST_TENSE.search(sh, m.end(), clause_end):
            continue  # "Đầu năm 2024, ... đã ban hành": a report of the past
        parts = _action_parts(doc, m.end(), clause_end, after=True)
        if parts[0] is None:
            continue
        out.append(_deadline(doc, s0, s1, None, None, parts, relative=doc.plain(*m.span("rel"))))
    out.sort(key=lambda d: (d.start, d.date_span or (0, 0)))
    return out


def _deadline(doc: Doc, s0: int, s1: int, date, date_span, parts, **more) -> FoundDeadline:
    action, actor, recipient = parts
    start, end = doc.span(s0, s1)
    recurrence = "hằng năm" if P.RECURRENCE.search(doc.shadow, start, end) else None
    return FoundDeadline(
        start,
        end,
        doc.text[start:end],
        date,
        date_span,
        action,
        actor,
        recipient,
        recurrence=recurrence,
        **more,
    )




def _action_parts(
    doc: Doc, s0: int, limit: int, after: bool = False
) -> tuple[str | None, str | None, str | None]:
    """(action, actor, recipient) of the sentence text[s0:limit] that ends at a deadline.

    "Các khối thi đua ... gửi báo cáo sơ kết ... về UBND thành phố (qua Phòng
    Nội vụ) để tổng hợp" -> ("gửi báo cáo sơ kết ...", "Các khối thi đua ...",
    "UBND thành phố (qua Phòng Nội vụ)"). The clause is the part after the
    last ";". Verbs inside parentheses do not count ("(các đơn vị tham gia
    Khối thi đua do huyện tổ chức)"); of verbs joined by "và", ",", "đồng
    thời" the last is the action. `after`: the sentence opens with the
    limit ("Cuối năm (...) tiến hành ..."), so text[s0:limit] holds no subject.
    """
    sh = doc.shadow
    semi = sh.rfind(";", s0, limit)
    clause = semi + 1 if semi >= 0 else s0
    masked = P.PARENTHESES.sub(lambda m: " " * len(m.group()), sh[:limit])
    verbs = list(P.ACTION_VERB.finditer(masked, clause, limit))
    if not verbs:
        return None, None, None
    actor = None if after else _subject(doc, masked, clause, verbs[0].start())
    if actor is None and not after and clause != s0:
        first = next(P.ACTION_VERB.finditer(masked, s0, limit))
        actor = _subject(doc, masked, s0, first.start())
    if actor is None:
        actor = _section_actor(doc, s0)
    chosen = verbs[0]
    for v in verbs[1:]:
        if P.COORDINATED_VERB.search(masked, clause, v.start()):
            chosen = v
    a_end = limit
    recipient = None
    rec = None
    for r in P.RECIPIENT_START.finditer(masked, chosen.end(), limit):
        rec = r
    if rec is not None:
        a_end = rec.start()
        r_end = _purpose_cut(doc, rec.end("to"), limit)
        recipient = doc.plain(rec.start("to"), r_end) or None
    send = None
    for m in P.NOUN_THEN_SEND.finditer(masked, clause, a_end):
        send = m
    if send is not None and send.start() > chosen.start():
        # "..., hồ sơ gửi về Hội đồng ..." -> "gửi hồ sơ"
        return f"{doc.plain(*send.span('verb'))} {doc.plain(*send.span('noun'))}", actor, recipient
    action = doc.plain(chosen.start(), _purpose_cut(doc, chosen.start(), a_end))
    return action or None, actor, recipient


def _subject(doc: Doc, masked: str, a: int, verb_start: int) -> str | None:
    """The words before the first verb, after a list mark and an opening phrase
    ("Trên cơ sở ..., các đơn vị trong khối" -> "các đơn vị trong khối")."""
    a = P.ITEM_MARK.match(masked, a).end()
    intro = P.SENTENCE_INTRO.match(masked[a:verb_start])
    if intro is not None:
        a += intro.end()
    words = doc.plain(a, verb_start)
    if len(words) < 3 or P.NOT_A_SUBJECT.match(masked[a:verb_start].strip()):
        return None
    return words


def _purpose_cut(doc: Doc, start: int, end: int) -> int:
    m = P.PURPOSE_END.search(doc.text, start, end)
    return m.start() if m else end




def _section_actor(doc: Doc, pos: int) -> str | None:
    """A clause with no subject takes its section's, when the heading names
    someone: "## 2. Khối trưởng thi đua" then "Cuối năm (...) tiến hành xây
    dựng báo cáo tổng kết ..." (004). "II. TỔ CHỨC THỰC HIỆN" names no one."""
    heading = None
    for m in P.SECTION_HEADING.finditer(doc.shadow, 0, pos):
        heading = m
    if heading is None:
        return None
    title = heading.group("t")
    if (
        len(title.split()) > 6
        or title == title.upper()
        or P.ACTION_VERB.search(title)
        or (P.ACTION_VERB.match(fold(title)))
    ):
        return None
    return doc.plain(*heading.span("t")) or None


# --- targets ------------------------------------------------------------------


def find_targets(text: str | Doc) -> list[FoundTarget]:
    """Figures in the list that follows a "chỉ tiêu" heading ("4. Các chỉ tiêu cụ thể:").

    "Mỗi đơn vị đạt trên 90% CBCNV và người lao động đạt danh hiệu “Lao động
    tiên tiến”" -> 90, "%", "trên", subject "CBCNV và người lao động",
    indicator "đạt danh hiệu “Lao động tiên tiến”".
    """
    doc = prepare(text)
    out: list[FoundTarget] = []
    for a, b in _target_sections(doc):
        for item in P.TARGET_ITEM.finditer(doc.shadow, a, b):
            for clause in P.TARGET_CLAUSE.finditer(doc.shadow, *item.span("body")):
                out += _targets_in(doc, *clause.span())
    return out




def _target_sections(doc: Doc) -> list[tuple[int, int]]:
    sh = doc.shadow
    sections = []
    for m in P.SHORT_LINE.finditer(sh):
        line = m.group()
        if not P.TARGETS_HEADING.search(line) or re.match(r"[ \t]*[-+•]", line):
            continue
        if not (
            doc.text[m.start() : m.end()].lstrip().startswith(("#", "*"))
            or line.rstrip().endswith(":")
        ):
            continue
        nxt = P.SECTION_END.search(sh, m.end())
        sections.append((m.end(), nxt.start() if nxt else len(sh)))
    return sections


def _targets_in(doc: Doc, a: int, b: int) -> list[FoundTarget]:
    sh = doc.shadow
    out = []
    start, end = doc.span(a, b)
    for f in P.TARGET_FIGURE.finditer(sh, start, end):
        value = float(f["value"].replace(",", "."))
        unit = (
            "%"
            if f["pct"]
            else {"don vi": "đơn vị", "nguoi": "người", "tap the": "tập thể"}[
                " ".join(fold(f["unit"]).split())
            ]
        )
        cmp_ = (
            P.TARGET_COMPARISONS.get(" ".join(fold(f["cmp"]).split()), "bằng")
            if f["cmp"]
            else "bằng"
        )
        v = P.TARGET_VERB.search(sh, f.end(), end)
        subject = indicator = None
        if v is not None:
            subject = doc.plain(f.end(), v.start()) or None
            indicator = doc.plain(v.start(), _cut_outside_quotes(sh, v.start(), end)) or None
        if subject is None:
            subject = doc.plain(start, f.start()) or None
        out.append(
            FoundTarget(start, end, doc.text[start:end], value, unit, cmp_, subject, indicator)
        )
    return out


def _cut_outside_quotes(sh: str, a: int, b: int) -> int:
    """End of a clause at the first comma not inside quotes: "..., không có ..."."""
    inside = False
    for i in range(a, b):
        if sh[i] == '"':
            inside = not inside
        elif sh[i] == "," and not inside:
            return i
    return b


# --- header -------------------------------------------------------------------

# Capitalisation of titles in signature blocks: "PHÓ CHỦ TỊCH" -> "Phó Chủ tịch".
_TITLES = {
    fold(t): t
    for t in (
        "Chủ tịch",
        "Phó Chủ tịch",
        "Trưởng khối",
        "Phó Trưởng khối",
        "Khối trưởng",
        "Khối phó",
        "Cụm trưởng",
        "Giám đốc",
        "Phó Giám đốc",
        "Trưởng phòng",
        "Phó Trưởng phòng",
        "Bí thư",
        "Phó Bí thư",
        "Chánh Văn phòng",
        "Trưởng ban",
        "Phó Trưởng ban",
        "Ủy ban nhân dân",
        "Hội đồng nhân dân",
        "Khối thi đua",
        "Cụm thi đua",
        "Hội đồng Thi đua - Khen thưởng",
        "Ban Thường vụ",
        "Ban Chấp hành",
        "Ban Chỉ đạo",
        "Thường trực",
    )
}


def find_header(text: str | Doc) -> Header:
    """Kind, number, place and date, issuer, signer, recipients, subject."""
    doc = prepare(text)
    sh, tx = doc.shadow, doc.text
    head_end = _first_body_paragraph(doc)
    number = place = date = None
    nm = P.HEADER_NUMBER.search(sh, 0, head_end)
    if nm is not None:
        a = nm.start("serial") if nm.group("serial") else nm.start("rest")
        parsed = DocNumber.parse(tx[a : nm.end("rest")])
        if parsed is not None:
            number = doc.found(parsed, a, nm.end("rest"))
    dm = P.HEADER_DATE.search(sh, 0, head_end)
    if dm is not None:
        place = doc.found(doc.plain(*dm.span("place")), *dm.span("place"))
        # "ngày tháng 6 năm 2024" -> 2024-06; a day without a month is not kept.
        pd = _date(dm["d"] if dm["m"] else None, dm["m"], dm["y"])
        if pd is not None:
            date = doc.found(pd, dm.end("place") + 1, dm.end("y"))
    kind, subject = _title(doc, head_end)
    if kind is None and number is not None:
        kind = Found(_kind_from_symbol(number.value), number.start, number.end, number.quote)
    if subject is None:
        subject = _vv_subject(doc, head_end)
    signer = _signature(doc)
    issuer = _issuer(doc, head_end, place.value if place else None, signer)
    return Header(
        kind,
        number,
        place,
        date,
        issuer,
        signer,
        _list_after(doc, P.HEADER_TO),
        _list_after(doc, P.HEADER_CC),
        subject,
    )


def _first_body_paragraph(doc: Doc) -> int:
    """Where the header ends: the first long paragraph ("Thực hiện Kế hoạch ...")."""
    for m in TP.PARAGRAPH.finditer(doc.shadow):
        if len(m.group()) > 200 and "\n" not in m.group().strip():
            return m.start()
    return min(len(doc.text), 3000)


def _kind_from_symbol(number: DocNumber) -> str:
    """ "KH-UBND" -> Kế hoạch; "UBND-NV", "NV" (no type code) -> Công văn."""
    first = fold(P.SYMBOL_PARTS.split(number.symbol)[0]).upper()
    return P.SYMBOL_TYPE_KINDS.get(first, "Công văn")


def _title(doc: Doc, head_end: int) -> tuple[Found | None, Found | None]:
    """The title line ("**KẾ HOẠCH**", "## BÁO CÁO") and the subject under it.

    The subject is the rest of the title's paragraph (002: "**Công tác thi
    đua, khen thưởng năm 2024**", 004) or the next line (003: "### Sơ kết
    ..."). For "PHÁT ĐỘNG PHONG TRÀO THI ĐUA" the title is part of it.
    """
    sh = doc.shadow
    titles = sorted(P.TITLE_KINDS, key=len, reverse=True)
    for m in P.TEXT_LINE.finditer(sh, 0, head_end):
        a = P.LEAD_MARKUP.match(sh, m.start()).end()
        line = sh[a : m.end()].strip(" *")
        if not line or line != line.upper() or not P.UPPER_RUN.search(line):
            continue
        key = " ".join(fold(line).split())
        title = next((t for t in titles if key == fold(t) or key.startswith(fold(t) + " ")), None)
        if title is None:
            continue
        kind_end = a + _words_span(sh, a, len(title.split()))
        kind = doc.found(P.TITLE_KINDS[title], a, kind_end)
        para_end = sh.find("\n\n", a)
        para_end = len(sh) if para_end < 0 else para_end
        lines = [x for x in P.TEXT_LINE.finditer(sh, kind_end, para_end) if doc.plain(*x.span())]
        if not lines:
            nxt = P.BLANK_LINES.match(sh, para_end)
            line_m = P.TEXT_LINE.match(sh, nxt.end()) if nxt else None
            lines = [line_m] if line_m else []
        if not lines:
            return kind, None
        parts = [
            _normal_case(doc.plain(P.LEAD_MARKUP.match(sh, x.start()).end(), x.end())) for x in lines
        ]
        text = " ".join(p for p in parts if p)
        if P.TITLE_KINDS[title] == "Phát động":
            text = f"{title} {text[:1].lower()}{text[1:]}"
        start, end = doc.span(lines[0].start(), lines[-1].end())
        start = P.LEAD_MARKUP.match(sh, start).end()
        return kind, Found(text, start, end, doc.text[start:end])
    return None, None


def _words_span(sh: str, a: int, n: int) -> int:
    """Length of the first n words at sh[a:]."""
    m = P.first_words(n).match(sh, a)
    return (m.end() - a) if m else 0


def _normal_case(text: str) -> str:
    """An upper-case heading line in normal case, abbreviations kept:
    "KHỐI PHÒNG CHUYÊN MÔN VÀ CÁC ĐƠN VỊ TRỰC THUỘC" -> "Khối phòng chuyên môn và
    các đơn vị trực thuộc"; "TRƯỞNG PHÒNG VH&TT" -> "Trưởng phòng VH&TT"."""
    if text != text.upper():
        return text
    key = fold(text)
    for t_key in sorted(_TITLES, key=len, reverse=True):
        if key == t_key or key.startswith(t_key + " "):
            head = _TITLES[t_key]
            rest = text.split()[len(t_key.split()) :]
            return " ".join([head, *(w if P.KEEP_UPPER_WORD.match(w) else w.lower() for w in rest)])
    words = [w if P.KEEP_UPPER_WORD.match(w) else w.lower() for w in text.split()]
    return " ".join(words)[:1].upper() + " ".join(words)[1:] if words else text


def _vv_subject(doc: Doc, head_end: int) -> Found | None:
    """ "V/v hướng dẫn sơ kết công tác\nthi đua, khen thưởng 6 tháng đầu\nnăm 2024"."""
    m = P.HEADER_VV.search(doc.shadow, 0, head_end)
    if m is None:
        return None
    end = m.end()
    for line in P.LINE_WITH_END.finditer(doc.shadow[m.end() : head_end]):
        body = line.group().strip(" *\n")
        if (
            not body
            or P.HEADER_MOTTO.search(body)
            or P.HEADER_DATE.match(body)
            or (body == body.upper() and P.UPPER_RUN3.search(body))
        ):
            break
        end = m.end() + line.end()
    text = doc.plain(m.end(), end)
    if not text:
        return None
    found = doc.found(None, m.end(), end)
    return Found(text[0].upper() + text[1:], found.start, found.end, found.quote)


def _list_after(doc: Doc, opener: re.Pattern) -> tuple[Found, ...]:
    """Items after "Kính gửi:" or "Nơi nhận:": inline ("Kính gửi: Sở Nội vụ") or "- " lines."""
    sh = doc.shadow
    m = opener.search(sh)
    if m is None:
        return ()
    line_end = sh.find("\n", m.end())
    line_end = len(sh) if line_end < 0 else line_end
    items = []
    pos = m.end()
    if sh[m.end() : line_end].strip(" *"):
        items.append(_item(doc, m.end(), line_end))
        pos = line_end
    for item in P.LIST_LINE.finditer(sh, pos):
        if item.start() != pos:
            break
        if doc.plain(*item.span("body")):
            items.append(_item(doc, *item.span("body")))
        pos = item.end()
    return tuple(items)




def _item(doc: Doc, a: int, b: int) -> Found:
    """One list item without its closing ";" or "." ("- Lưu: VT." -> "Lưu: VT")."""
    start, end = doc.span(a, b)
    while end > start and doc.shadow[end - 1] in ";.,":
        end -= 1
    return Found(doc.plain(start, end), start, end, doc.text[start:end])


def _signature(doc: Doc) -> Signature | None:
    """The signature block at the end: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Nguyễn Phương Nam";
    a position may stand above the name ("TRƯỞNG PHÒNG VH&TT", 004)."""
    sh = doc.shadow
    found = None
    for m in P.SIGNATURE_AUTHORITY.finditer(sh):
        found = m
    if found is None:
        return None
    authority = f"{found['auth']}. {_normal_case(doc.plain(*found.span('of')))}"
    lines = [doc.plain(*x.span()) for x in P.TEXT_LINE.finditer(sh, found.end())]
    lines = [ln for ln in lines if ln]
    title = _normal_case(lines[0]) if lines else None
    name = lines[-1] if len(lines) >= 2 else None
    position = _normal_case(lines[-2]) if len(lines) >= 3 else None
    if name is not None and name == name.upper():
        name = " ".join(w.capitalize() for w in name.split())
    start, end = doc.span(found.start(), len(sh))
    return Signature(name, authority, title, position, start, end)




def _issuer(doc: Doc, head_end: int, place: str | None, signer: Signature | None) -> Found | None:
    """Who issued it: the header block ("ỦY BAN NHÂN DÂN / HUYỆN TÂY SƠN"), else the
    body speaking of itself ("UBND thành phố hướng dẫn ...", preferring the
    one the signature names: "TM. KHỐI THI ĐUA"), completed with the place
    of the date line when it names no place ("UBND huyện" + "Ý Yên")."""
    sh = doc.shadow
    block: list[tuple[int, int]] = []
    for m in P.TEXT_LINE.finditer(sh, 0, head_end):
        line = sh[m.start() : m.end()].strip(" #*\t")
        if (
            P.HEADER_NUMBER.match(m.group())
            or P.HEADER_DATE.match(m.group())
            or (block and P.HEADER_MOTTO.search(line))
        ):
            break
        if P.HEADER_MOTTO.search(line):
            continue
        if (
            line == line.upper()
            and P.UPPER_RUN.search(line)
            and not any(" ".join(fold(line).split()).startswith(fold(t)) for t in P.TITLE_KINDS)
        ):
            block.append(doc.span(P.LEAD_MARKUP.match(sh, m.start()).end(), m.end()))
        elif block:
            break
    if block:
        phrase = " ".join(doc.plain(a, b) for a, b in block)
        return Found(
            _issuer_name(phrase, place),
            block[0][0],
            block[-1][1],
            doc.text[block[0][0] : block[-1][1]],
        )
    wanted = (
        fold(signer.authority[4:])
        if signer and signer.authority and signer.authority.startswith("TM.")
        else ""
    )
    candidates = []
    for m in P.SELF_REFERENCE.finditer(sh):
        if P.NOT_THE_AUTHOR.search(sh, max(0, m.start() - 12), m.start()):
            continue  # "của UBND thành phố ...", "Chủ tịch UBND huyện phát động": not the author
        if doc.footnote_at(m.start()) is not None:
            continue
        candidates.append(m)
    preferred = [m for m in candidates if wanted and fold(m.group("body")).startswith(wanted)]
    for m in preferred or candidates:
        a, b = doc.span(*m.span("body"))
        return Found(_issuer_name(doc.plain(a, b), place), a, b, doc.text[a:b])
    if wanted:
        return Found(
            _issuer_name(signer.authority[4:], place),
            signer.start,
            signer.end,
            doc.text[signer.start : signer.end],
        )
    return None


def _issuer_name(phrase: str, place: str | None) -> str:
    """ "ỦY BAN NHÂN DÂN HUYỆN TÂY SƠN" -> "Ủy ban nhân dân huyện Tây Sơn";
    "UBND thành phố" + place "Quy Nhơn" -> "Ủy ban nhân dân thành phố Quy Nhơn"."""
    text = _squash(phrase)
    if text == text.upper():
        text = _upper_name(text)
    for abbreviation, full in P.ISSUER_ABBREVIATION_START.items():
        text = abbreviation.sub(full, text)
    if place and P.UNIT_AT_END.search(fold(text)):
        text = f"{text} {place}"
    return text


def _upper_name(text: str) -> str:
    """An upper-case body name in normal case: the unit word lower, the place capitalised."""
    low = text.lower()
    for u in sorted((u for u in P.UNIT_WORDS if u != "TP"), key=len, reverse=True):
        m = P.unit_word(u).search(low)
        if m:
            head = low[: m.start()]
            name = " ".join(w[:1].upper() + w[1:] for w in low[m.end() :].split())
            return _squash(f"{head[:1].upper()}{head[1:]}{u} {name}")
    return low[:1].upper() + low[1:]


# --- all of it ----------------------------------------------------------------


def find_quoted(text: str | Doc) -> list[Found]:
    """Every phrase in quotes, for matching known campaign names without a head word."""
    doc = prepare(text)
    return [
        doc.found(doc.plain(*m.span("name")), *m.span("name")) for m in P.QUOTED_ANY.finditer(doc.text)
    ]




def extract(text: str) -> Extraction:
    """Everything the document says, from its raw or cleaned text."""
    doc = Doc(text)
    return Extraction(
        text=doc.text,
        header=find_header(doc),
        citations=tuple(find_citations(doc)),
        campaigns=tuple(find_campaigns(doc)),
        deadlines=tuple(find_deadlines(doc)),
        targets=tuple(find_targets(doc)),
        quoted=tuple(find_quoted(doc)),
    )
