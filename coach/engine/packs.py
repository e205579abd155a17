"""Rule packs: YAML files of rules, read with ``safe_load`` semantics and validated field by field.

Every problem is collected with its position (``path:line:col: rule-id: message``) so a broken
pack is reported whole, in one go, never as a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.engine import schema
from coach.engine.errors import PackError
from coach.engine.rule_fields import Collector, Example, RuleChecks
from coach.engine.yamlsrc import Located, LocatedList, YamlSyntaxError, read_yaml


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


def load_pack(path: Path, origin: str = "built-in") -> Pack:
    """Read and validate one pack file; raise ``PackError`` listing every problem."""
    try:
        data = read_yaml(path)
    except YamlSyntaxError as error:
        raise PackError(error.problem) from None
    return parse_pack(data, str(path), origin)


def parse_pack(data: Any, path: str, origin: str = "built-in") -> Pack:
    """Validate parsed YAML as a pack."""
    out = Collector(path)
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
    item: Any, where: tuple[int, int], pack: str, category: str, out: Collector
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
    checks = RuleChecks(item, rule_id, out)
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


def _parse_overrides(value: Any, data: Located, out: Collector) -> list[Override]:
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
