"""Worst-case ``check()`` time on pathological inputs (issue 12, failure 8).

Runs without spaces made spaCy's tokenizer quadratic (10,000 emoji took 15 s, 20,000 brackets
59 s); ``coach.engine.textsafety`` cuts them up before parsing. Target: every input under 2 s
on a warm engine (the first long check also loads textstat's syllable dictionary, so one long
text is checked before timing). Wall time is the target; the CPU time beside it shows how much
of it a machine shared with other work added.
"""

from __future__ import annotations

import time

from coach.engine import Coach, Context, Recipient
from coach.engine.textsafety import MAX_FIELD_CHARS, MAX_TEXT_CHARS, MAX_TOKENS, TextTooLong

TARGET = 2.0
WORDS = "We help companies like yours save 15% on licensing, so could we talk this week? "


def inputs() -> dict[str, tuple[str, Context | None]]:
    at_cap = (WORDS * (MAX_TEXT_CHARS // len(WORDS) + 1))[:MAX_TEXT_CHARS]
    emoji_notes = Context(recipient=Recipient(first_name="Dana", notes="😀" * MAX_FIELD_CHARS))
    return {
        "10,000 emoji": ("😀" * 10_000, None),
        "19,000 emoji (a batch row)": ("😀" * 19_000, None),
        "6,000 emoji with skin tones": ("👍🏽" * 6_000, None),
        '"{" * 10,000 + "}" * 10,000': ("{" * 10_000 + "}" * 10_000, None),
        "20,000 letters, no space": ("a" * MAX_TEXT_CHARS, None),
        "20,000 punctuation marks": ("!?" * (MAX_TEXT_CHARS // 2), None),
        "6,000 one-letter words (the token cap)": ("a " * MAX_TOKENS, None),
        "6,000 emoji between spaces": ("😀 " * MAX_TOKENS, None),
        "10,000 one-letter words (over the token cap)": ("a " * (MAX_TEXT_CHARS // 2), None),
        "20,000 characters of words (the cap)": (at_cap, None),
        "words, then a 19,000-emoji run": ("Hi Dana, thanks! " + "😀" * 19_000, None),
        "5,000-emoji notes field": ("Hi Dana, loved your post on thin clients.", emoji_notes),
    }


def main() -> None:
    coach = Coach()
    coach.check(WORDS * 40)  # loads the pipeline and textstat's dictionary
    worst = ("", 0.0)
    for name, (text, context) in inputs().items():
        started, cpu_started = time.perf_counter(), time.process_time()
        outcome = ""
        try:
            coach.check(text, context)
        except TextTooLong:
            outcome = " (refused: TextTooLong)"
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        worst = max(worst, (name, seconds), key=lambda item: item[1])
        print(f"check() {name}: {seconds:.2f} s (CPU {cpu:.2f} s){outcome}")
    verdict = "ok" if worst[1] < TARGET else "OVER TARGET"
    name, seconds = worst
    print(f"check() worst case: {seconds:.2f} s ({name}; target < {TARGET:g} s each) {verdict}")


if __name__ == "__main__":
    main()
