"""Subcommands of ``coach``; each module has ``register(subparsers)`` and imports lazily."""

from coach.commands import check

COMMANDS = [check]
