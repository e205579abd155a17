"""One message taken apart: subject and body, the parsed doc, and measured quantities."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from coach.engine.acts import Parties, Reading
from coach.engine.acts import read as read_acts
from coach.engine.models import Context
from coach.engine.platforms import Platform

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

SUBJECT_LINE = re.compile(r"\A[ \t]*subject[ \t]*:[ \t]*(?P<subject>[^\n]*)\n?", re.IGNORECASE)
LINK = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|io|co|net|org|ai|app|ly|biz)\b(?:/\S*)?",
    re.IGNORECASE,
)
EMOJI = re.compile(
    "[\U0001f300-\U0001faff\U00002600-\U000027bf\U0001f000-\U0001f2ff\U0001f900-\U0001f9ff]"
)
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours"})
SELF_FOCUS_MIN_FIRST_PERSON = 4
SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "yourselves"})

Spans = list[tuple[int, int]]


@dataclass
class Analysis:
    """A parsed message with lazily computed metrics; shared by every rule of one check."""

    text: str
    doc: Doc
    context: Context
    platform: Platform
    subject_span: tuple[int, int] | None = None
    body_start: int = 0
    _metrics: dict[str, tuple[float, Spans]] = field(default_factory=dict)
    context_results: dict[str, Spans] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str, doc: Doc, context: Context, platform: Platform) -> Analysis:
        subject_span, body_start = split_subject(text, platform)
        return cls(text, doc, context, platform, subject_span, body_start)

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

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
        return read_acts(self.doc, self.body_start, parties)

    @cached_property
    def body_sentences(self) -> list[Span]:
        return [s for s in self.doc.sents if s.end_char > self.body_start and s.text.strip()]

    def first_sentence_span(self) -> tuple[int, int]:
        sentences = self.body_sentences
        if not sentences:
            return (self.body_start, len(self.text))
        first = sentences[0]
        return (max(first.start_char, self.body_start), first.end_char)

    def sentence_at(self, start: int) -> tuple[int, int]:
        for sentence in self.doc.sents:
            if sentence.start_char <= start < sentence.end_char:
                return (sentence.start_char, sentence.end_char)
        return (start, start)

    def metric(self, name: str) -> tuple[float, Spans]:
        if name not in self._metrics:
            self._metrics[name] = getattr(self, f"_metric_{name}")()
        return self._metrics[name]

    def _body_tokens(self):
        return [t for t in self.doc if t.idx >= self.body_start]

    def _metric_chars(self) -> tuple[float, Spans]:
        return float(len(self.body.rstrip())), [(self.body_start, len(self.text))]

    def _metric_over_limit(self) -> tuple[float, Spans]:
        body = self.body.rstrip()
        over = len(body) - self.platform.limit
        if over <= 0:
            return 0.0, []
        start = self.body_start + self.platform.limit
        return float(over), [(start, self.body_start + len(body))]

    def _metric_subject_chars(self) -> tuple[float, Spans]:
        if not self.subject_span:
            return 0.0, []
        start, end = self.subject_span
        return float(end - start), [self.subject_span]

    def _metric_subject_over_limit(self) -> tuple[float, Spans]:
        limit = self.platform.subject_limit
        if not self.subject_span or limit is None:
            return 0.0, []
        start, end = self.subject_span
        over = end - start - limit
        return (float(over), [(start + limit, end)]) if over > 0 else (0.0, [])

    def _metric_subject_missing(self) -> tuple[float, Spans]:
        missing = self.platform.subject == "required" and not self.subject_span
        return (1.0 if missing else 0.0), [self.first_sentence_span()]

    def _metric_words(self) -> tuple[float, Spans]:
        words = [t for t in self._body_tokens() if t.is_alpha or t.like_num]
        return float(len(words)), [(self.body_start, len(self.text))]

    def _metric_sentences(self) -> tuple[float, Spans]:
        spans = [(s.start_char, s.end_char) for s in self.body_sentences]
        return float(len(spans)), spans

    def _metric_reading_grade(self) -> tuple[float, Spans]:
        import textstat

        body = self.body.strip()
        grade = float(textstat.flesch_kincaid_grade(body)) if body else 0.0
        return grade, [(self.body_start, len(self.text))]

    def _char_metric(self, char: str) -> tuple[float, Spans]:
        spans = [(m.start(), m.end()) for m in re.finditer(re.escape(char) + "+", self.text)]
        return float(self.text.count(char)), spans

    def _metric_questions(self) -> tuple[float, Spans]:
        return self._char_metric("?")

    def _metric_exclamations(self) -> tuple[float, Spans]:
        return self._char_metric("!")

    def _metric_links(self) -> tuple[float, Spans]:
        spans = [(m.start(), m.end()) for m in LINK.finditer(self.text)]
        return float(len(spans)), spans

    def _metric_caps_words(self) -> tuple[float, Spans]:
        spans = [
            (t.idx, t.idx + len(t.text))
            for t in self.doc
            if t.is_alpha
            and t.is_upper
            and len(t.text) >= 3
            and (len(t.text) >= 5 or t.pos_ not in ("PROPN", "NOUN"))
        ]
        return float(len(spans)), spans

    def _metric_emoji(self) -> tuple[float, Spans]:
        spans = [(m.start(), m.end()) for m in EMOJI.finditer(self.text)]
        return float(len(spans)), spans

    def _person_spans(self, words: frozenset[str]) -> Spans:
        return [(t.idx, t.idx + len(t.text)) for t in self._body_tokens() if t.lower_ in words]

    def _metric_first_person(self) -> tuple[float, Spans]:
        spans = self._person_spans(FIRST_PERSON)
        return float(len(spans)), spans

    def _metric_second_person(self) -> tuple[float, Spans]:
        spans = self._person_spans(SECOND_PERSON)
        return float(len(spans)), spans

    def _metric_self_focus_ratio(self) -> tuple[float, Spans]:
        first, spans = self.metric("first_person")
        if first < SELF_FOCUS_MIN_FIRST_PERSON:
            return 0.0, []
        second, _ = self.metric("second_person")
        return first / max(second, 1.0), spans


def split_subject(text: str, platform: Platform) -> tuple[tuple[int, int] | None, int]:
    """Find a leading 'Subject:' line on platforms that take one; return its span and body start."""
    if platform.subject == "none":
        return None, 0
    match = SUBJECT_LINE.match(text)
    if not match:
        return None, 0
    start, end = match.span("subject")
    subject = text[start:end].rstrip()
    body_start = match.end()
    while body_start < len(text) and text[body_start] in "\r\n":
        body_start += 1
    return (start, start + len(subject)), body_start
