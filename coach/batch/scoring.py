"""Scoring a campaign: rows stream through ``nlp.pipe`` (or worker processes), order is kept.

Memory stays flat: rows are read lazily, at most a few batches are in flight, and each scored
row is handed on as soon as it is ready. Rows that cannot be checked (unreadable, empty, too
long) skip the NLP and keep their place in the output.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import pickle
import tempfile
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from coach.batch.campaign import CampaignScan, scan_campaign
from coach.batch.rows import OK, CampaignRow, ScoredRow, row_status
from coach.batch.variants import check_rows

if TYPE_CHECKING:
    from coach.engine import Coach, EngineConfig
    from coach.engine.models import Report
    from coach.engine.rewrite import Variant

CHUNK_ROWS = 64
CHUNKS_IN_FLIGHT_PER_JOB = 4
Entry = tuple[CampaignRow, str, str, tuple[str, ...]]


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
        status, reason = row_status(row)
        yield row, status, reason, scan.flags(row)


def _score_serial(
    coach: Coach, entries: Iterator[Entry], with_rewrite: bool
) -> Iterator[ScoredRow]:
    """One process: the checkable rows go through ``check_many`` from a generator."""
    waiting: deque[Entry] = deque()

    def checkable() -> Iterator[CampaignRow]:
        for entry in entries:
            waiting.append(entry)
            if entry[1] == OK:
                yield entry[0]

    for report, label in check_rows(coach, checkable()):
        yield from _drain(waiting, report, coach if with_rewrite else None, label)
    yield from _drain(waiting, None)


def _drain(
    waiting: deque[Entry],
    report: Report | None,
    rewriter: Coach | None = None,
    label: str = "",
) -> Iterator[ScoredRow]:
    """Hand on the rows waiting before the next checked one, then that one with its report."""
    while waiting:
        row, status, reason, flags = waiting.popleft()
        if status != OK:
            yield ScoredRow(row, None, status, reason, flags)
            continue
        if report is None:
            raise RuntimeError(f"line {row.line} was never scored")
        variant = best_rewrite(rewriter, row) if rewriter is not None else None
        yield ScoredRow(row, report, OK, "", flags, variant, label)
        return


def best_rewrite(coach: Coach, row: CampaignRow) -> Variant | None:
    from coach.engine.rewrite import rewrite

    variants = rewrite(coach, row.text, row.context).variants
    return variants[0] if variants else None


def _score_parallel(
    coach: Coach, entries: Iterator[Entry], jobs: int, with_rewrite: bool
) -> Iterator[ScoredRow]:
    """Chunks of rows go to worker processes; results are collected in submission order.

    Only a bounded window of chunks is in flight (``Pool.imap`` would read the whole file
    ahead). A single-threaded parent (the CLI) loads the model once and forks: workers start
    at once with their own copy. A parent running threads (the app) must not fork, so its
    workers are spawned and each builds ``Coach(coach.config)``, a few seconds each.
    """
    global _worker_coach
    pool_args: dict[str, Any] = {"initializer": _start_worker, "initargs": (coach.config,)}
    if _can_fork():
        coach.compiled  # noqa: B018 - load and compile once, before the workers copy it
        _worker_coach = coach
        pool_args["initargs"] = (None,)
    context = multiprocessing.get_context("fork" if _worker_coach is coach else "spawn")
    window: deque[tuple[list[Entry], Any]] = deque()
    try:
        with _sigint_blocked():  # workers start with Ctrl-C blocked: it is the parent's
            pool = context.Pool(jobs, **pool_args)
    finally:
        _worker_coach = None
    with pool:
        for chunk in _chunked(entries, CHUNK_ROWS):
            items = [row for row, status, _, _ in chunk if status == OK]
            task = pool.apply_async(_check_chunk, (items, with_rewrite)) if items else None
            window.append((chunk, task))
            if len(window) >= jobs * CHUNKS_IN_FLIGHT_PER_JOB:
                yield from _collect(*window.popleft())
        while window:
            yield from _collect(*window.popleft())


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _collect(chunk: list[Entry], result: Any) -> Iterator[ScoredRow]:
    results = iter(result.get() if result is not None else ())
    for row, status, reason, flags in chunk:
        if status == OK:
            report, variant, label = next(results)
            yield ScoredRow(row, report, OK, "", flags, variant, label)
        else:
            yield ScoredRow(row, None, status, reason, flags)


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
    if config is None:
        return
    try:
        _worker_coach = Coach(config)
        _worker_coach.compiled  # noqa: B018 - load the pipeline and compile the packs now
    except BaseException as error:  # handed to the parent with the first chunk
        _worker_error = error


def _check_chunk(
    rows: list[CampaignRow], with_rewrite: bool
) -> list[tuple[Report, Variant | None, str]]:
    if _worker_error is not None:
        raise _worker_error
    coach = _worker_coach
    assert coach is not None
    reports = check_rows(coach, rows, batch_size=len(rows))
    return [
        (report, best_rewrite(coach, row) if with_rewrite else None, label)
        for row, (report, label) in zip(rows, reports, strict=True)
    ]
