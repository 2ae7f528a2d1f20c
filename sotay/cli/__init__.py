"""The `sotay` command: one entry point, one subcommand per task.

    sotay import van-ban/ --dry-run     # documents -> reviewable YAML (import_.py)
    sotay validate --report             # every problem of data/, and the doubtful points
    sotay handbook --tinh tinh-binh-dinh  # the printed handbook (PDF)
    sotay publish                       # build the site, publish it atomically at site/

Each subcommand is a module with NAME, SUMMARY, configure(parser) (its
options) and run(args) -> exit status; what only its run needs and is slow
to import or optional (the importer, MkDocs) is imported by run(), so that
`--help` and the other commands do without it. Help and errors are in
Vietnamese (common.py); wrong usage exits 2, as argparse does.
"""

from __future__ import annotations

from sotay.cli import handbook, import_, publish, validate
from sotay.cli.common import Parser

COMMANDS = (import_, validate, handbook, publish)


def parser() -> Parser:
    main_parser = Parser(
        prog="sotay",
        description="Sổ tay thi đua: nhập văn bản, kiểm tra dữ liệu, in sổ tay PDF, "
        "xuất bản trang.",
        epilog="Trợ giúp của từng lệnh: sotay LỆNH --help",
    )
    commands = main_parser.add_subparsers(title="lệnh", dest="command", metavar="LỆNH",
                                          required=True)
    for command in COMMANDS:
        sub = commands.add_parser(command.NAME, help=command.SUMMARY)
        command.configure(sub)
        sub.set_defaults(run=command.run, parser=sub)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    args, extra = parser().parse_known_args(argv)
    if extra:
        # the subcommand's usage, not the top level's, follows the message
        args.parser.error(f"không hiểu tham số: {' '.join(extra)}")
    return args.run(args)
