"""End to end: the real ``coach`` app in a detached tmux session, driven with send-keys.

Each test runs its own tmux server (``-S``: a socket in a temp dir), so it never touches
anyone else's sessions. tmux is installed with apt-get if missing; the tests skip only when
it truly cannot be.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from coach.drafts import DraftStore

pytestmark = pytest.mark.slow

NOTE = "Hi Marco, we help companies like yours save 15% on SAP licensing. Free for a demo call?"
WAIT = 30.0  # seconds, the most any step may take


def _ensure_tmux() -> str | None:
    found = shutil.which("tmux")
    if found:
        return found
    apt = shutil.which("apt-get")
    if apt and hasattr(os, "geteuid") and os.geteuid() == 0:
        subprocess.run(
            [apt, "install", "-y", "-q", "tmux"], capture_output=True, timeout=180, check=False
        )
    return shutil.which("tmux")


class Tmux:
    """One private tmux server running the app in a fixed-size window."""

    def __init__(self, binary: str, data: Path, config: Path, cwd: Path) -> None:
        self.binary = binary
        self.folder = Path(tempfile.mkdtemp(prefix="coach-tmux-"))  # short: socket path limit
        self.socket = str(self.folder / "socket")
        self.env = {"COACH_DATA_DIR": str(data), "COACH_CONFIG_DIR": str(config)}
        self.cwd = cwd

    def run(self, *args: str) -> str:
        result = subprocess.run(
            [self.binary, "-S", self.socket, *args],
            capture_output=True,
            text=True,
            timeout=WAIT,
            check=True,
        )
        return result.stdout

    def start_app(self, name: str, size: tuple[int, int] = (140, 42)) -> None:
        settings = " ".join(f"{key}={value}" for key, value in self.env.items())
        # COLUMNS/LINES from the test runner would override the window's real size.
        command = (
            f"cd {self.cwd} && exec env -u COLUMNS -u LINES TERM=xterm-256color "
            f"{settings} {sys.executable} -m coach"
        )
        width, height = (str(number) for number in size)
        self.run("new-session", "-d", "-s", name, "-x", width, "-y", height, command)

    def screen(self, name: str) -> str:
        return self.run("capture-pane", "-p", "-t", name)

    def wait_for(self, name: str, found: Callable[[str], object], what: str) -> str:
        deadline = time.monotonic() + WAIT
        while True:
            text = self.screen(name)
            if found(text):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; the screen was:\n{text}")
            time.sleep(0.2)

    def wait_stable(self, name: str, quiet: float = 0.6) -> str:
        """The screen once it has not changed for ``quiet`` seconds."""
        deadline = time.monotonic() + WAIT
        last = self.screen(name)
        while time.monotonic() < deadline:
            time.sleep(quiet)
            now = self.screen(name)
            if now == last:
                return now
            last = now
        raise AssertionError(f"the screen kept changing for {WAIT} s:\n{last}")

    def pid(self, name: str) -> int:
        return int(self.run("display-message", "-p", "-t", name, "#{pane_pid}").strip())

    def kill_server(self) -> None:
        subprocess.run(
            [self.binary, "-S", self.socket, "kill-server"],
            capture_output=True,
            timeout=WAIT,
            check=False,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def tmux(tmp_path) -> Iterator[Tmux]:
    binary = _ensure_tmux()
    if binary is None:
        pytest.skip("tmux is not installed and could not be installed")
    server = Tmux(
        binary, Path(os.environ["COACH_DATA_DIR"]), Path(os.environ["COACH_CONFIG_DIR"]), tmp_path
    )
    try:
        yield server
    finally:
        server.kill_server()


def _score(screen: str) -> int | None:
    match = re.search(r"Score (\d+)/100", screen)
    return int(match.group(1)) if match else None


def test_typing_in_the_real_app_shows_a_score(tmux):
    tmux.start_app("app")
    tmux.wait_for("app", lambda s: "Ready" in s, "the language model")
    tmux.run("send-keys", "-t", "app", "-l", NOTE)
    counter = f"{len(NOTE)}/300"
    tmux.wait_for("app", lambda s: counter in s and _score(s) is not None, "the whole note")
    screen = tmux.wait_stable("app")  # the score of the last keystroke, not of a prefix
    assert _score(screen) < 50
    assert "don't send" in screen
    assert counter in screen and "Hi Marco, we help" in screen
    tmux.run("send-keys", "-t", "app", "C-q")


def test_a_killed_app_keeps_the_draft(tmux):
    tmux.start_app("first")
    tmux.wait_for("first", lambda s: "Recipient" in s, "the first frame")
    tmux.run("send-keys", "-t", "first", "-l", NOTE)
    tmux.wait_for("first", lambda s: f"{len(NOTE)}/300" in s, "the whole note")
    time.sleep(2.5)  # the autosave runs within 2 s of the last keystroke
    os.kill(tmux.pid("first"), signal.SIGKILL)
    saved = DraftStore(Path(os.environ["COACH_DATA_DIR"]) / "drafts.sqlite3").list()
    assert [draft.text for draft in saved] == [NOTE]
    tmux.start_app("second")
    tmux.wait_for("second", lambda s: "Hi Marco, we help" in s, "the draft after a restart")
    tmux.run("send-keys", "-t", "second", "C-q")


SPAMMY = (
    "Hi Marco, I hope this finds you well. We help companies like yours save 15% on SAP "
    "licensing. Can we hop on a quick call this week?"
)


def test_at_80x24_score_finding_fix_and_undo(tmux, coach):
    """The smallest common terminal, as a new user meets it: type, read, fix, undo."""
    expected = coach.check(SPAMMY)
    first = expected.penalties[0]
    fixable = next(index for index, f in enumerate(expected.penalties) if f.edit is not None)
    edit = expected.penalties[fixable].edit
    fixed_length = len(edit.apply(SPAMMY).rstrip())
    tmux.start_app("small", size=(80, 24))
    tmux.wait_for("small", lambda s: "Ready" in s, "the language model")
    tmux.run("send-keys", "-t", "small", "-l", SPAMMY)
    counter = f"{len(SPAMMY)}/300"
    tmux.wait_for("small", lambda s: counter in s and _score(s) is not None, "the whole note")
    screen = tmux.wait_stable("small")
    assert _score(screen) == expected.score
    findings = [line.split("││", 1)[-1] for line in screen.splitlines() if "││" in line]
    listed = " ".join(" ".join(findings).replace("│", " ").split())
    assert f"-{first.weight} {' '.join(first.title.split()[:3])}" in listed
    for _ in range(fixable + 1):
        tmux.run("send-keys", "-t", "small", "F8")
    tmux.run("send-keys", "-t", "small", "C-f")
    fixed = tmux.wait_for("small", lambda s: f"{fixed_length}/300" in s, "the fix to be applied")
    assert "Applied fix" in fixed
    tmux.run("send-keys", "-t", "small", "C-z")
    tmux.wait_for("small", lambda s: counter in s, "the undo")
    tmux.run("send-keys", "-t", "small", "C-q")
