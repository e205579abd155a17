"""Per-kind validation of a rule's matching fields (structure only; compiling is in matchers)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import regex

from coach.engine import acts_kind, schema
from coach.engine.yamlsrc import Located

if TYPE_CHECKING:
    from coach.engine.rule_fields import RuleChecks


def validate_spec(kind: str, item: Located, checks: RuleChecks) -> dict[str, Any]:
    """Check the kind-specific fields of one rule and return them as a plain spec."""
    return _VALIDATORS[kind](item, checks)


def _phrases(item: Located, checks: RuleChecks) -> dict[str, Any]:
    phrases = checks.string_list("phrases")
    match_on = checks.choice("match_on", schema.MATCH_ON, "lower")
    return {"phrases": phrases, "match_on": match_on}


def _patterns(item: Located, checks: RuleChecks) -> dict[str, Any]:
    patterns = item.get("patterns")
    if (
        not isinstance(patterns, list)
        or not patterns
        or not all(
            isinstance(p, list) and p and all(isinstance(t, dict) for t in p) for p in patterns
        )
    ):
        checks.fail(
            "patterns" if "patterns" in item else "kind",
            "'patterns' must be a non-empty list of patterns, each a list of token dicts",
        )
        return {"patterns": []}
    return {"patterns": _plain(patterns)}


def _regex(item: Located, checks: RuleChecks) -> dict[str, Any]:
    expressions = checks.string_list("regex")
    ignore_case = item.get("ignore_case", True)
    if not isinstance(ignore_case, bool):
        checks.fail("ignore_case", "'ignore_case' must be true or false")
    compile_regexes(expressions, bool(ignore_case), checks, "regex")
    return {"regex": expressions, "ignore_case": bool(ignore_case)}


def compile_regexes(
    expressions: list[str],
    ignore_case: bool,
    checks: RuleChecks,
    key: str,
    source: Located | None = None,
) -> list[regex.Pattern]:
    flags = regex.IGNORECASE if ignore_case else 0
    compiled = []
    source = checks.item if source is None else source
    for index, expression in enumerate(expressions):
        try:
            compiled.append(regex.compile(expression, flags | regex.VERSION1))
        except regex.error as error:
            value = source.get(key)
            where = value.position_of(index) if hasattr(value, "position_of") else None
            checks.out.add(f"invalid regex {expression!r}: {error}", where, checks.rule_id)
    return compiled


def _threshold(item: Located, key: str, checks: RuleChecks) -> dict[str, float] | None:
    value = item.get(key)
    if value is None:
        return None
    if _number(value):
        return {"default": float(value)}
    if isinstance(value, dict) and value and all(_number(v) for v in value.values()):
        return {str(k): float(v) for k, v in value.items()}
    checks.fail(key, f"'{key}' must be a number or a mapping of platform to number")
    return None


def _metric(item: Located, checks: RuleChecks) -> dict[str, Any]:
    metric = item.get("metric")
    if metric not in schema.METRICS:
        checks.fail(
            "metric" if "metric" in item else "kind",
            f"unknown metric '{metric}'{schema.did_you_mean(metric, schema.METRICS)}; "
            f"expected one of {', '.join(schema.METRICS)}",
        )
    low, high = _threshold(item, "min", checks), _threshold(item, "max", checks)
    if low is None and high is None:
        checks.fail("metric", "a metric rule needs 'min' or 'max'")
    min_words = item.get("min_words", 0)
    if not isinstance(min_words, int) or min_words < 0:
        checks.fail("min_words", "'min_words' must be a whole number, 0 or more")
    return {"metric": metric, "min": low, "max": high, "min_words": min_words}


def _absence(item: Located, checks: RuleChecks) -> dict[str, Any]:
    signals = item.get("signals")
    if not isinstance(signals, Located) or not signals:
        checks.fail(
            "signals" if "signals" in item else "kind",
            "'signals' must be a mapping with any of: " + ", ".join(schema.SIGNAL_FIELDS),
        )
        return {"signals": {}}
    spec: dict[str, Any] = {}
    for key in signals:
        if key not in schema.SIGNAL_FIELDS:
            checks.out.add(
                f"unknown signal '{key}'{schema.did_you_mean(key, schema.SIGNAL_FIELDS)}",
                signals.position_of(key),
                checks.rule_id,
            )
    for key in ("phrases", "lemmas", "rules", "regex"):
        if key in signals:
            spec[key] = checks.string_list(key, source=signals)
    if "regex" in spec:
        compile_regexes(spec["regex"], True, checks, "regex", signals)
    if "patterns" in signals:
        spec["patterns"] = _patterns(signals, checks)["patterns"]
    if "context" in signals:
        names = checks.string_list("context", source=signals)
        for name in names:
            if name not in schema.CONTEXT_CHECKS:
                checks.out.add(
                    f"unknown context check '{name}'"
                    f"{schema.did_you_mean(name, schema.CONTEXT_CHECKS)}",
                    signals.position_of("context"),
                    checks.rule_id,
                )
        spec["context"] = names
    span = checks.choice("span", schema.SPAN_SCOPES, "first-sentence")
    return {"signals": spec, "span": span}


def _context(item: Located, checks: RuleChecks) -> dict[str, Any]:
    check = item.get("check")
    if check not in schema.CONTEXT_CHECKS:
        checks.fail(
            "check" if "check" in item else "kind",
            f"unknown context check '{check}'"
            f"{schema.did_you_mean(check, schema.CONTEXT_CHECKS)}; expected one of "
            f"{', '.join(schema.CONTEXT_CHECKS)}",
        )
    sectors = item.get("sectors", {})
    if check == "sector-mismatch" and (
        not isinstance(sectors, dict)
        or not sectors
        or not all(
            isinstance(v, list) and v and all(isinstance(w, str) for w in v)
            for v in sectors.values()
        )
    ):
        checks.fail(
            "sectors" if "sectors" in item else "check",
            "sector-mismatch needs 'sectors': a mapping of sector name to a list of words",
        )
    return {"check": check, "sectors": {str(k): list(v) for k, v in dict(sectors).items()}}


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _plain(value: Any) -> Any:
    """Strip position bookkeeping so spaCy sees ordinary lists and dicts."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


_VALIDATORS = {
    "phrases": _phrases,
    "patterns": _patterns,
    "dependency": _patterns,
    "regex": _regex,
    "metric": _metric,
    "absence": _absence,
    "context": _context,
    "acts": acts_kind.validate,
}
