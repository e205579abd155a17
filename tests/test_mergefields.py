"""The one merge-field grammar: every syntax found with its exact span, filled or reported."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.engine.mergefields import (
    field_key,
    find_merge_fields,
    has_merge_field,
    is_merge_field,
    render,
    spintax_variants,
)

ROW = {"firstname": "Dana", "company": "Northfield", "companyname": "Northfield"}


def resolve(name: str) -> str | None:
    return ROW.get(field_key(name))


# placeholder -> (names tried, default, options, filled from ROW)
SYNTAXES = {
    "{first_name}": (("first_name",), None, (), "Dana"),
    "{{firstName}}": (("firstName",), None, (), "Dana"),
    "{{{Recipient.FirstName}}}": (("Recipient.FirstName",), None, (), "Dana"),
    "[First Name]": (("First Name",), None, (), "Dana"),
    "<<FirstName>>": (("FirstName",), None, (), "Dana"),
    "<first name>": (("first name",), None, (), "Dana"),
    "%FIRSTNAME%": (("FIRSTNAME",), None, (), "Dana"),
    "%%first_name%%": (("first_name",), None, (), "Dana"),
    "*|FNAME|*": (("FNAME",), None, (), None),  # a meaning, not a spelling: see filling
    "${firstName}": (("firstName",), None, (), "Dana"),
    "#firstname#": (("firstname",), None, (), "Dana"),
    "{!Contact.FirstName}": (("Contact.FirstName",), None, (), "Dana"),
    '{{first_name | default: "there"}}': (("first_name",), "there", (), "Dana"),
    '{{contact.first_name || "Unknown"}}': (("contact.first_name",), "Unknown", (), "Dana"),
    "{{lead.First Name:default=there}}": (("lead.First Name",), "there", (), "Dana"),
    "{custom_company_name:{company_name:your company}}": (
        ("custom_company_name", "company_name"),
        "your company",
        (),
        "Northfield",
    ),
    "{{1}}": (("1",), None, (), None),
    "{Hi|Hello|Hey}": ((), None, ("Hi", "Hello", "Hey"), "Hi"),
    "{{random|Hello|Hey}}": ((), None, ("Hello", "Hey"), "Hello"),
    "XXX": ((), None, (), None),
    "[insert recent post]": (("insert recent post",), None, (), None),
}


@pytest.mark.parametrize("placeholder", list(SYNTAXES))
def test_every_syntax_is_found_with_its_exact_span_and_filled(placeholder):
    names, default, options, filled = SYNTAXES[placeholder]
    text = f"Well, {placeholder}, thanks."
    (found,) = find_merge_fields(text)
    assert (found.start, found.end) == (6, 6 + len(placeholder))
    assert found.text == text[found.start : found.end] == placeholder
    assert (found.names, found.default, found.options) == (names, default, options)
    rendered = render(text, resolve)
    if filled is None:  # kept as written, reported with its span in the rendered text
        assert rendered.text == text
        ((kept, missing),) = rendered.unfilled
        assert (kept.start, kept.end, kept.text, missing) == (6, found.end, placeholder, names)
    else:
        assert rendered.text == f"Well, {filled}, thanks." and rendered.unfilled == ()
    assert is_merge_field(placeholder)


def test_fallbacks_apply_only_when_the_value_is_empty():
    text = 'Hi {{first_name | default: "there"}} at {custom:{company_name:your company}}'
    assert render(text, resolve).text == "Hi Dana at Northfield"
    assert render(text, lambda name: "").text == "Hi there at your company"


def test_spans_in_the_rendered_text_move_with_the_fills():
    rendered = render("Hi {{firstName}}, about {{topic}} and [insert recent post].", resolve)
    assert rendered.text == "Hi Dana, about {{topic}} and [insert recent post]."
    spans = [(f.start, f.end, rendered.text[f.start : f.end]) for f, _ in rendered.unfilled]
    assert spans == [(15, 24, "{{topic}}"), (29, 49, "[insert recent post]")]


def test_spintax_renders_every_option_once():
    text = "{Hi|Hello|Hey} {{firstName}}, {great post|nice post}."
    assert spintax_variants(text) == [0, 1, 2]
    assert [render(text, resolve, v).text for v in spintax_variants(text)] == [
        "Hi Dana, great post.",
        "Hello Dana, nice post.",
        "Hey Dana, nice post.",
    ]
    assert not has_merge_field("{Hi|Hello} Dana")  # the tool picks one: nothing to fill


@pytest.mark.parametrize(
    "text",
    [
        "Hi Dana, your post [on thin clients] was useful.",
        "We cut costs 50% and then 20% again.",
        "Loved the #devops #sre thread.",
        "Line one<br>line two, and <b>bold</b>.",
        "See [the write-up](https://example.com/notes).",
        "I <3 this; x < y > z.",
        "A set {1, 2} in prose, and {} alone.",
    ],
)
def test_ordinary_punctuation_is_not_a_merge_field(text):
    assert find_merge_fields(text) == []


def test_field_names_fold_across_spellings():
    keys = {field_key(n) for n in ("firstName", "first_name", "First Name", "Contact.FirstName")}
    assert keys == {"firstname"}
    assert field_key("account.name") == field_key("company.name") == "companyname"


PIECES = [
    "Hi ",
    "{",
    "}",
    "{{",
    "}}",
    "[",
    "]",
    "<",
    ">",
    "%",
    "#",
    "*|",
    "|*",
    "$",
    "|",
    ":",
    "!",
    "XXX",
    "first_name",
    "Company",
    " ",
    ", ",
    "\n",
    '"there"',
    "default",
]


@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_any_text_parses_to_exact_ordered_spans_and_an_empty_row_changes_nothing(text):
    found = find_merge_fields(text)
    assert all(f.text == text[f.start : f.end] and f.start < f.end for f in found)
    assert all(a.end <= b.start for a, b in pairwise(found))
    rendered = render(text, lambda name: None)
    unchanged = all(f.options == () and f.default is None for f in found)
    if unchanged:
        assert rendered.text == text
    assert all(rendered.text[f.start : f.end] == f.text for f, _ in rendered.unfilled)


def test_a_field_left_inside_a_spintax_option_is_found_where_it_lands():
    rendered = render("Oh {Hi XXX, |Hello XXX, }welcome", lambda name: None)
    assert rendered.text == "Oh Hi XXX, welcome"
    ((field, _),) = rendered.unfilled
    assert rendered.text[field.start : field.end] == "XXX" and field.start == 6


def test_an_instruction_left_in_angle_brackets_is_a_field():
    assert [f.text for f in find_merge_fields("Hi <insert Flir name>, hello")] == [
        "<insert Flir name>"
    ]
    assert find_merge_fields("if x < y and z > w") == []
