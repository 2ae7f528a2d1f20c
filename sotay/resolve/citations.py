"""A found citation -> the id of the document it means.

An existing record when it is the same document (same number key,
compatible issuer, same year; laws by name and year), else a new reference
record. A number that matches a record but whose issuer cannot be told is an
ambiguity: reported, never merged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sotay.extract.models import FoundCitation
from sotay.resolve import patterns as P
from sotay.resolve.index import Context, DocEntry, Index
from sotay.resolve.issuers import issuer_from_symbol, name_key, resolve_issuer
from sotay.text.folding import slugify
from sotay.text.numbers import DocNumber

# --- citations ------------------------------------------------------------------


@dataclass(frozen=True)
class CitationDecision:
    citation: FoundCitation
    target: str | None  # the document id, existing or new; None: not resolved
    new: dict | None = None  # the reference record to create
    ambiguous: tuple[str, ...] = ()  # candidate ids when it could be several
    warning: str | None = None  # Vietnamese, for the person reviewing


def resolve_citation(c: FoundCitation, index: Index, ctx: Context) -> CitationDecision:
    """Same number key + compatible issuer + same year => that record; laws by name + year."""
    if c.number is None or c.kind == "Luật":  # laws by name and year, even when numbered
        return _resolve_law(c, index)
    issuer = (
        resolve_issuer(c.issuer, index, ctx.locality)
        if c.issuer
        else issuer_from_symbol(c.number, index, ctx.locality)
    )
    year = c.number.year or (c.date.year if c.date else None)
    key = c.number.key
    same_number = [
        e
        for e in index.documents.values()
        if e.number is not None
        and not e.number.blank
        and e.number.key == key
        and e.id != ctx.document
    ]
    if year is not None:
        same_number = [e for e in same_number if e.year in (None, year)]
    if issuer.body is not None:
        hits = [e for e in same_number if e.issuer == issuer.body]
        if len(hits) == 1:
            warning = None
            if year is None:
                warning = f"«{c.quote}» không ghi ngày; khớp với {hits[0].id}, bản ghi duy nhất cùng số và cơ quan"
            elif issuer.inferred:
                warning = (
                    f"«{c.quote}» không ghi cơ quan ban hành; suy ra từ ký hiệu: {issuer.body}"
                )
            return CitationDecision(c, hits[0].id, warning=warning)
        if len(hits) > 1:
            return _ambiguous(c, hits, "cùng số, cùng cơ quan, không rõ năm")
        if year is None:
            return CitationDecision(
                c,
                None,
                warning=f"«{c.quote}» không ghi ngày, chưa có bản ghi: "
                "không tạo bản ghi mới khi không biết năm",
            )
        new = _reference(c, issuer.body, year, index)
        warning = (
            f"«{c.quote}» không ghi cơ quan ban hành; suy ra từ ký hiệu: {issuer.body}"
            if issuer.inferred
            else None
        )
        return CitationDecision(c, new["id"], new=new, warning=warning)
    if same_number:
        return _ambiguous(c, same_number, "cùng số nhưng không xác định được cơ quan ban hành")
    if issuer.candidates:
        return CitationDecision(
            c,
            None,
            ambiguous=issuer.candidates,
            # no issuer phrase: the candidates came from the number's symbol
            warning=f"«{c.quote}»: {f'«{c.issuer}»' if c.issuer else 'ký hiệu của số'} có thể là "
            + ", ".join(issuer.candidates)
            + "; chưa tạo bản ghi",
        )
    return CitationDecision(
        c,
        None,
        warning=f"«{c.quote}»: không xác định được cơ quan ban hành"
        + (f" «{c.issuer}»" if c.issuer else "")
        + f"; thêm cơ quan vào {ctx.bodies} rồi nhập lại",
    )


def _ambiguous(c: FoundCitation, hits: Iterable[DocEntry], why: str) -> CitationDecision:
    ids = tuple(sorted(e.id for e in hits))
    return CitationDecision(
        c,
        None,
        ambiguous=ids,
        warning=f"«{c.quote}» có thể là {', '.join(ids)} ({why}); không gộp, cần người chọn",
    )


def _law_key(name: str) -> str:
    """ "Luật Thi đua, Khen thưởng" and "thi đua khen thưởng" share a key."""
    return P.LAW_WORD.sub("", name_key(name))


def _resolve_law(c: FoundCitation, index: Index) -> CitationDecision:
    name = _law_key(c.name or "")
    year = c.year or (c.date.year if c.date else None)
    laws = [
        e
        for e in index.documents.values()
        if e.kind == "Luật" and e.name and _law_key(e.name) == name
    ]
    if year is not None:
        laws = [e for e in laws if e.year in (None, year)]
    if len(laws) == 1:
        return CitationDecision(c, laws[0].id)
    if len(laws) > 1:
        return _ambiguous(c, laws, "cùng tên luật, không rõ năm")
    body = resolve_issuer("Quốc hội", index, None).body
    if body is None:
        return CitationDecision(c, None, warning="chưa có cơ quan «Quốc hội» trong data/bodies/")
    law_name = f"Luật {(c.name or '')[:1].upper()}{(c.name or '')[1:]}"
    rid = slugify(law_name) + (f"-{year}" if year else "")
    record = {"id": rid, "kind": "Luật", "name": law_name, "issuer": body}
    if c.date is not None:
        record["date"] = c.date.iso()
    elif year is not None:
        record["date"] = str(year)
    index.add_document(DocEntry(rid, "Luật", body, None, year, law_name))
    return CitationDecision(c, rid, new=record)


KIND_SLUGS = {
    kind: slugify(kind)
    for kind in (
        "Luật",
        "Nghị quyết",
        "Nghị định",
        "Quyết định",
        "Chỉ thị",
        "Thông tư",
        "Kết luận",
        "Quy định",
        "Kế hoạch",
        "Chương trình",
        "Hướng dẫn",
        "Công văn",
        "Báo cáo",
        "Thông báo",
        "Đề án",
        "Tờ trình",
        "Phát động",
    )
}


def document_id(
    kind: str,
    number: DocNumber | None,
    year: int | None,
    issuer: str | None,
    index: Index,
    extra: str = "",
) -> str:
    """The id convention: `<kind>-<number>-<year>` for nationwide numbers
    ("nghi-dinh-98-2023-nd-cp", "chi-thi-05-ct-tw-2016"), with the locality
    appended for local ones ("chi-thi-01-ct-ubnd-2024-quy-nhon"); a blank
    number keeps its symbol ("cong-van-ubnd-nc-2023-tay-son")."""
    parts = [KIND_SLUGS.get(kind, slugify(kind))]
    if number is not None:
        parts.append(slugify(str(number)))
    if year is not None and not (number is not None and number.year):
        parts.append(str(year))
    if extra:
        parts.append(slugify(extra))
    body = index.bodies.get(issuer or "")
    if body is not None and body.level != "trung ương":
        parts.append(index.locality_slug(body.locality))
    return "-".join(p for p in parts if p)


def _reference(c: FoundCitation, issuer: str, year: int, index: Index) -> dict:
    rid = document_id(c.kind, c.number, year, issuer, index)
    existing = index.documents.get(rid)
    if existing is not None and existing.issuer != issuer:
        rid = f"{rid}-{slugify(issuer)}"
    record = {"id": rid, "kind": c.kind, "number": str(c.number), "issuer": issuer}
    record["date"] = c.date.iso() if c.date else str(year)
    index.add_document(DocEntry(rid, c.kind, issuer, c.number, year))
    return record
