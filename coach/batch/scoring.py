"""Scoring a campaign: rows stream through ``nlp.pipe`` (or worker processes), order is kept.

Memory stays flat: rows are read lazily, at most a few batches are in flight, and each scored
row is handed on as soon as it is ready. Rows that cannot be checked (unreadable, empty, too
long) skip the NLP and keep their place in the output.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import tempfile
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from typing import TYPE_CHECKING

from coach.batch import variants
from coach.batch.campaign import CampaignScan, scan_campaign
from coach.batch.rows import ERROR, OK, CampaignRow, ScoredRow, row_status
from coach.engine.textsafety import has_surrogates, replace_surrogates

if TYPE_CHECKING:
    from coach.engine import Coach, EngineConfig
    from coach.engine.models import Report
    from coach.engine.rewrite import Variant

    # a report, its rewrite and which spintax render it is, or why the row was not checked
    Outcome = tuple[Report, Variant | None, str] | str

CHUNK_ROWS = 64
PR_SET_PDEATHSIG = 1  # prctl(2)
CHUNKS_IN_FLIGHT_PER_JOB = 4
Entry = tuple[CampaignRow, str, str, tuple[str, ...]]
WORKER_DIED = "the worker process checking this row stopped (killed, or out of memory)"


def score_campaign(
    coach: Coach,
    rows: Iterable[CampaignRow],
    jobs: int = 1,
    scan: CampaignScan | None = None,
    with_rewrite: bool = False,
) -> Iterator[ScoredRow]:
    """Score every row, in input order, with its campaign flags.

    Campaign flags need a first pass over the rows (see ``coach.batch.campaign``): pass the
    ``scan`` you made with ``scan_campaign`` to read its clusters afterwards, or let this make
    one. ``rows`` is read twice, so a one-shot iterator is first spooled to a temporary file.
    With ``jobs`` above 1, worker processes score chunks of rows (see ``_score_parallel``);
    a host that spawns workers needs the usual ``if __name__ == "__main__":`` guard.
    ``with_rewrite`` adds each checked row's best rewrite (several more checks per row).
    """
    if scan is None:
        rows = replayable(rows)
        scan = scan_campaign(rows)
    entries = _entries(rows, scan)
    if jobs > 1:
        yield from _score_parallel(coach, entries, jobs, with_rewrite)
    else:
        yield from _score_serial(coach, entries, with_rewrite)


def replayable(rows: Iterable[CampaignRow]) -> Iterable[CampaignRow]:
    """Rows that can be iterated twice: as they are, or spooled to a temporary file."""
    if iter(rows) is not rows:
        return rows
    return _Spool(rows)


class _Spool:
    """A one-shot stream of rows pickled to an anonymous temporary file, replayable."""

    def __init__(self, rows: Iterable[CampaignRow]) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the spool
        for row in rows:
            pickle.dump(row, self._file, protocol=pickle.HIGHEST_PROTOCOL)

    def __iter__(self) -> Iterator[CampaignRow]:
        self._file.seek(0)
        while True:
            try:
                yield pickle.load(self._file)
            except EOFError:
                return


def _entries(rows: Iterable[CampaignRow], scan: CampaignScan) -> Iterator[Entry]:
    for row in rows:
        flags = scan.flags(row)
        row = without_surrogates(row)
        status, reason = row_status(row)
        yield row, status, reason, flags


def without_surrogates(row: CampaignRow) -> CampaignRow:
    """The row with lone surrogates (from a JSON ``\\ud800``) replaced by U+FFFD: they cannot
    be written as UTF-8, and offsets stay the same."""
    texts = [row.text, *row.fields.values(), *row.context.recipient.__dict__.values()]
    if not any(isinstance(t, str) and has_surrogates(t) for t in texts):
        return row
    recipient = row.context.recipient
    cleaned = {k: replace_surrogates(v) for k, v in recipient.__dict__.items()}
    return replace(
        row,
        fields={k: replace_surrogates(v) for k, v in row.fields.items()},
        text=replace_surrogates(row.text),
        context=replace(row.context, recipient=replace(recipient, **cleaned)),
    )


def _score_serial(
    coach: Coach, entries: Iterator[Entry], with_rewrite: bool
) -> Iterator[ScoredRow]:
    """One process: chunks of checkable rows go through ``check_many`` in turn."""
    for chunk in _chunked(entries, CHUNK_ROWS):
        items = [row for row, status, _, _ in chunk if status == OK]
        yield from _collect(chunk, check_rows(coach, items, with_rewrite))


def check_rows(coach: Coach, rows: list[CampaignRow], with_rewrite: bool) -> list[Outcome]:
    """Each row's report and rewrite, or the reason it could not be checked.

    The rows go through the pipeline together; if that fails, each is checked on its own so
    that one row the engine cannot handle becomes an error row and the others are scored.
    """
    if not rows:
        return []
    try:
        reports = list(variants.check_rows(coach, rows, len(rows)))
    except Exception:  # find the row at fault, one by one
        return [_check_one(coach, row, with_rewrite) for row in rows]
    pairs = zip(rows, reports, strict=True)
    return [_with_rewrite(coach, row, *checked, with_rewrite) for row, checked in pairs]


def _check_one(coach: Coach, row: CampaignRow, with_rewrite: bool) -> Outcome:
    try:
        ((report, label),) = variants.check_rows(coach, [row], 1)
    except Exception as error:  # reported in the row, the run goes on
        return failure_reason(error)
    return _with_rewrite(coach, row, report, label, with_rewrite)


def _with_rewrite(
    coach: Coach, row: CampaignRow, report: Report, label: str, with_rewrite: bool
) -> Outcome:
    if not with_rewrite:
        return report, None, label
    try:
        return report, best_rewrite(coach, row), label
    except Exception as error:  # reported in the row, the run goes on
        return failure_reason(error)


def failure_reason(error: BaseException) -> str:
    """One line saying why the engine could not check a row."""
    from coach.engine.errors import CoachError

    if isinstance(error, CoachError):
        return str(error).splitlines()[0].split(": ", 1)[-1]
    detail = " ".join(str(error).split())[:200]
    return f"the coach could not check this row ({type(error).__name__}: {detail})"


def best_rewrite(coach: Coach, row: CampaignRow) -> Variant | None:
    from coach.engine.rewrite import rewrite

    offered = rewrite(coach, row.text, row.context).variants
    return offered[0] if offered else None


def _score_parallel(
    coach: Coach, entries: Iterator[Entry], jobs: int, with_rewrite: bool
) -> Iterator[ScoredRow]:
    """Chunks of rows go to worker processes; results are collected in submission order.

    Only a bounded window of chunks is in flight (``Executor.map`` would read the whole file
    ahead). A worker that dies (the OOM killer, a kill -9) breaks the pool: a new pool re-runs
    the chunks that were in flight, and a chunk that breaks a pool twice becomes error rows,
    so a run always ends and every row comes out once.
    """
    pool = _Pool(coach, jobs, with_rewrite)
    window: deque[tuple[list[Entry], Future | None]] = deque()
    try:
        for chunk in _chunked(entries, CHUNK_ROWS):
            window.append((chunk, pool.submit(chunk)))
            if len(window) >= jobs * CHUNKS_IN_FLIGHT_PER_JOB:
                yield from _collect(*pool.result(window))
        while window:
            yield from _collect(*pool.result(window))
    finally:
        pool.shutdown()


class _Pool:
    """A process pool that is replaced when one of its workers dies."""

    def __init__(self, coach: Coach, jobs: int, with_rewrite: bool) -> None:
        self.coach = coach
        self.jobs = jobs
        self.with_rewrite = with_rewrite
        self.broken_chunks: set[int] = set()  # first lines of chunks that broke a pool
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        """A single-threaded parent (the CLI) loads the model once and forks: workers start
        at once with their own copy. A parent running threads (the app) must not fork, so its
        workers are spawned and each builds ``Coach(coach.config)``, a few seconds each."""
        global _worker_coach
        config: EngineConfig | None = self.coach.config
        if _can_fork():
            self.coach.compiled  # noqa: B018 - load and compile once, before workers copy it
            _worker_coach, config = self.coach, None
        context = multiprocessing.get_context("spawn" if config else "fork")
        try:
            with _sigint_blocked():  # workers start with Ctrl-C blocked: it is the parent's
                executor = ProcessPoolExecutor(
                    self.jobs, context, initializer=_start_worker, initargs=(config,)
                )
                for _ in range(self.jobs):  # fork now, while _worker_coach is set
                    executor.submit(int)
        finally:
            _worker_coach = None
        return executor

    def submit(self, chunk: list[Entry]) -> Future | None:
        items = [row for row, status, _, _ in chunk if status == OK]
        return self.executor.submit(_check_chunk, items, self.with_rewrite) if items else None

    def result(self, window: deque[tuple[list[Entry], Future | None]]) -> tuple[list, list]:
        """The oldest chunk and its outcomes, re-running the window on a new pool if broken."""
        chunk, future = window[0]
        try:
            outcomes = future.result() if future is not None else []
        except BrokenProcessPool:
            self._restart(window)
            return self.result(window)
        window.popleft()
        return chunk, outcomes

    def _restart(self, window: deque[tuple[list[Entry], Future | None]]) -> None:
        self.shutdown()
        first_line = window[0][0][0][0].line
        if first_line in self.broken_chunks:  # it broke a pool before: give up on it
            chunk, _ = window.popleft()
            items = [row for row, status, _, _ in chunk if status == OK]
            window.appendleft((chunk, _failed(len(items))))
        self.broken_chunks.add(first_line)
        self.executor = self._start()
        for index, (chunk, future) in enumerate(window):
            if future is not None and not _succeeded(future):
                window[index] = (chunk, self.submit(chunk))

    def shutdown(self) -> None:
        """Stop the workers now, without waiting for anything in flight, and join the pool's
        threads, so that a new pool can fork again (forking is only safe with one thread)."""
        executor = self.executor
        processes = list((getattr(executor, "_processes", None) or {}).values())
        manager = getattr(executor, "_executor_manager_thread", None)
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=5)
        if manager is not None:
            manager.join(timeout=10)


def _succeeded(future: Future) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def _failed(count: int) -> Future:
    future: Future = Future()
    future.set_result([WORKER_DIED] * count)
    return future


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _collect(chunk: list[Entry], outcomes: list[Outcome]) -> Iterator[ScoredRow]:
    results = iter(outcomes)
    for row, status, reason, flags in chunk:
        if status != OK:
            yield ScoredRow(row, None, status, reason, flags)
            continue
        outcome = next(results)
        if isinstance(outcome, str):
            yield ScoredRow(row, None, ERROR, outcome, flags)
        else:
            yield ScoredRow(row, outcome[0], OK, "", flags, outcome[1], outcome[2])


def _chunked(entries: Iterator[Entry], size: int) -> Iterator[list[Entry]]:
    chunk: list[Entry] = []
    for entry in entries:
        chunk.append(entry)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@contextlib.contextmanager
def _sigint_blocked() -> Iterator[None]:
    """Block SIGINT while worker processes start, so they inherit the block.

    Ctrl-C reaches every process of the terminal's group; a worker still importing would print
    a traceback. A Ctrl-C that arrives meanwhile stays pending for the parent, not lost.
    """
    import signal

    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


_worker_coach: Coach | None = None
_worker_error: BaseException | None = None


def _start_worker(config: EngineConfig | None) -> None:
    """Build this worker's coach once (unless forked with one). Ctrl-C is the parent's.

    A failure is kept and raised with the first chunk: a pool whose initializer raises
    restarts workers forever.
    """
    import signal

    from coach.engine import Coach

    global _worker_coach, _worker_error
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):  # the parent's handlers (coach.cli) are not ours
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    _die_with_parent()
    if config is None:
        return
    try:
        _worker_coach = Coach(config)
        _worker_coach.compiled  # noqa: B018 - load the pipeline and compile the packs now
    except BaseException as error:  # handed to the parent with the first chunk
        _worker_error = error


def _die_with_parent() -> None:
    """On Linux, ask for SIGKILL when the parent dies: a parent killed with SIGKILL (or by the
    OOM killer) would otherwise leave its workers waiting for work forever."""
    import signal
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    parent = multiprocessing.parent_process()
    if parent is not None and os.getppid() != parent.pid:  # it died before we asked
        os._exit(1)


def _check_chunk(rows: list[CampaignRow], with_rewrite: bool) -> list[Outcome]:
    if _worker_error is not None:
        raise _worker_error
    coach = _worker_coach
    assert coach is not None
    return check_rows(coach, rows, with_rewrite)
