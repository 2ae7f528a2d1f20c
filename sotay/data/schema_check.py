"""The schema pass of validation: each record on its own against the
published JSON Schema (sotay/schemas/): unknown or misspelt fields, types,
enums, dates, number shapes, each problem in words a data editor
understands ("trường 'period': cần dạng YYYY-YYYY, gặp '2021 đến 2025'").

A fast gate (jsonschema-rs, yes or no) passes the good records; only a
failing one goes through jsonschema for its detailed messages.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
from referencing import Registry, Resource

from sotay.data.errors import Problem
from sotay.data.load import RawRecord
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


def field_name(path: Iterable[str | int]) -> str:
    """("citations", 2, "target") -> "citations[2].target" (lists counted from 1)."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def similar_names(word: str, options: Iterable[str]) -> list[str]:
    options = list(options)
    by_fold = {fold(o): o for o in options}
    hits = difflib.get_close_matches(fold(word), list(by_fold), n=3, cutoff=0.6)
    return [by_fold[h] for h in hits]


def schema_problems(record: RawRecord) -> list[Problem]:
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
    field = field_name(path)
    line = record.line_of(tuple(path))
    instance = error.instance

    def problem(message: str, hint: str = "", where: list[str | int] | None = None) -> Problem:
        at = path if where is None else where
        return Problem(record.path, record.line_of(tuple(at)), field_name(at), message, hint)

    if keyword == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        out = []
        for key in sorted(set(instance) - set(allowed)):
            close = similar_names(key, allowed)
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
                record.path, line, field_name([*path, missing]),
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
        close = similar_names(str(instance), options)
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
