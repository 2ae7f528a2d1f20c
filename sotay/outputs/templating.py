"""What the pipeline hands a site builder, and the Jinja environment of
every template (the site's pages and the handbook alike).

A Page is Markdown at a source path ("van-ban/chi-thi-05-ct-tw-2016.md"), an
Asset bytes at a published path ("han/tat-ca.ics"): any builder can take
them (MkDocs today, through hooks/). The templates live in the package's
`templates/` folder, beside `schemas/`: both are package data.
"""

from __future__ import annotations

from dataclasses import dataclass

import jinja2

from sotay.text.dates import vi_date


@dataclass(frozen=True)
class Page:
    uri: str  # source path, "van-ban/chi-thi-05-ct-tw-2016.md"
    content: str


@dataclass(frozen=True)
class Asset:
    uri: str  # "du-lieu/schema/document.schema.json"
    content: bytes


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the life of the process. Each
    render makes its own Environment (its globals are that render's graph),
    and compiling the ~40 templates again cost ~0.4 s of every `mkdocs
    serve` rebuild. Jinja keys a bucket by template name and source
    checksum, so an edited template is compiled afresh. One cache serves
    environments of one set of options (sotay.serve keeps another for the theme's)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = CompiledTemplates()


def template_environment() -> jinja2.Environment:
    """The Jinja environment of every template (pages and handbook): one set
    of options, since the compiled-template cache is keyed by template
    source only, not by these."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("sotay", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        bytecode_cache=_COMPILED,
    )
    env.filters["vi_date"] = vi_date
    env.filters["capitalize_first"] = lambda s: s[:1].upper() + s[1:]
    return env


def compile_templates() -> None:
    """Compile every page template into this process's cache now. After a
    parallel render the templates were compiled in the forked workers only;
    `mkdocs serve` calls this once after its first build, so the first edit
    does not pay for compiling them (~0.4 s)."""
    env = template_environment()
    for name in env.list_templates(filter_func=lambda n: n.endswith(".j2") and "/" not in n):
        env.get_template(name)
