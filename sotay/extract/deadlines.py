"""Deadlines: the limits a text sets, with what must be done, by whom, for whom.

    "Các khối thi đua gửi báo cáo sơ kết về UBND thành phố (qua Phòng Nội vụ)
    để tổng hợp trước ngày 12/7/2024."
    -> FoundDeadline(date=2024-07-12, action="gửi báo cáo sơ kết",
                     actor="Các khối thi đua", recipient="UBND thành phố (qua Phòng Nội vụ)")

Dated limits, ranges ("từ ngày 01/7/2024 đến ngày 15/7/2024") and relative
ones kept as text ("trong 10 ngày làm việc", "Cuối năm (...)"). The
patterns are in deadline_patterns.py.
"""

from __future__ import annotations

from sotay.extract import deadline_patterns as P
from sotay.extract.document import Doc, date_of, date_of_parts, date_span_of, prepare, squash
from sotay.extract.models import FoundDeadline
from sotay.text.folding import fold


def find_deadlines(text: str | Doc) -> list[FoundDeadline]:
    """Limits the document sets: dated ("trước ngày 12/7/2024"), ranges,
    relative ("trong 10 ngày làm việc", "Cuối năm (...)"), with the action,
    who acts and to whom, read from the sentence that sets them."""
    doc = prepare(text)
    sh = doc.shadow
    out: list[FoundDeadline] = []
    for m in P.DEADLINE_DATED.finditer(sh):
        date = date_of(m)
        s0, s1 = doc.sentence_start(m.start()), doc.sentence_end(m.start())
        parts = _action_parts(doc, s0, m.start())
        note_m = P.DEADLINE_NOTE.match(sh, m.end())
        note = (
            squash(note_m["note"] and doc.text[note_m.start("note") : note_m.end("note")])
            if note_m
            else None
        )
        out.append(_deadline(doc, s0, s1, date, date_span_of(m), parts, note=note))
        more = P.DEADLINE_AND.match(sh, m.end())
        if more is not None:
            tail = P.DEADLINE_NOTE.match(sh, more.end())
            note2 = squash(doc.text[tail.start("note") : tail.end("note")]) if tail else None
            out.append(_deadline(doc, s0, s1, date_of(more), date_span_of(more), parts, note=note2))
    for m in P.DEADLINE_RANGE.finditer(sh):
        s0, s1 = doc.sentence_start(m.start()), doc.sentence_end(m.start())
        if P.CAMPAIGN_ROUND.search(sh, s0, m.start()):
            continue  # "Đợt thi đua thứ hai: Từ ngày 01/7/2024 ...": a round, not a limit
        parts = _action_parts(doc, s0, m.start())
        if parts[0] is None:
            continue
        end_date = date_of(m)
        frm = P.DIGITS.findall(m.group("from"))
        start_date = date_of_parts(
            frm[0], frm[1], frm[2] if len(frm) > 2 else (end_date.year if end_date else None)
        )
        out.append(_deadline(doc, s0, s1, end_date, date_span_of(m), parts, start_date=start_date))
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
