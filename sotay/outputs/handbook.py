"""The printable handbook (sổ tay in), graph -> HTML -> PDF.

Staff bring a printed handbook to review conferences and inspections. It is
made from the same graph as the site, in three steps anyone can call:

    contents = select(graph, Scope(province="tinh-binh-dinh"), today)   # what goes in
    html = render_html(graph, today, scope)                             # templates + print CSS
    pdf = write_pdf(html)                                               # WeasyPrint, offline

`handbook_pdf()` runs the three; `publish()` gives the PDFs the site ships
(the whole knowledge base and one per province) and the page listing them.
Nothing here knows MkDocs: sotay.serve publishes it and hooks/ hands the
result to the builder; `sotay handbook` (sotay/cli/handbook.py) prints any
scope from the command line.

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
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sotay.data.model import KnowledgeBase
from sotay.graph.relations import (
    CITATION_ROLES,
    ROLE_HEADINGS,
    Graph,
)
from sotay.graph.schedule import PAST, UPCOMING
from sotay.outputs.handbook_contents import (
    TOC_ENTRY_LIMIT,
    Contents,
    Scope,
    ScopeError,
    anchor,
    cited_by_in,
    select,
)
from sotay.outputs.templating import Asset, Page, template_environment
from sotay.text.folding import fold

DEFAULT_OFFICE = "Phòng Nội vụ"
TITLE = "Sổ tay thi đua"
# Where the site publishes the PDFs (builder-agnostic paths, like Page.uri).
WHOLE_URI = "so-tay.pdf"
PROVINCE_URI = "so-tay/{id}.pdf"
LIST_PAGE_URI = "so-tay/index.md"
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
