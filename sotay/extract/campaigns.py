"""Campaigns: the names in quotes a head word introduces, with their period.

    "phong trào thi đua “Vì người nghèo - Không để ai bị bỏ lại phía sau” giai đoạn 2021-2025"
    -> FoundCampaign(name="Vì người nghèo - Không để ai bị bỏ lại phía sau",
                     kind="phong trào thi đua", period=2021-2025)

Also every quoted phrase (`find_quoted`), for resolve to match known
campaign names written without a head word. The patterns are in
campaign_patterns.py.
"""

from __future__ import annotations

import re

from sotay.extract import campaign_patterns as P
from sotay.extract import vocabulary as V
from sotay.extract.document import FOLD_TABLE, Doc, prepare
from sotay.extract.models import Found, FoundCampaign
from sotay.text.dates import Period
from sotay.text.folding import fold


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


_CAMPAIGN_KIND_BY_FOLD = {fold(k): v for k, v in V.CAMPAIGN_KIND_WORDS.items()}


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
        inside = P.PERIOD_INSIDE.search(name.translate(FOLD_TABLE))
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


def find_quoted(text: str | Doc) -> list[Found]:
    """Every phrase in quotes, for matching known campaign names without a head word."""
    doc = prepare(text)
    return [
        doc.found(doc.plain(*m.span("name")), *m.span("name")) for m in P.QUOTED_ANY.finditer(doc.text)
    ]
