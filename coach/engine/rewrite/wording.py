"""Saying a note's words as a sentence to the recipient: pronouns turned to the second person,
the verb agreeing with its new subject, capitals, a full stop, gerunds for "thanks for ...".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

RECIPIENT_PRONOUNS = {
    "they": "you",
    "them": "you",
    "their": "your",
    "theirs": "yours",
    "themselves": "yourself",
    "she": "you",
    "he": "you",
    "him": "you",
    "his": "your",
    "her": "your",
    "hers": "yours",
    "herself": "yourself",
    "himself": "yourself",
}
SHARED_PRONOUNS = {"they": "we", "them": "us", "their": "our", "theirs": "ours"}
THIRD_PERSON_VERBS = {"is": "are", "was": "were", "has": "have", "does": "do", "'s": "'re"}
YEARS = re.compile(r",\s*((?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?)\s*$")


def render(
    tokens: list[Token], pronouns: dict[str, str], lower_first: bool = False, always: bool = False
) -> str:
    """The tokens' text with whitespace kept, recipient pronouns turned to the second person."""
    parts: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        last = index + 1 == len(tokens)
        word = token.text
        swap = pronouns.get(token.lower_)
        if token.lower_ == "her" and swap:
            swap = "your" if token.dep_ == "poss" else "you"
        if swap and (always or refers_to_recipient(token)):
            word = same_case(token.text, swap)
            verb = tokens[index + 1] if not last else None
            if verb is not None and verb.lower_ in THIRD_PERSON_VERBS and token.dep_ == "nsubj":
                parts.append(word + token.whitespace_)
                word, token = THIRD_PERSON_VERBS[verb.lower_], verb
                index += 1
                last = index + 1 == len(tokens)
        parts.append(word + ("" if last else token.whitespace_))
        index += 1
    text = "".join(parts).strip()
    if lower_first and tokens and tokens[0].pos_ != "PROPN" and not acronym(tokens[0].text):
        text = text[:1].lower() + text[1:]
    return text


def same_case(original: str, word: str) -> str:
    return word[:1].upper() + word[1:] if original[:1].isupper() else word


def refers_to_recipient(token: Token) -> bool:
    """False when another noun is the subject of the pronoun's clause ("retailers cut their")."""
    head = token
    while head.head.i != head.i and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    subjects = [t for t in head.children if t.dep_ in ("nsubj", "nsubjpass")]
    return not any(s.pos_ in ("NOUN", "PROPN") and token not in list(s.subtree) for s in subjects)


def acronym(word: str) -> bool:
    return len(word) > 1 and sum(c.isupper() for c in word) > 1


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def sentence(text: str) -> str:
    text = YEARS.sub(r" (\1)", " ".join(text.split())).rstrip(" ,;:")
    if not text.endswith((".", "!", "?")):
        text += "."
    return upper_first(text)


def gerund(lemma: str) -> str:
    """'accept' -> 'accepting', 'share' -> 'sharing', 'chat' -> 'chatting'."""
    if lemma.endswith("ie"):
        return lemma[:-2] + "ying"
    if lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
        return lemma[:-1] + "ing"
    vowels = "aeiou"
    if (
        len(lemma) <= 4
        and len(lemma) >= 3
        and lemma[-1] not in vowels + "wxy"
        and lemma[-2] in vowels
        and lemma[-3] not in vowels
    ):
        return lemma + lemma[-1] + "ing"
    return lemma + "ing"
