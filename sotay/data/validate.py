"""Stage 2: raw records -> KnowledgeBase, or every problem found.

Two passes. The schema pass checks each file on its own against the
published JSON Schema (unknown or misspelt fields, types, enums, dates,
number shapes). The cross pass checks what one file cannot: ids that do not
exist, cycles in parents and successors, quotes missing from the text they
claim to quote, the same document recorded twice.
"""

from __future__ import annotations

import difflib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cache, partial
from importlib import resources
from typing import Any

import jsonschema
from referencing import Registry, Resource

from sotay.data.errors import Problem
from sotay.data.load import FOLDER_OF_KIND, RawRecord
from sotay.data.model import (
    Body,
    Campaign,
    Citation,
    Deadline,
    Document,
    KnowledgeBase,
    Locality,
    Mention,
    Signer,
    Target,
)
from sotay.text import patterns
from sotay.text.dates import DateError, PartialDate, Period
from sotay.text.folding import fold, slugify
from sotay.text.numbers import DocNumber

SCHEMA_FILES = {
    "document": "document.schema.json",
    "campaign": "campaign.schema.json",
    "body": "body.schema.json",
    "locality": "locality.schema.json",
    "deadline": "deadline.schema.json",
    "target": "target.schema.json",
}

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

KIND_VI = {
    "document": "văn bản",
    "campaign": "phong trào",
    "body": "cơ quan",
    "locality": "địa bàn",
    "deadline": "hạn",
    "target": "chỉ tiêu",
}

TYPE_VI = {
    "string": "chữ",
    "integer": "số nguyên",
    "number": "số",
    "array": "danh sách (mỗi mục một dòng bắt đầu bằng '- ')",
    "object": "nhóm trường con",
    "boolean": "true hoặc false",
    "null": "để trống",
}


# --- schema pass -----------------------------------------------------------


@cache
def schemas() -> dict[str, dict[str, Any]]:
    """The published JSON Schemas, by file name (shared defs included)."""
    folder = resources.files("sotay") / "schemas"
    return {
        entry.name: json.loads(entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".json")
    }


def _format_checker() -> jsonschema.FormatChecker:
    checker = jsonschema.FormatChecker()

    @checker.checks("partial-date", raises=DateError)
    def _partial_date(value: object) -> bool:
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            return True  # the type keyword reports it
        PartialDate.parse(value)
        return True

    @checker.checks("period", raises=DateError)
    def _period(value: object) -> bool:
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            return True
        Period.parse(value)
        return True

    @checker.checks("doc-number", raises=ValueError)
    def _doc_number(value: object) -> bool:
        if not isinstance(value, str):
            return True
        if DocNumber.parse(value) is None:
            raise ValueError(
                f"'{value}' không đúng dạng số, ký hiệu văn bản "
                '("2597/UBND-NV", "98/2023/NĐ-CP", "05-CT/TW", "/UBND-NC" khi chưa có số)'
            )
        return True

    return checker


@cache
def _validators() -> dict[str, jsonschema.protocols.Validator]:
    registry = Registry().with_resources(
        (name, Resource.from_contents(body)) for name, body in schemas().items()
    )
    checker = _format_checker()
    return {
        kind: jsonschema.Draft202012Validator(
            _inline_refs(schemas()[file], schemas()), registry=registry, format_checker=checker
        )
        for kind, file in SCHEMA_FILES.items()
    }


# --- fast gate ---------------------------------------------------------------
#
# jsonschema (pure Python) explains errors well but checks slowly: 4.5 s of a
# 10,000-document build, for records that are nearly all valid. jsonschema-rs
# (Rust) answers "valid or not" ~50x faster. It only answers that: a record it
# accepts has no schema problem; a record it rejects goes through jsonschema,
# which names every problem in the editor's words. So the gate must never
# accept what jsonschema rejects: it checks a schema *stricter* than the
# published one (see _strict), never a looser one.


def _accepts(parse: Callable[[Any], Any]) -> Callable[[str], bool]:
    def check(value: str) -> bool:
        try:
            return parse(value) is not None
        except (DateError, ValueError):
            return False
    return check


def _strict(node: Any) -> Any:
    """The schema with every formatted value made string-only.

    jsonschema-rs applies formats to strings only, while our format checks
    also judge integers (`date: 20245` is an integer and no date). Dropping
    "integer" from those types sends such records to jsonschema, which judges
    them; `date: 2024` costs one slow check, nothing more."""
    if isinstance(node, list):
        return [_strict(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _strict(value) for key, value in node.items() if key != "$id"}
    if "format" in out and isinstance(out.get("type"), list):
        out["type"] = [t for t in out["type"] if t != "integer"]
    return out


@cache
def _gates() -> dict[str, Any] | None:
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - the slow path alone is complete
        return None
    formats = {
        "partial-date": _accepts(PartialDate.parse),
        "period": _accepts(Period.parse),
        "doc-number": _accepts(DocNumber.parse),
    }
    return {
        kind: jsonschema_rs.validator_for(
            _strict(_inline_refs(schemas()[file], schemas())), formats=formats, validate_formats=True,
            ignore_unknown_formats=False,
        )
        for kind, file in SCHEMA_FILES.items()
    }


def _inline_refs(node: Any, files: dict[str, dict[str, Any]], depth: int = 0) -> Any:
    """The schema with every `"$ref": "_defs.json#/$defs/text"` replaced by the
    definition itself. jsonschema resolves a $ref through URL joins on every
    use: 230,000 look-ups and half of the validation time at 10,000
    documents. The published schemas keep their $refs (editors need them)."""
    if depth > 20:  # a definition that refers to itself: leave the $ref
        return node
    if isinstance(node, list):
        return [_inline_refs(item, files, depth) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _inline_refs(value, files, depth) for key, value in node.items()}
    ref = out.get("$ref")
    if not isinstance(ref, str) or "#/" not in ref:
        return out
    file, pointer = ref.split("#/", 1)
    target: Any = files.get(file) if file else None
    for part in pointer.split("/"):
        target = target.get(part) if isinstance(target, dict) else None
    if target is None:
        return out  # left for jsonschema to report
    resolved = _inline_refs(target, files, depth + 1)
    del out["$ref"]
    # {"$ref": ..., "description": ...}: the definition must hold as well
    return {**out, "allOf": [*out.get("allOf", []), resolved]} if out else resolved


def _field_name(path: Iterable[str | int]) -> str:
    """("citations", 2, "target") -> "citations[2].target" (lists counted from 1)."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _close(word: str, options: Iterable[str]) -> list[str]:
    options = list(options)
    by_fold = {fold(o): o for o in options}
    hits = difflib.get_close_matches(fold(word), list(by_fold), n=3, cutoff=0.6)
    return [by_fold[h] for h in hits]


def _schema_problems(record: RawRecord) -> list[Problem]:
    gate = _gates()
    if gate is not None and gate[record.kind].is_valid(record.data):
        return []
    validator = _validators()[record.kind]
    problems = []
    for error in validator.iter_errors(record.data):
        path = list(error.absolute_path)
        problems.extend(_explain(record, error, path))
    return problems


def _explain(record: RawRecord, error: Any, path: list[str | int]) -> list[Problem]:
    """A jsonschema error in words a data editor understands, with a hint."""
    keyword = error.validator
    field = _field_name(path)
    line = record.line_of(tuple(path))
    instance = error.instance

    def problem(message: str, hint: str = "", where: list[str | int] | None = None) -> Problem:
        at = path if where is None else where
        return Problem(record.path, record.line_of(tuple(at)), _field_name(at), message, hint)

    if keyword == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        out = []
        for key in sorted(set(instance) - set(allowed)):
            close = _close(key, allowed)
            hint = (
                f"có phải '{close[0]}'?"
                if close
                else "các trường được phép: " + ", ".join(allowed)
            )
            out.append(problem("trường không có trong lược đồ", hint, [*path, key]))
        return out
    if keyword == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        what = error.schema.get("properties", {}).get(missing, {}).get("description", "")
        return [
            Problem(
                record.path, line, _field_name([*path, missing]),
                "thiếu trường bắt buộc", f"thêm '{missing}: ...'" + (f" ({what})" if what else "")
            )
        ]
    if keyword == "type":
        wanted = error.validator_value
        wanted = [wanted] if isinstance(wanted, str) else wanted
        expected = " hoặc ".join(TYPE_VI.get(w, w) for w in wanted)
        got = TYPE_VI.get(_json_type(instance), _json_type(instance))
        hint = ""
        if "string" in wanted and isinstance(instance, (int, float)) and not isinstance(instance, bool):
            hint = f"đặt giá trị trong ngoặc kép: '{instance}'"
        if "array" in wanted and isinstance(instance, str):
            hint = f"viết thành danh sách:\n    {path[-1] if path else 'x'}:\n      - {instance}"
        if "string" in wanted and isinstance(instance, bool):
            # YAML 1.1 reads yes/no/on/off as true/false: "name: yes".
            hint = "YAML hiểu yes/no/on/off là đúng/sai; đặt giá trị trong ngoặc kép"
        if not hint:
            hint = f"sửa giá trị thành {expected}"
        return [problem(f"cần {expected}, nhưng đang là {got}", hint)]
    if keyword == "enum":
        options = [str(o) for o in error.validator_value]
        close = _close(str(instance), options)
        hint = f"có phải '{close[0]}'?" if close else ""
        return [problem(f"giá trị '{instance}' không hợp lệ; cần một trong: " + ", ".join(options), hint)]
    if keyword == "format":
        cause = str(error.cause) if error.cause else f"'{instance}' sai định dạng {error.validator_value}"
        hints = {
            "partial-date": "ngày viết dạng 2024-07-03; được thiếu ngày (2024-06) hoặc tháng (2024)",
            "period": "giai đoạn viết dạng 2021-2025, hoặc một năm: 2024",
            "doc-number": "chép đúng phần «Số:» trên văn bản; số chưa ghi thì viết \"/UBND-NC\"",
        }
        return [problem(cause, hints.get(error.validator_value, ""))]
    if keyword == "pattern":
        return [
            problem(
                f"'{instance}' không phải mã hợp lệ (chữ thường không dấu, số, gạch nối)",
                f"có phải '{slugify(str(instance))}'?" if slugify(str(instance)) else "",
            )
        ]
    if keyword == "minLength":
        return [problem("không được để trống", "điền giá trị hoặc xóa trường")]
    if keyword in ("minimum", "maximum"):
        return [problem(f"giá trị {instance} nằm ngoài khoảng cho phép ({keyword} {error.validator_value})")]
    if keyword == "maxLength":
        return [problem(f"dài quá {error.validator_value} ký tự")]
    return [problem(error.message)]


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


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


def _check_ids(records: list[RawRecord]) -> list[Problem]:
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


def _check_references(records: list[RawRecord], ids: dict[str, set[str]]) -> list[Problem]:
    problems = []
    for rec in records:
        for pattern, target_kind in REFERENCES[rec.kind]:
            for where, value in _values_at(rec.data, pattern):
                if not isinstance(value, str):
                    continue
                if target_kind == rec.kind and value == rec.id:
                    problems.append(
                        Problem(rec.path, rec.line_of(where), _field_name(where),
                                f"{KIND_VI[rec.kind]} trỏ tới chính nó", "sửa mã")
                    )
                    continue
                if value in ids[target_kind]:
                    continue
                close = _close(value, ids[target_kind])
                hint = (
                    f"có phải '{close[0]}'?"
                    if close
                    else f"tạo tệp data/{FOLDER_OF_KIND[target_kind]}/{value}.yaml hoặc sửa mã"
                )
                problems.append(
                    Problem(
                        rec.path, rec.line_of(where), _field_name(where),
                        f"không có {KIND_VI[target_kind]} '{value}' trong "
                        f"data/{FOLDER_OF_KIND[target_kind]}/",
                        hint,
                    )
                )
    return problems


def _check_chains(by_kind: dict[str, dict[str, RawRecord]]) -> list[Problem]:
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


def _check_quotes(by_kind: dict[str, dict[str, RawRecord]]) -> list[Problem]:
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
                        Problem(rec.path, rec.line_of(where), _field_name(where),
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
    return Problem(rec.path, rec.line_of(where), _field_name(where),
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


def _check_identity(docs: dict[str, RawRecord]) -> list[Problem]:
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


def _check_deadlines(deadlines: dict[str, RawRecord]) -> list[Problem]:
    return [
        Problem(rec.path, 1, "date", "hạn không có ngày cũng không có hạn tương đối",
                "thêm 'date: YYYY-MM-DD' hoặc 'relative: \"trong 10 ngày làm việc\"'")
        for rec in deadlines.values()
        if "date" not in rec.data and "relative" not in rec.data
    ]


# --- model -----------------------------------------------------------------


def _date(value: Any) -> PartialDate | None:
    return PartialDate.parse(value) if value is not None else None


def _tuple(value: Any) -> tuple:
    return tuple(value or ())


def _build(rec: RawRecord) -> Any:
    d = rec.data
    if rec.kind == "locality":
        return Locality(
            rec.id, d["name"], d["type"], d["level"], d.get("parent"), _tuple(d.get("abbreviations")),
            _date(d.get("valid_from")), _date(d.get("valid_until")), d.get("successor"), d.get("note"),
        )
    if rec.kind == "body":
        return Body(
            rec.id, d["name"], d["level"], d["locality"], _tuple(d.get("abbreviations")), d.get("parent"),
            _date(d.get("valid_from")), _date(d.get("valid_until")), d.get("successor"), d.get("note"),
        )
    if rec.kind == "document":
        signer = Signer(**d["signer"]) if d.get("signer") else None
        return Document(
            id=rec.id, kind=d["kind"], issuer=d["issuer"],
            number=DocNumber.parse(d["number"]) if d.get("number") else None,
            name=d.get("name"), date=_date(d.get("date")), place=d.get("place"), signer=signer,
            recipients=_tuple(d.get("recipients")), distribution=_tuple(d.get("distribution")),
            subject=d.get("subject"), status=d.get("status", "đã ban hành"), source=d.get("source"),
            note=d.get("note"), text=d.get("text"),
            citations=tuple(
                Citation(rec.id, c["target"], c["role"], c.get("quote"), c.get("footnote"))
                for c in d.get("citations", ())
            ),
            campaigns=tuple(
                Mention(rec.id, m["campaign"], m.get("role", "nhắc đến"), m.get("quote"), m.get("footnote"))
                for m in d.get("campaigns", ())
            ),
        )
    if rec.kind == "campaign":
        return Campaign(
            rec.id, d["name"], d["kind"], d["level"], _tuple(d.get("aliases")), d.get("locality"),
            Period.parse(d["period"]) if d.get("period") is not None else None, d.get("launcher"),
            d.get("launched_by"), d.get("adapts"), d.get("parent"), d.get("description"),
            bool(d.get("review", False)), d.get("note"),
        )
    if rec.kind == "deadline":
        return Deadline(
            rec.id, d["source"], d["action"], _date(d.get("date")), d.get("actor"), d.get("recipient"),
            d.get("recipient_body"), d.get("quote"), d.get("recurrence"), d.get("relative"),
            _tuple(d.get("campaigns")), d.get("note"),
        )
    return Target(
        rec.id, d["source"], d["text"], d["value"], d.get("unit", "%"), d.get("comparison", "bằng"),
        d.get("subject"), d.get("indicator"), _tuple(d.get("campaigns")), d.get("year"), d.get("note"),
    )


def prepare(record: RawRecord) -> None:
    """The part of validate() that depends on `record` alone, done ahead and
    kept in its memo: load() runs it in its worker processes during a full
    build, so both cores share it. The model object is built whenever the
    schema passes; validate() uses it only if the whole run has no error."""
    if record.broken:
        return
    problems = record.remember("schema", partial(_schema_problems, record))
    if not any(p.is_error for p in problems):
        record.remember("model", partial(_build, record))


def validate(
    records: list[RawRecord],
    *,
    extra_checks: Iterable[Callable[[dict[str, dict[str, RawRecord]]], list[Problem]]] = (),
) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Check every record; the knowledge base when no error was found.

    Returns every problem (errors and warnings) in either case, so one run
    shows the editor everything to fix.
    """
    problems: list[Problem] = []
    problems += _check_ids(records)
    for rec in records:
        if not rec.broken:
            problems += rec.remember("schema", partial(_schema_problems, rec))

    by_kind: dict[str, dict[str, RawRecord]] = defaultdict(dict)
    for rec in records:
        by_kind[rec.kind].setdefault(rec.id, rec)
    ids = {kind: set(by_kind[kind]) for kind in SCHEMA_FILES}
    problems += _check_references(records, ids)
    problems += _check_chains(by_kind)
    problems += _check_quotes(by_kind)
    problems += _check_identity(by_kind["document"])
    problems += _check_deadlines(by_kind["deadline"])
    for check in extra_checks:
        problems += check(by_kind)

    problems = sorted(set(problems))
    if any(p.is_error for p in problems) or any(rec.broken for rec in records):
        return None, problems  # load() reported why the broken ones broke

    built: dict[str, dict[str, Any]] = {kind: {} for kind in SCHEMA_FILES}
    for rec in records:
        built[rec.kind][rec.id] = rec.remember("model", partial(_build, rec))  # no error: nothing is broken
    kb = KnowledgeBase(
        localities=built["locality"],
        bodies=built["body"],
        documents=built["document"],
        campaigns=built["campaign"],
        deadlines=built["deadline"],
        targets=built["target"],
        paths={(rec.kind, rec.id): rec.path for rec in records},
    )
    return kb, problems
