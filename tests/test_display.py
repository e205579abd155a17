"""The plain-text forms every renderer shares: counts said in the singular for exactly one."""

from __future__ import annotations

from coach.engine.display import count


def test_count_is_singular_for_one_and_plural_otherwise():
    assert count(1, "row") == "1 row"
    assert count(0, "strength") == "0 strengths"
    assert count(2, "problem") == "2 problems"
    assert count(1204, "row") == "1,204 rows"


def test_count_takes_an_irregular_plural():
    assert count(1, "person", "people") == "1 person"
    assert count(3, "person", "people") == "3 people"
