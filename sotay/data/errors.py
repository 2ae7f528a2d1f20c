"""The project's error type: every problem of a run, each with file, line, field, cause."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the data, located precisely enough to fix it.

    Rendered as ``path:line: field: cause`` (the format compilers use, so
    editors and CI logs make it clickable), then the hint on its own line:

        data/documents/x.yaml:7: issuer: không có cơ quan 'ubnd-tp-qn' trong data/bodies/
          gợi ý: có phải 'ubnd-thanh-pho-quy-nhon'?
    """

    path: str
    line: int | None
    field: str
    message: str
    hint: str = ""
    severity: str = "lỗi"  # "lỗi" stops the build; "cảnh báo" does not

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        head = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        if self.severity != "lỗi":
            head = f"{head} [{self.severity}]"
        return f"{head}\n  gợi ý: {self.hint}" if self.hint else head

    @property
    def is_error(self) -> bool:
        return self.severity == "lỗi"

    def sort_key(self) -> tuple:
        """File, then line (problems of a whole file first), then field."""
        return (self.path, self.line or 0, self.field, self.message)

    def __lt__(self, other: Problem) -> bool:
        return self.sort_key() < other.sort_key()


class DataError(Exception):
    """Raised when the knowledge base has errors; carries all of them."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        errors = [p for p in self.problems if p.is_error]
        lines = [f"Dữ liệu có {len(errors)} lỗi, chưa xây dựng trang (trang cũ được giữ nguyên):"]
        lines += [str(p) for p in self.problems]
        return "\n".join(lines)
