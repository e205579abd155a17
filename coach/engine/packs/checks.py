"""Field-by-field validation of one rule mapping, collecting located problems.

Used while reading a pack (``parse``) and by each rule kind for its own fields; every problem
names the file, line, column and rule id, and validation goes on after a problem so a broken
pack is reported whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from coach.engine.errors import Problem, did_you_mean
from coach.engine.packs import fields
from coach.engine.packs.model import Example
from coach.engine.packs.yamlsrc import Located, LocatedList


class Collector:
    """Gathers located problems for one file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, message: str, where: tuple[int, int] | None = None, rule_id: str = "") -> None:
        line, column = where if where else (None, None)
        self.problems.append(Problem(message, self.path, line, column, rule_id))

    def unknown_keys(
        self,
        mapping: Located,
        allowed: Iterable[str],
        what: str,
        rule_id: str = "",
        where: str = "",
    ) -> None:
        """One problem per key of ``mapping`` not in ``allowed``, with a "did you mean"."""
        allowed = tuple(allowed)
        for key in mapping:
            if key not in allowed:
                self.add(
                    f"unknown {what} '{key}'{where}{did_you_mean(key, allowed)}",
                    mapping.position_of(key),
                    rule_id,
                )


class RuleChecks:
    """Field-by-field validation of one rule mapping."""

    def __init__(self, item: Located, rule_id: str, out: Collector) -> None:
        self.item, self.rule_id, self.out = item, rule_id, out

    def fail(self, key: str, message: str) -> None:
        self.out.add(message, self.item.position_of(key), self.rule_id)

    def add(self, message: str, where: tuple[int, int] | None) -> None:
        self.out.add(message, where, self.rule_id)

    def unknown_keys(self, mapping: Located, allowed: Iterable[str], what: str) -> None:
        self.out.unknown_keys(mapping, allowed, what, self.rule_id)

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

    def choice(
        self, key: str, choices: Iterable[str], default: str | None, source: Located | None = None
    ) -> str | None:
        source = self.item if source is None else source
        value = source.get(key, default)
        choices = tuple(choices)
        if value not in choices and value != default:
            self.add(
                f"unknown {key} '{value}'{did_you_mean(value, choices)}; "
                f"expected one of {', '.join(choices)}",
                source.position_of(key),
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
        if not fields.known_problem(value):
            self.fail(
                "problem",
                f"unknown problem '{value}'{did_you_mean(value, fields.PROBLEMS)}; expected one "
                f"of {', '.join(fields.PROBLEMS)}, or none",
            )
            return None
        return value

    def weight_and_bonus(self) -> tuple[int, int]:
        weight, bonus = self.item.get("weight"), self.item.get("bonus")
        if weight is not None and bonus is not None:
            self.fail("bonus", "a rule has either 'weight' (a penalty) or 'bonus', not both")
            return 0, 0
        if weight is None and bonus is None:
            self.fail(
                "id",
                f"missing 'weight' ({fields.change_range('weight')}) or "
                f"'bonus' ({fields.change_range('bonus')})",
            )
            return 0, 0
        key, value = ("bonus", bonus) if bonus is not None else ("weight", weight)
        problem = fields.change_problem(key, value)
        if problem:
            self.fail(key, problem)
            return 0, 0
        return (0, value) if key == "bonus" else (value, 0)

    def string_list(
        self, key: str, required: bool = True, source: Located | None = None
    ) -> list[str]:
        source = self.item if source is None else source
        value = source.get(key)
        if value is None:
            if required:
                self.add(f"missing '{key}'", source.position_of(key))
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.add(f"'{key}' must be a list of text", source.position_of(key))
            return []
        if required and not value:
            self.add(f"'{key}' is empty", source.position_of(key))
        for index, text in enumerate(value):
            if not text.strip():
                self.add(f"'{key}' has an empty entry", value.position_of(index))
        return list(value)

    def fix(self) -> dict[str, Any]:
        value = self.item.get("fix")
        if value is None:
            return {}
        if not isinstance(value, Located):
            self.fail("fix", "'fix' must be a mapping with 'action'")
            return {}
        action = value.get("action")
        if action not in fields.FIX_ACTIONS:
            self.add(
                f"unknown fix action '{action}'; expected one of {', '.join(fields.FIX_ACTIONS)}",
                value.position_of("action"),
            )
        if value.get("target", "match") not in fields.FIX_TARGETS:
            self.add("fix target must be 'match' or 'sentence'", value.position_of("target"))
        if action == "replace" and not isinstance(value.get("replacement"), str):
            self.add("a replace fix needs 'replacement' text", value.position_of("action"))
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
                self.add(f"examples need a non-empty '{key}' list", value.position_of(key))
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
        self.add(
            "an example is text, or a mapping with 'text' and context fields",
            items.position_of(index),
        )
        return Example("", {}, line)
