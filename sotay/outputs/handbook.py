"""Stage 4b: the printable handbook (sổ tay in), graph -> HTML -> PDF.

Staff bring a printed handbook to review conferences and inspections. It is
made from the same graph as the site, in three steps anyone can call:

    contents = select(graph, Scope(province="tinh-binh-dinh"), today)   # what goes in
    html = render_html(graph, today, scope)                             # templates + print CSS
    pdf = write_pdf(html)                                               # WeasyPrint, offline

`handbook_pdf()` runs the three; `publish()` gives the PDFs the site ships
(the whole knowledge base and one per province) and the page listing them.
Nothing here knows MkDocs: sotay.serve publishes it and hooks/ hands the
result to the builder; scripts/handbook.py prints any scope from the
command line.

Design notes:
- A4, chapters in the order a reader looks things up: campaigns, legal
  references, documents, deadlines by month, an index of document numbers.
- Every cross-reference is an internal link (`href="#vb-<id>"`) and prints
  the page it points to, "xem tr. 12", with CSS `target-counter()`; the table
  of contents and the index use the same mechanism with dotted leaders.
  Headings carry section numbers ("1.12") so a reader, and the tests, can
  find an entry's start unambiguously.
- Fonts come from the machine through fontconfig, never from the network:
  Liberation Serif/Sans 2.x (fonts-liberation2: metric-compatible with Times
  New Roman and Arial, which Nghị định 30/2020/NĐ-CP prescribes for
  administrative documents, and with every Vietnamese precomposed letter;
  Liberation 1.x lacks them) and DejaVu as fallback. WeasyPrint embeds the
  subsets it uses. Any URL fetch is refused (`_offline_fetcher`).
- The data version on the cover is a hash of the knowledge base's records:
  the same data gives the same version on any machine, git or not.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property

from sotay.data.model import Campaign, Citation, Document, KnowledgeBase, Mention
from sotay.data.validate import schemas
from sotay.graph.relations import (
    CITATION_ROLES,
    ROLE_HEADINGS,
    Graph,
    campaign_sort_key,
    document_sort_key,
)
from sotay.graph.schedule import PAST, UNDATED, UPCOMING, Occurrence, Schedule
from sotay.outputs.templating import Asset, Page, template_environment
from sotay.text import patterns
from sotay.text.folding import fold

DEFAULT_OFFICE = "Phòng Nội vụ"
TITLE = "Sổ tay thi đua"
# Where the site publishes the PDFs (builder-agnostic paths, like Page.uri).
WHOLE_URI = "so-tay.pdf"
PROVINCE_URI = "so-tay/{id}.pdf"
LIST_PAGE_URI = "so-tay/index.md"
# A table of contents listing every entry of a chapter stops being readable
# past this many lines; the index of numbers then does that job.
TOC_ENTRY_LIMIT = 120
# Legal hierarchy for the references chapter: the schema's order of kinds
# (Luật, Nghị quyết, Nghị định, Quyết định, Chỉ thị, Thông tư, ...).
KIND_ORDER = tuple(schemas()["document.schema.json"]["properties"]["kind"]["enum"])


class ScopeError(ValueError):
    """A scope naming something the knowledge base does not have."""


@dataclass(frozen=True)
class Scope:
    """What a handbook covers; the filters combine (a province *and* a year).

    - province: a locality id of level "tỉnh" ("tinh-binh-dinh"): documents
      issued in the province or any unit under it;
    - campaign: a campaign id ("vi-nguoi-ngheo"): documents mentioning it,
      one of its local forms or its parts;
    - year: documents dated in that year, deadlines falling in it.

    Legal references are those the chosen documents cite, whatever their
    province or year: a district needs the Chỉ thị its plan rests on.
    """

    province: str | None = None
    campaign: str | None = None
    year: int | None = None

    @property
    def whole(self) -> bool:
        return self.province is None and self.campaign is None and self.year is None

    def check(self, kb: KnowledgeBase) -> None:
        """Raise ScopeError, with the valid choices, for an unknown id."""
        if self.province is not None:
            provinces = sorted(i for i, loc in kb.localities.items() if loc.level == "tỉnh")
            if self.province not in provinces:
                raise ScopeError(f"không có tỉnh '{self.province}' trong data/localities/; "
                                 f"các tỉnh: {', '.join(provinces)}")
        if self.campaign is not None and self.campaign not in kb.campaigns:
            close = [c for c in sorted(kb.campaigns) if self.campaign in c or c in self.campaign]
            hint = f"; có phải: {', '.join(close[:5])}?" if close else ""
            raise ScopeError(f"không có phong trào '{self.campaign}' trong data/campaigns/{hint}")
        if self.year is not None and not 1900 <= self.year <= 2100:
            raise ScopeError(f"năm {self.year} nằm ngoài khoảng 1900-2100")

    def label(self, kb: KnowledgeBase) -> str:
        """ "Toàn bộ kho", "Tỉnh Bình Định · năm 2024", "Năm 2023"."""
        parts = []
        if self.province:
            parts.append(kb.localities[self.province].name)
        if self.campaign:
            parts.append(f"phong trào «{kb.campaigns[self.campaign].name}»")
        if self.year:
            parts.append(f"năm {self.year}")
        text = " · ".join(parts) or "toàn bộ kho"
        return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Month:
    """Deadlines falling due in one month (or one year, for year-only dates)."""

    label: str  # "Tháng 7/2024", "Năm 2024"
    anchor: str  # "han-2024-07"
    items: tuple[Occurrence, ...]


@dataclass
class Contents:
    """What one handbook holds, in print order, with its section numbers."""

    scope: Scope
    campaigns: list[tuple[Campaign, int]]  # (campaign, depth under its root), print order
    references: list[Document]
    documents: list[Document]
    months: list[Month]
    undated: list[Occurrence]
    numbers: dict[str, str] = field(default_factory=dict)  # anchor -> "1.3"
    # campaign id -> (locality, [(document, mentions)]): who mentions it, in the handbook
    about: dict[str, list[tuple[str, list[tuple[Document, list[Mention]]]]]] = field(
        default_factory=dict)

    @cached_property
    def doc_ids(self) -> frozenset[str]:
        return frozenset(d.id for d in self.references + self.documents)

    @cached_property
    def campaign_ids(self) -> frozenset[str]:
        return frozenset(c.id for c, _ in self.campaigns)

    @property
    def deadline_count(self) -> int:
        return len({o.deadline.id for m in self.months for o in m.items}
                   | {o.deadline.id for o in self.undated})

    def index(self) -> tuple[list[Document], list[Document], list[Document]]:
        """Documents of the handbook for the index: numbered (natural order of
        the number as written), blank-numbered drafts, and unnumbered ones (by name)."""
        docs = self.references + self.documents
        numbered = sorted((d for d in docs if d.number is not None and not d.number.blank),
                          key=lambda d: (_natural(str(d.number)), document_sort_key(d)))
        drafts = sorted((d for d in docs if d.number is not None and d.number.blank),
                        key=lambda d: (_natural(str(d.number)), document_sort_key(d)))
        named = sorted((d for d in docs if d.number is None), key=lambda d: fold(d.label))
        return numbered, drafts, named


def _natural(text: str) -> tuple:
    """ "5-CT/TW" before "18A-CT/TU" before "98/2023/NĐ-CP": digits compare as numbers."""
    return tuple((0, int(tok), "") if tok.isdigit() else (1, 0, tok)
                 for tok in patterns.NUMBER_TOKEN.findall(fold(text)))


def anchor(kind: str, record_id: str) -> str:
    """Fragment of an entry: "vb-chi-thi-05-ct-tw-2016", "pt-vi-nguoi-ngheo"."""
    return {"document": "vb-", "campaign": "pt-"}[kind] + record_id


# --- what goes in -----------------------------------------------------------


def select(graph: Graph, scope: Scope, today: dt.date) -> Contents:
    """The contents of a handbook for `scope`; raises ScopeError for unknown ids."""
    kb, g = graph.kb, graph
    scope.check(kb)
    family = set(g.campaign_family(scope.campaign)) if scope.campaign else set()
    about_scope, doc_in_scope = _scope_filter(g, scope)
    documents = sorted((d for d in kb.documents.values() if d.has_text and doc_in_scope(d)),
                       key=document_sort_key)
    chosen = {d.id for d in documents}

    # Legal references: what the chosen documents cite, and the documents
    # launching the chosen campaign; everything in the whole handbook.
    if scope.whole:
        refs = {d.id for d in kb.documents.values() if not d.has_text}
    else:
        refs = {c.target for d in documents for c in d.citations}
        refs |= {kb.campaigns[c].launched_by for c in family if kb.campaigns[c].launched_by}
        refs |= {d for d in about_scope if doc_in_scope(kb.documents[d])}
        refs = {r for r in refs if not kb.documents[r].has_text}
    kind_rank = {k: i for i, k in enumerate(KIND_ORDER)}
    references = sorted(
        (kb.documents[r] for r in refs),
        key=lambda d: (kind_rank.get(d.kind, len(kind_rank)), document_sort_key(d)))
    in_book = chosen | refs

    # Campaigns: all, or the chosen campaign's family, or those the chosen
    # documents mention or launch plus those of the province's localities;
    # with the campaigns they adapt or belong to, so a local form is read
    # beside the national campaign.
    if scope.whole:
        wanted = set(kb.campaigns)
    elif scope.campaign:
        wanted = set(family)
    else:
        wanted = {m.campaign for d in documents for m in d.campaigns}
        wanted |= {c for d in documents for c in g.launched.get(d.id, ())}
        if scope.province and not scope.year:
            for loc in g.descendants(scope.province):
                wanted |= set(g.campaigns_of_locality.get(loc, ()))
    for c in list(wanted):
        up = kb.campaigns[c]
        while (nxt := up.adapts or up.parent) and nxt not in wanted:
            wanted.add(nxt)
            up = kb.campaigns[nxt]
    campaigns = _campaign_order(g, wanted)

    # Deadlines set by the documents in the handbook (and, for a campaign
    # scope, those recorded against the campaign); a year keeps its occurrences.
    deadline_ids = {d for doc in in_book for d in g.deadlines_of_document.get(doc, ())}
    if scope.campaign:
        deadline_ids |= {d.id for d in g.deadlines_of_campaigns(family)
                         if d.source in in_book or doc_in_scope(kb.documents[d.source])}
    occurrences = Schedule(g, today).occurrences(deadline_ids)
    if scope.year:
        occurrences = [o for o in occurrences if o.date is None or o.date.year == scope.year]
    months = _months(o for o in occurrences if o.date is not None)
    undated = [o for o in occurrences if o.status == UNDATED]

    contents = Contents(scope, campaigns, references, documents, months, undated)
    for c, _ in campaigns:
        items = [(doc, ms) for doc, ms in g.documents_about(c.id) if doc.id in in_book]
        contents.about[c.id] = g.group_by_locality(items)
    _number(contents)
    return contents


def _scope_filter(g: Graph, scope: Scope) -> tuple[set[str], Callable[[Document], bool]]:
    """The ids of the documents about the scope's campaign (empty without
    one), and whether a document falls in the scope."""
    about_scope = ({doc.id for doc, _ in g.documents_about(scope.campaign)}
                   if scope.campaign else set())

    def doc_in_scope(doc: Document) -> bool:
        if scope.province and g.province_of(g.locality_of_document(doc.id)) != scope.province:
            return False
        if scope.year and (doc.date is None or doc.date.year != scope.year):
            return False
        return not scope.campaign or doc.id in about_scope

    return about_scope, doc_in_scope


def _campaign_order(g: Graph, wanted: set[str]) -> list[tuple[Campaign, int]]:
    """Roots by level then name, each followed by its local forms and parts
    (depth first), so "Tây Sơn chung tay vì người nghèo" follows "Vì người nghèo"."""
    kb = g.kb
    key = lambda c: campaign_sort_key(kb.campaigns[c])  # noqa: E731

    def up(c: str) -> str | None:
        campaign = kb.campaigns[c]
        nxt = campaign.adapts or campaign.parent
        return nxt if nxt in wanted else None

    out: list[tuple[Campaign, int]] = []
    seen: set[str] = set()

    def walk(c: str, depth: int) -> None:
        if c in seen:
            return
        seen.add(c)
        out.append((kb.campaigns[c], depth))
        children = [x for x in g.adaptations.get(c, []) + g.parts.get(c, []) if x in wanted]
        for child in sorted(set(children), key=key):
            walk(child, depth + 1)

    for root in sorted((c for c in wanted if up(c) is None), key=key):
        walk(root, 0)
    for c in sorted(wanted - seen, key=key):  # a cycle of adapts/parent: still printed
        walk(c, 0)
    return out


def _months(items: Iterable[Occurrence]) -> list[Month]:
    """Dated occurrences in calendar order, grouped by month: a printed
    table is read by date, not by "upcoming first" as on the site."""
    groups: dict[tuple[int, int], list[Occurrence]] = defaultdict(list)
    for o in items:
        assert o.date is not None
        groups[(o.date.year, o.date.month or 0)].append(o)
    out = []
    for (year, month), occ in sorted(groups.items()):
        occ.sort(key=lambda o: (o.date.sort_key(), o.deadline.id))  # type: ignore[union-attr]
        label = f"Tháng {month}/{year}" if month else f"Năm {year}"
        anchor_ = f"han-{year}-{month:02d}" if month else f"han-{year}"
        out.append(Month(label, anchor_, tuple(occ)))
    return out


def _number(contents: Contents) -> None:
    """Section numbers: 1 campaigns, 2 references, 3 documents, 4 deadlines, 5 index."""
    n = contents.numbers
    for i, (c, _) in enumerate(contents.campaigns, 1):
        n[anchor("campaign", c.id)] = f"1.{i}"
    for i, d in enumerate(contents.references, 1):
        n[anchor("document", d.id)] = f"2.{i}"
    for i, d in enumerate(contents.documents, 1):
        n[anchor("document", d.id)] = f"3.{i}"
    for i, m in enumerate(contents.months, 1):
        n[m.anchor] = f"4.{i}"


def cited_by_in(graph: Graph, doc_id: str,
                among: frozenset[str]) -> list[tuple[str, list[Citation]]]:
    """Who cites `doc_id`, by role, keeping only citing documents of the handbook."""
    groups = [(role, [c for c in items if c.source in among])
              for role, items in graph.cited_by_role(doc_id)]
    return [(role, items) for role, items in groups if items]


# --- HTML ---------------------------------------------------------------------


def data_version(kb: KnowledgeBase) -> str:
    """A short hash of every record: same data, same version, on any machine."""
    h = hashlib.sha256()
    for kind in ("localities", "bodies", "documents", "campaigns", "deadlines", "targets"):
        records = getattr(kb, kind)
        for record_id in sorted(records):
            h.update(f"{kind}\0{record_id}\0{records[record_id]!r}\0".encode())
    return h.hexdigest()[:12]


def render_html(graph: Graph, today: dt.date, scope: Scope = Scope(),
                office: str = DEFAULT_OFFICE, version: str | None = None,
                contents: Contents | None = None) -> str:
    """The handbook as one HTML document with its print CSS inlined."""
    contents = contents or select(graph, scope, today)
    kb = graph.kb
    return template_environment().get_template("handbook/handbook.html.j2").render(
        kb=kb, g=graph, c=contents, scope=scope, scope_label=scope.label(kb),
        title=TITLE, office=office, today=today, version=version or data_version(kb),
        anchor=anchor, numbers=contents.numbers, cited_by_in=cited_by_in,
        ROLE_HEADINGS=ROLE_HEADINGS, CITATION_ROLES=CITATION_ROLES,
        PAST=PAST, UPCOMING=UPCOMING, TOC_ENTRY_LIMIT=TOC_ENTRY_LIMIT,
    )


# --- PDF ----------------------------------------------------------------------


class HandbookError(RuntimeError):
    """The PDF engine could not run (missing system library) or refused the document."""


@dataclass(frozen=True)
class Pdf:
    content: bytes
    pages: int
    warnings: tuple[str, ...]  # WeasyPrint's own warnings (CSS it ignored, fetches refused)


def _offline_fetcher(url: str, *args, **kwargs):
    # The handbook is self-contained: fonts come from fontconfig, there are no
    # images. A URL reaching here is a template bug; refusing it keeps the
    # build offline and shows up in Pdf.warnings.
    raise HandbookError(f"no network access while printing the handbook: {url}")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _weasyprint_warnings() -> Iterator[list[str]]:
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)


def write_pdf(html: str, identifier: str = "") -> Pdf:
    """HTML -> PDF bytes with WeasyPrint; `identifier` makes the file ID
    reproducible (same data, same bytes)."""
    try:
        import weasyprint  # heavy, and needs Pango: imported only to print
    except OSError as exc:  # libpango missing: say which Debian packages
        raise HandbookError(
            f"WeasyPrint cannot load its system libraries ({exc}); install them with "
            "`make system` (apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
            "libharfbuzz-subset0 fonts-liberation2 fonts-dejavu-core)") from None
    with _weasyprint_warnings() as warnings:
        document = weasyprint.HTML(string=html, url_fetcher=_offline_fetcher).render()
        file_id = hashlib.md5(identifier.encode()).hexdigest().encode() if identifier else None
        content = document.write_pdf(pdf_identifier=file_id)
    return Pdf(content, len(document.pages), tuple(warnings))


def handbook_pdf(graph: Graph, today: dt.date, scope: Scope = Scope(),
                 office: str = DEFAULT_OFFICE) -> Pdf:
    """Every step: graph -> contents -> HTML -> PDF."""
    version = data_version(graph.kb)
    html = render_html(graph, today, scope, office, version)
    return write_pdf(html, identifier=f"{version}:{scope}:{today}:{office}")


# --- what the site publishes --------------------------------------------------


@dataclass(frozen=True)
class Published:
    """One PDF of the site: printed (pages, size) or left to the command line."""

    uri: str
    scope: Scope
    label: str
    documents: int
    pages: int | None = None  # None: not printed during the build (too large)
    size: int | None = None


@dataclass(frozen=True)
class Publication:
    pages: list[Page]  # the page listing the PDFs
    assets: list[Asset]  # the PDFs
    published: list[Published]
    warnings: list[str]  # WeasyPrint's, by file

    @property
    def link(self) -> str:
        """What the site header links to: the whole handbook when it was
        printed, else the page listing the PDFs that were."""
        whole = next((p for p in self.published if p.uri == WHOLE_URI), None)
        return WHOLE_URI if whole and whole.pages is not None else LIST_PAGE_URI


def _print_one(job: tuple[str, str]) -> Pdf:
    html, identifier = job
    return write_pdf(html, identifier)


def publish(graph: Graph, today: dt.date, office: str = DEFAULT_OFFICE,
            per_province: bool = True, max_documents: int | None = None,
            workers: int = 1) -> Publication:
    """The PDFs the site ships and the page listing them: the whole handbook
    and, with `per_province`, one per province holding documents.

    WeasyPrint lays out some 4 pages a second and keeps every page in memory
    (1,000 documents: 1,058 pages, 5 minutes, 3.4 GB), so a scope holding
    more than `max_documents` documents is not printed during the build; the
    page says so and gives the command that prints it. `workers` > 1 prints
    the PDFs in that many processes.
    """
    kb = graph.kb
    version = data_version(kb)
    # How many documents each scope holds, counted in one pass: a scope over
    # `max_documents` is not selected at all. Selecting is O(documents x
    # campaigns) per scope: at 10,000 documents and 60 provinces, selecting
    # every scope only to count took 6.1 s of each build (0.2 s at 1,000).
    held = [d for d in kb.documents.values() if d.has_text]
    per_province_count = Counter(graph.province_of(graph.locality_of_document(d.id)) for d in held)
    scopes = [(WHOLE_URI, Scope(), len(held))]
    if per_province:
        provinces = sorted(set(per_province_count) - {None},
                           key=lambda p: (fold(kb.localities[p].name), p))
        scopes += [(PROVINCE_URI.format(id=p), Scope(province=p), per_province_count[p])
                   for p in provinces]
    jobs, planned = [], []
    for uri, scope, count in scopes:
        if max_documents is not None and count > max_documents:
            planned.append((uri, scope, count, None))
            continue
        contents = select(graph, scope, today)
        html = render_html(graph, today, scope, office, version, contents=contents)
        planned.append((uri, scope, len(contents.documents), len(jobs)))
        jobs.append((html, f"{version}:{scope}:{today}:{office}"))
    if workers > 1 and len(jobs) > 1:
        import concurrent.futures
        import multiprocessing

        # "spawn": the build may run threads (mkdocs serve), which fork does not mix with.
        with concurrent.futures.ProcessPoolExecutor(
                min(workers, len(jobs)), mp_context=multiprocessing.get_context("spawn")) as pool:
            pdfs = list(pool.map(_print_one, jobs))
    else:
        pdfs = [_print_one(job) for job in jobs]

    assets, published, warnings = [], [], []
    for uri, scope, count, job in planned:
        if job is None:
            published.append(Published(uri, scope, scope.label(kb), count))
            continue
        pdf = pdfs[job]
        assets.append(Asset(uri, pdf.content))
        warnings += [f"{uri}: {w}" for w in pdf.warnings]
        published.append(Published(uri, scope, scope.label(kb), count,
                                   pdf.pages, len(pdf.content)))
    page = Page(LIST_PAGE_URI, template_environment().get_template("handbook/published.md.j2").render(
        published=published, title=TITLE, office=office, today=today, version=version,
        max_documents=max_documents,
        relative=lambda uri: uri.split("/", 1)[1] if uri.startswith("so-tay/") else "../" + uri,
    ))
    return Publication([page], assets, published, warnings)


__all__ = [
    "DEFAULT_OFFICE",
    "Contents",
    "HandbookError",
    "Pdf",
    "Publication",
    "Published",
    "Scope",
    "ScopeError",
    "data_version",
    "handbook_pdf",
    "publish",
    "render_html",
    "select",
    "write_pdf",
]
