"""The ``coach`` command: parses arguments and hands each subcommand to its module.

Kept thin and quick to start: spaCy and the engine are imported only by the subcommand that
needs them, so ``coach --help`` stays fast. User mistakes (``CoachError``) become one line on
stderr and exit code 2; a traceback means a bug in coach.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Sequence

from coach import __version__
from coach.commands import COMMANDS

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line and exit 2 like every other user mistake."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"coach: error: {message} (see 'coach --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="coach",
        description="A writing coach for sales outreach: scores a LinkedIn note, InMail or cold "
        "email against value-first rule packs and suggests rewrites. "
        "Run with no command to open the drafting app.",
    )
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from coach.engine.errors import CoachError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return _open_app(parser)
        return int(args.run(args) or 0)
    except CoachError as error:
        for line in str(error).splitlines():
            print(f"coach: {line}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("coach: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0


def _open_app(parser: argparse.ArgumentParser) -> int:
    if importlib.util.find_spec("coach.tui") is None:
        parser.print_help()
        return 0
    from coach.tui.app import run_app

    return run_app()


if __name__ == "__main__":
    raise SystemExit(main())
