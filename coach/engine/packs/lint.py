"""Checking packs before use: ``coach packs validate`` and ``coach packs test``.

Loading a pack already checks its fields and compiles its regexes. Validation adds what
loading cannot see: spaCy token patterns compiled against a blank English pipeline (no model
needed), token attributes and platform names located to the column, the YAML 1.1 trap where an
unquoted ``on``/``no``/``yes`` in a pattern becomes a boolean, and the whole set resolved (a
rule id defined twice, an override of a rule that does not exist).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from coach.engine import kinds
from coach.engine.config import EngineConfig
from coach.engine.errors import PackError, Problem, did_you_mean
from coach.engine.kinds.base import yaml_get, yaml_items
from coach.engine.kinds.json_shapes import TOKEN_BOOL_ATTRS, TOKEN_STRING_ATTRS
from coach.engine.packs.model import Pack, Rule
from coach.engine.packs.parse import load_pack
from coach.engine.packs.resolve import resolve_rules
from coach.engine.packs.sources import config_sources, pack_files

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

CHECKED = "checked"
TOKEN_ATTRS = (
    *TOKEN_STRING_ATTRS,
    *TOKEN_BOOL_ATTRS,
    "LENGTH",
    "ENT_IOB",
    "OP",
    "_",
)
LEMMA_STAND_IN = "coach_lower_case_lemmas"
OPERATOR = re.compile(r"^(?:[?*+!]|\{\d+\}|\{\d+,\d*\}|\{\d*,\d+\})$")
_YAML_TYPES = {"bool": "true/false", "int": "a number", "float": "a number", "null": "empty"}


@dataclass(frozen=True)
class Validated:
    """What validation looked at: the packs in the given paths and their rule count."""

    packs: tuple[Pack, ...]

    @property
    def rule_count(self) -> int:
        return sum(len(p.rules) for p in self.packs)


def given_files(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """The pack files of the given files and folders."""
    files, problems = [], []
    for path in paths:
        if not path.exists():
            problems.append(Problem("no such file or folder", str(path)))
        elif path.is_dir() and not pack_files(path):
            problems.append(Problem("no pack files (*.yaml, *.yml) in this folder", str(path)))
        else:
            files += pack_files(path)
    return files, problems


def validate(paths: list[Path], config: EngineConfig) -> Validated:
    """Check the packs in ``paths`` with the configured packs beside them; raise ``PackError``."""
    files, problems = given_files(paths)
    given = {f.resolve() for f in files}
    checked: list[Pack] = []
    flagged: set[str] = set()
    for path in files:
        lint, bad_rules = lint_file(path)
        problems += lint
        flagged |= bad_rules
        try:
            checked.append(load_pack(path, CHECKED))
        except PackError as error:
            problems += error.problems
    problems += _compile([r for p in checked for r in p.rules if r.id not in flagged])
    context, context_problems = _context_packs(config, given)
    problems += context_problems
    if not problems:
        try:
            resolve_rules(_in_load_order(context, checked, config))
        except PackError as error:
            problems += error.problems
    if problems:
        raise PackError(*sorted(problems, key=_position))
    return Validated(tuple(checked))


def _position(problem: Problem) -> tuple[str, int, int]:
    return problem.path, problem.line or 0, problem.column or 0


def _compile(rules: list[Rule]) -> list[Problem]:
    try:
        kinds.compile_rules(_blank_english(), rules)
    except PackError as error:
        return error.problems
    return []


@lru_cache(maxsize=1)
def _blank_english() -> Language:
    """Tokenizer and vocabulary only: enough to check patterns without a model.

    Lemma phrase lists need docs with lemmas, so a stand-in "lemmatizer" copies the lower-case
    form; what is checked is the shape of the patterns, not what they match.
    """
    import spacy
    from spacy.language import Language

    if not Language.has_factory(LEMMA_STAND_IN):
        Language.component(LEMMA_STAND_IN, func=_lower_case_lemmas)
    nlp = spacy.blank("en")
    nlp.add_pipe(LEMMA_STAND_IN, name="lemmatizer")
    return nlp


def _lower_case_lemmas(doc: Doc) -> Doc:
    for token in doc:
        token.lemma_ = token.lower_
    return doc


def _context_packs(config: EngineConfig, given: set[Path]) -> tuple[list[Pack], list[Problem]]:
    """The configured packs other than the ones being checked."""
    packs, problems = [], []
    for source in config_sources(config):
        for path in pack_files(source.path) if source.path.exists() else ():
            if path.resolve() in given:
                continue
            try:
                stat = path.stat()
                packs.append(
                    _load_unchanged(path.resolve(), stat.st_mtime_ns, stat.st_size, source.origin)
                )
            except PackError as error:
                problems += error.problems
    return packs, problems


@lru_cache(maxsize=64)
def _load_unchanged(path: Path, mtime_ns: int, size: int, origin: str) -> Pack:
    """A pack loaded once per version of its file (packs are frozen values)."""
    return load_pack(path, origin)


def _in_load_order(context: list[Pack], checked: list[Pack], config: EngineConfig) -> list[Pack]:
    """Checked packs that are also configured take their configured place; the rest go last."""
    configured = [
        Path(f).resolve()
        for s in config_sources(config)
        if s.path.exists()
        for f in pack_files(s.path)
    ]
    position = {path: index for index, path in enumerate(configured)}
    packs = [*context, *checked]
    last = len(position)
    return sorted(packs, key=lambda p: position.get(Path(p.path).resolve(), last))


# Lint of the raw YAML, with exact positions.


def lint_file(path: Path) -> tuple[list[Problem], set[str]]:
    """Problems only the raw YAML shows, and the ids of the rules they are in."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return [], set()  # loading the pack reports these
    linter = _Linter(str(path))
    rules = yaml_get(root, "rules")
    if isinstance(rules, yaml.SequenceNode):
        for rule in rules.value:
            linter.rule(rule)
    return linter.problems, linter.flagged


class _Linter:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.flagged: set[str] = set()
        self.rule_id = ""

    def add(self, message: str, node: yaml.Node) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(message, self.path, mark.line + 1, mark.column + 1, self.rule_id)
        )
        self.flagged.add(self.rule_id)

    def rule(self, node: yaml.Node) -> None:
        if not isinstance(node, yaml.MappingNode):
            return
        rule_id = yaml_get(node, "id")
        self.rule_id = rule_id.value if isinstance(rule_id, yaml.ScalarNode) else ""
        kind = yaml_get(node, "kind")
        if isinstance(kind, yaml.ScalarNode) and kind.value in kinds.KINDS:
            kinds.get(kind.value).lint(node, self)
        for platform in yaml_items(yaml_get(node, "platforms")):
            self.platform(platform)

    def platform(self, node: yaml.Node, extra: str = "") -> None:
        from coach.engine.platforms import platform_names

        names = platform_names()
        if isinstance(node, yaml.ScalarNode) and node.value not in names:
            self.add(
                f"unknown platform '{node.value}'{did_you_mean(node.value, names)};"
                f" expected one of {', '.join(names)}{extra}",
                node,
            )

    def token(self, node: yaml.Node | None) -> None:
        if not isinstance(node, yaml.MappingNode):
            return
        for key, value in node.value:
            name = str(key.value).upper()
            if name not in TOKEN_ATTRS:
                self.add(
                    f"unknown token attribute '{key.value}'{did_you_mean(name, TOKEN_ATTRS)}",
                    key,
                )
            elif name in TOKEN_STRING_ATTRS:
                for scalar in _scalars(value):
                    self.text_value(name, scalar)
            elif name == "OP" and not (
                isinstance(value, yaml.ScalarNode) and OPERATOR.match(value.value)
            ):
                shown = value.value if isinstance(value, yaml.ScalarNode) else "a list or mapping"
                self.add(
                    f"unknown operator '{shown}'; expected one of ?, *, +, ! or a count "
                    "such as {2} or {1,3} (quote it)",
                    value,
                )

    def text_value(self, attribute: str, node: yaml.ScalarNode) -> None:
        kind = node.tag.rsplit(":", 1)[-1]
        if kind == "str":
            return
        if kind == "null" and not node.value:
            self.add(f"{attribute} has no value", node)
            return
        self.add(
            f"YAML reads {node.value} as {_YAML_TYPES.get(kind, kind)}, not text; "
            f"quote it: '{node.value}'",
            node,
        )


def _scalars(node: yaml.Node) -> list[yaml.ScalarNode]:
    """The scalar values of an attribute: itself, or inside {IN: [...]}, {REGEX: ...}."""
    if isinstance(node, yaml.ScalarNode):
        return [node]
    if isinstance(node, yaml.SequenceNode):
        return [s for item in node.value for s in _scalars(item)]
    if isinstance(node, yaml.MappingNode):
        return [s for _, value in node.value for s in _scalars(value)]
    return []
