"""The fitted values as a pack of ``overrides``, with where they came from in comments.

The same format serves the built-in fitted weights (``rules/_weights.yaml``) and a team's
learned pack (``.coach/packs/learned.yaml``): the engine reads both as packs, so their values
are checked against the pack ranges like any other override.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from coach.engine.display import count
from coach.fit.learning import Learned, RuleChange


def pack_text(
    name: str,
    title: str,
    learned: Learned,
    provenance: Sequence[str],
    base: Mapping[str, int] | None = None,
) -> str:
    """The YAML of an overrides pack; ``provenance`` lines become the header comment.

    Lists every rule whose fitted value differs from ``base``: the values in force without
    this pack (by default, the values the fit started from). So a pack that replaces an
    earlier version of itself keeps the rules that earlier version changed.
    """
    lines = [f"# {_comment(line)}" for line in provenance]
    lines += [f"pack: {name}", f"title: {_quoted(title)}"]
    base = base or {}
    entries = [c for c in learned.changes if c.after != base.get(c.rule_id, c.before)]
    if not entries:
        lines.append("overrides: []  # no rule moved")
        return "\n".join(lines) + "\n"
    lines.append("overrides:")
    for change in sorted(entries, key=lambda c: c.rule_id):
        lines.append(f"  - id: {change.rule_id}")
        lines.append(f"    {change.field}: {change.after}  # {evidence(change)}")
    return "\n".join(lines) + "\n"


def evidence(change: RuleChange) -> str:
    """was 25; fired on 12 rows, outcome 8% when fired, 31% otherwise."""
    text = f"was {change.before}; fired on {count(change.fired, 'row')}"
    if change.fired:
        text += f", outcome {_pct(change.rate_fired)} when fired, "
        text += f"{_pct(change.rate_otherwise)} otherwise"
    return text


def write_atomically(path: Path, text: str) -> None:
    """Write beside the target and rename into place: never a half-written pack."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _comment(text: str) -> str:
    return " ".join(text.split())


def _quoted(text: str) -> str:
    return '"' + _comment(text).replace("\\", "\\\\").replace('"', '\\"') + '"'
