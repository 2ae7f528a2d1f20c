"""Incremental rendering (`mkdocs serve` after an edit) gives exactly the site a
full render gives, while rendering only the pages the edit touches."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from sotay import build_graph, load_knowledge_base
from sotay.data.model import Citation, Document, KnowledgeBase, Mention
from sotay.site import paging
from sotay.site.listings import recency
from sotay.site.render import render
from sotay.text.dates import PartialDate

from .test_paging import LOW

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2024, 7, 1)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> KnowledgeBase:
    """The seeds plus 60 synthetic documents: citations, campaigns, deadlines."""
    out = tmp_path_factory.mktemp("gen") / "data"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "-n", "60", "--out", str(out)],
                   check=True, capture_output=True)
    kb, _ = load_knowledge_base(out)
    return kb


@pytest.fixture(scope="module")
def first(generated):
    return render(build_graph(generated), TODAY, track=True)


def _with(kb: KnowledgeBase, kind: str, record, delete: bool = False) -> KnowledgeBase:
    records = dict(getattr(kb, kind))
    if delete:
        del records[record]
    else:
        records[record.id] = record
    return dataclasses.replace(kb, **{kind: records})


def _site(rendered) -> dict:
    return {p.uri: p.content for p in rendered.pages} | {a.uri: a.content for a in rendered.assets}


def _texts(kb):
    return [d for d in kb.documents.values() if d.has_text and d.citations and d.campaigns]


def edit_subject(kb):
    doc = _texts(kb)[3]
    return _with(kb, "documents", dataclasses.replace(doc, subject="Về việc thử sửa trích yếu"))


def edit_number_of_cited(kb):
    # a cited document's number is its label on every page citing it
    target = next(kb.documents[c.target] for d in _texts(kb) for c in d.citations
                  if kb.documents[c.target].number and not kb.documents[c.target].number.blank)
    number = dataclasses.replace(target.number, serial="9999")
    return _with(kb, "documents", dataclasses.replace(target, number=number))


def add_citation(kb):
    docs = _texts(kb)
    doc, other = docs[1], docs[5]
    extra = Citation(doc.id, other.id, "nhắc đến")
    return _with(kb, "documents", dataclasses.replace(doc, citations=(*doc.citations, extra)))


def drop_mention(kb):
    doc = _texts(kb)[2]
    return _with(kb, "documents", dataclasses.replace(doc, campaigns=doc.campaigns[1:]))


def rename_campaign(kb):
    c = kb.campaigns[_texts(kb)[0].campaigns[0].campaign]
    return _with(kb, "campaigns", dataclasses.replace(c, name=c.name + " (đổi tên)"))


def rename_locality(kb):
    doc = _texts(kb)[4]
    loc = kb.localities[kb.bodies[doc.issuer].locality]
    return _with(kb, "localities", dataclasses.replace(loc, name=loc.name + " mới"))


def move_deadline(kb):
    d = next(d for d in kb.deadlines.values() if d.date and d.date.as_date())
    return _with(kb, "deadlines", dataclasses.replace(d, date=PartialDate(2024, 8, 15)))


def change_target(kb):
    t = next(iter(kb.targets.values()))
    return _with(kb, "targets", dataclasses.replace(t, value=t.value + 1))


def new_document(kb):
    model = _texts(kb)[0]
    doc = Document(id="cong-van-moi-2024", kind="Công văn", issuer=model.issuer, date=PartialDate(2024, 6, 3),
                   subject="Về việc mới", text="Thực hiện phong trào, đề nghị các đơn vị triển khai.",
                   citations=(Citation("cong-van-moi-2024", model.id, "thực hiện"),),
                   campaigns=(Mention("cong-van-moi-2024", model.campaigns[0].campaign),))
    return _with(kb, "documents", doc)


def delete_document(kb):
    cited = {c.target for d in kb.documents.values() for c in d.citations}
    used = {d.source for d in kb.deadlines.values()} | {t.source for t in kb.targets.values()}
    used |= {c.launched_by for c in kb.campaigns.values()}
    doc = next(d for d in kb.documents.values() if d.id not in cited | used and d.has_text)
    return _with(kb, "documents", doc.id, delete=True)


EDITS = [edit_subject, edit_number_of_cited, add_citation, drop_mention, rename_campaign,
         rename_locality, move_deadline, change_target, new_document, delete_document]


@pytest.mark.parametrize("edit", EDITS, ids=lambda f: f.__name__)
def test_incremental_render_equals_a_full_render(generated, first, edit):
    kb = edit(generated)
    graph = build_graph(kb)
    full = render(graph, TODAY)
    again = render(graph, TODAY, track=True, previous=first.previous)
    assert _site(again) == _site(full)
    assert [p.uri for p in again.pages] == [p.uri for p in full.pages]
    assert 0 < again.rendered < len(full.pages) + len(full.assets)


def test_an_edit_to_one_document_renders_few_pages(generated, first):
    again = render(build_graph(edit_subject(generated)), TODAY, track=True, previous=first.previous)
    total = len(again.pages) + len(again.assets)
    # its page, its neighbours' pages and the list pages; not the whole site
    assert again.rendered <= 40, again.rendered
    assert total > 400


def test_nothing_changed_renders_nothing(generated, first):
    again = render(build_graph(generated), TODAY, track=True, previous=first.previous)
    assert again.rendered == 0
    assert _site(again) == _site(first)


def test_a_new_day_renders_everything(generated, first):
    again = render(build_graph(generated), TODAY + dt.timedelta(days=1), track=True, previous=first.previous)
    assert again.rendered == len(again.pages) + len(again.assets)


def test_parallel_render_equals_serial(generated):
    graph = build_graph(generated)
    serial = render(graph, TODAY)
    parallel = render(graph, TODAY, workers=2)
    assert _site(parallel) == _site(serial)
    assert [p.uri for p in parallel.pages] == [p.uri for p in serial.pages]


# --- long lists cut into pages ------------------------------------------------


@pytest.fixture
def low(monkeypatch):
    """Thresholds low enough that the 60 documents' lists run over many pages."""
    for name, value in LOW.items():
        monkeypatch.setattr(paging, name, value)


def _rerendered(again, before) -> set[str]:
    """Pages rendered anew: a reused page is the very same object."""
    old = {p.uri: p for p in before.pages}
    return {p.uri for p in again.pages if old.get(p.uri) is not p}


def _list_pages(rendered) -> set[str]:
    """Pages 2 on of every paginated list (page 1 is often an entity's own page)."""
    return {p.uri for p in rendered.pages if "/trang-" in p.uri}


def move_document(kb):
    """The most recent document becomes the oldest: it leaves the head of
    every list it is in for the tail, and the entries between shift."""
    doc = max(_texts(kb), key=lambda d: (recency(d), d.id))
    return _with(kb, "documents", dataclasses.replace(doc, date=PartialDate(1990, 1, 2)))


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("edit", [edit_subject, move_document, new_document, delete_document,
                                  rename_campaign, rename_locality, move_deadline],
                         ids=lambda f: f.__name__)
def test_paged_lists_after_an_edit_and_its_undo_equal_a_full_render(generated, low, edit, workers):
    """An edit, then undoing it: each incremental render equals a full one.
    The first render is parallel too (workers=2): what forked workers recorded
    about each page's part of a list must come back with the page."""
    start = render(build_graph(generated), TODAY, track=True, workers=workers)
    assert _list_pages(start)  # the lists are long enough to be cut
    edited = build_graph(edit(generated))
    again = render(edited, TODAY, track=True, previous=start.previous)
    assert _site(again) == _site(render(edited, TODAY))
    undone = render(build_graph(generated), TODAY, track=True, previous=again.previous)
    assert _site(undone) == _site(start)


def test_a_subject_edit_renders_only_the_list_pages_holding_the_document(generated, low):
    start = render(build_graph(generated), TODAY, track=True)
    kb = edit_subject(generated)
    doc = next(d for d in kb.documents.values() if d.subject == "Về việc thử sửa trích yếu")
    again = render(build_graph(kb), TODAY, track=True, previous=start.previous)
    pages = {p.uri: p.content for p in again.pages}
    rendered = _rerendered(again, start) & _list_pages(again)
    holding = {uri for uri in _list_pages(again) if f"{doc.id}/" in pages[uri]}  # links to it
    assert holding  # the document is on pages of some long lists ...
    assert rendered == holding  # ... and only those are rendered again
    assert len(_list_pages(again)) > 4 * len(holding)
