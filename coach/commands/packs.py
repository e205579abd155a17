"""``coach packs``: scaffold, validate, test, list and explain rule packs; print their schema."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from coach.commands.common import add_engine_args
from coach.engine.display import count

if TYPE_CHECKING:
    from coach.engine import EngineConfig
    from coach.engine.packs.model import Example, Pack, Rule

EXIT_FAILED = 1
SCHEMA_FILE = "rule-pack.schema.json"
WIDTH = 88


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "packs",
        help="create, check and list rule packs",
        description="Rule packs are YAML files of rules (see docs/rule-packs.md). They come "
        "from the built-ins, installed packages (entry point group 'coach.packs'), the user "
        "packs folder, the project's .coach/packs/ and --packs.",
    )
    parser.set_defaults(run=lambda args: _help(parser))
    actions = parser.add_subparsers(dest="packs_command", metavar="ACTION")

    new = actions.add_parser(
        "new",
        help="scaffold a pack with one rule and its examples",
        description="Write .coach/packs/NAME.yaml (in the nearest project "
        "that has .coach/packs/, else here) with one working rule.",
    )
    new.add_argument("name", help="the pack's name, kebab-case (e.g. acme-rules)")
    new.add_argument("--dir", type=Path, help="write into this folder instead")
    new.set_defaults(run=run_new)

    validate = actions.add_parser(
        "validate",
        help="check packs: fields, spaCy patterns, regexes, ids",
        description="Check pack files or folders without running them. Problems are printed "
        "as path:line:col: rule-id: message; the exit code is 2 when there are any.",
    )
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    _add_no_builtin(validate)
    validate.set_defaults(run=run_validate)

    test = actions.add_parser(
        "test",
        help="run every rule's must-fire and must-pass examples",
        description="Run the examples of the rules in PATH (default: every pack in force) "
        "with the full engine, the built-in packs loaded beside them. Exit 1 on a failure.",
    )
    test.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    test.add_argument("-v", "--verbose", action="store_true", help="list every example")
    _add_no_builtin(test)
    test.set_defaults(run=run_test)

    listing = actions.add_parser("list", help="the packs in force, where each came from")
    listing.add_argument("--rules", action="store_true", help="list each rule, on or off")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    add_engine_args(listing)
    listing.set_defaults(run=run_list)

    show = actions.add_parser("show", help="one rule's docs: what, why, examples, instead")
    show.add_argument("rule_id", metavar="RULE_ID")
    add_engine_args(show)
    show.set_defaults(run=run_show)

    schema = actions.add_parser(
        "schema",
        help="print the JSON Schema of the pack format",
        description="Print the JSON Schema for editors; point a pack "
        "at it with '# yaml-language-server: $schema=PATH'.",
    )
    schema.set_defaults(run=run_schema)


def _add_no_builtin(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-builtin", action="store_true", help="leave the built-in packs out")


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 0


def _settings(args: argparse.Namespace) -> EngineConfig:
    from coach import config
    from coach.commands.common import command_line

    return config.load(cli=command_line(args))


def run_new(args: argparse.Namespace) -> int:
    from coach.config import locations
    from coach.engine.errors import ConfigError
    from coach.engine.packs.fields import PACK_NAME
    from coach.engine.packs.json_schema import json_schema
    from coach.engine.packs.sources import builtin_sources, pack_files

    name = args.name
    if not PACK_NAME.match(name):
        raise ConfigError.at(
            f"'{name}' is not a pack name: use lower case, digits and dashes, "
            "starting with a letter (e.g. acme-rules)",
            field="name",
        )
    builtin = {f.stem for s in builtin_sources() for f in pack_files(s.path)}
    if name in builtin:
        raise ConfigError.at(f"'{name}' is a built-in pack; choose another name", field="name")
    folder = (
        args.dir
        or locations.find_upward(locations.PROJECT_PACKS_DIR)
        or (Path.cwd() / locations.PROJECT_PACKS_DIR)
    )
    target = folder / f"{name}.yaml"
    if target.exists():
        raise ConfigError.at("already exists; choose another name or edit it", str(target))
    if folder.exists() and not folder.is_dir():
        raise ConfigError.at("not a folder; give a folder for the pack", str(folder), field="--dir")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target.write_text(scaffold(name), encoding="utf-8")
        (folder / SCHEMA_FILE).write_text(_schema_text(json_schema()), encoding="utf-8")
    except OSError as error:
        raise ConfigError.at(
            f"cannot write: {error.strerror}", str(error.filename or folder)
        ) from None
    shown = _shown(target)
    print(f"created {shown}")
    print(f"  check it:  coach packs validate {shown}")
    print(f"  run it:    coach packs test {shown}")
    print(f"  (editors validate it with {_shown(folder / SCHEMA_FILE)})")
    return 0


def run_validate(args: argparse.Namespace) -> int:
    from coach.engine.packs.lint import validate

    result = validate(list(args.paths), _settings(args))
    packs, rules = len(result.packs), result.rule_count
    print(f"{count(packs, 'pack')}, {count(rules, 'rule')}: no problems")
    return 0


def run_test(args: argparse.Namespace) -> int:
    from coach.engine.packs.examples import run_examples

    results = run_examples(list(args.paths), _settings(args))
    failed = [r for r in results if not r.ok]
    for result in results if args.verbose else failed:
        status = "PASSED" if result.ok else "FAILED"
        wanted = "must fire" if result.expected == "fire" else "must pass"
        outcome = (
            "" if result.ok else (" but did not" if result.expected == "fire" else " but fired")
        )
        print(
            f"{status} {_shown(Path(result.path))}:{result.line}: {result.rule_id}: "
            f"{wanted}{outcome}: "
            f"{_quote(result.text)}"
        )
    passed = len(results) - len(failed)
    summary = f"{passed} passed, {len(failed)} failed" if failed else f"{passed} passed"
    print(summary)
    return EXIT_FAILED if failed else 0


def run_list(args: argparse.Namespace) -> int:
    from coach.commands.common import build_engine_config
    from coach.engine.packs.resolve import rule_states
    from coach.engine.packs.sources import config_sources, load_packs

    config = build_engine_config(args)
    packs = load_packs(config_sources(config))
    states = dict((rule.id, on) for rule, on in rule_states(packs, config))
    if args.format == "json":
        print(json.dumps([_pack_dict(p, states) for p in packs], indent=2, ensure_ascii=False))
        return 0
    rows = [(p.name, _count(p, states), p.origin, _shown(Path(p.path))) for p in packs]
    widths = [max(len(r[i]) for r in [("PACK", "RULES ON", "ORIGIN", ""), *rows]) for i in range(3)]
    print(f"{'PACK':<{widths[0]}}  {'RULES ON':<{widths[1]}}  {'ORIGIN':<{widths[2]}}  PATH")
    for pack, row in zip(packs, rows, strict=True):
        print(f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}")
        if args.rules:
            for rule in pack.rules:
                mark = "on " if states.get(rule.id) else "off"
                print(f"    [{mark}] {rule.id}  {rule.title}")
    return 0


def _count(pack: Pack, states: dict[str, bool]) -> str:
    if not pack.rules:  # a pack of overrides only (fitted or learned weights)
        return count(len(pack.overrides), "override")
    on = sum(1 for r in pack.rules if states.get(r.id))
    return f"{on}/{len(pack.rules)}" + ("" if on else " (off)")


def _pack_dict(pack: Pack, states: dict[str, bool]) -> dict:
    return {
        "pack": pack.name,
        "title": pack.title,
        "origin": pack.origin,
        "path": pack.path,
        "rules": [
            {"id": r.id, "title": r.title, "enabled": states.get(r.id, False)} for r in pack.rules
        ],
    }


def run_show(args: argparse.Namespace) -> int:
    from coach.commands.common import build_engine_config
    from coach.engine.errors import ConfigError, did_you_mean
    from coach.engine.packs.resolve import rule_states
    from coach.engine.packs.sources import config_sources, load_packs

    config = build_engine_config(args)
    packs = load_packs(config_sources(config))
    states = rule_states(packs, config)
    found = [(rule, on) for rule, on in states if rule.id == args.rule_id]
    if not found:
        ids = [rule.id for rule, _ in states]
        raise ConfigError.at(
            f"no rule '{args.rule_id}'{did_you_mean(args.rule_id, ids)}; "
            "'coach packs list --rules' lists them",
            field="rule",
        )
    rule, on = found[0]
    origin = next((p.origin for p in packs if any(r.id == rule.id for r in p.rules)), "")
    print(describe(rule, on, origin))
    return 0


def describe(rule: Rule, on: bool, origin: str) -> str:
    """A rule's documentation as plain text."""
    from coach.engine.platforms import article_titles

    points = f"bonus +{rule.bonus}" if rule.bonus else f"weight {rule.weight}"
    facts = [
        rule.kind,
        f"problem: {rule.problem or 'none'}",
        rule.severity,
        points,
        "on" if on else "off",
    ]
    if rule.platforms:
        facts.append("only on " + ", ".join(rule.platforms))
    lines = [
        f"{rule.id}: {rule.title}",
        f"pack {rule.pack} ({origin}, {_shown(Path(rule.path))}:{rule.line})",
        " · ".join(facts),
        "",
    ]
    source = article_titles().get(rule.source, rule.source)
    sections = [
        ("What it flags", rule.message),
        ("Why it hurts", rule.why),
        ("Source", f"{source} ({rule.source})" if source != rule.source else source),
        ("Instead", rule.suggestion),
    ]
    for heading, text in sections:
        if text:
            lines += [heading, *_wrap(text), ""]
    lines += ["Fires on", *(_example(e) for e in rule.fire_examples), ""]
    lines += ["Passes", *(_example(e) for e in rule.pass_examples)]
    if rule.fix:
        target = rule.fix.get("target", "match")
        replacement = rule.fix.get("replacement")
        change = f" with {replacement!r}" if replacement else ""
        lines += ["", f"Fix: {rule.fix.get('action')} the {target}{change}"]
    return "\n".join(lines)


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), WIDTH, initial_indent="  ", subsequent_indent="  ")


def _example(example: Example) -> str:
    context = f"  [{', '.join(sorted(example.context))}]" if example.context else ""
    return f"  - {_quote(example.text)}{context}"


def run_schema(args: argparse.Namespace) -> int:
    from coach.engine.packs.json_schema import json_schema

    sys.stdout.write(_schema_text(json_schema()))
    return 0


def _schema_text(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    return json.dumps(flat if len(flat) <= 100 else flat[:97] + "...", ensure_ascii=False)


def _shown(path: Path) -> str:
    """A path relative to the working directory when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def scaffold(name: str) -> str:
    """A new pack with one working rule: it passes ``packs validate`` and ``packs test``."""
    title = name.replace("-", " ").capitalize()
    return SCAFFOLD.format(name=name, title=title, schema=SCHEMA_FILE)


SCAFFOLD = """\
# yaml-language-server: $schema={schema}
# A coach rule pack: every field is described in docs/rule-packs.md.
# Check it with 'coach packs validate' and run its examples with 'coach packs test'.
pack: {name}
title: {title}
description: >
  Our own rules. Replace the example rule below with yours; keep ids stable.
rules:
  - id: {name}.guaranteed-results
    title: Promises guaranteed results
    kind: phrases          # phrases, patterns, dependency, regex, metric, absence or context
    problem: pitch         # what it is evidence of: pitch, vague-ask, self-focus... or none
    severity: warning      # error, warning or info
    weight: 15             # points off the score when it fires (0-100)
    message: A guarantee in a first message reads as an advertisement.
    why: >
      A promise of results is a product pitch in disguise: "If you have to mention your
      product in the first contact then a relationship is not going to happen."
    source: tool-and-result   # an article id, or the name of your own playbook
    suggestion: Drop the promise. Say what you noticed about their work and offer something useful.
    phrases:               # matched on lower-case words, whole words only
      - guaranteed results
      - results guaranteed
      - we guarantee
      - i guarantee
    examples:              # 'coach packs test' checks both lists
      fire:
        - We guarantee a 3x return on your ad spend.
        - Guaranteed results within 30 days, or your money back.
      pass:
        - Your post on guarantees in vendor contracts made me rethink ours.
"""
