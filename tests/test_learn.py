"""``coach learn``: fits the weights to campaign outcomes, writes a pack ``coach check`` uses.

The campaign's replies follow a hidden rule (fewer replies to a call request, more to a
reference). The learning starts from a pack that zeroes every rule that fires on the
campaign, so it has to find both effects from the outcomes alone, whatever the rules are.
"""

from __future__ import annotations

import json

import pytest
import yaml

from coach.cli import main
from coach.engine import Context, Recipient
from coach.fit.firings import collect
from tests.learn_campaign import campaign_rows, prospect, write_campaign


@pytest.fixture(scope="module")
def campaign(tmp_path_factory, coach):
    folder = tmp_path_factory.mktemp("campaign")
    rows = campaign_rows()
    (folder / "blank.yaml").write_text(blank_pack(coach, rows), encoding="utf-8")
    return write_campaign(folder / "campaign.csv", rows)


def blank_pack(coach, rows) -> str:
    """Overrides that give every rule firing on the rows no effect (weight 0, bonus 1)."""
    firings, _ = collect(coach, [(r["message"], context(r)) for r in rows])
    fired = [t for t, n in zip(firings.terms, firings.counts(), strict=True) if n]
    lines = ["pack: blank", "overrides:"]
    for term in fired:
        lines += [f"  - id: {term.rule_id}", f"    {'bonus: 1' if term.is_bonus else 'weight: 0'}"]
    return "\n".join(lines) + "\n"


def context(row) -> Context:
    fields = ("first_name", "company", "role", "notes")
    return Context(recipient=Recipient(**{f: row[f] for f in fields}))


def learn(campaign, *extra: str) -> int:
    blank = str(campaign.parent / "blank.yaml")
    return main(["learn", str(campaign), "--outcome", "replied", "--packs", blank, *extra])


def overrides(path) -> dict[str, int]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {o["id"]: o.get("weight", o.get("bonus")) for o in data["overrides"]}


def check_score(campaign, *packs, reference=False, ask=True) -> dict:
    """``coach check`` of one note of the campaign's kind, with the blank pack and ``packs``."""
    note = prospect(0, "data contracts", "DataCouncil", reference, ask)
    args = ["check", note["message"], "--format", "json"]
    for field in ("first_name", "company", "role", "notes"):
        args += [f"--{field.replace('_', '-')}", note[field]]
    for pack in (campaign.parent / "blank.yaml", *packs):
        args += ["--packs", str(pack)]
    return json.loads(_run(args))


def _run(args) -> str:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(args) == 0
    return out.getvalue()


@pytest.fixture(scope="module")
def learned(campaign, tmp_path_factory):
    """One learning run shared by the tests that read its pack, report and output."""
    folder = tmp_path_factory.mktemp("learned")
    pack, report = folder / "learned.yaml", folder / "learned.html"
    blank = str(campaign.parent / "blank.yaml")
    args = ["--packs", blank, "-o", str(pack), "--report", str(report)]
    out = _run(["learn", str(campaign), "--outcome", "replied", *args])
    return pack, report, out


def test_learn_recovers_the_hidden_rule(campaign, learned):
    pack, report, _ = learned
    score = {
        (reference, ask): check_score(campaign, pack, reference=reference, ask=ask)["score"]
        for reference in (False, True)
        for ask in (False, True)
    }
    assert score[False, True] < score[False, False]  # the call request costs replies
    assert score[True, False] > score[False, False]  # a reference earns them
    assert "asks.time-request" in report.read_text(encoding="utf-8")
    assert "# Weights learned by `coach learn`" in pack.read_text(encoding="utf-8")


def test_learn_beats_the_current_weights_in_cross_validation(learned):
    before, after = _aucs(learned[2])
    assert after > before + 0.1


def test_the_learned_pack_changes_check_scores_as_reported(campaign, learned):
    pack, _, out = learned
    weight = overrides(pack)["asks.time-request"]
    old, new = check_score(campaign), check_score(campaign, pack)
    weights = {f["rule_id"]: f["weight"] for f in new["findings"]}
    assert weights["asks.time-request"] == weight > 0
    assert new["score"] < old["score"]
    row = next(line for line in out.splitlines() if line.startswith("asks.time-request"))
    assert row.split()[1:4] == ["weight", "0", str(weight)]  # the table showed it


def _aucs(out: str) -> tuple[float, float]:
    line = next(line for line in out.splitlines() if "cross-validated AUC" in line)
    before = float(line.split("current weights ")[1].split(",")[0])
    after = float(line.split("learned ")[1].split(" ")[0])
    return before, after


def test_the_learned_pack_passes_validate_and_test(campaign, learned, capsys):
    pack = str(learned[0])
    blank = str(campaign.parent / "blank.yaml")
    assert main(["packs", "validate", blank, pack]) == 0
    assert main(["packs", "test", blank, pack]) == 0
    assert "passed" in capsys.readouterr().out


def test_dry_run_writes_nothing_and_the_default_is_the_project_pack(
    campaign, tmp_path, capsys, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    assert learn(campaign, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "dry run: would write .coach/packs/learned.yaml" in out and "overrides:" in out
    assert not (tmp_path / ".coach").exists()
    assert learn(campaign) == 0
    assert (tmp_path / ".coach" / "packs" / "learned.yaml").is_file()


def refusal(capsys, code: int) -> str:
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    return err[0]


def test_too_few_rows_is_refused_naming_the_numbers(tmp_path, capsys):
    small = write_campaign(tmp_path / "small.csv", campaign_rows(30))
    message = refusal(capsys, main(["learn", str(small), "--outcome", "replied"]))
    assert "too few rows to learn from: 30 checked, at least 100 needed" in message


def test_too_few_positives_is_refused_naming_the_numbers(tmp_path, capsys):
    rows = campaign_rows(150)
    for index, row in enumerate(rows):
        row["replied"] = "yes" if index < 4 else "no"
    path = write_campaign(tmp_path / "quiet.csv", rows)
    message = refusal(capsys, main(["learn", str(path), "--outcome", "replied"]))
    assert "4 yes and 146 no among 150 rows, at least 10 of each needed" in message


def test_unexpected_outcome_values_are_listed(tmp_path, capsys):
    rows = campaign_rows(120)
    rows[3]["replied"], rows[7]["replied"], rows[9]["replied"] = "maybe", "maybe", "n/a"
    path = write_campaign(tmp_path / "odd.csv", rows)
    message = refusal(capsys, main(["learn", str(path), "--outcome", "replied"]))
    assert "'maybe' (2 rows, first at" in message and "'n/a' (1 row" in message
    assert "--positive or --negative" in message


def test_unknown_outcome_column_is_refused(campaign, capsys):
    message = refusal(capsys, main(["learn", str(campaign), "--outcome", "accepted"]))
    assert "no outcome column 'accepted'" in message and "replied" in message


def test_a_fit_that_does_not_beat_the_current_weights_is_not_written(campaign, tmp_path, capsys):
    """Outcomes that the current weights already rank perfectly leave nothing to beat."""
    rows = campaign_rows()
    for row in rows:
        row["replied"] = "no" if "15-minute" in row["message"] or not row["notes"] else "yes"
    path = write_campaign(tmp_path / "perfect.csv", rows)
    pack = tmp_path / "learned.yaml"
    message = refusal(capsys, main(["learn", str(path), "--outcome", "replied", "-o", str(pack)]))
    assert "do not beat the current ones in 5-fold cross-validation" in message
    assert "--force" in message and not pack.exists()
    assert main(["learn", str(path), "--outcome", "replied", "-o", str(pack), "--force"]) == 0
    assert pack.is_file()
