"""Validation: raw records -> KnowledgeBase, or every problem found.

Two passes (schema_check.py, cross_check.py). The schema pass checks each file on its own against the
published JSON Schema (unknown or misspelt fields, types, enums, dates,
number shapes). The cross pass checks what one file cannot: ids that do not
exist, cycles in parents and successors, quotes missing from the text they
claim to quote, the same document recorded twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from sotay.data import cross_check
from sotay.data.errors import Problem
from sotay.data.load import RawRecord
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
from sotay.data.schema_check import SCHEMA_FILES, schema_problems
from sotay.text.dates import PartialDate, Period
from sotay.text.numbers import DocNumber

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
    problems = record.remember("schema", partial(schema_problems, record))
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
    problems += cross_check.check_ids(records)
    for rec in records:
        if not rec.broken:
            problems += rec.remember("schema", partial(schema_problems, rec))

    by_kind: dict[str, dict[str, RawRecord]] = defaultdict(dict)
    for rec in records:
        by_kind[rec.kind].setdefault(rec.id, rec)
    ids = {kind: set(by_kind[kind]) for kind in SCHEMA_FILES}
    problems += cross_check.check_references(records, ids)
    problems += cross_check.check_chains(by_kind)
    problems += cross_check.check_quotes(by_kind)
    problems += cross_check.check_identity(by_kind["document"])
    problems += cross_check.check_deadlines(by_kind["deadline"])
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
