"""The package's layout is the pipeline: these tests keep it so.

A stage imports only from the stages before it (text < sources < data <
extract < resolve < graph < outputs < site < the root's build, serve and
command line); no module imports MkDocs but hooks/; no import cycle; each stage
says in its __init__ what it takes and gives; modules stay readable in one
sitting (a longer one says why in its docstring).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "sotay"
# Stage -> rank; a module may import from its own rank or a lower one.
STAGES = {
    "text": 0,
    "sources": 1,
    "data": 2,
    "extract": 3,
    "resolve": 4,
    "graph": 5,
    "outputs": 6,
    "site": 7,
}
ROOT_RANK = 8  # sotay/__init__.py, pipeline.py, serve.py, cli...
MAX_LINES = 500


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _rank(module: str) -> int:
    parts = module.split(".")
    if len(parts) >= 2 and parts[1] in STAGES:
        return STAGES[parts[1]]
    return ROOT_RANK


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every sotay or mkdocs import, resolved to a module of
    the package where it names one ("from sotay.text import patterns" is
    sotay.text.patterns)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                pytest.fail(
                    f"{path.relative_to(ROOT)}:{node.lineno}: relative import; "
                    "the package imports absolutely (from sotay.<stage>...)"
                )
            base = node.module or ""
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.append((node.lineno, sub if sub in MODULES else base))
    return [(line, m) for line, m in found if m.split(".")[0] in ("sotay", "mkdocs")]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_stage_imports_only_from_the_stages_before_it(module):
    path = MODULES[module]
    for line, imported in _imports(path):
        where = f"{path.relative_to(ROOT)}:{line}"
        assert not imported.startswith("mkdocs"), (
            f"{where}: the package never imports MkDocs (hooks/ does)"
        )
        assert _rank(imported) <= _rank(module), (
            f"{where}: {module} imports {imported}, a later stage"
        )


def test_no_import_cycle():
    graph = {m: {i for _, i in _imports(p) if i in MODULES and i != m} for m, p in MODULES.items()}
    # A package's __init__ importing its own modules is not a cycle of stages,
    # but a module importing its package's __init__ back would be: keep both.
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                cycle = stack[stack.index(n) :] + [n]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if n not in state:
                visit(n)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_each_stage_says_what_it_takes_and_gives(stage):
    init = PACKAGE / stage / "__init__.py"
    doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
    assert "Takes" in doc and ("gives" in doc or "Gives" in doc), (
        f"{init.relative_to(ROOT)}: docstring"
    )
    assert len(init.read_text(encoding="utf-8").splitlines()) <= 60, (
        f"{init.relative_to(ROOT)}: keep it short"
    )


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_stay_readable_in_one_sitting(module):
    path = MODULES[module]
    lines = len(path.read_text(encoding="utf-8").splitlines())
    if lines <= MAX_LINES:
        return
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    assert "Longer than" in doc, (
        f"{path.relative_to(ROOT)}: {lines} lines; split it by what it does, "
        f'or say in its docstring why not ("Longer than {MAX_LINES} lines: ...")'
    )


def test_the_hook_is_the_only_adapter_and_imports_no_private_names():
    hook = ROOT / "hooks" / "sotay_mkdocs.py"
    tree = ast.parse(hook.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sotay"):
            for alias in node.names:
                assert not alias.name.startswith("_"), (
                    f"hooks/: imports private {node.module}.{alias.name}"
                )


CONTRIBUTING = ROOT / "docs" / "dong-gop.md"


def _named_paths(text: str) -> set[str]:
    """Paths of the project a page names in backticks: `sotay/site/matrix.py`,
    `sotay/text/`, `bench/same_output.py`."""
    import re

    return set(re.findall(r"`((?:sotay|bench|scripts|tests|hooks|docs|data)/[\w./-]*)`", text))


def test_the_contributors_page_names_every_module_and_nothing_that_is_gone():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    named = _named_paths(text)
    for module, path in MODULES.items():
        rel = path.relative_to(ROOT).as_posix()
        if path.name == "__init__.py" and module.count(".") == 1 and module.split(".")[1] in STAGES:
            rel = rel[: -len("__init__.py")]  # a stage is named by its folder: `sotay/text/`
        if rel == "sotay/__init__.py":
            continue
        assert rel in named, f"docs/dong-gop.md: {rel} is not described"
    for rel in sorted(named):
        assert (ROOT / rel).exists(), f"docs/dong-gop.md names {rel}, which does not exist"


def test_the_contributors_page_gives_the_stages_in_their_order():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| ") and "`sotay/" in line]
    listed = [line.split("`sotay/")[1].split("/`")[0] for line in rows]
    assert listed == sorted(STAGES, key=STAGES.get)


def test_the_readme_structure_lists_every_stage_and_nothing_that_is_gone():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Cấu trúc") :]
    table = table[: table.index("\n\n", table.index("| Thư mục"))]
    named = _named_paths(table)
    for stage in STAGES:
        assert f"sotay/{stage}/" in named, f"README.md, Cấu trúc: sotay/{stage}/ missing"
    for rel in sorted(named):
        assert (ROOT / rel).exists(), f"README.md, Cấu trúc: {rel} does not exist"
    rows = [line.split("`")[1] for line in table.splitlines() if line.startswith("| `")]
    tops = {
        p.name + "/"
        for p in ROOT.iterdir()
        if p.is_dir()
        and not p.name.startswith(".")
        and p.name not in ("site", "site-builds", "__pycache__")
        and not p.name.endswith(".egg-info")
    }
    assert tops <= set(rows), f"README.md, Cấu trúc: folders missing: {sorted(tops - set(rows))}"
