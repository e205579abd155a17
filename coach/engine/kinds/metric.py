"""``kind: metric``: a measured quantity of the message compared with thresholds, which may
differ by platform. The measurements themselves live here too, one function each."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from coach.engine.analysis import Analysis
from coach.engine.kinds import json_shapes
from coach.engine.kinds.base import Kind, Linter, Run, yaml_get
from coach.engine.models import Spans

if TYPE_CHECKING:
    import yaml

    from coach.engine.packs.checks import RuleChecks
    from coach.engine.packs.model import Rule

TLD = r"\.(?:com|io|co|net|org|ai|app|ly|biz)\b"
LINK = re.compile(rf"(?:https?://|www\.)\S+|\b[\w-]+{TLD}(?:/\S*)?", re.IGNORECASE)
# What every link holds: a scheme, "www." or a dot before a domain ending (a quick test first).
LINK_MARK = re.compile(rf"://|www\.|{TLD}", re.IGNORECASE)
EMOJI = re.compile(
    "[\U0001f300-\U0001faff\U00002600-\U000027bf\U0001f000-\U0001f2ff\U0001f900-\U0001f9ff]"
)
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours"})
SELF_FOCUS_MIN_FIRST_PERSON = 4
SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "yourselves"})

Measure = Callable[[Analysis], tuple[float, Spans]]


def _whole_body(analysis: Analysis) -> Spans:
    return [(analysis.body_start, len(analysis.text))]


def _chars(a: Analysis) -> tuple[float, Spans]:
    return float(len(a.body.rstrip())), _whole_body(a)


def _over_limit(a: Analysis) -> tuple[float, Spans]:
    body = a.body.rstrip()
    over = len(body) - a.platform.limit
    if over <= 0:
        return 0.0, []
    return float(over), [(a.body_start + a.platform.limit, a.body_start + len(body))]


def _subject_chars(a: Analysis) -> tuple[float, Spans]:
    if not a.subject_span:
        return 0.0, []
    start, end = a.subject_span
    return float(end - start), [a.subject_span]


def _subject_over_limit(a: Analysis) -> tuple[float, Spans]:
    limit = a.platform.subject_limit
    if not a.subject_span or limit is None:
        return 0.0, []
    start, end = a.subject_span
    over = end - start - limit
    return (float(over), [(start + limit, end)]) if over > 0 else (0.0, [])


def _subject_missing(a: Analysis) -> tuple[float, Spans]:
    missing = a.platform.subject == "required" and not a.subject_span
    return (1.0 if missing else 0.0), [a.first_sentence_span()]


def _body_tokens(a: Analysis) -> list:
    return a.body_tokens


def _words(a: Analysis) -> tuple[float, Spans]:
    words = [t for t in _body_tokens(a) if t.is_alpha or t.like_num]
    return float(len(words)), _whole_body(a)


def _sentences(a: Analysis) -> tuple[float, Spans]:
    spans = [(s.start_char, s.end_char) for s in a.body_sentences]
    return float(len(spans)), spans


def _reading_grade(a: Analysis) -> tuple[float, Spans]:
    import textstat

    from coach.engine.pronunciations import install

    install()  # before textstat's first syllable count loads the dictionary
    body = a.body.strip()
    grade = float(textstat.flesch_kincaid_grade(body)) if body else 0.0
    return grade, _whole_body(a)


def _char_count(char: str) -> Measure:
    runs = re.compile(re.escape(char) + "+")

    def measure(a: Analysis) -> tuple[float, Spans]:
        if char not in a.text:
            return 0.0, []
        spans = [(m.start(), m.end()) for m in runs.finditer(a.text)]
        return float(a.text.count(char)), spans

    return measure


def _pattern_count(pattern: re.Pattern[str], holds: Callable[[str], object]) -> Measure:
    """Matches of ``pattern``, looked for only in a text that ``holds`` what every match
    needs (a quicker test)."""

    def measure(a: Analysis) -> tuple[float, Spans]:
        if not holds(a.text):
            return 0.0, []
        spans = [(m.start(), m.end()) for m in pattern.finditer(a.text)]
        return float(len(spans)), spans

    return measure


def _caps_words(a: Analysis) -> tuple[float, Spans]:
    spans = [
        (t.idx, t.idx + len(t.text))
        for t in a.tokens
        if t.is_alpha
        and t.is_upper
        and len(t.text) >= 3
        and (len(t.text) >= 5 or t.pos_ not in ("PROPN", "NOUN"))
    ]
    return float(len(spans)), spans


def _person(words: frozenset[str]) -> Measure:
    def measure(a: Analysis) -> tuple[float, Spans]:
        spans = [(t.idx, t.idx + len(t.text)) for t in _body_tokens(a) if t.lower_ in words]
        return float(len(spans)), spans

    return measure


def _self_focus_ratio(a: Analysis) -> tuple[float, Spans]:
    first, spans = measure(a, "first_person")
    if first < SELF_FOCUS_MIN_FIRST_PERSON:
        return 0.0, []
    second, _ = measure(a, "second_person")
    return first / max(second, 1.0), spans


METRICS: dict[str, tuple[str, Measure]] = {
    "chars": ("characters in the body", _chars),
    "over_limit": ("characters past the platform's hard limit for the body", _over_limit),
    "subject_chars": ("characters in the subject line", _subject_chars),
    "subject_over_limit": ("characters past the platform's subject limit", _subject_over_limit),
    "subject_missing": (
        "1 when the platform expects a subject and there is none",
        _subject_missing,
    ),
    "words": ("words in the body", _words),
    "sentences": ("sentences in the body", _sentences),
    "reading_grade": ("Flesch-Kincaid grade of the body (textstat)", _reading_grade),
    "questions": ("question marks", _char_count("?")),
    "exclamations": ("exclamation marks", _char_count("!")),
    "links": ("links and bare domains", _pattern_count(LINK, LINK_MARK.search)),
    "caps_words": (
        "all-capital words of three letters or more (acronyms of up to 4 excluded)",
        _caps_words,
    ),
    "emoji": ("emoji characters", _pattern_count(EMOJI, lambda text: not text.isascii())),
    "first_person": ("I, me, my, we, us, our", _person(FIRST_PERSON)),
    "second_person": ("you, your, yours", _person(SECOND_PERSON)),
    "self_focus_ratio": (
        "first-person words per second-person word (0 below 4 first-person words)",
        _self_focus_ratio,
    ),
}


def measure(analysis: Analysis, name: str) -> tuple[float, Spans]:
    """A metric's value and the spans it concerns, measured once per message."""
    if name not in analysis.metrics:
        analysis.metrics[name] = METRICS[name][1](analysis)
    return analysis.metrics[name]


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _threshold(checks: RuleChecks, key: str) -> dict[str, float] | None:
    value = checks.item.get(key)
    if value is None:
        return None
    if _number(value):
        return {"default": float(value)}
    if isinstance(value, dict) and value and all(_number(v) for v in value.values()):
        return {str(k): float(v) for k, v in value.items()}
    checks.fail(key, f"'{key}' must be a number or a mapping of platform to number")
    return None


def _limit(values: dict[str, float] | None, platform: str) -> float | None:
    if not values:
        return None
    return values.get(platform, values.get("default"))


class Metric(Kind):
    name = "metric"
    description = "a measured quantity compared with thresholds that may differ by platform"
    fields: ClassVar[dict[str, str]] = {
        "metric": "what to measure: " + ", ".join(METRICS),
        "max": "fires above this (a number, or a mapping of platform to number with 'default')",
        "min": "fires below this (same forms as max)",
        "min_words": "skip texts shorter than this many words",
    }

    def shape(self) -> dict[str, dict[str, Any]]:
        return {
            "metric": {"enum": list(METRICS)},
            "max": json_shapes.threshold(),
            "min": json_shapes.threshold(),
            "min_words": {"type": "integer", "minimum": 0},
        }

    def validate(self, checks: RuleChecks) -> dict[str, Any]:
        from coach.engine.errors import did_you_mean

        metric = checks.item.get("metric")
        if metric not in METRICS:
            checks.fail(
                "metric" if "metric" in checks.item else "kind",
                f"unknown metric '{metric}'{did_you_mean(metric, METRICS)}; "
                f"expected one of {', '.join(METRICS)}",
            )
        low, high = _threshold(checks, "min"), _threshold(checks, "max")
        if low is None and high is None:
            checks.fail("metric", "a metric rule needs 'min' or 'max'")
        min_words = checks.item.get("min_words", 0)
        if not isinstance(min_words, int) or min_words < 0:
            checks.fail("min_words", "'min_words' must be a whole number, 0 or more")
        return {"metric": metric, "min": low, "max": high, "min_words": min_words}

    def evaluate(self, rule: Rule, run: Run) -> Spans:
        spec, analysis = rule.spec, run.analysis
        if spec["min_words"] and measure(analysis, "words")[0] < spec["min_words"]:
            return []
        value, spans = measure(analysis, spec["metric"])
        platform = analysis.platform.name
        high = _limit(spec["max"], platform)
        low = _limit(spec["min"], platform)
        if (high is not None and value > high) or (low is not None and value < low):
            return spans or _whole_body(analysis)
        return []

    def lint(self, node: yaml.MappingNode, linter: Linter) -> None:
        import yaml

        for key in ("max", "min"):
            threshold = yaml_get(node, key)
            if isinstance(threshold, yaml.MappingNode):
                for name, _ in threshold.value:
                    if name.value != "default":
                        linter.platform(name, " (or 'default')")


KIND = Metric()
