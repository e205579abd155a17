"""Options and helpers shared by subcommands: engine settings, recipient context, message input."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.config import CommandLine
    from coach.engine import Coach, Context, EngineConfig, Resource, Sender

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
    coach = Coach(config)
    refuse_unknown_toggles(coach, args)
    return coach, text, context


class StoreOnce(argparse.Action):
    """An option that takes one value: given twice, it is a usage error rather than the last
    one silently winning (``--platform email --platform inmail``)."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        seen = namespace.__dict__.setdefault("_given_once", set())
        if self.dest in seen:
            parser.error(f"{option_string} given more than once")
        seen.add(self.dest)
        setattr(namespace, self.dest, values)


def refuse_unknown_toggles(coach: Coach, args: argparse.Namespace) -> None:
    """A ``--disable``/``--enable`` name that matches no rule, glob of rules or pack is a
    mistake (a typo turns nothing off), reported instead of silently accepted."""
    from fnmatch import fnmatchcase

    from coach.engine.errors import ConfigError, did_you_mean

    rules = [rule for pack in coach.packs for rule in pack.rules]
    names = {rule.id for rule in rules} | {pack.name for pack in coach.packs}
    for option in ("disable", "enable"):
        for name in getattr(args, option, ()):
            if not any(name in (r.id, r.pack) or fnmatchcase(r.id, name) for r in rules):
                raise ConfigError.at(
                    f"no rule or pack is called '{name}'{did_you_mean(name, sorted(names))}",
                    field=f"--{option}",
                )


def add_gate_args(parser: argparse.ArgumentParser, below: str, subject: str) -> None:
    """--min-score and --fail-on: gates that make the command exit 1 when they trip.

    ``below`` says when --min-score trips; ``subject`` names what has a problem ("the draft").
    """
    from coach.engine.models import PROBLEMS

    gates = parser.add_argument_group("gates (exit 1 when one trips)")
    gates.add_argument("--min-score", type=int, metavar="N", help=below)
    gates.add_argument(
        "--fail-on",
        action="append",
        default=[],
        choices=PROBLEMS,
        metavar="PROBLEM",
        help=f"{subject} has this problem (repeatable): {', '.join(PROBLEMS)}",
    )


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
    group.add_argument(
        "--platform",
        action=StoreOnce,
        help="linkedin-connection, linkedin-message, inmail or email",
    )
    for option in ("--first-name", "--last-name", "--company", "--role", "--industry"):
        group.add_argument(option, action=StoreOnce, default="")
    group.add_argument(
        "--notes",
        action=StoreOnce,
        default="",
        help="what you know about them: a post, a talk...",
    )
    group.add_argument(
        "--product",
        action="append",
        default=[],
        metavar="NAME",
        help="your own product or offer name (repeatable): naming it is a pitch",
    )
    add_sender_args(parser)


def add_sender_args(parser: argparse.ArgumentParser) -> None:
    """Who writes; on top of the sender in .coach.yaml (the flags win)."""
    group = parser.add_argument_group("sender (you)")
    group.add_argument("--sender-name", help="your name, for the sign-off")
    group.add_argument("--sender-company", help="your company")
    group.add_argument("--offer", help="what you offer, in a few words: 'SAP licence reviews'")
    group.add_argument(
        "--resource",
        action="append",
        default=[],
        metavar="TITLE[|LINK]",
        help="something useful you can share, with an optional link (repeatable)",
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
        sender_name=_stripped(getattr(args, "sender_name", None)),
        sender_company=_stripped(getattr(args, "sender_company", None)),
        offer=_stripped(getattr(args, "offer", None)),
        resources=tuple(_resource(v) for v in getattr(args, "resource", None) or () if v.strip()),
    )


def _stripped(value: str | None) -> str | None:
    return value.strip() if value is not None else None


def _resource(value: str) -> Resource:
    """'Title|https://link' (the link is optional) as a resource."""
    from coach.engine import Resource

    title, _, link = value.partition("|")
    return Resource(title.strip(), link=link.strip())


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
    return Context(platform=platform, recipient=recipient, sender=build_sender(args, config))


def build_sender(args: argparse.Namespace, config: EngineConfig) -> Sender:
    """The configured sender (the sender flags already applied by ``coach.config.load``) with
    the --product names added."""
    sender = config.sender
    if getattr(args, "product", None):
        sender = replace(sender, products=(*sender.products, *args.product))
    return sender


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
        is_file, is_dir, exists = path.is_file(), path.is_dir(), path.exists()
    except OSError:  # a draft too long to be a file name
        is_file = is_dir = exists = False
    if is_dir and looks_like_path:
        raise InputError.at("is a folder; give a draft file, the text itself or -", source)
    if is_file or (exists and looks_like_path):  # also /dev/stdin, a FIFO, /dev/null
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
