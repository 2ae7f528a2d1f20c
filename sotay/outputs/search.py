"""What the site search needs from each entity page: metadata, filters, keywords.

Builder-agnostic, like render.py: the page templates print an entry with the
`search_block` macro (templates/_search.j2) as Pagefind's data attributes, and
any Pagefind run over the built HTML indexes them (see searchindex.py).

Why a keyword block: Pagefind (1.5) folds most diacritics, so "nong thon moi"
finds "nông thôn mới", but not "đ", which has no Unicode decomposition: "nghi
dinh" would not find "Nghị định". The query side (docs/assets/sotay-search.js)
folds what staff type the way text.fold() does ("NĐ 98" -> "nd 98"); each
page carries, in a hidden block, the folded forms that such queries meet:

- names (weight 10): the entity's name and aliases, the spellings staff use
  for a document number ("98/2023/nd-cp", "98/2023", "nghi dinh 98", "nd 98"),
  abbreviations of those names and their expansions ("cchc" <-> "cai cach
  hanh chinh"), and each of them as phrase words (`phrase_words`);
- content (weight 1): the folded form of every other indexed word that holds
  "đ" ("đạo đức" -> "dao duc"), and abbreviations/expansions found in it;
  the words of a document's full text in a line of their own.

The block opens and closes with SENTINEL, so the search UI can leave it out
of excerpts: it is for matching, never for reading.

Two indexes (searchindex.py): the default one leaves out full texts
(FULL_TEXT_SELECTORS), so a query fetches little even on 10,000 documents;
the full-text one, searched when the user ticks "Tìm cả trong toàn văn",
has everything. Both leave out labels repeated on every page
(BOILERPLATE_SELECTORS: "Số hiệu", "Trích yếu"...), which would only bloat
the entries of common words such as "van", "ban", "hanh".

Ranking: a query of several words is first searched as one phrase word
(phrase_words): that finds the entities whose name holds the phrase, from one
small index chunk, and nothing that merely mentions them; the words one by
one come next, on request or when no name holds the phrase. The h1 (Pagefind
weight 7) and the names line (10) make the page of an entity outrank pages
that only mention it. Among the first results the search UI puts first a page
whose name, alias or number spelling is the query (`keys` metadata), then the
names that start with it, then the names it covers most of ("Xây dựng nông
thôn mới" before "Huyện Tây Sơn chung sức xây dựng nông thôn mới").
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

from sotay.data.model import Body, Campaign, Document, Locality
from sotay.graph.relations import Graph
from sotay.text.abbreviations import ABBREVIATIONS, KIND_CODES
from sotay.text.folding import cased_words, clean, fold, long_text_words, words
from sotay.text.numbers import DocNumber

# Marks the start of the keyword block in Pagefind's plain-text content; a
# punctuation-only word, so Pagefind never indexes it as a term.
SENTINEL = "§§"
NAMES_WEIGHT = 10
CONTENT_WEIGHT = 1
KEY_SEPARATOR = "|"
# Punctuation around a word in running text: "“Đẩy", "đức,", "(NĐ-CP)."
_EDGE_PUNCTUATION = ".,;:!?()[]{}\"'“”‘’«»…*"

# What the default index leaves out: the full text and its keyword line.
FULL_TEXT_SELECTORS = (".st-toan-van", ".st-tu-khoa-toan-van")
# Left out of both indexes: facts-table labels and status badges, the same on every page.
BOILERPLATE_SELECTORS = (".st-thuoc-tinh th", ".st-nhan")

# Values of the "type" filter and badge, one per kind of entity page.
TYPE_CAMPAIGN = "phong trào"
TYPE_DOCUMENT = "văn bản"
TYPE_REFERENCE = "văn bản được trích dẫn"
TYPE_BODY = "cơ quan"
TYPE_LOCALITY = "địa bàn"
TYPES = (TYPE_CAMPAIGN, TYPE_DOCUMENT, TYPE_REFERENCE, TYPE_BODY, TYPE_LOCALITY)
# Province filter value of national records (no province above them).
NATIONAL = "Trung ương"


@dataclass(frozen=True)
class SearchEntry:
    """One entity page as the search index sees it.

    `meta` is shown with a result (type badge, number, date, issuer...);
    `filters` narrow results; `names`, `content` and `full_text` are the
    keyword block's lines, folded; `keys` are the folded names for
    exact-match ranking.
    """

    meta: tuple[tuple[str, str], ...]
    filters: tuple[tuple[str, str], ...]
    keys: tuple[str, ...]
    names: tuple[str, ...]
    content: tuple[str, ...] = field(default=())
    full_text: tuple[str, ...] = field(default=())


# --- keywords ----------------------------------------------------------------


def number_spellings(kind: str, number: DocNumber | None) -> list[str]:
    """How staff type a document's number, folded.

    >>> number_spellings("Nghị định", DocNumber.parse("98/2023/NĐ-CP"))
    ['98/2023/nd-cp', '98/2023', 'nghi dinh 98', 'nd 98', 'nđ 98', 'nghi dinh 98/2023']
    >>> number_spellings("Chỉ thị", DocNumber.parse("05-CT/TW"))
    ['05-ct/tw', '5-ct/tw', 'chi thi 05', 'ct 05', 'chi thi 5', 'ct 5']
    """
    if number is None or number.blank:
        return []
    out = [fold(str(number))]
    serials = [number.serial]
    unpadded = number.serial.lstrip("0") or "0"
    if unpadded != number.serial:  # "05-CT/TW" is also written "5-CT/TW"
        out.append(fold(str(DocNumber(unpadded, number.year, number.symbol, number.party_style))))
        serials.append(unpadded)
    if number.year:
        out.append(f"{number.serial}/{number.year}")
    code = KIND_CODES.get(kind)
    for serial in serials:
        out.append(f"{fold(kind)} {serial}")
        if code:
            out.append(f"{fold(code)} {serial}")
            if code.lower() != fold(code):  # "nđ 98", as typed with a Vietnamese keyboard
                out.append(f"{clean(code).lower()} {serial}")
    if number.year:
        out.append(f"{fold(kind)} {number.serial}/{number.year}")
    return _unique(s.lower() for s in out)


def abbreviation_keywords(texts: Iterable[str]) -> list[str]:
    """The other side of every abbreviation or expansion found in `texts`, folded.

    >>> abbreviation_keywords(["Công tác TĐKT năm 2024"])
    ['thi dua khen thuong']
    >>> abbreviation_keywords(["xây dựng nông thôn mới"])
    ['ntm']
    """
    cased, folded = [], []
    cased_vocabulary: set[str] = set()
    folded_vocabulary: set[str] = set()
    for text in texts:
        forms = _short_text_forms(text) if len(text) <= _SHORT else _text_forms(text)
        cased.append(forms[0])
        folded.append(forms[1])
        cased_vocabulary |= forms[2]
        folded_vocabulary |= forms[3]
    out = []
    for form in _abbreviation_forms():
        # A phrase between spaces (" thi dua khen thuong ") can only occur
        # where its first word is a word of the text: a set look-up rules
        # out nearly every abbreviation before any scan of a 30 KB full text.
        if any(head in cased_vocabulary for head in form.cased_heads) and any(
                s in t for s in form.cased for t in cased):
            out.append(form.expansion.strip())
        if form.expansion_head in folded_vocabulary and any(form.expansion in t for t in folded):
            out.extend(form.folded)
    return _unique(out)


def _text_forms(text: str) -> tuple[str, str, frozenset[str], frozenset[str]]:
    """A text as abbreviation_keywords() matches it: its cased words and its
    folded words, each between spaces (" Cong tac TDKT "), and as sets."""
    cased, folded = long_text_words(text)
    return f" {' '.join(cased)} ", f" {' '.join(folded)} ", frozenset(cased), frozenset(folded)


# Short texts (a body's name, a locality's, a document's kind) come back on
# thousands of pages: 18 texts per document page, most of them seen before.
_SHORT = 300
_short_text_forms = functools.lru_cache(maxsize=1 << 14)(_text_forms)


@dataclass(frozen=True)
class _AbbreviationForm:
    cased: list[str]  # spellings as cased words between spaces: " TDKT "
    cased_heads: list[str]  # their first words: "TDKT"
    expansion: str  # folded, between spaces: " thi dua khen thuong "
    expansion_head: str  # its first word: "thi"
    folded: list[str]  # spellings folded: "tdkt"


@functools.cache
def _abbreviation_forms() -> list[_AbbreviationForm]:
    """Each abbreviation as abbreviation_keywords() matches it, computed once
    (every entity page asks, ~5 s of a 10,000-document render otherwise)."""
    forms = []
    for abbr in ABBREVIATIONS:
        cased = [cased_words(s) for s in abbr.spellings]
        expansion = words(abbr.expansion)
        forms.append(_AbbreviationForm(
            cased=[f" {' '.join(c)} " for c in cased],
            cased_heads=[c[0] if c else "" for c in cased],
            expansion=f" {' '.join(expansion)} ",
            expansion_head=expansion[0] if expansion else "",
            folded=[" ".join(words(s)) for s in abbr.spellings]))
    return forms


def phrase_words(names: Iterable[str]) -> list[str]:
    """Every tail of a multi-word name, written as one word.

    Pagefind matches a query word as the prefix of an indexed word, so the
    one-word query "nongthonmoi" (what the search UI sends first for "nông
    thôn mới") finds every name holding the phrase, through the tail that
    starts there, and needs one index chunk where three words need three:
    on 10,000 documents the chunks of "nong", "thon", "moi" weigh ~190 KB.

    A tail held by several names of the page counts once per name, so the
    campaign whose name and alias both hold the phrase weighs more.

    >>> phrase_words(["xay dung nong thon moi", "nd 98", "ntm"])
    ['xaydungnongthonmoi', 'dungnongthonmoi', 'nongthonmoi', 'thonmoi', 'nd98']
    """
    out = []
    for name in names:
        tokens = words(name)
        out += _unique("".join(tokens[i:]) for i in range(len(tokens) - 1))
    return out


def d_words(texts: Iterable[str]) -> list[str]:
    """Folded forms of the words that hold "đ", which Pagefind does not fold.

    Words keep their inner punctuation, as Pagefind indexes "98/2023/NĐ-CP"
    both whole and in parts:

    >>> d_words(["Đẩy mạnh học tập và làm theo tư tưởng, đạo đức", "Nghị định 98/2023/NĐ-CP."])
    ['day', 'dao', 'duc', 'dinh', '98/2023/nd-cp']
    """
    out = []
    for text in texts:
        for word in clean(text).split():
            if "đ" in word or "Đ" in word:  # not word.lower(): 30% of d_words on full texts
                out.append(fold(word).strip(_EDGE_PUNCTUATION))
    return _unique(out)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


# --- entries -----------------------------------------------------------------


class SearchEntries:
    """Builds the search entry of each entity page from the graph.

    The texts listed for each kind mirror what its template marks as indexed
    (data-pagefind-body): the title, the facts table, the names, the full
    text. Lists of related records (who cites a document, which documents
    mention a campaign) are left out of the index: they only mention other
    entities, and on a large site they would make pages and excerpts huge.
    """

    def __init__(self, graph: Graph):
        self.g = graph
        self.kb = graph.kb

    def _province(self, locality_id: str | None) -> str:
        province = self.g.province_of(locality_id) if locality_id else None
        if province is None:
            return NATIONAL
        name = self.kb.localities[province].name
        return name[:1].upper() + name[1:]

    def _entry(self, meta: dict[str, str | None], filters: list[tuple[str, str]],
               keys: list[str], texts: list[str | None], full_text: str | None = None) -> SearchEntry:
        keys = _unique(keys)
        texts = [t for t in texts if t]
        names = _unique([*keys, *abbreviation_keywords(keys)])
        names = [*names, *phrase_words(names)]
        content = [w for w in _unique([*d_words(texts), *abbreviation_keywords(texts)])
                   if w not in names]
        seen = {*names, *content}
        in_text = [w for w in _unique([*d_words([full_text or ""]), *abbreviation_keywords([full_text or ""])])
                   if w not in seen]
        meta = {**meta, "keys": KEY_SEPARATOR.join(keys)}
        return SearchEntry(
            meta=tuple((k, v) for k, v in meta.items() if v),
            filters=tuple(filters),
            keys=tuple(keys),
            names=tuple(names),
            content=tuple(content),
            full_text=tuple(in_text),
        )

    def document(self, doc: Document) -> SearchEntry:
        kb = self.kb
        issuer = kb.bodies[doc.issuer]
        locality = self.g.locality_of_document(doc.id)
        kind = TYPE_DOCUMENT if doc.has_text else TYPE_REFERENCE
        number = None if doc.number is None or doc.number.blank else str(doc.number)
        date = doc.date.vi() if doc.date else None
        filters = [("type", kind), ("province", self._province(locality))]
        if doc.date:
            filters.append(("year", str(doc.date.year)))
        keys = [fold(doc.label), *number_spellings(doc.kind, doc.number)]
        if doc.name:
            keys.append(fold(doc.name))
        mentions = [kb.campaigns[m.campaign].name for m in doc.campaigns]
        mentions += [kb.campaigns[c].name for c in self.g.launched.get(doc.id, ())]
        texts = [doc.label, doc.kind, doc.name, doc.subject, doc.place, doc.note,
                 doc.status, issuer.name, kb.localities[locality].name,
                 doc.signer.name if doc.signer else None,
                 doc.signer.capacity if doc.signer else None,
                 *doc.recipients, *doc.distribution, *mentions,
                 *(m.quote for m in doc.campaigns)]
        return self._entry(
            {"type": kind, "kind": doc.kind, "number": number, "date": date,
             "issuer": issuer.name, "province": self._province(locality)},
            filters, keys, texts, full_text=doc.text)

    def campaign(self, c: Campaign) -> SearchEntry:
        kb = self.kb
        detail = f"{c.kind}, cấp {c.level}" + (f", {c.period.vi()}" if c.period else "")
        filters = [("type", TYPE_CAMPAIGN), ("province", self._province(c.locality))]
        if c.period:
            last = c.period.end if c.period.end is not None else c.period.start
            filters += [("year", str(y)) for y in range(c.period.start, last + 1)]
        related = [kb.localities[c.locality].name if c.locality else None,
                   kb.bodies[c.launcher].name if c.launcher else None,
                   kb.documents[c.launched_by].label if c.launched_by else None,
                   kb.campaigns[c.adapts].name if c.adapts else None,
                   kb.campaigns[c.parent].name if c.parent else None]
        return self._entry(
            {"type": TYPE_CAMPAIGN, "detail": detail, "province": self._province(c.locality)},
            filters, [fold(c.name), *map(fold, c.aliases)],
            [c.name, *c.aliases, c.kind, c.description, c.note, *related])

    def body(self, b: Body) -> SearchEntry:
        kb = self.kb
        detail = f"cấp {b.level}, {kb.localities[b.locality].name}"
        related = [kb.localities[b.locality].name,
                   kb.bodies[b.parent].name if b.parent else None,
                   kb.bodies[b.successor].name if b.successor else None,
                   *(kb.bodies[x].name for x in self.g.predecessors_body.get(b.id, ())),
                   *(kb.bodies[x].name for x in self.g.child_bodies.get(b.id, ()))]
        return self._entry(
            {"type": TYPE_BODY, "detail": detail, "province": self._province(b.locality)},
            [("type", TYPE_BODY), ("province", self._province(b.locality))],
            [fold(b.name), *map(fold, b.abbreviations)],
            [b.name, *b.abbreviations, b.note, *related])

    def locality(self, loc: Locality) -> SearchEntry:
        kb = self.kb
        parent = kb.localities[loc.parent].name if loc.parent else None
        detail = loc.type + (f", thuộc {parent}" if parent else "")
        related = [parent,
                   kb.localities[loc.successor].name if loc.successor else None,
                   *(kb.localities[x].name for x in self.g.predecessors_locality.get(loc.id, ())),
                   *(kb.localities[x].name for x in self.g.child_localities.get(loc.id, ()))]
        return self._entry(
            {"type": TYPE_LOCALITY, "detail": detail, "province": self._province(loc.id)},
            [("type", TYPE_LOCALITY), ("province", self._province(loc.id))],
            [fold(loc.name), *map(fold, loc.abbreviations)],
            [loc.name, loc.type, *loc.abbreviations, loc.note, *related])
