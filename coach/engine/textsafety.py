"""Keeping hostile or accidental input from crashing or stalling the engine.

- Length caps. ``MAX_TEXT_CHARS`` is the longest message ``Coach.check`` (and ``coach check``,
  ``coach batch``) accepts and ``MAX_FIELD_CHARS`` the longest recipient field (notes, company...):
  no outreach message comes near them, and spaCy needs about 1 GB per 100,000 characters.
  Longer input is a ``TextTooLong`` error naming the field, never an out-of-memory. The time a
  check takes grows with its tokens, so a message is also capped at ``MAX_TOKENS`` (20,000
  characters of prose are 4,000 to 5,000 tokens; "a a a ..." would be 10,000).
- Runs without spaces. spaCy's tokenizer is quadratic in the length of a run without
  whitespace (10,000 emoji take 15 s, 20,000 brackets a minute), and such a run can also make
  one token per character, which the tagger, parser and matchers then pay for. So
  ``make_doc`` turns any run longer than ``LONG_RUN`` into tokens of ``PIECE`` characters each
  (no language lives there: character-based rules such as the emoji count read the text) and
  joins them with the normally tokenized rest into one ``Doc``. The doc's text is the original
  text, character for character, so every offset (findings, edits) still points into what the
  user wrote.
- Lone surrogates (a JSON ``"\\ud800"``) cannot be encoded as UTF-8; they are replaced by
  U+FFFD, one character for one, so offsets do not move either.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from coach.engine.errors import InputError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from coach.engine.models import Context

MAX_TEXT_CHARS = 20_000
MAX_FIELD_CHARS = 5_000
MAX_TOKENS = 6_000
LONG_RUN = 200  # characters without whitespace; a long URL is still one run
PIECE = 64

_SURROGATE = re.compile("[\ud800-\udfff]")
_LONG_RUN = re.compile(rf"\S{{{LONG_RUN + 1},}}")


class TextTooLong(InputError):
    """A message or recipient field over its documented cap."""


def has_surrogates(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def replace_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (same length, same offsets)."""
    return _SURROGATE.sub("\ufffd", text) if has_surrogates(text) else text


def too_long(text: str, context: Context | None = None) -> str:
    """Why the message or one of its recipient fields is over its cap, or "" when none is."""
    if len(text) > MAX_TEXT_CHARS:
        return (
            f"the message is {len(text):,} characters; the coach checks messages up to "
            f"{MAX_TEXT_CHARS:,}"
        )
    if context is None:
        return ""
    for name, value in vars(context.recipient).items():
        if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
            return (
                f"the recipient's {name.replace('_', ' ')} is {len(value):,} characters; "
                f"the coach reads up to {MAX_FIELD_CHARS:,}"
            )
    return ""


def check_lengths(text: str, context: Context | None = None) -> None:
    """Raise ``TextTooLong`` when the message or a recipient field is over its cap."""
    reason = too_long(text, context)
    if reason:
        raise TextTooLong.at(reason, field="message" if len(text) > MAX_TEXT_CHARS else "")


def check_tokens(doc: Doc) -> None:
    """Raise ``TextTooLong`` when a message has more than ``MAX_TOKENS`` tokens."""
    if len(doc) > MAX_TOKENS:
        raise TextTooLong.at(
            f"the message has {len(doc):,} words and symbols; the coach checks messages of up "
            f"to {MAX_TOKENS:,}",
            field="message",
        )


def make_doc(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)``, in linear time whatever the text (see the module docstring)."""
    if _LONG_RUN.search(text) is None:
        return nlp.make_doc(text)
    from spacy.tokens import Doc

    docs = []
    position = 0
    for run in _LONG_RUN.finditer(text):
        if run.start() > position:
            docs.append(nlp.make_doc(text[position : run.start()]))
        pieces = [
            text[at : min(at + PIECE, run.end())] for at in range(run.start(), run.end(), PIECE)
        ]
        docs.append(Doc(nlp.vocab, words=pieces, spaces=[False] * len(pieces)))
        position = run.end()
    if position < len(text):
        docs.append(nlp.make_doc(text[position:]))
    return Doc.from_docs(docs, ensure_whitespace=False)
