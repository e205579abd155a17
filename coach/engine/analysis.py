"""One message taken apart: subject and body, the parsed doc, and measured quantities."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from coach.engine.acts import Parties, Reading
from coach.engine.acts import read as read_acts
from coach.engine.models import Context, Spans
from coach.engine.platforms import Platform
from coach.engine.subject import split_subject
from coach.engine.textunits import body_sentences
from coach.engine.tokens import Sent, Tok, sentences_of, tokens_of

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass
class Analysis:
    """A parsed message with lazily computed metrics; shared by every rule of one check."""

    text: str
    doc: Doc
    context: Context
    platform: Platform
    subject_span: tuple[int, int] | None = None
    body_start: int = 0
    metrics: dict[str, tuple[float, Spans]] = field(default_factory=dict)  # by kinds.metric
    context_results: dict[str, Spans] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str, doc: Doc, context: Context, platform: Platform) -> Analysis:
        subject_span, body_start = split_subject(text, platform)
        return cls(text, doc, context, platform, subject_span, body_start)

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @cached_property
    def body_tokens(self) -> list[Tok]:
        """The tokens after the subject line (plain ``Tok`` objects, as ``tokens``)."""
        return [t for t in self.tokens if t.idx >= self.body_start]

    @cached_property
    def reading(self) -> Reading:
        """The speech acts of the body (empty when the doc was parsed without the parser)."""
        if not self.doc.has_annotation("DEP"):
            return Reading((), ())
        sender, recipient = self.context.sender, self.context.recipient
        parties = Parties.of(
            [sender.name, sender.company, *sender.products],
            [recipient.first_name, recipient.last_name, recipient.company],
        )
        return read_acts(self.doc, self.body_start, parties, self.sentences)

    @cached_property
    def tokens(self) -> list[Tok]:
        """The doc's tokens as plain objects, read once (see ``coach.engine.tokens``)."""
        return tokens_of(self.doc)

    @cached_property
    def sentences(self) -> list[Sent]:
        """The doc's sentences over the plain tokens, made once."""
        return sentences_of(self.tokens)

    @cached_property
    def body_sentences(self) -> list[Sent]:
        """The sentences after the subject line, over the plain tokens."""
        return body_sentences(self.doc, self.body_start, self.sentences)

    def first_sentence_span(self) -> tuple[int, int]:
        sentences = self.body_sentences
        if not sentences:
            return (self.body_start, len(self.text))
        first = sentences[0]
        return (max(first.start_char, self.body_start), first.end_char)

    def sentence_at(self, start: int) -> tuple[int, int]:
        for sentence in self.sentences:
            if sentence.start_char <= start < sentence.end_char:
                return (sentence.start_char, sentence.end_char)
        return (start, start)
