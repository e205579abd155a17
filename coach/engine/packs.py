"""Rule packs: YAML files of rules, read with ``safe_load`` semantics and validated field by field.

Every problem is collected with its position (``path:line:col: rule-id: message``) so a broken
pack is reported whole, in one go, never as a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.engine import schema
from coach.engine.errors import PackError, Problem
from coach.engine.yamlsrc import Located, LocatedList, YamlSyntaxError, read_yaml


@dataclass(frozen=True)
class Example:
    """A text a rule must fire on (or must pass), with an optional context."""

    text: str
    context: dict[str, Any] = field(default_factory=dict)
    line: int = 0


@dataclass(frozen=True)
class Rule:
    """One validated rule as written in its pack; compiled later by the matcher."""

    id: str
    kind: str
    title: str
    category: str
    problem: str | None
    severity: str
    weight: int
    bonus: int
    message: str
    why: str
    source: str
    suggestion: str
    spec: dict[str, Any]
    platforms: tuple[str, ...] = ()
    when: dict[str, Any] = field(default_factory=dict)
    fix: dict[str, Any] = field(default_factory=dict)
    fire_examples: tuple[Example, ...] = ()
    pass_examples: tuple[Example, ...] = ()
    enabled: bool = True
    path: str = ""
    line: int = 0

    @property
    def pack(self) -> str:
        return self.id.split(".", 1)[0]


@dataclass(frozen=True)
class Override:
    """A change one pack makes to another pack's rule."""

    rule_id: str
    changes: dict[str, Any]
    path: str
    line: int


@dataclass(frozen=True)
class Pack:
    name: str
    title: str
    description: str
    category: str
    path: str
    rules: tuple[Rule, ...]
    overrides: tuple[Override, ...] = ()
    origin: str = "built-in"


class _Collector:
    """Gathers located problems for one file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, message: str, where: tuple[int, int] | None = None, rule_id: str = "") -> None:
        line, column = where if where else (None, None)
        self.problems.append(Problem(message, self.path, line, column, rule_id))


def load_pack(path: Path, origin: str = "built-in") -> Pack:
    """Read and validate one pack file; raise ``PackError`` listing every problem."""
    try:
        data = read_yaml(path)
    except YamlSyntaxError as error:
        raise PackError(error.problem) from None
    return parse_pack(data, str(path), origin)


def parse_pack(data: Any, path: str, origin: str = "built-in") -> Pack:
    """Validate parsed YAML as a pack."""
    out = _Collector(path)
    if not isinstance(data, Located) or ("rules" not in data and "overrides" not in data):
        out.add("not a rule pack: expected a mapping with 'pack' and 'rules'", (1, 1))
        raise PackError(*out.problems)
    for key in data:
        if key not in schema.PACK_FIELDS:
            out.add(
                f"unknown field '{key}'{schema.did_you_mean(key, schema.PACK_FIELDS)}",
                data.position_of(key),
            )
    name = data.get("pack")
    if not isinstance(name, str) or not schema.PACK_NAME.match(name):
        out.add("'pack' must be a kebab-case name such as 'acme-rules'", data.position_of("pack"))
        name = "invalid"
    category = data.get("category", name)
    rules_data = data.get("rules", LocatedList())
    rules: list[Rule] = []
    if not isinstance(rules_data, list):
        out.add("'rules' must be a list", data.position_of("rules"))
    else:
        seen: set[str] = set()
        for index, item in enumerate(rules_data):
            where = rules_data.position_of(index)
            rule = _parse_rule(item, where, name, str(category), out)
            if rule is None:
                continue
            if rule.id in seen:
                out.add(f"duplicate rule id '{rule.id}' in this pack", where, rule.id)
            seen.add(rule.id)
            rules.append(rule)
    overrides = _parse_overrides(data.get("overrides"), data, out)
    if out.problems:
        raise PackError(*out.problems)
    return Pack(
        name=name,
        title=str(data.get("title", name)),
        description=str(data.get("description", "")),
        category=str(category),
        path=path,
        rules=tuple(rules),
        overrides=tuple(overrides),
        origin=origin,
    )


def _parse_rule(
    item: Any, where: tuple[int, int], pack: str, category: str, out: _Collector
) -> Rule | None:
    if not isinstance(item, Located):
        out.add("a rule must be a mapping of fields", where)
        return None
    rule_id = item.get("id")
    if not isinstance(rule_id, str) or not rule_id:
        out.add("rule has no 'id'", where)
        return None
    if not schema.RULE_ID.match(rule_id):
        out.add(
            "id must look like 'pack.kebab-name' (lower case, digits, dashes)",
            item.position_of("id"),
            rule_id,
        )
    elif rule_id.split(".", 1)[0] != pack:
        out.add(f"id must start with the pack name '{pack}.'", item.position_of("id"), rule_id)
    kind = item.get("kind")
    if kind not in schema.KINDS:
        out.add(
            f"unknown rule kind '{kind}'{schema.did_you_mean(kind, schema.KINDS)}; "
            f"expected one of {', '.join(schema.KINDS)}",
            item.position_of("kind"),
            rule_id,
        )
        return None
    allowed = schema.allowed_rule_fields(kind)
    for key in item:
        if key not in allowed:
            out.add(
                f"unknown field '{key}' for a {kind} rule{schema.did_you_mean(key, allowed)}",
                item.position_of(key),
                rule_id,
            )
    before = len(out.problems)
    checks = _RuleChecks(item, rule_id, out)
    problem = checks.problem()
    severity = checks.choice("severity", schema.SEVERITIES, "warning")
    weight, bonus = checks.weight_and_bonus()
    texts = {
        name: checks.text(name, required=name in ("message",))
        for name in ("title", "message", "why", "source", "suggestion")
    }
    platforms = checks.string_list("platforms", required=False)
    spec = checks.kind_spec(kind)
    when = checks.when()
    fix = checks.fix()
    fire, passing = checks.examples()
    enabled = item.get("enabled", True)
    if not isinstance(enabled, bool):
        out.add("'enabled' must be true or false", item.position_of("enabled"), rule_id)
    if len(out.problems) > before:
        return None
    return Rule(
        id=rule_id,
        kind=kind,
        title=texts["title"] or rule_id,
        category=category,
        problem=problem,
        severity=severity,
        weight=weight,
        bonus=bonus,
        message=texts["message"],
        why=texts["why"],
        source=texts["source"],
        suggestion=texts["suggestion"],
        spec=spec,
        platforms=tuple(platforms),
        when=when,
        fix=fix,
        fire_examples=fire,
        pass_examples=passing,
        enabled=bool(enabled),
        path=out.path,
        line=where[0],
    )


class _RuleChecks:
    """Field-by-field validation of one rule mapping."""

    def __init__(self, item: Located, rule_id: str, out: _Collector) -> None:
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
            if not _is_int(bonus) or not 1 <= bonus <= 30:
                self.fail("bonus", "'bonus' must be a whole number from 1 to 30")
                return 0, 0
            return 0, bonus
        if weight is None:
            self.fail("id", "missing 'weight' (0-100) or 'bonus' (1-30)")
            return 0, 0
        if not _is_int(weight) or not 0 <= weight <= 100:
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


def _parse_overrides(value: Any, data: Located, out: _Collector) -> list[Override]:
    if value is None:
        return []
    if not isinstance(value, list):
        out.add("'overrides' must be a list", data.position_of("overrides"))
        return []
    result = []
    for index, item in enumerate(value):
        where = value.position_of(index)
        if not isinstance(item, Located) or not isinstance(item.get("id"), str):
            out.add("an override is a mapping with the 'id' of the rule it changes", where)
            continue
        for key in item:
            if key not in schema.OVERRIDE_FIELDS:
                out.add(
                    f"unknown override field '{key}'"
                    f"{schema.did_you_mean(key, schema.OVERRIDE_FIELDS)}",
                    item.position_of(key),
                    item["id"],
                )
        changes = {k: v for k, v in item.items() if k != "id"}
        result.append(Override(item["id"], changes, out.path, where[0]))
    return result


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
