"""Running every rule's own examples: texts that must fire it and texts that must pass.

``coach packs test`` runs the examples of the packs it is given with the full engine, the
built-ins beside them, so a pack's examples mean on every machine what they mean here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from coach.engine.config import EngineConfig, PackSource
from coach.engine.errors import PackError, Problem
from coach.engine.models import Context
from coach.engine.packs.lint import CHECKED, given_files
from coach.engine.packs.model import Example, Rule
from coach.engine.packs.sources import config_sources, load_packs

if TYPE_CHECKING:
    from coach.engine.coach import Coach


@dataclass(frozen=True)
class ExampleResult:
    rule_id: str
    expected: str  # "fire" or "pass"
    text: str
    fired: bool
    path: str
    line: int

    @property
    def ok(self) -> bool:
        return self.fired == (self.expected == "fire")


def example_context(coach: Coach, example: Example) -> Context:
    data = dict(example.context)
    data.setdefault("platform", coach.config.platform)
    return Context.from_dict(data)


def check_examples(coach: Coach, rules: Iterable[Rule] | None = None) -> list[ExampleResult]:
    """Check each example of each rule with the whole coach, as a user's draft would be."""
    cases = [
        (rule, expected, example)
        for rule in (coach.rules if rules is None else rules)
        for expected, examples in (("fire", rule.fire_examples), ("pass", rule.pass_examples))
        for example in examples
    ]
    items = ((example.text, example_context(coach, example)) for _, _, example in cases)
    results = []
    for (rule, expected, example), report in zip(cases, coach.check_many(items), strict=True):
        fired = any(f.rule_id == rule.id for f in report.findings)
        results.append(
            ExampleResult(rule.id, expected, example.text, fired, rule.path, example.line)
        )
    return results


def run_examples(paths: list[Path], config: EngineConfig) -> list[ExampleResult]:
    """Run the examples of every rule in ``paths`` (all configured rules when empty).

    The engine is the full one with the built-ins beside the packs, but with default settings
    (platform, sender, toggles), so a pack's examples mean the same on every machine.
    """
    from coach.engine.coach import Coach

    files, problems = given_files(paths)
    if problems:
        raise PackError(*problems)
    extra = tuple(PackSource(f, CHECKED) for f in files)
    base = EngineConfig(
        model=config.model,
        builtin_packs=config.builtin_packs,
        pack_sources=(*config.pack_sources, *extra),
        packs=config.packs,
    )
    packs = load_packs(config_sources(base))
    given = {f.resolve() for f in files}
    ids = [r.id for p in packs for r in p.rules if not given or Path(r.path).resolve() in given]
    # A pack of overrides (fitted or learned weights) is tested on the rules it changes.
    ids += [o.rule_id for p in packs for o in p.overrides if Path(p.path).resolve() in given]
    ids = list(dict.fromkeys(ids))
    if not ids:
        raise PackError(*(Problem("no rules to test", str(p)) for p in paths or [Path(".")]))
    engine = Coach(replace(base, enable=tuple(ids)), packs=packs)
    wanted = set(ids)
    return check_examples(engine, [r for r in engine.rules if r.id in wanted])
