"""The header and signature: kind, number, place and date, issuer, signer,
recipients, distribution and subject.

    ỦY BAN NHÂN DÂN
    THÀNH PHỐ QUY NHƠN
    Số: 2597 /UBND-NV
    V/v hướng dẫn sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2024
    Quy Nhơn, ngày 03 tháng 7 năm 2024
    -> Header(kind="Công văn", number=2597/UBND-NV, place="Quy Nhơn", date=2024-07-03,
              issuer="Ủy ban nhân dân thành phố Quy Nhơn", subject="Hướng dẫn sơ kết ...")

A blank day or month stays partial ("ngày tháng 6 năm 2024" -> 2024-06). The
patterns are in header_patterns.py.
"""

from __future__ import annotations

import re

from sotay.extract import header_patterns as P
from sotay.extract import vocabulary as V
from sotay.extract.document import Doc, date_of_parts, prepare, squash
from sotay.extract.models import Found, Header, Signature
from sotay.text import patterns as TP
from sotay.text.folding import fold
from sotay.text.numbers import DocNumber

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
        pd = date_of_parts(dm["d"] if dm["m"] else None, dm["m"], dm["y"])
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
    first = fold(V.SYMBOL_PARTS.split(number.symbol)[0]).upper()
    return V.SYMBOL_TYPE_KINDS.get(first, "Công văn")


def _title(doc: Doc, head_end: int) -> tuple[Found | None, Found | None]:
    """The title line ("**KẾ HOẠCH**", "## BÁO CÁO") and the subject under it.

    The subject is the rest of the title's paragraph (002: "**Công tác thi
    đua, khen thưởng năm 2024**", 004) or the next line (003: "### Sơ kết
    ..."). For "PHÁT ĐỘNG PHONG TRÀO THI ĐUA" the title is part of it.
    """
    sh = doc.shadow
    titles = sorted(V.TITLE_KINDS, key=len, reverse=True)
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
        kind = doc.found(V.TITLE_KINDS[title], a, kind_end)
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
        if V.TITLE_KINDS[title] == "Phát động":
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
            and not any(" ".join(fold(line).split()).startswith(fold(t)) for t in V.TITLE_KINDS)
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
    text = squash(phrase)
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
    for u in sorted((u for u in V.UNIT_WORDS if u != "TP"), key=len, reverse=True):
        m = P.unit_word(u).search(low)
        if m:
            head = low[: m.start()]
            name = " ".join(w[:1].upper() + w[1:] for w in low[m.end() :].split())
            return squash(f"{head[:1].upper()}{head[1:]}{u} {name}")
    return low[:1].upper() + low[1:]
