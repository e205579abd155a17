"""The ``coach`` command: parses arguments and hands each subcommand to its module.

Kept thin and quick to start: spaCy and the engine are imported only by the subcommand that
needs them, so ``coach --help`` stays fast. User mistakes (``CoachError``) become one line on
stderr and exit code 2; a traceback means a bug in coach. SIGTERM and SIGHUP stop a command
the way Ctrl-C does, so temporary files are removed and an existing output is left untouched.
"""

from __future__ import annotations

import argparse
import errno
import importlib.util
import os
import signal
import sys
from collections.abc import Sequence

from coach import __version__

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
STOP_SIGNALS = ("SIGTERM", "SIGHUP")


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised like Ctrl-C's KeyboardInterrupt so the same cleanup runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line and exit 2 like every other user mistake."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"coach: error: {message} (see 'coach --help')\n")


def build_parser() -> argparse.ArgumentParser:
    from coach.commands import COMMANDS

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

    # One thread per process for numpy's matrix products (coach.engine.nlp.multiply_with_numpy):
    # a check's matrices are small, and a batch's parallelism is its jobs. Set before numpy
    # loads; a user's own setting stands.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    arguments = _readable_args(sys.argv[1:] if argv is None else argv)
    # No command opens the app: its first frame does not wait for every command's parser.
    args = build_parser().parse_args(arguments) if arguments else None
    try:
        if args is None or args.command is None:
            return _open_app()
        _stop_on_signals()
        return int(args.run(args) or 0)
    except CoachError as error:
        for line in str(error).splitlines():
            print(f"coach: {line}", file=sys.stderr)
        return EXIT_USAGE
    except Terminated as stop:
        print("coach: terminated", file=sys.stderr)
        return 128 + stop.signum
    except KeyboardInterrupt:
        print("coach: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `coach ... | head`: the reader has all it wanted
        _discard_stdout()
        return 0
    except OSError as error:
        if error.filename is not None or error.errno not in (errno.ENOSPC, errno.EIO):
            raise
        _discard_stdout()  # e.g. `coach check ... >/dev/full`
        print(f"coach: cannot write the output: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE


def _readable_args(argv: Sequence[str]) -> list[str]:
    """The arguments, with bytes that are not UTF-8 (Python keeps them as lone surrogates)
    replaced by U+FFFD, except in the name of a file that exists."""
    if all(arg.isascii() for arg in argv):
        return list(argv)
    from coach.engine.textsafety import has_surrogates, replace_surrogates

    return [
        replace_surrogates(arg) if has_surrogates(arg) and not os.path.exists(arg) else arg
        for arg in argv
    ]


def _stop_on_signals() -> None:
    def stop(signum: int, frame: object) -> None:
        raise Terminated(signum)

    for name in STOP_SIGNALS:
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)


def _discard_stdout() -> None:
    """Point standard output at /dev/null so the flush at exit cannot fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _open_app() -> int:
    if importlib.util.find_spec("coach.tui") is None:
        build_parser().print_help()
        return 0
    from coach.tui import startup

    startup.pause()  # the collector is off until the engine has checked its first text
    from coach.tui.app import run_app

    return run_app()


if __name__ == "__main__":
    raise SystemExit(main())
