"""Options and helpers shared by subcommands: engine settings, recipient context, message input."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.config import CommandLine
    from coach.engine import Coach, Context, EngineConfig

MESSAGE_SUFFIXES = (".txt", ".md", ".eml", ".text")


def add_draft_args(parser: argparse.ArgumentParser) -> None:
    """The draft to read, the output format, the recipient context and the rule options."""
    parser.add_argument("message", help="the draft text, a file path, or - for standard input")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    add_context_args(parser)
    add_engine_args(parser)


def open_draft(args: argparse.Namespace) -> tuple[Coach, str, Context]:
    """The engine configured for this run, the draft's text and its context."""
    from coach.engine import Coach

    text = read_message(args.message)
    config = build_engine_config(args)
    context = build_context(args, config)
    return Coach(config), text, context


def add_engine_args(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("rules")
    group.add_argument(
        "--packs",
        action="append",
        default=[],
        metavar="PATH",
        help="extra rule pack file or folder (repeatable)",
    )
    group.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="RULE",
        help="turn off a rule, a glob of rules or a whole pack (repeatable)",
    )
    group.add_argument(
        "--enable",
        action="append",
        default=[],
        metavar="RULE",
        help="turn on a rule that is off by default or in config (repeatable)",
    )
    group.add_argument("--no-builtin", action="store_true", help="leave out the built-in packs")
    group.add_argument(
        "--connection-limit",
        type=int,
        choices=(200, 300),
        help="character limit of a connection note (200 on free accounts)",
    )


def add_context_args(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("recipient")
    group.add_argument("--platform", help="linkedin-connection, linkedin-message, inmail or email")
    group.add_argument("--first-name", default="")
    group.add_argument("--last-name", default="")
    group.add_argument("--company", default="")
    group.add_argument("--role", default="")
    group.add_argument("--industry", default="")
    group.add_argument("--notes", default="", help="what you know about them: a post, a talk...")
    group.add_argument(
        "--product",
        action="append",
        default=[],
        metavar="NAME",
        help="your own product or offer name (repeatable): naming it is a pitch",
    )


def build_engine_config(args: argparse.Namespace) -> EngineConfig:
    """Settings from configuration files, then this command line on top (``coach.config``)."""
    from coach import config

    return config.load(cli=command_line(args))


def command_line(args: argparse.Namespace) -> CommandLine:
    """The settings given by the rule options of ``add_engine_args`` (and ``--platform``)."""
    from coach.config import CommandLine

    return CommandLine(
        packs=tuple(Path(p) for p in getattr(args, "packs", ())),
        enable=tuple(getattr(args, "enable", ())),
        disable=tuple(getattr(args, "disable", ())),
        builtin_packs=False if getattr(args, "no_builtin", False) else None,
        connection_limit=getattr(args, "connection_limit", None),
        platform=getattr(args, "platform", None),
    )


def build_context(args: argparse.Namespace, config: EngineConfig) -> Context:
    from coach.engine import Context, Recipient
    from coach.engine.platforms import get_platform

    platform = args.platform or config.platform
    get_platform(platform)
    recipient = Recipient(
        first_name=args.first_name,
        last_name=args.last_name,
        company=args.company,
        role=args.role,
        industry=args.industry,
        notes=args.notes,
    )
    sender = config.sender
    if getattr(args, "product", None):
        sender = replace(sender, products=(*sender.products, *args.product))
    return Context(platform=platform, recipient=recipient, sender=sender)


def read_message(source: str) -> str:
    """The draft: '-' reads stdin, an existing path reads that file, anything else is the text."""
    from coach.engine.errors import InputError

    if source == "-":
        data = sys.stdin.buffer.read()
        return _decode(data, "<stdin>")
    path = Path(source)
    looks_like_path = (
        "\n" not in source
        and len(source) < 4096
        and (path.suffix.lower() in MESSAGE_SUFFIXES or (("/" in source) and " " not in source))
    )
    try:
        is_file = path.is_file()
    except OSError:
        is_file = False
    if is_file:
        try:
            return _decode(path.read_bytes(), source)
        except OSError as error:
            raise InputError.at(f"cannot read file: {error.strerror}", source) from None
    if looks_like_path:
        raise InputError.at("no such file", source)
    return source


def _decode(data: bytes, name: str) -> str:
    from coach.engine.errors import InputError

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError.at(
            f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "save the draft as UTF-8",
            name,
            line,
        ) from None
    return text.replace("\r\n", "\n")
