"""Subcommands of ``coach``; each module has ``register(subparsers)`` and imports lazily."""

from coach.commands import batch, check, learn, packs, rewrite

COMMANDS = [check, rewrite, packs, batch, learn]
