"""The data format, read from the published schemas (for the site and the README)."""

from __future__ import annotations

from typing import Any

from sotay.data.load import FOLDER_OF_KIND
from sotay.data.schema_check import SCHEMA_FILES, schemas

_TYPES = {"string": "chữ", "null": "để trống", "object": "nhóm trường con", "integer": "số nguyên",
          "number": "số", "boolean": "true hoặc false", "array": "danh sách"}


def field_tables() -> list[dict[str, Any]]:
    """Field tables for the data-format page, read from the schemas themselves."""
    defs = schemas()["_defs.json"]["$defs"]
    out = []
    for kind, file in SCHEMA_FILES.items():
        schema = schemas()[file]
        rows = []
        for name, prop in schema["properties"].items():
            rows.append(field_row(name, prop, defs, name in schema.get("required", ())))
            items = prop.get("items", {})
            for sub, sub_prop in items.get("properties", {}).items():
                rows.append(field_row(f"{name}[].{sub}", sub_prop, defs, sub in items.get("required", ())))
            for sub, sub_prop in prop.get("properties", {}).items():
                rows.append(field_row(f"{name}.{sub}", sub_prop, defs, sub in prop.get("required", ())))
        out.append({"kind": kind, "file": file, "title": schema["title"], "folder": FOLDER_OF_KIND[kind],
                    "description": schema.get("description", ""), "rows": rows})
    return out


def field_row(name: str, prop: dict[str, Any], defs: dict[str, Any], required: bool) -> dict[str, Any]:
    ref = prop.get("$ref", "")
    base = defs.get(ref.rsplit("/", 1)[-1], {}) if ref else {}
    merged = {**base, **prop}
    kind = merged.get("type", "")
    kind = [_TYPES.get(k, k) for k in kind] if isinstance(kind, list) else _TYPES.get(kind, kind)
    if "enum" in merged:
        kind = "một trong: " + ", ".join(str(v) for v in merged["enum"])
    elif isinstance(kind, list):
        kind = " hoặc ".join(kind)
    if ref.endswith("/id"):
        kind = "mã bản ghi"
    elif ref.endswith("/partialDate"):
        kind = "ngày (YYYY, YYYY-MM, YYYY-MM-DD)"
    elif ref.endswith("/period"):
        kind = "giai đoạn (2021-2025)"
    elif ref.endswith("/texts"):
        kind = "danh sách chữ"
    elif ref.endswith("/text"):
        kind = "chữ"
    return {
        "name": name,
        "type": kind,
        "required": required,
        "description": prop.get("description") or base.get("description", ""),
    }




def markdown() -> str:
    """The README's data-format section: one table per kind of record."""
    out = []
    for table in field_tables():
        out.append(f"### {table['title']} — `data/{table['folder']}/`, `{table['file']}`\n")
        out.append(f"{table['description']}\n")
        out.append("| Trường | Bắt buộc | Kiểu | Ý nghĩa |")
        out.append("|---|---|---|---|")
        for r in table["rows"]:
            cells = [f"`{r['name']}`", "có" if r["required"] else "", r["type"], r["description"]]
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
