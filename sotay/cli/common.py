"""What every subcommand shares: argparse speaking Vietnamese, the project folder.

argparse writes its own words in English ("usage:", "options:", "show this
help message and exit", "the following arguments are required: ..."). The
staff who run `sotay` read Vietnamese only, so `Parser` and `Formatter` give
those words in Vietnamese: the usage prefix and group titles are set, `-h`
is our own, and the error messages argparse has already formatted are
translated in `error()` (`translate`), one pattern per message argparse can
give a user. A message no pattern knows is printed as it is.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import NoReturn

# The project folder (mkdocs.yml, data/, site/): the one holding the package,
# as the editable install `make` does (`pip install -e .`) leaves it.
PROJECT = Path(__file__).resolve().parents[2]

USAGE = "Cách dùng: "
POSITIONALS = "tham số"
OPTIONALS = "tùy chọn"
HELP = "hiện trợ giúp này rồi thoát"

# argparse's words for the value an option lacks: "expected one argument"...
_VALUE = [
    (r"expected one argument", "cần một giá trị"),
    (r"expected at most one argument", "cần nhiều nhất một giá trị"),
    (r"expected at least one argument", "cần ít nhất một giá trị"),
    (r"expected (\d+) arguments?", r"cần \1 giá trị"),
    (r"invalid choice: (.*) \(choose from (.*)\)", r"không có lựa chọn \1 (chọn một trong: \2)"),
    (r"invalid int value: (.*)", r"\1 không phải số nguyên"),
    (r"invalid float value: (.*)", r"\1 không phải số"),
    (r"invalid \S+ value: (.*)", r"giá trị không hợp lệ: \1"),
    (r"not allowed with argument (.*)", r"không dùng được cùng với \1"),
    (r"ignored explicit argument (.*)", r"không nhận giá trị \1"),
    (r"unknown parser (.*) \(choices: (.*)\)", r"không có lệnh \1 (các lệnh: \2)"),
]

# Whole messages, as they reach ArgumentParser.error().
_MESSAGE = [
    (r"the following arguments are required: (.*)", r"thiếu tham số bắt buộc: \1"),
    (r"one of the arguments (.*) is required", r"cần một trong các tham số: \1"),
    (r"unrecognized arguments: (.*)", r"không hiểu tham số: \1"),
    (r"ambiguous option: (\S+) could match (.*)", r"tùy chọn \1 không rõ: có thể là \2"),
    (r"unexpected option string: (.*)", r"tùy chọn không mong đợi: \1"),
]


def _first(patterns: list[tuple[str, str]], message: str) -> str | None:
    for pattern, replacement in patterns:
        if (match := re.fullmatch(pattern, message, flags=re.DOTALL)) is not None:
            return match.expand(replacement)
    return None


def translate(message: str) -> str:
    """argparse's English error message in Vietnamese (unknown ones unchanged)."""
    if (whole := _first(_MESSAGE, message)) is not None:
        return whole
    # "argument -o/--output: expected one argument" (ArgumentError.__str__)
    if (match := re.fullmatch(r"argument (\S+): (.*)", message, flags=re.DOTALL)) is not None:
        name, detail = match.groups()
        return f"tham số {name}: {_first(_VALUE, detail) or detail}"
    return _first(_VALUE, message) or message


class Formatter(argparse.HelpFormatter):
    """argparse's layout, with the usage line in Vietnamese."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, USAGE if prefix is None else prefix)

    def _format_action(self, action):
        text = super()._format_action(action)
        if action.nargs == argparse.PARSER:
            # the subcommands' list without its "LỆNH" heading line
            text = text.split("\n", 1)[1]
        return text


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are all in Vietnamese; its
    subcommands' parsers are of the same class."""

    def __init__(self, *args, add_help: bool = True, **kwargs):
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = POSITIONALS
        self._optionals.title = OPTIONALS
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=HELP)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: lỗi: {translate(message)}\n")
