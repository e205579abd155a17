"""Where output goes: a file replaced atomically, or a stream written straight through.

A regular file (or a path that does not exist yet) is written to a temporary file beside it and
renamed over it only when the run completes: an interrupted run leaves an existing file
untouched and no half-written one. A symlink is followed, so the file it points to is replaced
and the link stays a link. A character device (``/dev/null``, a terminal), a FIFO or a socket
is never replaced: output is written straight through to it, as the user asked for a stream.
Anything else (a folder, a block device) is refused with a one-line error.

Temporary files are named ``.<name>.<pid>.<random>.tmp``; one left by a process that no longer
runs (killed with SIGKILL, say) is removed the next time the same target is written.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from coach.engine.errors import CoachError

REGULAR, ABSENT, STREAM = "regular", "absent", "stream"


class OutputError(CoachError):
    """An output path that cannot be written: no such folder, a folder, no space, no access."""


def target_kind(target: Path) -> str:
    """How ``target`` is written: REGULAR or ABSENT (temporary file and rename) or STREAM."""
    try:
        info = os.stat(target)  # follows symlinks, including /dev/stdout's
    except FileNotFoundError:
        folder = Path(os.path.realpath(target)).parent
        if not folder.is_dir():
            raise OutputError.at(f"no such folder: {folder}", str(target)) from None
        return ABSENT
    except OSError as error:
        raise OutputError.at(f"cannot write: {error.strerror}", str(target)) from None
    if stat.S_ISREG(info.st_mode):
        return REGULAR
    if stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode) or stat.S_ISSOCK(info.st_mode):
        return STREAM
    if stat.S_ISDIR(info.st_mode):
        raise OutputError.at("is a folder; give a file name", str(target))
    raise OutputError.at("not a regular file, device or pipe; choose another path", str(target))


def same_file(first: str | Path, second: str | Path) -> bool:
    """True when two paths name one file (through symlinks, ``..`` or hard links)."""
    try:
        return os.path.samefile(first, second)
    except OSError:
        return os.path.realpath(first) == os.path.realpath(second)


def refuse_same_paths(source: str | None, outputs: dict[str, str | None]) -> None:
    """Refuse two outputs that name one file, or an output that names the input.

    ``outputs`` maps an option (``-o``) to its path; ``-`` (standard output) and character
    devices such as ``/dev/null``, where writing twice loses nothing, are exempt.
    """
    named = [(option, path) for option, path in outputs.items() if path and path != "-"]
    named = [(option, path) for option, path in named if not _is_character_device(path)]
    for index, (option, path) in enumerate(named):
        if source is not None and same_file(path, source):
            raise OutputError.at(
                "would overwrite the campaign file; choose another path", path, field=option
            )
        for other_option, other in named[index + 1 :]:
            if same_file(path, other):
                raise OutputError.at(
                    f"{option} and {other_option} name the same file; choose two paths",
                    path,
                    field=other_option,
                )


def _is_character_device(path: str) -> bool:
    try:
        return stat.S_ISCHR(os.stat(path).st_mode)
    except OSError:
        return False


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A path to write ``target`` through: a temporary file beside a regular (or new) file,
    renamed onto it only if the block completes; a stream target itself."""
    target = target.expanduser()
    if target_kind(target) == STREAM:
        yield target
        return
    real = Path(os.path.realpath(target))  # replace the file a symlink points to, not the link
    remove_stale_temporaries(real)
    try:
        descriptor, name = tempfile.mkstemp(
            prefix=f".{real.name}.{os.getpid()}.", suffix=".tmp", dir=real.parent
        )
    except OSError as error:
        raise OutputError.at(f"cannot write: {error.strerror}", str(target)) from None
    os.close(descriptor)
    temporary = Path(name)
    try:
        yield temporary
        _match_permissions(temporary, real)
        if not _is_regular_or_absent(real):  # replaced by something else while we wrote
            raise OutputError.at("is no longer a regular file; nothing written", str(target))
        _replace(temporary, real, str(target))
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _replace(temporary: Path, real: Path, name: str) -> None:
    try:
        os.replace(temporary, real)
    except OSError as error:
        raise OutputError.at(f"cannot write: {error.strerror}", name) from None


@contextlib.contextmanager
def atomic_text(target: Path | None, newline: str | None = None) -> Iterator[IO[str]]:
    """A text stream to ``target`` (atomically, or straight through to a stream target), or to
    standard output when it is None. A failed write (a full disk) is an ``OutputError``."""
    if target is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    with atomic_path(target) as path:
        try:
            stream = path.open("w", encoding="utf-8", newline=newline)
        except OSError as error:
            raise OutputError.at(f"cannot write: {error.strerror}", str(target)) from None
        with _GuardedStream(stream, str(target)) as guarded:
            yield guarded
            guarded.flush()
            if path != target.expanduser():
                guarded.sync()


class _GuardedStream:
    """A text stream whose write errors name the output file instead of a traceback."""

    def __init__(self, stream: IO[str], name: str) -> None:
        self._stream = stream
        self._name = name

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as error:
            raise self._error(error) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as error:
            raise self._error(error) from None

    def sync(self) -> None:
        try:
            os.fsync(self._stream.fileno())
        except OSError as error:
            raise self._error(error) from None

    def _error(self, error: OSError) -> OutputError:
        return OutputError.at(f"cannot write: {error.strerror}", self._name)

    def __enter__(self) -> _GuardedStream:
        return self

    def __exit__(self, *exc_info: object) -> None:
        with contextlib.suppress(OSError):  # a failed flush was already reported
            self._stream.close()


def _is_regular_or_absent(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except FileNotFoundError:
        return True


def remove_stale_temporaries(real: Path) -> None:
    """Delete temporary files beside ``real`` left by processes that no longer run."""
    with contextlib.suppress(OSError):
        for candidate in real.parent.glob(f".{real.name}.*.tmp"):
            pid = candidate.name[len(real.name) + 2 :].split(".", 1)[0]
            if pid.isdigit() and not _running(int(pid)):
                candidate.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError as error:  # EPERM: it runs, as someone else
        return error.errno == errno.EPERM
    return True


def _match_permissions(temporary: Path, target: Path) -> None:
    """Keep an existing file's mode; give a new one the usual mode (mkstemp makes it 0600)."""
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temporary, mode)
