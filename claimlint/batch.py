"""Lint many page files, in worker processes when there are enough of them to be worth it.

Workers are forked from the process that built the Linter, so they share its spaCy pipeline
and matchers without building them again or pickling them. Where fork is not the platform's
way of starting processes (macOS, Windows), pages are linted in this process.

Building the Linter (loading spaCy) takes about a second on one CPU, while the others wait. A
``ReadAhead`` process uses that second: it reads and parses the page files, which needs no
spaCy, and leaves each parsed page for the workers to pick up.
"""

from __future__ import annotations

import gc
import os
import pickle
import shutil
import signal
import sys
import tempfile
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from types import TracebackType

from claimlint.api import Linter, PageResult
from claimlint.errors import SourceError
from claimlint.sources import Document, read_document

# Below this many pages, starting workers costs more than it saves (a pre-commit run).
MIN_PAGES_FOR_WORKERS = 8
_CHUNK = 4  # pages a worker takes at a time: few enough to balance, enough to amortise the hand-off

_LINTER: Linter | None = None  # the worker's Linter, inherited from the parent when it forks
_KEEP_CLAIMS = True
_READ: Path | None = None  # the folder a ReadAhead leaves parsed pages in, inherited likewise


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


def _workers(files: Sequence[tuple[Path, str]], jobs: int | None) -> int:
    """How many worker processes lint ``files``: 1 means this process does."""
    workers = default_jobs() if jobs is None else max(1, jobs)
    workers = min(workers, (len(files) + _CHUNK - 1) // _CHUNK)
    if workers < 2 or len(files) < MIN_PAGES_FOR_WORKERS or not can_fork():
        return 1
    return workers


class ReadAhead:
    """Reads and parses page files in a forked process while this one builds its Linter.

    Start it before the Linter, so that the language pipeline is not yet loaded: the process
    is small and starts at once. Each page it parses is pickled into a private folder under
    its position in ``files``; ``lint_files`` stops it before it starts its workers, which
    take the pages it finished and read the rest themselves. A page it cannot read is left to
    the workers, whose error is the one reported. ``active`` is False when the pages will not
    be shared between workers (see ``lint_files``): then nothing is started.
    """

    def __init__(self, files: Sequence[tuple[Path, str]], *, jobs: int | None = None,
                 skip_selectors: Collection[str] = ()) -> None:
        self.skip_selectors = tuple(skip_selectors)
        self.folder: Path | None = None
        self._pid = 0
        if _workers(files, jobs) < 2:
            return
        try:
            folder = Path(tempfile.mkdtemp(prefix="claimlint-pages-"))
        except OSError:  # no writable temporary folder: the workers read every page
            return
        sys.stdout.flush()  # the child leaves with os._exit, but must not inherit pending output
        sys.stderr.flush()
        parent = os.getpid()
        try:
            pid = os.fork()
        except OSError:  # out of processes or memory: likewise
            shutil.rmtree(folder, ignore_errors=True)
            return
        if pid == 0:  # the child
            try:
                _read_pages(files, folder, self.skip_selectors, parent=parent)
            finally:
                os._exit(0)
        self.folder, self._pid = folder, pid

    @property
    def active(self) -> bool:
        return self.folder is not None

    def stop(self) -> None:
        """Stop reading: the pages finished so far stay for the workers."""
        if self._pid:
            try:
                os.kill(self._pid, signal.SIGTERM)
                os.waitpid(self._pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self._pid = 0

    def close(self) -> None:
        """Stop reading and remove the parsed pages."""
        self.stop()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def __enter__(self) -> ReadAhead:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()


def _read_pages(files: Sequence[tuple[Path, str]], folder: Path, skip_selectors: tuple[str, ...], *,
                parent: int) -> None:
    """The ReadAhead process: parse each page in order and leave it, whole, in ``folder``.
    It writes nothing else anywhere, and ends when the run does."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends it quietly with the run
    # it must not hold the run's output open ("claimlint check | head" waits for every writer)
    nowhere = os.open(os.devnull, os.O_RDWR)
    for stream in (0, 1, 2):
        os.dup2(nowhere, stream)
    settle_for_the_run()
    for index, (path, shown) in enumerate(files):
        if os.getppid() != parent:  # the run was killed: nobody will read what follows
            shutil.rmtree(folder, ignore_errors=True)
            return
        try:
            document = read_document(path, shown_as=shown, skip_selectors=skip_selectors)
            part = folder / f"{index}.part"
            part.write_bytes(pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL))
            part.replace(folder / str(index))  # whole or not there
        except Exception:  # a page that cannot be read, or a full disk: the workers read it
            continue


def lint_files(
    linter: Linter,
    files: Sequence[tuple[Path, str]],
    *,
    jobs: int | None = None,
    keep_claims: bool = True,
    read_ahead: ReadAhead | None = None,
) -> Iterator[tuple[str, PageResult | SourceError]]:
    """Lint ``(path, shown_as)`` files in order, yielding ``(shown_as, result or error)``.

    ``jobs`` is the number of processes (None: one per CPU). With ``keep_claims=False`` the
    results carry findings but not the claim records, which is all a lint report needs and
    much less to send between processes. ``read_ahead``: a ReadAhead started on the same
    ``files`` with the Linter's skip selectors; its parsed pages are used, and it is stopped
    before the workers start.
    """
    workers = _workers(files, jobs)
    if workers < 2:
        if read_ahead is not None:
            read_ahead.stop()
        for path, shown in files:
            yield shown, _lint_one(linter, path, shown, keep_claims)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _LINTER, _KEEP_CLAIMS, _READ
    _LINTER, _KEEP_CLAIMS = linter, keep_claims  # forked workers inherit these
    if read_ahead is not None:
        read_ahead.stop()
        if read_ahead.skip_selectors == tuple(linter.skip_selectors):
            _READ = read_ahead.folder
    try:
        context = multiprocessing.get_context("fork")
        numbered = list(enumerate(files))
        chunks = [numbered[i:i + _CHUNK] for i in range(0, len(numbered), _CHUNK)]
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for chunk, outcomes in zip(chunks, pool.map(_lint_chunk, chunks)):
                for (_, (_, shown)), outcome in zip(chunk, outcomes):
                    yield shown, outcome
    finally:
        _LINTER, _KEEP_CLAIMS, _READ = None, True, None


def _lint_one(linter: Linter, path: Path, shown: str, keep_claims: bool,
              document: Document | None = None) -> PageResult | SourceError:
    try:
        result = linter.lint_file(path, shown_as=shown) if document is None else linter.check(document)
    except SourceError as error:
        return error
    return result if keep_claims else result.without_claims()


def _read(index: int) -> Document | None:
    """The page a ReadAhead parsed, if it got to it."""
    if _READ is None:
        return None
    try:
        document = pickle.loads((_READ / str(index)).read_bytes())
    except Exception:  # not there (not read yet, or not readable), or damaged: read the file itself
        return None
    return document if isinstance(document, Document) else None


def _lint_chunk(chunk: Sequence[tuple[int, tuple[Path, str]]]) -> list[PageResult | SourceError]:
    assert _LINTER is not None, "workers are forked after the Linter is set"
    return [_lint_one(_LINTER, path, shown, _KEEP_CLAIMS, _read(index)) for index, (path, shown) in chunk]
