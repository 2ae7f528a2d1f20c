"""Deadlines: the schedule, the deadlines page, and the calendar feeds.

The feeds are written with `icalendar` and read back here with `vobject`, an
independent parser, so a feed that only its own library understands fails.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import icalendar
import pytest
import vobject

import sotay
from sotay.data.model import Deadline
from sotay.graph.schedule import PAST, UNDATED, UPCOMING, occurrences
from sotay.text.dates import PartialDate

from . import htmlcheck
from .conftest import DATA, TODAY, mkdocs_build

SITE_URL = "http://so-tay.noi-bo.test/"

# The seeds' deadlines, as the issue lists them: (source document, date).
SEED_DEADLINES = [
    ("cong-van-2597-ubnd-nv-2024-quy-nhon", dt.date(2024, 7, 12)),
    ("cong-van-2597-ubnd-nv-2024-quy-nhon", dt.date(2024, 7, 20)),
    ("cong-van-ubnd-nc-2023-tay-son", dt.date(2023, 6, 12)),
    ("cong-van-ubnd-nc-2023-tay-son", dt.date(2023, 6, 23)),
    ("cong-van-ubnd-nc-2023-tay-son", dt.date(2023, 6, 30)),
    ("ke-hoach-kh-ubnd-2024-quyet-thang", dt.date(2024, 5, 15)),
    ("ke-hoach-kh-ubnd-2024-quyet-thang", dt.date(2024, 11, 1)),
    ("phat-dong-2024-khoi-phong-chuyen-mon-y-yen", dt.date(2024, 12, 30)),
]


def seed_deadline(kb, source: str, date: dt.date) -> Deadline:
    (d,) = [d for d in kb.deadlines.values()
            if d.source == source and d.date is not None and d.date.as_date() == date]
    return d


def parse_feed(data: bytes):
    """A feed read by the second parser (vobject), with its events by UID."""
    cal = vobject.readOne(data.decode("utf-8"))
    events = list(cal.contents.get("vevent", []))
    return cal, events


def _deadline(id="d", date=None, recurrence=None, relative=None) -> Deadline:
    return Deadline(id=id, source="doc", action="Gửi báo cáo",
                    date=PartialDate.parse(date) if date else None,
                    recurrence=recurrence, relative=relative)


# --- the schedule: where each deadline stands against "today" ---------------

@pytest.mark.parametrize(("date", "recurrence", "relative", "expected"), [
    # one dated deadline, past and upcoming around today (1/7/2024)
    ("2024-07-12", None, None, [("2024-07-12", UPCOMING, 11)]),
    ("2024-07-01", None, None, [("2024-07-01", UPCOMING, 0)]),
    ("2024-06-30", None, None, [("2024-06-30", PAST, -1)]),
    # yearly: from its own year through today's year + 1, upcoming first
    ("2023-12-30", "hằng năm", None, [("2024-12-30", UPCOMING, 182), ("2025-12-30", UPCOMING, 547),
                                       ("2023-12-30", PAST, -184)]),
    ("2024-02-29", "hằng năm", None, [("2025-02-28", UPCOMING, 242), ("2024-02-29", PAST, -123)]),
    # a month without its day is due by the month's end
    ("2024-07", None, None, [("2024-07", UPCOMING, 30)]),
    ("2024-06", None, None, [("2024-06", PAST, -1)]),
    # relative only: no date, never past or upcoming
    (None, None, "trong 10 ngày làm việc", [(None, UNDATED, None)]),
    (None, "hằng năm", "Cuối năm (hoặc vào đầu tháng 1 năm tiếp theo)", [(None, UNDATED, None)]),
])
def test_occurrences(date, recurrence, relative, expected):
    got = occurrences([_deadline(date=date, recurrence=recurrence, relative=relative)], TODAY)
    assert [(o.date.iso() if o.date else None, o.status, o.days_left) for o in got] == expected


def test_occurrences_order_upcoming_soonest_then_past_latest_then_relative():
    items = [_deadline("a", "2023-06-12"), _deadline("b", "2024-11-01"),
             _deadline("c", relative="x"), _deadline("d", "2024-05-15"),
             _deadline("e", "2024-07-12")]
    assert [o.deadline.id for o in occurrences(items, TODAY)] == ["e", "b", "d", "a", "c"]


# --- the calendar feeds -------------------------------------------------------

@pytest.fixture(scope="module")
def built():
    """The pipeline on the shipped data, with the site's address configured."""
    return sotay.build(DATA, today=TODAY, site_url=SITE_URL)


@pytest.fixture(scope="module")
def feeds(built) -> dict[str, bytes]:
    return {a.uri: a.content for a in built.assets if a.uri.endswith(".ics")}


def _dated(deadlines) -> set[str]:
    return {d.id for d in deadlines if d.date is not None and d.date.complete}


def _expected_by_locality(kb) -> dict[str, set[str]]:
    """Independently of the graph: a deadline is in the feed of its document's
    locality and of every unit above it."""
    out: dict[str, set[str]] = {loc: set() for loc in kb.localities}
    for d in kb.deadlines.values():
        loc = kb.bodies[kb.documents[d.source].issuer].locality
        while loc:
            if d.date and d.date.complete:
                out[loc].add(d.id)
            loc = kb.localities[loc].parent
    return out


def _expected_by_campaign(kb) -> dict[str, set[str]]:
    """A deadline is in the feed of its campaigns and of every campaign they
    adapt or belong to."""
    out: dict[str, set[str]] = {c: set() for c in kb.campaigns}
    for d in kb.deadlines.values():
        stack = list(d.campaigns)
        while stack:
            c = stack.pop()
            if d.date and d.date.complete:
                out[c].add(d.id)
            stack += [x for x in (kb.campaigns[c].adapts, kb.campaigns[c].parent) if x]
    return out


def test_one_feed_for_all_each_locality_and_each_campaign(kb, feeds):
    expected = {"han/tat-ca.ics"}
    expected |= {f"han/dia-ban/{loc}.ics" for loc in kb.localities}
    expected |= {f"han/phong-trao/{c}.ics" for c in kb.campaigns}
    assert set(feeds) == expected


def test_every_feed_parses_with_a_second_parser_and_counts_match_the_data(kb, feeds):
    by_locality, by_campaign = _expected_by_locality(kb), _expected_by_campaign(kb)
    for uri, data in feeds.items():
        cal, events = parse_feed(data)
        uids = [e.uid.value for e in events]
        assert len(uids) == len(set(uids)), f"{uri}: duplicate UID"
        if uri == "han/tat-ca.ics":
            want = _dated(kb.deadlines.values())
        elif uri.startswith("han/dia-ban/"):
            want = by_locality[Path(uri).stem]
        else:
            want = by_campaign[Path(uri).stem]
        assert sorted(uids) == sorted(f"{i}@so-tay-thi-dua" for i in want), uri
        assert cal.version.value == "2.0"
        assert cal.x_wr_timezone.value == "Asia/Ho_Chi_Minh"
        assert cal.vtimezone.tzid.value == "Asia/Ho_Chi_Minh"
    assert len(parse_feed(feeds["han/tat-ca.ics"])[1]) == 8
    assert len(parse_feed(feeds["han/dia-ban/tinh-binh-dinh.ics"])[1]) == 5
    # Ý Yên has two deadlines; the relative one is no event
    assert len(parse_feed(feeds["han/dia-ban/huyen-y-yen.ics"])[1]) == 1
    assert len(parse_feed(feeds["han/phong-trao/y-yen-khoi-phong-chuyen-mon-2024.ics"])[1]) == 1


@pytest.mark.parametrize("title", [
    "Thời hạn: tất cả",
    "Thời hạn của huyện Tây Sơn, tỉnh Bình Định; phong trào «Vì người nghèo» \\ một tên dài để dòng bị gấp",
    "sotay-ten-lich",
])
def test_feed_name_read_back_whatever_it_holds(title):
    """Feeds share one serialised header around their name's line: the name
    reads back exactly, escaped and folded, in a calendar a second parser
    accepts, with the same header lines as a calendar made whole."""
    from sotay.outputs import ical
    data = ical.feed(title, [], None, TODAY)  # no deadline: the graph is not read
    assert vobject.readOne(data.decode("utf-8")).vtimezone.tzid.value == "Asia/Ho_Chi_Minh"
    assert str(icalendar.Calendar.from_ical(data)["X-WR-CALNAME"]) == title
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    assert data == ical._calendar(title).to_ical()[: -len(b"END:VCALENDAR\r\n")] \
        + ical._timezone_ical() + b"END:VCALENDAR\r\n"


def test_each_event_carries_the_deadline(kb, feeds):
    _, events = parse_feed(feeds["han/tat-ca.ics"])
    by_uid = {e.uid.value: e for e in events}
    for source, date in SEED_DEADLINES:
        d = seed_deadline(kb, source, date)
        e = by_uid[f"{d.id}@so-tay-thi-dua"]
        # an all-day event on the document's date (a date, not a date-time)
        assert type(e.dtstart.value) is dt.date and e.dtstart.value == date
        assert e.dtend.value == date + dt.timedelta(days=1)
        assert e.summary.value == d.action
        doc = kb.documents[d.source]
        text = e.description.value
        assert doc.label in text
        assert d.quote.replace("**", "") in text  # the full sentence, without the Markdown
        assert e.url.value == f"{SITE_URL}van-ban/{d.source}/#han-{d.id}"
        assert e.valarm.action.value == "DISPLAY"
        trigger = e.valarm.trigger.value
        assert dt.timedelta(days=-7) <= trigger < dt.timedelta(0)
        assert "rrule" not in e.contents  # none of the seeds' dated deadlines recurs


def test_relative_deadlines_are_not_events(kb, feeds):
    relative = [d for d in kb.deadlines.values() if d.date is None]
    assert relative, "the shipped data has a relative deadline (004, cuối năm)"
    text = feeds["han/tat-ca.ics"].decode("utf-8")
    for d in relative:
        assert d.id not in text


def test_without_a_site_address_events_have_no_url(kb):
    site = sotay.build(DATA, today=TODAY)
    feed = next(a.content for a in site.assets if a.uri == "han/tat-ca.ics")
    _, events = parse_feed(feed)
    assert len(events) == 8 and all("url" not in e.contents for e in events)


def _write_deadline(path: Path, **fields) -> None:
    import yaml

    path.write_text(yaml.safe_dump(fields, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _feed_of(data_dir: Path, uri: str = "han/tat-ca.ics") -> bytes:
    site = sotay.build(data_dir, today=TODAY, site_url=SITE_URL)
    return next(a.content for a in site.assets if a.uri == uri)


def test_a_changed_date_and_action_keep_the_uid(data_copy):
    record = data_copy / "deadlines" / "2024-07-12-quy-nhon-gui-bao-cao-so-ket.yaml"
    uid = "2024-07-12-quy-nhon-gui-bao-cao-so-ket@so-tay-thi-dua"
    before = {e.uid.value: e for e in parse_feed(_feed_of(data_copy))[1]}
    assert before[uid].dtstart.value == dt.date(2024, 7, 12)

    text = record.read_text(encoding="utf-8")
    text = text.replace("date: '2024-07-12'", "date: '2024-07-15'")
    text = text.replace("action: Gửi báo cáo sơ kết", "action: Gửi gấp báo cáo sơ kết")
    record.write_text(text, encoding="utf-8")
    after = {e.uid.value: e for e in parse_feed(_feed_of(data_copy))[1]}

    assert set(after) == set(before)  # updated in place: nothing added, nothing lost
    assert after[uid].dtstart.value == dt.date(2024, 7, 15)
    assert after[uid].summary.value.startswith("Gửi gấp báo cáo sơ kết")
    # and the same event in Quy Nhơn's own feed
    local_feed = _feed_of(data_copy, "han/dia-ban/thanh-pho-quy-nhon.ics")
    local = {e.uid.value: e for e in parse_feed(local_feed)[1]}
    assert local[uid].dtstart.value == dt.date(2024, 7, 15)


def test_a_yearly_deadline_is_one_event_with_rrule_and_listed_per_year(data_copy):
    _write_deadline(
        data_copy / "deadlines" / "y-yen-bao-cao-hang-nam.yaml",
        source="phat-dong-2024-khoi-phong-chuyen-mon-y-yen", date="2024-01-15",
        action="Gửi báo cáo năm", recurrence="hằng năm",
    )
    site = sotay.build(data_copy, today=TODAY, site_url=SITE_URL)
    feed = next(a.content for a in site.assets if a.uri == "han/tat-ca.ics")
    (event,) = [e for e in parse_feed(feed)[1] if e.uid.value.startswith("y-yen-bao-cao-hang-nam@")]
    assert event.rrule.value == "FREQ=YEARLY"
    assert event.dtstart.value == dt.date(2024, 1, 15)
    # vobject expands the rule itself: the same day every year
    later = list(event.getrruleset())[:3]
    assert [d.date() if isinstance(d, dt.datetime) else d for d in later] == [
        dt.date(2024, 1, 15), dt.date(2025, 1, 15), dt.date(2026, 1, 15)]
    # the page lists 2024 (past on 1/7/2024) and 2025 (upcoming), each marked
    page = next(p.content for p in site.pages if p.uri == "han/index.md")
    rows = re.findall(r'<tr id="(han-y-yen-bao-cao-hang-nam-\d{4})" class="([^"]+)"', page)
    assert rows == [("han-y-yen-bao-cao-hang-nam-2025", "st-han st-han-sap-toi"),
                    ("han-y-yen-bao-cao-hang-nam-2024", "st-han st-han-da-qua st-qua-han")]


def test_the_hook_takes_the_site_address_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SOTAY_SITE_URL", SITE_URL)
    out = tmp_path / "site"
    result = mkdocs_build(out)
    assert result.returncode == 0, result.stdout + result.stderr
    _, events = parse_feed((out / "han" / "tat-ca.ics").read_bytes())
    assert events and all(e.url.value.startswith(SITE_URL + "van-ban/") for e in events)


# --- the built site: pages link deadlines, sentences and feeds ----------------

def _rows(html: str) -> dict[str, str]:
    """Deadline rows of the deadlines page: row id -> row HTML."""
    return dict(re.findall(r'<tr id="(han-[^"]+)"[^>]*>(.*?)</tr>', html, flags=re.S))


def test_seed_deadlines_all_appear_linked_to_their_sentence(site, kb):
    page = site / "han" / "index.html"
    html = page.read_text(encoding="utf-8")
    rows = _rows(html)
    for source, date in SEED_DEADLINES:
        d = seed_deadline(kb, source, date)
        row = rows[f"han-{d.id}"]
        assert f'datetime="{date.isoformat()}"' in row
        assert f"{date.day:02d}/{date.month}/{date.year}" in row
        hrefs = re.findall(r'href="([^"]*#han-[^"]*)"', row)
        assert hrefs, d.id
        for href in hrefs:
            target, fragment = htmlcheck.resolve(site, page, href)
            assert fragment == f"han-{d.id}"
            assert target == site / "van-ban" / source / "index.html"
            assert f'id="{fragment}"' in target.read_text(encoding="utf-8")


def test_past_and_upcoming_are_marked_in_the_html(site):
    rows = _rows((site / "han" / "index.html").read_text(encoding="utf-8"))
    past = [i for i, r in rows.items() if "st-nhan-qua" in r]
    upcoming = [i for i, r in rows.items() if "st-nhan-sap" in r]
    assert sorted(past) == sorted([
        "han-2023-06-12-tay-son-gui-ho-so-khen-thuong-nam-hoc",
        "han-2023-06-23-tay-son-gui-bao-cao-so-ket-6-thang",
        "han-2023-06-30-tay-son-gui-bao-cao-so-ket-cum-khoi",
        "han-2024-05-15-quyet-thang-bao-cao-6-thang"])
    assert "han-2024-07-12-quy-nhon-gui-bao-cao-so-ket" in upcoming
    assert "còn 11 ngày" in rows["han-2024-07-12-quy-nhon-gui-bao-cao-so-ket"]


def test_relative_deadlines_have_their_own_section_with_their_source(site):
    html = (site / "han" / "index.html").read_text(encoding="utf-8")
    section = html[html.index('id="han-tuong-doi"'):]
    row = _rows(section)["han-y-yen-bao-cao-tong-ket-khoi-cuoi-nam"]
    assert "Cuối năm (hoặc vào đầu tháng 1 năm tiếp theo)" in row
    assert "hằng năm" in row
    assert ("/van-ban/phat-dong-2024-khoi-phong-chuyen-mon-y-yen/"
            "#han-y-yen-bao-cao-tong-ket-khoi-cuoi-nam") in row
    assert "không có trong tệp lịch" in section


def test_feeds_are_published_and_linked_from_their_pages(site, kb, graph):
    assert (site / "han" / "tat-ca.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    for page in [site / "index.html", site / "han" / "index.html"]:
        assert 'tat-ca.ics"' in page.read_text(encoding="utf-8")
    for loc in kb.localities:
        html = (site / "dia-ban" / loc / "index.html").read_text(encoding="utf-8")
        assert f'href="../../han/dia-ban/{loc}.ics"' in html, loc
    for c in kb.campaigns:
        html = (site / "phong-trao" / c / "index.html").read_text(encoding="utf-8")
        assert f'href="../../han/phong-trao/{c}.ics"' in html, c
    for doc in {d.source for d in kb.deadlines.values()}:
        html = (site / "van-ban" / doc / "index.html").read_text(encoding="utf-8")
        assert f'href="../../han/dia-ban/{graph.locality_of_document(doc)}.ics"' in html, doc


def test_entity_pages_show_their_own_deadlines(site, kb, graph):
    for d in kb.deadlines.values():
        doc_page = (site / "van-ban" / d.source / "index.html").read_text(encoding="utf-8")
        assert f'#han-{d.id}"' in doc_page
        loc = graph.locality_of_document(d.source)
        for unit in graph.ancestors(loc):
            page = site / "dia-ban" / unit / "index.html"
            assert f"#han-{d.id}" in page.read_text(encoding="utf-8")
        for c in d.campaigns:
            page = site / "phong-trao" / c / "index.html"
            assert f"#han-{d.id}" in page.read_text(encoding="utf-8")


def test_home_page_lists_the_next_deadlines_only(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    home = html[html.index('id="thoi-han-sap-toi"'):]
    home = home[:home.index('id="van-ban-moi-nhat"')]
    dates = re.findall(r'<time datetime="([\d-]+)"', home)
    assert dates == ["2024-07-12", "2024-07-20", "2024-11-01", "2024-12-30"]
    assert "st-nhan-qua" not in home


def test_feed_of_the_mini_fixture_matches_golden(request):
    """The all-deadlines feed, byte for byte (regenerate with --update-golden)."""
    from .conftest import FIXTURES

    golden = Path(__file__).resolve().parent / "golden" / "feeds" / "mini-tat-ca.ics"
    site = sotay.build(FIXTURES / "mini" / "data", today=TODAY, site_url=SITE_URL)
    produced = next(a.content for a in site.assets if a.uri == "han/tat-ca.ics")
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(produced)
    assert produced == golden.read_bytes()
