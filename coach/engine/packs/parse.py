"""Reading a pack: YAML (``safe_load`` semantics) into a validated ``Pack``, field by field.

Every problem is collected with its position (``path:line:col: rule-id: message``) so a broken
pack is reported whole, in one go, never as a traceback. Each rule kind checks its own fields
(``coach.engine.kinds``); the ``when:`` conditions are checked by ``coach.engine.conditions``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coach.engine import conditions, kinds
from coach.engine.errors import PackError, did_you_mean
from coach.engine.models import SEVERITIES
from coach.engine.packs import fields
from coach.engine.packs.checks import Collector, RuleChecks
from coach.engine.packs.model import Override, Pack, Rule
from coach.engine.packs.yamlsrc import Located, LocatedList, YamlSyntaxError, read_yaml

TEXT_FIELDS = ("title", "message", "why", "source", "suggestion")


def load_pack(path: Path, origin: str = "built-in") -> Pack:
    """Read and validate one pack file; raise ``PackError`` listing every problem."""
    try:
        data = read_yaml(path)
    except YamlSyntaxError as error:
        raise PackError(error.problem) from None
    return parse_pack(data, str(path), origin)


def allowed_rule_fields(kind: str) -> set[str]:
    """The fields a rule of ``kind`` may have: the common ones and the kind's own."""
    own = kinds.KINDS[kind].fields if kind in kinds.KINDS else {}
    return set(fields.COMMON_FIELDS) | set(own)


def parse_pack(data: Any, path: str, origin: str = "built-in") -> Pack:
    """Validate parsed YAML as a pack."""
    out = Collector(path)
    if not isinstance(data, Located) or ("rules" not in data and "overrides" not in data):
        out.add("not a rule pack: expected a mapping with 'pack' and 'rules'", (1, 1))
        raise PackError(*out.problems)
    out.unknown_keys(data, fields.PACK_FIELDS, "field")
    name = data.get("pack")
    if not isinstance(name, str) or not fields.PACK_NAME.match(name):
        out.add("'pack' must be a kebab-case name such as 'acme-rules'", data.position_of("pack"))
        name = "invalid"
    category = str(data.get("category", name))
    rules = _parse_rules(data.get("rules", LocatedList()), data, name, category, out)
    overrides = _parse_overrides(data.get("overrides"), data, out)
    if out.problems:
        raise PackError(*out.problems)
    return Pack(
        name=name,
        title=str(data.get("title", name)),
        description=str(data.get("description", "")),
        category=category,
        path=path,
        rules=tuple(rules),
        overrides=tuple(overrides),
        origin=origin,
    )


def _parse_rules(
    rules_data: Any, data: Located, pack: str, category: str, out: Collector
) -> list[Rule]:
    if not isinstance(rules_data, list):
        out.add("'rules' must be a list", data.position_of("rules"))
        return []
    rules: list[Rule] = []
    seen: set[str] = set()
    for index, item in enumerate(rules_data):
        where = rules_data.position_of(index)
        rule = _parse_rule(item, where, pack, category, out)
        if rule is None:
            continue
        if rule.id in seen:
            out.add(f"duplicate rule id '{rule.id}' in this pack", where, rule.id)
        seen.add(rule.id)
        rules.append(rule)
    return rules


def _rule_id_and_kind(
    item: Any, where: tuple[int, int], pack: str, out: Collector
) -> tuple[str, str] | None:
    """The rule's id and kind, checked; None when the rule cannot be read further."""
    if not isinstance(item, Located):
        out.add("a rule must be a mapping of fields", where)
        return None
    rule_id = item.get("id")
    if not isinstance(rule_id, str) or not rule_id:
        out.add("rule has no 'id'", where)
        return None
    if not fields.RULE_ID.match(rule_id):
        out.add(
            "id must look like 'pack.kebab-name' (lower case, digits, dashes)",
            item.position_of("id"),
            rule_id,
        )
    elif rule_id.split(".", 1)[0] != pack:
        out.add(f"id must start with the pack name '{pack}.'", item.position_of("id"), rule_id)
    kind = item.get("kind")
    if kind not in kinds.KINDS:
        out.add(
            f"unknown rule kind '{kind}'{did_you_mean(kind, kinds.KINDS)}; "
            f"expected one of {', '.join(kinds.KINDS)}",
            item.position_of("kind"),
            rule_id,
        )
        return None
    return rule_id, kind


def _parse_rule(
    item: Any, where: tuple[int, int], pack: str, category: str, out: Collector
) -> Rule | None:
    found = _rule_id_and_kind(item, where, pack, out)
    if found is None:
        return None
    rule_id, kind = found
    allowed = allowed_rule_fields(kind)
    out.unknown_keys(item, allowed, "field", rule_id, where=f" for a {kind} rule")
    before = len(out.problems)
    checks = RuleChecks(item, rule_id, out)
    problem = checks.problem()
    severity = checks.choice("severity", SEVERITIES, "warning")
    weight, bonus = checks.weight_and_bonus()
    texts = {name: checks.text(name, required=name == "message") for name in TEXT_FIELDS}
    platforms = checks.string_list("platforms", required=False)
    spec = kinds.get(kind).validate(checks)
    when = conditions.validate(checks)
    fix = checks.fix()
    role = checks.choice("role", fields.ROLES, None)
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
        severity=str(severity),
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
        role=role,
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
        out.unknown_keys(item, fields.OVERRIDE_FIELDS, "override field", item["id"])
        changes = {k: v for k, v in item.items() if k != "id"}
        result.append(Override(item["id"], changes, out.path, where[0]))
    return result
