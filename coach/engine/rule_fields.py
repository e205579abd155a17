"""Field-by-field validation of one rule mapping, collecting located problems.

Used by ``coach.engine.packs`` while reading a pack; every problem names the file, line, column
and rule id, and validation goes on after a problem so a broken pack is reported whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from coach.engine import schema
from coach.engine.errors import Problem
from coach.engine.yamlsrc import Located, LocatedList


@dataclass(frozen=True)
class Example:
    """A text a rule must fire on (or must pass), with an optional context."""

    text: str
    context: dict[str, Any] = field(default_factory=dict)
    line: int = 0


class Collector:
    """Gathers located problems for one file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, message: str, where: tuple[int, int] | None = None, rule_id: str = "") -> None:
        line, column = where if where else (None, None)
        self.problems.append(Problem(message, self.path, line, column, rule_id))


class RuleChecks:
    """Field-by-field validation of one rule mapping."""

    def __init__(self, item: Located, rule_id: str, out: Collector) -> None:
        self.item, self.rule_id, self.out = item, rule_id, out

    def fail(self, key: str, message: str) -> None:
        self.out.add(message, self.item.position_of(key), self.rule_id)

    def text(self, key: str, required: bool = False) -> str:
        value = self.item.get(key)
        if value is None:
            if required:
                self.fail(key, f"missing '{key}'")
            return ""
        if not isinstance(value, str):
            self.fail(key, f"'{key}' must be text")
            return ""
        return value.strip()

    def choice(self, key: str, choices: Iterable[str], default: str) -> str:
        value = self.item.get(key, default)
        choices = tuple(choices)
        if value not in choices:
            self.fail(
                key,
                f"unknown {key} '{value}'{schema.did_you_mean(value, choices)}; "
                f"expected one of {', '.join(choices)}",
            )
            return default
        return value

    def problem(self) -> str | None:
        if "problem" not in self.item:
            self.fail("id", "missing 'problem' (one of the problem names, or none)")
            return None
        value = self.item.get("problem")
        if value is None or value == "none":
            return None
        if not schema.known_problem(value):
            self.fail(
                "problem",
                f"unknown problem '{value}'"
                f"{schema.did_you_mean(value, schema.PROBLEMS)}; expected one of "
                f"{', '.join(schema.PROBLEMS)}, or none",
            )
            return None
        return value

    def weight_and_bonus(self) -> tuple[int, int]:
        weight, bonus = self.item.get("weight"), self.item.get("bonus")
        if weight is not None and bonus is not None:
            self.fail("bonus", "a rule has either 'weight' (a penalty) or 'bonus', not both")
            return 0, 0
        if bonus is not None:
            if not is_int(bonus) or not 1 <= bonus <= 30:
                self.fail("bonus", "'bonus' must be a whole number from 1 to 30")
                return 0, 0
            return 0, bonus
        if weight is None:
            self.fail("id", "missing 'weight' (0-100) or 'bonus' (1-30)")
            return 0, 0
        if not is_int(weight) or not 0 <= weight <= 100:
            self.fail("weight", "'weight' must be a whole number from 0 to 100")
            return 0, 0
        return weight, 0

    def string_list(
        self, key: str, required: bool = True, source: Located | None = None
    ) -> list[str]:
        source = self.item if source is None else source
        value = source.get(key)
        if value is None:
            if required:
                self.out.add(f"missing '{key}'", source.position_of(key), self.rule_id)
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.out.add(f"'{key}' must be a list of text", source.position_of(key), self.rule_id)
            return []
        if required and not value:
            self.out.add(f"'{key}' is empty", source.position_of(key), self.rule_id)
        for index, text in enumerate(value):
            if not text.strip():
                self.out.add(f"'{key}' has an empty entry", value.position_of(index), self.rule_id)
        return list(value)

    def kind_spec(self, kind: str) -> dict[str, Any]:
        from coach.engine.kinds import validate_spec

        return validate_spec(kind, self.item, self)

    def when(self) -> dict[str, Any]:
        value = self.item.get("when")
        if value is None:
            return {}
        if not isinstance(value, Located):
            self.fail("when", "'when' must be a mapping")
            return {}
        for key in value:
            if key not in schema.WHEN_FIELDS:
                self.out.add(
                    f"unknown condition '{key}'{schema.did_you_mean(key, schema.WHEN_FIELDS)}",
                    value.position_of(key),
                    self.rule_id,
                )
        matches = value.get("recipient_matches", {})
        if not isinstance(matches, dict) or any(
            k not in (*schema.RECIPIENT_FIELDS, "any") or not isinstance(v, list)
            for k, v in matches.items()
        ):
            self.out.add(
                "'recipient_matches' maps recipient fields (or 'any') to word lists",
                value.position_of("recipient_matches"),
                self.rule_id,
            )
        for key in ("recipient_has", "recipient_lacks"):
            for name in value.get(key, []) or []:
                if name not in schema.RECIPIENT_FIELDS:
                    self.out.add(
                        f"unknown recipient field '{name}'"
                        f"{schema.did_you_mean(name, schema.RECIPIENT_FIELDS)}",
                        value.position_of(key),
                        self.rule_id,
                    )
        for key in ("fired", "not_fired"):
            self.string_list(key, required=False, source=value)
        return dict(value)

    def fix(self) -> dict[str, Any]:
        value = self.item.get("fix")
        if value is None:
            return {}
        if not isinstance(value, Located):
            self.fail("fix", "'fix' must be a mapping with 'action'")
            return {}
        action = value.get("action")
        if action not in schema.FIX_ACTIONS:
            self.out.add(
                f"unknown fix action '{action}'; expected one of {', '.join(schema.FIX_ACTIONS)}",
                value.position_of("action"),
                self.rule_id,
            )
        if value.get("target", "match") not in schema.FIX_TARGETS:
            self.out.add(
                "fix target must be 'match' or 'sentence'",
                value.position_of("target"),
                self.rule_id,
            )
        if action == "replace" and not isinstance(value.get("replacement"), str):
            self.out.add(
                "a replace fix needs 'replacement' text", value.position_of("action"), self.rule_id
            )
        return dict(value)

    def examples(self) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
        value = self.item.get("examples")
        if not isinstance(value, Located):
            self.fail(
                "examples" if "examples" in self.item else "id",
                "missing 'examples' with 'fire' and 'pass' lists",
            )
            return (), ()
        result = []
        for key in ("fire", "pass"):
            items = value.get(key)
            if not isinstance(items, list) or not items:
                self.out.add(
                    f"examples need a non-empty '{key}' list", value.position_of(key), self.rule_id
                )
                result.append(())
                continue
            result.append(tuple(self._example(items, i) for i in range(len(items))))
        return result[0], result[1]

    def _example(self, items: LocatedList, index: int) -> Example:
        raw = items[index]
        line = items.position_of(index)[0]
        if isinstance(raw, str):
            return Example(raw, {}, line)
        if isinstance(raw, dict) and isinstance(raw.get("text"), str):
            context = {k: v for k, v in raw.items() if k != "text"}
            return Example(raw["text"], context, line)
        self.out.add(
            "an example is text, or a mapping with 'text' and context fields",
            items.position_of(index),
            self.rule_id,
        )
        return Example("", {}, line)


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
