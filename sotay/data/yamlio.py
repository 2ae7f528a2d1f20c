"""Writing records as reviewable YAML (the reading side lives in load.py)."""

from __future__ import annotations

from typing import Any

import yaml


class _RecordDumper(yaml.SafeDumper):
    """Block style; multi-line strings as literal blocks so a document's text
    reads in a diff as it reads on paper."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_RecordDumper.add_representer(str, _represent_str)


def dump_record(record: dict[str, Any], schema_ref: str | None = None) -> str:
    """YAML text of one record, keys in the given order, Unicode kept.

    `schema_ref` adds the modeline that lets editors (VS Code YAML, JetBrains)
    check and complete the file against its published schema.
    """
    body = yaml.dump(
        record,
        Dumper=_RecordDumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )
    head = f"# yaml-language-server: $schema={schema_ref}\n" if schema_ref else ""
    return head + body
