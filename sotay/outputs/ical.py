"""Calendar feeds (iCalendar, RFC 5545) of deadlines, built with `icalendar`.

One VEVENT per dated deadline record, whatever feed it is in:

- UID "<record id>@so-tay-thi-dua": the deadline's file name, not its
  content, so re-importing a feed after its date or action was corrected
  updates the event in the calendar instead of adding a second one, and
  the same deadline in the all-deadlines feed and a locality's feed is the
  same event;
- DTSTART;VALUE=DATE, an all-day event on the date the document sets.
  Dates in Vietnamese documents are local dates: the calendar carries
  X-WR-TIMEZONE and a VTIMEZONE for Asia/Ho_Chi_Minh, and the all-day date
  is that local day wherever the reader is;
- RRULE:FREQ=YEARLY for "hằng năm", one event repeating (the site lists the
  years one by one);
- a VALARM at 08:00 three days before ("-P2DT16H" from the start of
  the day);
- SUMMARY the action, DESCRIPTION the source document and the full
  sentence that sets the deadline, URL the sentence on the site (when the
  site's absolute address is known: relative URLs are not valid here).

Deadlines with only a relative limit ("trong 10 ngày làm việc") or a date
without its day ("tháng 12/2024") are not events: a calendar needs a day.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable

import icalendar

from sotay.data.model import Deadline
from sotay.graph.relations import Graph
from sotay.graph.schedule import YEARLY
from sotay.text.annotate import plain_text

TIMEZONE = "Asia/Ho_Chi_Minh"
PRODID = "-//Sổ tay thi đua//sotay//VI"
UID_DOMAIN = "so-tay-thi-dua"
# 08:00 on the third day before the deadline: the trigger counts from the
# start (00:00) of the all-day event.
REMINDER_DAYS = 3
REMINDER = dt.timedelta(days=REMINDER_DAYS) - dt.timedelta(hours=8)


def uid(deadline: Deadline) -> str:
    """Stable across edits of the record's fields: only its id (file name) counts."""
    return f"{deadline.id}@{UID_DOMAIN}"


def is_event(deadline: Deadline) -> bool:
    """Only deadlines with a full date become calendar events."""
    return deadline.date is not None and deadline.date.complete


@functools.cache
def _timezone_ical() -> bytes:
    # Vietnam has kept UTC+7, without daylight saving, since 13/6/1975: one
    # STANDARD block from 1976 on is the whole story. The library's note
    # that the block "only works until 2038" is about zones with rules, so
    # it is dropped. Computing it walks the zone's history (~65 ms), so it is
    # done once per run, not once per feed (a province has hundreds of feeds).
    tz = icalendar.Timezone.from_tzid(TIMEZONE, first_date=dt.date(1976, 1, 1))
    tz.pop("COMMENT", None)
    return tz.to_ical()


def description(graph: Graph, deadline: Deadline, url: str | None) -> str:
    """Source document, the sentence as written, who acts and to whom, the link."""
    kb = graph.kb
    doc = kb.documents[deadline.source]
    issuer = kb.bodies[doc.issuer].name
    lines = [f"{doc.label} — {issuer}" + (f", {doc.date.vi()}" if doc.date else "")]
    if deadline.quote:
        lines += ["", plain_text(deadline.quote)]
    facts = []
    if deadline.actor:
        facts.append(f"Ai thực hiện: {deadline.actor}")
    recipient = deadline.recipient or (kb.bodies[deadline.recipient_body].name
                                       if deadline.recipient_body else None)
    if recipient:
        facts.append(f"Gửi về: {recipient}")
    if deadline.recurrence:
        facts.append(f"Lặp lại: {deadline.recurrence}")
    if facts:
        lines += ["", *facts]
    if url:
        lines += ["", url]
    return "\n".join(lines)


def feed(
    title: str,
    deadlines: Iterable[Deadline],
    graph: Graph,
    today: dt.date,
    url_for: Callable[[Deadline], str | None] = lambda d: None,
) -> bytes:
    """One calendar of the dated deadlines among `deadlines`, as RFC 5545 bytes.

    `url_for` gives each deadline's absolute address on the site, or None
    when the site's address is not configured. DTSTAMP is "today" at 00:00
    UTC, so a build with a pinned day is byte-for-byte reproducible.

    The calendar is its header, the events and "END:VCALENDAR": content
    lines are folded one by one, so the events' bytes can be made apart and
    joined, which is what icalendar's Calendar.to_ical() gives too.
    """
    stamp = dt.datetime.combine(today, dt.time(0, 0), tzinfo=dt.UTC)
    events = []
    for d in sorted({d.id: d for d in deadlines}.values(), key=lambda d: d.id):
        if not is_event(d):
            continue
        assert d.date is not None
        day = d.date.as_date()
        assert day is not None
        url = url_for(d)
        events.append(_event(uid(d), stamp, day, d.recurrence == YEARLY, d.action,
                             description(graph, d, url), url))
    return _header(title) + b"".join(events) + _FOOTER


_FOOTER = b"END:VCALENDAR\r\n"


def _calendar(title: str) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", title)
    cal.add("x-wr-timezone", TIMEZONE)
    cal.add("x-wr-caldesc", "Thời hạn do các văn bản trong Sổ tay thi đua đặt ra")
    return cal


def _header(title: str) -> bytes:
    """The calendar's lines before its events. Every feed has the same but
    for its name: the rest is serialised once, around the name's line. At
    10,000 documents 3,122 feeds each serialising a whole header took ~1 s."""
    before, after = _header_around_name()
    return before + _name_line(title) + after


# A name no feed has, to find where the name's line sits in the header.
_NAME_MARK = "sotay-ten-lich"


@functools.cache
def _header_around_name() -> tuple[bytes, bytes]:
    whole = _calendar(_NAME_MARK).to_ical()
    line = _name_line(_NAME_MARK)
    assert whole.endswith(_FOOTER) and whole.count(line) == 1
    before, after = whole[: -len(_FOOTER)].split(line)
    return before, after + _timezone_ical()


def _name_line(title: str) -> bytes:
    """X-WR-CALNAME as icalendar writes it (escaped, folded at 75 octets)."""
    cal = icalendar.Calendar()
    cal.add("x-wr-calname", title)
    lines = cal.to_ical()
    assert lines.startswith(b"BEGIN:VCALENDAR\r\n") and lines.endswith(_FOOTER)
    return lines[len(b"BEGIN:VCALENDAR\r\n"): -len(_FOOTER)]


# One event's bytes, from everything that goes into it. The same deadline
# sits in the all-deadlines feed, its localities' and its campaigns' feeds:
# at 10,000 documents one edit under `mkdocs serve` re-makes three feeds of
# ~40,000 events, ~3.5 s when each event is serialised again, mostly
# icalendar folding lines. A changed deadline, document or site address
# changes the arguments, so a stale event cannot be served.
@functools.lru_cache(maxsize=1 << 16)
def _event(uid_: str, stamp: dt.datetime, day: dt.date, yearly: bool, action: str,
           text: str, url: str | None) -> bytes:
    event = icalendar.Event()
    event.add("uid", uid_)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    if yearly:
        event.add("rrule", {"freq": "yearly"})
    event.add("summary", action)
    event.add("description", text)
    if url:
        event.add("url", url)
    event.add("transp", "TRANSPARENT")  # a deadline does not block the day
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Sắp đến hạn: {action}")
    alarm.add("trigger", -REMINDER)
    event.add_component(alarm)
    return event.to_ical()
