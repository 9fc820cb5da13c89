"""Lint many page files, in worker processes when there are enough of them to be worth it.

Workers are forked from the process that built the Linter, so they share its spaCy pipeline
and matchers without building them again or pickling them. Where fork is not the platform's
way of starting processes (macOS, Windows), pages are linted in this process.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from claimlint.api import Linter, PageResult
from claimlint.errors import SourceError

# Below this many pages, starting workers costs more than it saves (a pre-commit run).
MIN_PAGES_FOR_WORKERS = 8
_CHUNK = 4  # pages a worker takes at a time: few enough to balance, enough to amortise the hand-off

_LINTER: Linter | None = None  # the worker's Linter, inherited from the parent when it forks
_KEEP_CLAIMS = True


def settle_for_the_run() -> None:
    """Tune the garbage collector of a process that lints page after page: a command-line run
    or a scan worker, never an application that calls the API.

    What exists once the Linter is built (the pipeline, its matchers, the manifest) lives as
    long as the process: frozen, the collector stops scanning it, and forked workers share its
    memory pages untouched. Reading a page makes many short-lived objects and few cycles:
    collecting the youngest generation every 50,000 new objects rather than every 700 took
    about 8% off a page's time (benchmarks/throughput.py's pages).
    """
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def default_jobs() -> int:
    """The CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    import multiprocessing

    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def lint_files(
    linter: Linter,
    files: Sequence[tuple[Path, str]],
    *,
    jobs: int | None = None,
    keep_claims: bool = True,
) -> Iterator[tuple[str, PageResult | SourceError]]:
    """Lint ``(path, shown_as)`` files in order, yielding ``(shown_as, result or error)``.

    ``jobs`` is the number of processes (None: one per CPU). With ``keep_claims=False`` the
    results carry findings but not the claim records, which is all a lint report needs and
    much less to send between processes.
    """
    workers = default_jobs() if jobs is None else max(1, jobs)
    workers = min(workers, (len(files) + _CHUNK - 1) // _CHUNK)
    if workers < 2 or len(files) < MIN_PAGES_FOR_WORKERS or not can_fork():
        for path, shown in files:
            yield shown, _lint_one(linter, path, shown, keep_claims)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _LINTER, _KEEP_CLAIMS
    _LINTER, _KEEP_CLAIMS = linter, keep_claims  # forked workers inherit these
    try:
        context = multiprocessing.get_context("fork")
        chunks = [files[i:i + _CHUNK] for i in range(0, len(files), _CHUNK)]
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for chunk, outcomes in zip(chunks, pool.map(_lint_chunk, chunks)):
                for (_, shown), outcome in zip(chunk, outcomes):
                    yield shown, outcome
    finally:
        _LINTER, _KEEP_CLAIMS = None, True


def _lint_one(linter: Linter, path: Path, shown: str, keep_claims: bool) -> PageResult | SourceError:
    try:
        result = linter.lint_file(path, shown_as=shown)
    except SourceError as error:
        return error
    return result if keep_claims else result.without_claims()


def _lint_chunk(chunk: Sequence[tuple[Path, str]]) -> list[PageResult | SourceError]:
    assert _LINTER is not None, "workers are forked after the Linter is set"
    return [_lint_one(_LINTER, path, shown, _KEEP_CLAIMS) for path, shown in chunk]
