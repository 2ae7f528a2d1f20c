"""Stage 2, data: the YAML files of data/ -> a validated KnowledgeBase.

Takes a data folder; gives a KnowledgeBase (model.py: frozen records of
documents, campaigns, bodies, localities, deadlines, targets) or a DataError
listing every problem of the run, each naming its file, line and field.

- load.py: files -> raw records (parallel, cached between serve rebuilds);
- validate.py: raw records -> KnowledgeBase, against the JSON Schemas in
  sotay/schemas/ and the cross-record rules (every id a citation names exists...);
- model.py: the records; errors.py: Problem and DataError;
- yamlio.py: writing records back as YAML (the importer);
- schemadoc.py: the schemas as field tables (README, the site's data page);
- registry.py: the country's administrative units, both sides of 1 July
  2025, from the vietnamadminunits package (not yet joined to the records).

The schemas stay in sotay/schemas/, not here: it is a published path, named
by every record's editor modeline ("# yaml-language-server:
$schema=../../sotay/schemas/body.schema.json") and by .vscode/settings.json.
"""

from __future__ import annotations

from pathlib import Path

from sotay.data.errors import DataError, Problem
from sotay.data.load import LoadCache, load
from sotay.data.model import KnowledgeBase
from sotay.data.validate import prepare as prepare_record
from sotay.data.validate import validate

__all__ = ["DataError", "KnowledgeBase", "LoadCache", "Problem", "load", "load_knowledge_base", "validate"]


def load_knowledge_base(data_dir: Path, cache: LoadCache | None = None,
                        workers: int = 1) -> tuple[KnowledgeBase, list[Problem]]:
    """Load and validate; raises DataError listing every error of the run.
    With `workers` > 1 the files are read and checked one by one in that
    many processes (load.load), the checks across records in this one."""
    records, problems = load(Path(data_dir), cache, workers=workers, prepare=prepare_record)
    kb, more = validate(records)
    problems = sorted(set(problems + more))
    if kb is None or any(p.is_error for p in problems):
        raise DataError(problems)
    return kb, problems
