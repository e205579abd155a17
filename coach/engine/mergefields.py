"""The one merge-field grammar: placeholders as sales tools write them, found and filled.

One small scanner reads every syntax the tools use, so the merge-field rule, the campaign
flags and the per-row filler agree on what a placeholder is and where it starts and ends:

    {x} {{x}} {{{x}}} ${x} [x] <<x>> <x> %x% %%x%% *|X|* #x# {!Obj.Field} XXX
    {{x | default: "y"}}  {{x || "y"}}  {{lead.x:default=y}}  {x:{y:your company}}
    {a|b|c}  {{random|a|b}}                                   (spintax: one option is sent)

A ``MergeField`` keeps its exact span in the text; ``names`` are the fields to try in order
(a nested fallback adds one per level) and ``default`` the literal used when all are empty.
Square and single angle brackets are also ordinary punctuation: a bracket counts unless it
opens like an aside (``[on thin clients]``, ``[sic]``) or is a Markdown link, and a single angle
bracket only around a field name (``<first name>``, never ``<br>``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

MAX_FIELD_CHARS = 120  # a placeholder longer than this is prose, not a field
MAX_VARIANTS = 10  # spintax renders: every option of every group appears in one of them
NAME = re.compile(r"[A-Za-z0-9_][\w .-]{0,60}")
TIGHT_NAME = re.compile(r"[A-Za-z][\w.]{0,40}")  # % # forms: no spaces ("50% off and 20%")
MAILCHIMP = re.compile(r"[A-Za-z0-9_:]{1,40}")
BLANKS = re.compile(r"(?<![\w])X{3,}(?![\w])")
BRACES = re.compile(r"[{}\n]")
OPENINGS = re.compile(r"[{$\[<%*#]|(?<![\w])X{3}")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# What a bracketed aside starts with; a placeholder never does.
ASIDE_WORDS = _words("on in at of for and or with from to by as via sic eg ie see cf note")
FIELD_WORDS = _words(
    "name firstname lastname fullname givenname surname fname lname company companyname "
    "organization organisation account title jobtitle role position industry city country "
    "email phone website link url date day time topic post article event school"
)
OBJECT_PREFIXES = ("contact", "lead", "recipient", "prospect", "person", "user")
COMPANY_OBJECTS = ("account", "company", "organization", "organisation", "org")


@dataclass(frozen=True)
class MergeField:
    """One placeholder, quoted exactly as written (``text`` is ``source[start:end]``)."""

    start: int
    end: int
    text: str
    syntax: str
    names: tuple[str, ...] = ()
    default: str | None = None
    options: tuple[str, ...] = ()  # spintax: the alternatives, one of which is sent

    @property
    def is_spintax(self) -> bool:
        return bool(self.options)


def find_merge_fields(text: str) -> list[MergeField]:
    """Every placeholder in ``text``, in order, never overlapping."""
    return list(_fields(text))


@lru_cache(maxsize=1024)
def _fields(text: str) -> tuple[MergeField, ...]:
    """Parsed once per distinct text: a campaign repeats a few templates over many rows."""
    return tuple(_scan(text))


def has_merge_field(text: str) -> bool:
    """Whether a placeholder is left to fill (spintax is not: the tool picks an option)."""
    return any(not f.is_spintax for f in _fields(text))


def is_merge_field(text: str) -> bool:
    """Whether the whole of ``text`` (stripped) is one placeholder."""
    text = text.strip()
    found = _fields(text)
    return len(found) == 1 and found[0].start == 0 and found[0].end == len(text)


def field_key(name: str) -> str:
    """A field name folded for matching: ``Contact.FirstName``, ``first_name`` -> ``firstname``."""
    folded = name.casefold().strip()
    head, dot, rest = folded.partition(".")
    if dot and head.strip() in OBJECT_PREFIXES:
        folded = rest
    elif dot and head.strip() in COMPANY_OBJECTS:  # {{account.name}} is the company's name
        folded = "company" + rest
    return re.sub(r"[^a-z0-9]", "", folded)


# -- rendering ---------------------------------------------------------------------------------

Resolver = Callable[[str], "str | None"]


@dataclass(frozen=True)
class Rendered:
    """A template with its fields filled: the text, and the placeholders left as written.

    ``unfilled`` pairs each placeholder kept in ``text`` (with its span in ``text``) with the
    field names that had no value.
    """

    text: str
    unfilled: tuple[tuple[MergeField, tuple[str, ...]], ...] = ()


def spintax_variants(text: str) -> list[int]:
    """The variant numbers ``render`` accepts: one per option of the widest spintax group."""
    widths = [len(f.options) for f in _fields(text) if f.options]
    return list(range(min(max(widths, default=1), MAX_VARIANTS)))


def render(text: str, resolve: Resolver, variant: int = 0) -> Rendered:
    """``text`` with every fillable placeholder replaced; spintax takes option ``variant``.

    ``resolve`` gives a field's value, or None/"" when the row has none. A field with no
    value and no default stays as written, so the rules still see it.
    """
    parts: list[str] = []
    unfilled: list[tuple[MergeField, tuple[str, ...]]] = []
    position = length = 0
    for found in _fields(text):
        parts.append(text[position : found.start])
        length += found.start - position
        position = found.end
        if found.options:
            option = found.options[min(variant, len(found.options) - 1)]
            inner = render(option, resolve, variant)
            unfilled += [(_moved(f, length + f.start), missing) for f, missing in inner.unfilled]
            value = inner.text
        else:
            value = _value(found, resolve)
        if value is None:
            unfilled.append((_moved(found, length), found.names))
            value = found.text
        parts.append(value)
        length += len(value)
    parts.append(text[position:])
    return Rendered("".join(parts), tuple(unfilled))


def _value(found: MergeField, resolve: Resolver) -> str | None:
    for name in found.names:
        value = resolve(name)
        if value and value.strip():
            return value.strip()
    return found.default


def _moved(found: MergeField, start: int) -> MergeField:
    return MergeField(
        start, start + len(found.text), found.text, found.syntax, found.names, found.default
    )


# -- scanning ----------------------------------------------------------------------------------


def _scan(text: str) -> Iterator[MergeField]:
    """Placeholders left to right; the scanner jumps from one opening mark to the next."""
    index = 0
    while (mark := OPENINGS.search(text, index)) is not None:
        index = mark.start()
        if text[index] == "X":
            match = BLANKS.match(text, index)
            found = MergeField(index, match.end(), match.group(0), "XXX") if match else None
        else:
            found = _at(text, index)
        if found is None:
            index += 1
            continue
        yield found
        index = found.end


def _at(text: str, index: int) -> MergeField | None:
    char = text[index]
    if char == "{" or (char == "$" and text.startswith("${", index)):
        return _braces(text, index)
    if char == "[":
        return _delimited(text, index, "[", "]", "[]", _bracket_name)
    if char == "<":
        if text.startswith("<<", index):
            return _delimited(text, index, "<<", ">>", "<<>>", _plain_name)
        return _delimited(text, index, "<", ">", "<>", _angle_name)
    if char == "%":
        if text.startswith("%%", index):
            return _delimited(text, index, "%%", "%%", "%%", _tight_name)
        return _delimited(text, index, "%", "%", "%", _tight_name)
    if char == "*" and text.startswith("*|", index):
        return _delimited(text, index, "*|", "|*", "*||*", _mailchimp_name)
    if char == "#":
        if index > 0 and text[index - 1].isalnum():
            return None
        return _delimited(text, index, "#", "#", "#", _tight_name)
    return None


def _delimited(
    text: str,
    index: int,
    opening: str,
    closing: str,
    syntax: str,
    name_of: Callable[[str], str | None],
) -> MergeField | None:
    start = index + len(opening)
    end = text.find(closing, start, start + MAX_FIELD_CHARS)
    if end <= start or "\n" in text[start:end]:
        return None
    name = name_of(text[start:end])
    if name is None:
        return None
    stop = end + len(closing)
    if syntax == "[]" and text.startswith("(", stop):  # a Markdown link
        return None
    return MergeField(index, stop, text[index:stop], syntax, (name,))


def _plain_name(content: str) -> str | None:
    content = content.strip()
    return content if NAME.fullmatch(content) else None


def _tight_name(content: str) -> str | None:
    return content if TIGHT_NAME.fullmatch(content) else None


def _mailchimp_name(content: str) -> str | None:
    return content if MAILCHIMP.fullmatch(content) else None


def _angle_name(content: str) -> str | None:
    """``<first name>`` and ``<insert company name>`` (an instruction left in) are fields;
    ``<br>``, ``<b>`` and ``<3`` are not."""
    name = _plain_name(content)
    if name is None:
        return None
    if field_key(name) in FIELD_WORDS | _FIELD_PAIRS:
        return name
    words = name.casefold().split()
    return name if len(words) > 1 and words[0] in INSTRUCTION_WORDS else None


INSTRUCTION_WORDS = frozenset({"insert", "enter", "add", "put", "your"})


def _bracket_name(content: str) -> str | None:
    """``[First Name]``, ``[insert recent post]``, ``[a resource that would help them]`` are
    placeholders (a rewrite leaves its slots so); an aside (``[on thin clients]``) is not."""
    name = content.strip()
    if not name or len(name) > 60 or not name[0].isalpha():
        return None
    if not re.fullmatch(r"[\w .,'/-]+", name):
        return None
    first = re.match(r"[a-z]+", name.casefold())
    return None if first is None or first.group() in ASIDE_WORDS else name


_FIELD_PAIRS = frozenset(
    f"{a}{b}"
    for a in ("first", "last", "full", "given", "company", "contact", "recipient", "job")
    for b in ("name", "title", "company")
)


def _braces(text: str, index: int) -> MergeField | None:
    """``{...}`` forms: the braces are matched by depth, so nested fallbacks stay one field."""
    start = index + 1 if text[index] == "$" else index
    count = 0
    while count < 3 and text.startswith("{", start + count):
        count += 1
    depth, end = 0, 0
    for mark in BRACES.finditer(text, start, min(len(text), start + MAX_FIELD_CHARS)):
        char = mark.group()
        if char == "\n":
            return None
        depth += 1 if char == "{" else -1
        if depth == 0:
            end = mark.end()
            break
    if not end:
        return None
    if not text.startswith("}" * count, end - count):
        return None
    content = text[start + count : end - count]
    if text[index] == "$":
        parsed = _single(content) if count == 1 else None
        syntax = "${}"
    else:
        parsed = _single(content) if count == 1 else _double(content)
        syntax = "{" * count + "}" * count
    if parsed is None:
        return None
    names, default, options = parsed
    return MergeField(index, end, text[index:end], syntax, names, default, options)


Parsed = tuple[tuple[str, ...], "str | None", tuple[str, ...]]


def _single(content: str) -> Parsed | None:
    """``{x}``, ``{!Contact.FirstName}``, ``{a|b|c}`` spintax, ``{x:fallback}`` (nestable)."""
    if content.startswith("!"):
        name = _plain_name(content[1:])
        return ((name,), None, ()) if name else None
    options = _split_top(content, "|")
    if len(options) > 1:
        return (), None, tuple(options)
    name, colon, fallback = content.partition(":")
    name = _plain_name(name) if colon else _plain_name(content)
    if name is None or (not colon and ":" in name):
        return None
    if not colon:
        return (name,), None, ()
    inner = fallback.strip()
    if inner.startswith("{") and inner.endswith("}"):
        nested = _braces(inner, 0)
        if nested is not None and nested.end == len(inner) and not nested.options:
            return (name, *nested.names), nested.default, ()
    return (name,), _unquote(fallback), ()


def _double(content: str) -> Parsed | None:
    """``{{x}}`` with Liquid, Handlebars and Marketo fallbacks, or ``{{random|a|b}}``."""
    parts = [p.strip() for p in _split_top(content, "|")]
    if len(parts) > 1 and parts[0].casefold() in ("random", "spin", "spintax"):
        return (), None, tuple(parts[1:])
    if "||" in content:
        name, _, fallback = content.partition("||")
        name = _plain_name(name)
        return ((name,), _unquote(fallback), ()) if name else None
    if len(parts) > 1:
        name = _plain_name(parts[0])
        if name is None:
            return None
        default = None
        for piece in parts[1:]:
            word, _, argument = piece.partition(":")
            if word.strip().casefold() in ("default", "fallback") and argument.strip():
                default = _unquote(argument)
        return (name,), default, ()
    name, colon, fallback = content.partition(":")
    name = _plain_name(name if colon else content)
    if name is None:
        return None
    if not colon:
        return (name,), None, ()
    fallback = fallback.strip()
    if fallback.casefold().startswith(("default=", "fallback=")):
        fallback = fallback.partition("=")[2]
    return (name,), _unquote(fallback), ()


def _split_top(content: str, separator: str) -> list[str]:
    """``content`` split at ``separator`` outside nested braces."""
    if "{" not in content and "||" not in content:
        return content.split(separator)
    parts, depth, current = [], 0, []
    index = 0
    while index < len(content):
        char = content[index]
        depth += (char == "{") - (char == "}")
        if depth == 0 and content.startswith(separator, index):
            if separator == "|" and content.startswith("||", index):
                current.append("||")
                index += 2
                continue
            parts.append("".join(current))
            current = []
            index += len(separator)
            continue
        current.append(char)
        index += 1
    parts.append("".join(current))
    return parts


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value
