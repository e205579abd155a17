"""Where batch output goes (issue 12, failures 1, 6 and 9): devices, FIFOs and symlinks are
never replaced, two outputs never share a file, unwritable targets are one line and exit 2,
and SIGTERM/SIGHUP clean up like Ctrl-C."""

from __future__ import annotations

import csv
import io
import os
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from coach.batch import targets
from coach.cli import main
from tests.batch_runs import start_batch_run

ROOT = Path(__file__).resolve().parents[1]
CAMPAIGN = "first_name,company,message\nDana,Northfield,Hi Dana - your post on thin clients\n"


@pytest.fixture
def campaign(tmp_path) -> Path:
    path = tmp_path / "in.csv"
    path.write_text(CAMPAIGN, encoding="utf-8")
    return path


@pytest.fixture
def replaced(monkeypatch) -> list[str]:
    """Every os.replace destination; replacing anything but a regular file fails the test
    (and is not done, so even /dev/null is safe while the test runs)."""
    calls: list[str] = []
    real_replace = os.replace

    def checked_replace(source, destination, **kwargs):
        calls.append(str(destination))
        try:
            mode = os.lstat(destination).st_mode
        except FileNotFoundError:
            mode = stat.S_IFREG
        assert stat.S_ISREG(mode), f"os.replace onto a non-regular file: {destination}"
        return real_replace(source, destination, **kwargs)

    monkeypatch.setattr(targets.os, "replace", checked_replace)
    return calls


def _batch(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["batch", *argv, "--quiet"])
    out, err = capsys.readouterr()
    return code, out, err


def _read_fifo(path: Path, into: list[bytes]) -> threading.Thread:
    def read() -> None:
        with path.open("rb") as fifo:
            into.append(fifo.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return reader


def test_a_fifo_is_written_through_and_stays_a_fifo(capsys, tmp_path, campaign, replaced):
    fifo = tmp_path / "results.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = _read_fifo(fifo, received)
    code, _, err = _batch(capsys, str(campaign), "-o", str(fifo), "--format", "csv")
    reader.join(timeout=30)
    assert code == 0, err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    rows = list(csv.DictReader(io.StringIO(received[0].decode())))
    assert [r["first_name"] for r in rows] == ["Dana"] and rows[0]["status"] == "ok"
    assert replaced == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "results.fifo"]


def test_a_symlink_to_a_fifo_is_followed(capsys, tmp_path, campaign, replaced):
    fifo = tmp_path / "real.fifo"
    os.mkfifo(fifo)
    link = tmp_path / "out.csv"
    link.symlink_to(fifo)
    received: list[bytes] = []
    reader = _read_fifo(fifo, received)
    code, _, err = _batch(capsys, str(campaign), "-o", str(link))
    reader.join(timeout=30)
    assert code == 0, err
    assert link.is_symlink() and stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert b"Dana" in received[0]
    assert replaced == []


def test_a_symlink_to_a_file_replaces_the_file_and_keeps_the_link(
    capsys, tmp_path, campaign, replaced
):
    real = tmp_path / "real.csv"
    real.write_text("old results\n")
    link = tmp_path / "out.csv"
    link.symlink_to(real)
    code, _, err = _batch(capsys, str(campaign), "-o", str(link))
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "Dana" in real.read_text()
    assert replaced == [str(real)]


def test_dev_null_is_never_replaced(capsys, campaign, replaced):
    before = os.stat(os.devnull)
    code, _, err = _batch(capsys, str(campaign), "-o", os.devnull, "--format", "csv")
    assert code == 0, err
    assert replaced == []
    after = os.stat(os.devnull)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_a_regular_file_is_still_replaced_atomically(capsys, tmp_path, campaign, replaced):
    out = tmp_path / "out.csv"
    out.write_text("old\n")
    out.chmod(0o640)
    code, _, err = _batch(capsys, str(campaign), "-o", str(out))
    assert code == 0, err
    assert replaced == [str(out)] and "Dana" in out.read_text()
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_output_to_stdout_with_a_dash(capsys, campaign, replaced):
    code, out, _ = _batch(capsys, str(campaign), "-o", "-", "--format", "csv")
    assert code == 0 and "Dana" in out and replaced == []


@pytest.mark.parametrize(
    ("paths", "message"),
    [
        (["-o", "same.out", "--report", "same.out"], "-o and --report name the same file"),
        (["-o", "link.out", "--report", "same.out"], "-o and --report name the same file"),
        (["-o", "in.csv"], "would overwrite the campaign file"),
        (["--report", "hard.csv"], "would overwrite the campaign file"),
    ],
)
def test_identical_outputs_are_refused(capsys, tmp_path, campaign, paths, message):
    (tmp_path / "same.out").write_text("keep me\n")
    (tmp_path / "link.out").symlink_to(tmp_path / "same.out")
    os.link(campaign, tmp_path / "hard.csv")
    argv = [str(tmp_path / p) if p.endswith((".out", ".csv")) else p for p in paths]
    code, out, err = _batch(capsys, str(campaign), *argv, "--format", "csv")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err, err
    assert (tmp_path / "same.out").read_text() == "keep me\n"
    assert campaign.read_text() == CAMPAIGN


def test_unwritable_outputs_are_one_line_and_exit_2(capsys, tmp_path, campaign, monkeypatch):
    (tmp_path / "folder").mkdir()
    cases = {
        str(tmp_path / "nosuchdir" / "x.csv"): "no such folder",
        str(tmp_path / "folder"): "is a folder",
    }
    if Path("/dev/full").exists():
        cases["/dev/full"] = "No space left on device"
    for target, message in cases.items():
        code, _, err = _batch(capsys, str(campaign), "-o", target, "--format", "csv")
        assert code == 2, (target, err)
        assert len(err.strip().splitlines()) == 1 and message in err and "Traceback" not in err

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(targets.tempfile, "mkstemp", refused)  # a read-only folder, as root too
    code, _, err = _batch(capsys, str(campaign), "-o", str(tmp_path / "ro.csv"))
    assert code == 2 and "cannot write: Permission denied" in err


def test_a_full_disk_while_writing_is_one_line(capsys, tmp_path, campaign, monkeypatch):
    class FullDisk:
        def __init__(self, stream):
            self.stream = stream

        def write(self, text):
            if "Dana" in text:
                raise OSError(28, "No space left on device")
            return self.stream.write(text)

        def __getattr__(self, name):
            return getattr(self.stream, name)

    real_init = targets._GuardedStream.__init__

    def init(self, stream, name):
        real_init(self, FullDisk(stream), name)

    monkeypatch.setattr(targets._GuardedStream, "__init__", init)
    out = tmp_path / "out.csv"
    code, _, err = _batch(capsys, str(campaign), "-o", str(out))
    assert code == 2 and err.count("\n") == 1
    assert f"{out}: cannot write: No space left on device" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_check_to_a_full_stdout_is_one_line():
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "coach", "check", "Hi Dana, thanks for the talk."],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            timeout=120,
        )
    assert result.returncode == 2
    assert result.stderr == "coach: cannot write the output: No space left on device\n"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigterm_and_sighup_leave_no_temporary_file(tmp_path, name, jobs):
    out = tmp_path / "scored.csv"
    out.write_text("last week's results\n")
    process = start_batch_run(tmp_path, out, "--jobs", jobs)
    number = getattr(signal, name)
    os.killpg(process.pid, number)  # as a closing terminal or a service manager would
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + number, err
    assert "Traceback" not in err and "Error" not in err, err
    assert err.strip().splitlines()[-1] == "coach: terminated"  # after the column mapping
    assert out.read_text() == "last week's results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.csv", "scored.csv"]


@pytest.mark.slow
def test_a_temporary_file_left_by_kill_9_is_removed_by_the_next_run(tmp_path, capsys):
    out = tmp_path / "scored.csv"
    process = start_batch_run(tmp_path, out, "--jobs", "2")
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)
    assert list(tmp_path.glob(".scored.csv.*.tmp"))  # SIGKILL cannot be cleaned up after
    small = tmp_path / "small.csv"
    small.write_text(CAMPAIGN, encoding="utf-8")
    code, _, err = _batch(capsys, str(small), "-o", str(out))
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.csv", "scored.csv", "small.csv"]
