"""The cross pass of validation: what one file cannot tell. Ids that do not
exist ("citations[2].target: không có văn bản 'chi-thi-05-ct-tw-2061'"),
cycles in parents and successors, quotes missing from the text they claim
to quote, the same document recorded twice, deadlines that contradict
themselves.
"""

from __future__ import annotations

import difflib
from typing import Any

from sotay.data.errors import Problem
from sotay.data.load import FOLDER_OF_KIND, RawRecord
from sotay.data.schema_check import KIND_VI, field_name, similar_names
from sotay.text import patterns
from sotay.text.folding import fold, slugify
from sotay.text.numbers import DocNumber

# Which fields point at which kind of record: (kind, path pattern) -> target
# kind. "*" stands for every item of a list.
REFERENCES: dict[str, list[tuple[tuple[str, ...], str]]] = {
    "document": [
        (("issuer",), "body"),
        (("citations", "*", "target"), "document"),
        (("campaigns", "*", "campaign"), "campaign"),
    ],
    "campaign": [
        (("locality",), "locality"),
        (("launcher",), "body"),
        (("launched_by",), "document"),
        (("adapts",), "campaign"),
        (("parent",), "campaign"),
    ],
    "body": [(("locality",), "locality"), (("parent",), "body"), (("successor",), "body")],
    "locality": [(("parent",), "locality"), (("successor",), "locality")],
    "deadline": [
        (("source",), "document"),
        (("recipient_body",), "body"),
        (("campaigns", "*"), "campaign"),
    ],
    "target": [(("source",), "document"), (("campaigns", "*"), "campaign")],
}

# Chains that must not loop: kind -> fields followed.
CHAINS = {
    "locality": ("parent", "successor"),
    "body": ("parent", "successor"),
    "campaign": ("parent", "adapts"),
}

# --- cross pass ------------------------------------------------------------


def _values_at(data: Any, pattern: tuple[str, ...], where: tuple = ()) -> list[tuple[tuple, Any]]:
    """Values at a path pattern, with their concrete paths ("*" = each list item)."""
    if not pattern:
        return [(where, data)]
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        if not isinstance(data, list):
            return []
        out = []
        for i, item in enumerate(data):
            out += _values_at(item, rest, (*where, i))
        return out
    if isinstance(data, dict) and head in data:
        return _values_at(data[head], rest, (*where, head))
    return []


def check_ids(records: list[RawRecord]) -> list[Problem]:
    problems = []
    seen: dict[tuple[str, str], RawRecord] = {}
    for rec in records:
        if not patterns.RECORD_ID.match(rec.id):
            slug = slugify(rec.id) or "ma-ban-ghi"
            # "Đà-Nẵng.yaml" beside "da-nang.yaml": both would be one URL.
            clash = any(r.kind == rec.kind and r.id == slug for r in records)
            problems.append(
                Problem(
                    rec.path, None, "",
                    f"tên tệp '{rec.id}' không dùng được làm mã (chỉ chữ thường không dấu, số, gạch nối)"
                    + (f"; bỏ dấu thì trùng mã '{slug}' đã có" if clash else ""),
                    f"gộp vào tệp '{slug}.yaml'" if clash else f"đổi tên tệp thành '{slug}.yaml'",
                )
            )
        key = (rec.kind, rec.id)
        if key in seen:
            problems.append(
                Problem(
                    rec.path, None, "",
                    f"mã '{rec.id}' trùng với {seen[key].path}",
                    "mỗi mã chỉ có một tệp; xóa hoặc đổi tên một trong hai",
                )
            )
        else:
            seen[key] = rec
    return problems


def check_references(records: list[RawRecord], ids: dict[str, set[str]]) -> list[Problem]:
    problems = []
    for rec in records:
        for pattern, target_kind in REFERENCES[rec.kind]:
            for where, value in _values_at(rec.data, pattern):
                if not isinstance(value, str):
                    continue
                if target_kind == rec.kind and value == rec.id:
                    problems.append(
                        Problem(rec.path, rec.line_of(where), field_name(where),
                                f"{KIND_VI[rec.kind]} trỏ tới chính nó", "sửa mã")
                    )
                    continue
                if value in ids[target_kind]:
                    continue
                similar = similar_names(value, ids[target_kind])
                hint = (
                    f"có phải '{similar[0]}'?"
                    if similar
                    else f"tạo tệp data/{FOLDER_OF_KIND[target_kind]}/{value}.yaml hoặc sửa mã"
                )
                problems.append(
                    Problem(
                        rec.path, rec.line_of(where), field_name(where),
                        f"không có {KIND_VI[target_kind]} '{value}' trong "
                        f"data/{FOLDER_OF_KIND[target_kind]}/",
                        hint,
                    )
                )
    return problems


def check_chains(by_kind: dict[str, dict[str, RawRecord]]) -> list[Problem]:
    """Cycles in parent / successor / adapts: a -> b -> a can never be displayed."""
    problems = []
    for kind, fields in CHAINS.items():
        records = by_kind[kind]
        for fld in fields:
            reported: set[str] = set()
            for start in records:
                trail = [start]
                current = start
                while True:
                    nxt = records[current].data.get(fld) if current in records else None
                    if not isinstance(nxt, str) or nxt not in records:
                        break
                    if nxt in trail:
                        cycle = trail[trail.index(nxt):]
                        if not reported.intersection(cycle):
                            reported.update(cycle)
                            rec = records[cycle[0]]
                            problems.append(
                                Problem(
                                    rec.path, rec.line_of((fld,)), fld,
                                    "vòng lặp: " + " → ".join([*cycle, nxt]),
                                    f"một {KIND_VI[kind]} không thể là {fld} của chính nó qua các bước; "
                                    "sửa một mắt xích",
                                )
                            )
                        break
                    trail.append(nxt)
                    current = nxt
    return problems


def check_quotes(by_kind: dict[str, dict[str, RawRecord]]) -> list[Problem]:
    """Quotes must be verbatim in the text they link into."""
    problems = []
    docs = by_kind["document"]
    for rec in docs.values():
        text = rec.data.get("text")
        for list_field in ("citations", "campaigns"):
            items = rec.data.get(list_field)
            if not isinstance(items, list):
                continue
            for i, item in enumerate(items):
                quote = item.get("quote") if isinstance(item, dict) else None
                if not isinstance(quote, str):
                    continue
                where = (list_field, i, "quote")
                if not isinstance(text, str):
                    problems.append(
                        Problem(rec.path, rec.line_of(where), field_name(where),
                                "văn bản không có toàn văn (text) nên không trích dẫn tại chỗ được",
                                "xóa 'quote' hoặc thêm toàn văn")
                    )
                elif quote not in text:
                    problems.append(_missing_quote(rec, where, quote, text))
    for kind, quote_field in (("deadline", "quote"), ("target", "text")):
        for rec in by_kind[kind].values():
            quote, source = rec.data.get(quote_field), rec.data.get("source")
            if not isinstance(quote, str) or source not in docs:
                continue
            text = docs[source].data.get("text")
            if isinstance(text, str) and quote not in text:
                problems.append(_missing_quote(rec, (quote_field,), quote, text))
    return problems


def _missing_quote(rec: RawRecord, where: tuple, quote: str, text: str) -> Problem:
    # Point at the closest passage so a typo ("05/CT-TW" for "05/CT - TW")
    # is a glance away.
    hint = "chép đúng từng ký tự từ toàn văn"
    if fold(quote) in fold(text):
        hint = "có đoạn giống nhưng khác dấu hoặc chữ hoa; chép đúng từng ký tự từ toàn văn"
    else:
        window, step = len(quote), max(1, len(quote) // 4)

        def score(i: int) -> float:
            return difflib.SequenceMatcher(None, text[i : i + window], quote).ratio()

        coarse = max(range(0, max(1, len(text) - window + 1), step), key=score, default=0)
        fine = range(max(0, coarse - step), min(len(text), coarse + step + 1))
        start = max(fine, key=score, default=coarse)
        best = text[start : start + window]
        if best:
            hint = f"đoạn gần nhất trong toàn văn: «{best.strip()}»"
    return Problem(rec.path, rec.line_of(where), field_name(where),
                   f"không tìm thấy đoạn trích «{quote}» trong toàn văn", hint)


def _identity(data: dict[str, Any]) -> tuple | None:
    """Who a document is: number + issuer + year; laws by name + date.

    "Chỉ thị số 05-CT/TW" and "Chỉ thị 05/CT - TW" share the key (spelling
    does not matter); "01/CT-UBND" of Quy Nhơn 2024 and of Tây Sơn 2023 do
    not (administrative numbers restart every year and per issuer).
    """
    number = DocNumber.parse(data["number"]) if isinstance(data.get("number"), str) else None
    year = str(data.get("date", ""))[:4] or None
    if number is not None and not number.blank:
        return ("number", number.key, data.get("issuer"), number.year or year)
    if number is None and isinstance(data.get("name"), str):
        return ("name", fold(data["name"]), data.get("issuer"), year)
    return None


def check_identity(docs: dict[str, RawRecord]) -> list[Problem]:
    problems = []
    first: dict[tuple, RawRecord] = {}
    for rec in docs.values():
        key = _identity(rec.data)
        if key is None:
            continue
        if key in first:
            problems.append(
                Problem(
                    rec.path, rec.line_of(("number",) if key[0] == "number" else ("name",)),
                    "number" if key[0] == "number" else "name",
                    f"cùng một văn bản với {first[key].path} (trùng số, cơ quan ban hành và năm)",
                    f"gộp hai bản ghi vào '{first[key].id}' và sửa các trích dẫn trỏ tới '{rec.id}'",
                )
            )
        else:
            first[key] = rec
    return problems


def check_deadlines(deadlines: dict[str, RawRecord]) -> list[Problem]:
    return [
        Problem(rec.path, 1, "date", "hạn không có ngày cũng không có hạn tương đối",
                "thêm 'date: YYYY-MM-DD' hoặc 'relative: \"trong 10 ngày làm việc\"'")
        for rec in deadlines.values()
        if "date" not in rec.data and "relative" not in rec.data
    ]
