"""Hostile packs and settings files (issue 12, failures 7 and 9): a size cap, nesting, alias
and repetition limits, duplicate keys and a load budget, each a located one-line error that
names the file, never an out-of-memory, a hang or a traceback."""

from __future__ import annotations

import time

import pytest

from coach.cli import main
from coach.engine import PackError
from coach.engine.kinds.regex_limits import repetition_problem
from coach.engine.packs import sources
from coach.engine.packs.parse import load_pack
from coach.engine.packs.yamlsrc import MAX_YAML_BYTES

RULE = """\
pack: hostile
rules:
  - id: hostile.rule
    kind: {kind}
    problem: pitch
    weight: 10
    message: A message.
{body}
    examples: {{fire: [Get a free demo.], pass: [Hello there.]}}
"""
BOMB = (
    "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{b}: &{b} [{', '.join(['*' + a] * 9)}]\n"
        for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + RULE.format(kind="patterns", body="    patterns: [[{LOWER: demo}], *i]")
)


def _pack(tmp_path, text: str, name: str = "hostile.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _validate(capsys, path) -> tuple[int, str]:
    code = main(["packs", "validate", str(path)])
    out, err = capsys.readouterr()
    return code, out + err


def test_an_alias_bomb_in_patterns_is_refused_quickly(tmp_path, capsys):
    path = _pack(tmp_path, BOMB)
    started = time.monotonic()
    with pytest.raises(PackError, match=r"hostile\.yaml:\d+:\d+: invalid YAML: expands to more"):
        load_pack(path)
    assert time.monotonic() - started < 5
    code, output = _validate(capsys, path)
    assert code == 2 and "Traceback" not in output


def test_an_alias_bomb_in_a_cloned_project_folder_is_an_error_naming_the_file(
    tmp_path, monkeypatch, capsys
):
    folder = tmp_path / ".coach" / "packs"
    folder.mkdir(parents=True)
    _pack(folder, BOMB)
    monkeypatch.chdir(tmp_path)
    code = main(["check", "Hi Dana, thanks for the talk."])
    _, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1
    assert "hostile.yaml" in err and "expands to more than" in err


def test_too_many_aliases_are_refused(tmp_path):
    aliases = ", ".join(["*x"] * 101)
    path = _pack(tmp_path, f"x: &x small\nmany: [{aliases}]\n" + RULE.format(kind="x", body=""))
    with pytest.raises(PackError, match="more than 100 aliases"):
        load_pack(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: " + "[" * 5000 + "]" * 5000 + "\n", "nested more than 64 levels deep"),
        ("".join("  " * i + "a:\n" for i in range(200)) + "  " * 200 + "1\n", "nested more"),
    ],
    ids=["flow", "block"],
)
def test_deep_nesting_is_one_line_in_a_pack_and_in_coach_yaml(
    tmp_path, monkeypatch, capsys, text, message
):
    code, output = _validate(capsys, _pack(tmp_path, text))
    assert code == 2 and message in output and "Traceback" not in output
    (tmp_path / ".coach.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["check", "Hi Dana, thanks for the talk."])
    _, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1 and ".coach.yaml:" in err and message in err


def test_a_pack_over_the_size_cap_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("w") as handle:
        handle.write("pack: huge\nrules: []\n# " + "x" * MAX_YAML_BYTES + "\n")
    with pytest.raises(PackError, match=r"huge\.yaml: the file is 1,000,\d+ bytes"):
        load_pack(path)


def test_duplicate_keys_are_refused_naming_both_lines(tmp_path):
    text = RULE.format(kind="phrases", body="    phrases: [free demo]\n    weight: 30")
    with pytest.raises(
        PackError,
        match=r"hostile\.yaml:9:5: invalid YAML: duplicate key "
        r"'weight' on lines 6 and 9",
    ):
        load_pack(_pack(tmp_path, text))


def test_merge_keys_may_still_be_overridden(tmp_path):
    body = "    phrases: [free demo]"
    text = RULE.format(kind="phrases", body=body).replace(
        "    problem: pitch\n    weight: 10\n",
        "    <<: {problem: pitch, weight: 10}\n    weight: 12\n",
    )
    [rule] = load_pack(_pack(tmp_path, text)).rules
    assert rule.weight == 12


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("    regex: ['a{1000000000}']", "a repetition of 1,000,000,000 is over the limit"),
        ("    regex: ['((a{100}){100}){100}']", "nested repetitions multiply to 1,000,000"),
    ],
)
def test_regex_repetitions_are_capped_before_compiling(tmp_path, body, message):
    path = _pack(tmp_path, RULE.format(kind="regex", body=body))
    started = time.monotonic()
    with pytest.raises(PackError, match=rf"hostile\.yaml:8:\d+: hostile\.rule: .*{message}"):
        load_pack(path)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("    patterns: [[{LOWER: {REGEX: '(['}}]]", "invalid REGEX '\\(\\[': unterminated"),
        ("    patterns: [[{LOWER: {REGEX: 'a{5000}'}}]]", "a repetition of 5,000"),
        ("    patterns: [[{LOWER: demo, OP: '{1,1000}'}]]", "repeats a token more than 100"),
    ],
)
def test_token_patterns_are_checked_at_load_not_at_match_time(tmp_path, capsys, body, message):
    path = _pack(tmp_path, RULE.format(kind="patterns", body=body))
    with pytest.raises(PackError, match=message):
        load_pack(path)
    code = main(["check", "Get a free demo.", "--packs", str(path)])
    _, err = capsys.readouterr()
    assert code == 2 and "Traceback" not in err and "hostile.yaml" in err


def test_ordinary_repetitions_are_fine():
    for expression in (r"\d{1,3}", r"\{\{\s*first_name\s*\}\}", "[{]{2}", "(ab){2,5}", "x{1000}"):
        assert repetition_problem(expression) == "", expression


def test_the_load_budget_names_the_file_it_ran_out_on(tmp_path, monkeypatch, capsys):
    path = _pack(tmp_path, RULE.format(kind="phrases", body="    phrases: [free demo]"))
    monkeypatch.setattr(sources, "LOAD_BUDGET", 0.0)
    code = main(["check", "Hi Dana", "--packs", str(path)])
    _, err = capsys.readouterr()
    assert code == 2 and "loading packs took over 0 s" in err and err.count("\n") == 1


def test_cli_mistakes_are_one_line_and_exit_2(tmp_path, monkeypatch, capsys):
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    cases = [
        (["packs", "new", "acme", "--dir", str(a_file)], "--dir: not a folder"),
        (["check", str(tmp_path)], "is a folder"),
        (["check", "Hi Dana", "--disable", "nosuch.rule"], "no rule or pack is called"),
        (["check", "Hi", "--disable", "self-focus.we-centrik"], "did you mean 'self-focus.we"),
        (["check", "Hi", "--platform", "email", "--platform", "inmail"], "more than once"),
        (["batch", str(tmp_path), "--platform", "email", "--platform", "inmail"], "more than"),
    ]
    for argv, message in cases:
        try:
            code = main(argv)
        except SystemExit as stop:  # argparse usage errors
            code = stop.code
        _, err = capsys.readouterr()
        assert code == 2 and message in err and err.count("\n") == 1, (argv, err)
    assert main(["check", "Hi Dana", "--disable", "pitch.*", "--disable", "audience"]) == 0
    (tmp_path / ".coach.yaml").write_text("model: os\n")
    monkeypatch.chdir(tmp_path)
    code = main(["check", "Hi Dana"])
    _, err = capsys.readouterr()
    assert code == 2 and "'os' is not a spaCy pipeline" in err and err.count("\n") == 1


def test_a_folder_given_as_the_campaign_is_named_as_a_folder(tmp_path, capsys):
    code = main(["batch", str(tmp_path)])
    _, err = capsys.readouterr()
    assert code == 2 and "is a folder" in err and err.count("\n") == 1
