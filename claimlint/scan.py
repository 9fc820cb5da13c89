"""Batch scans of a sitemap: fetch every page and lint it, with the language work running in
worker processes while fetching continues."""

from __future__ import annotations

import asyncio
import fnmatch
import re
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from claimlint.api import Linter, PageResult
from claimlint.batch import default_jobs, settle_for_the_run
from claimlint.config import Config, resolve_config
from claimlint.errors import FetchError
from claimlint.fetch import Failure, Fetcher, FetchPolicy, HttpFetcher
from claimlint.manifest import Manifest
from claimlint.sources.sitemap import MAX_BYTES, collect, sitemaps_in_robots

# A worker process rebuilds its pipeline after this many pages, so spaCy's string store,
# which grows with every new word, stays bounded on long scans.
PAGES_PER_WORKER = 400


@dataclass(frozen=True)
class ScanOptions:
    """What to scan and how: the sitemap, which of its pages, and how politely to fetch them."""

    sitemap: str  # a sitemap or robots.txt URL, or a local sitemap file
    include: tuple[str, ...] = ()  # only the URLs matching one of these globs or regular expressions
    exclude: tuple[str, ...] = ()  # skip the URLs matching one of these
    max_pages: int | None = None  # the first this many pages the sitemap lists (after include, exclude)
    deadline: float | None = None  # seconds for the whole scan; pages not checked by then are failures
    workers: int = field(default_factory=default_jobs)  # processes reading pages: one per CPU this process may use
    policy: FetchPolicy = field(default_factory=FetchPolicy)  # user agent, concurrency, timeouts, retries, robots.txt


@dataclass(frozen=True)
class ScanResult:
    """What a scan found, in the sitemap's order."""

    results: tuple[PageResult, ...]  # the pages checked; their claims without findings are left out
    failures: tuple[Failure, ...]  # the pages not checked, and why: never counted as clean
    problems: tuple[str, ...]  # the sitemaps, or parts of them, that could not be read


@dataclass
class _Collected:
    results: list[PageResult] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Progress:
    """How far a scan has got, passed to the ``progress`` callback after each page."""

    fetched: int  # pages downloaded
    checked: int  # pages linted
    skipped: int  # not checked for a reason of the page's own: robots.txt, another host, not HTML, no text
    failed: int  # not checked because the server or the network failed
    total: int  # the pages the scan will try


# -- worker processes --------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _start_worker(config: Config, manifest: Manifest) -> None:
    _WORKER["linter"] = Linter.from_config(config, manifest=manifest)
    settle_for_the_run()


def _lint_in_worker(url: str, body: bytes) -> PageResult | Failure:
    from claimlint.errors import SourceError

    linter: Linter = _WORKER["linter"]
    try:
        document = linter.parse(body, url, "html")
    except SourceError as error:
        return Failure(url, str(error), "unreadable")
    if document.unread is not None:
        return Failure(url, document.unread, "language")
    words = sum(len(block.text.split()) for block in document.blocks)
    if words < 25 and b"<script" in body.lower():
        return Failure(url, f"empty JavaScript shell ({words} words of text without JavaScript)", "no-text")
    if not document.blocks:
        return Failure(url, "no text on the page", "no-text")
    # the claims without findings are not reported by a scan; sending them back would only
    # cost pickling and memory in the main process
    return linter.check(document).without_claims()


# -- the scan ----------------------------------------------------------------------------------


def _matches(pattern: str, url: str) -> bool:
    """A URL pattern is a glob ("*/blog/*"), or a regular expression when it is a valid one."""
    if fnmatch.fnmatch(url, pattern):
        return True
    try:
        return re.search(pattern, url) is not None
    except re.error:
        return False


def _wanted(url: str, options: ScanOptions) -> bool:
    if options.include and not any(_matches(p, url) for p in options.include):
        return False
    return not any(_matches(p, url) for p in options.exclude)


async def _sitemap_pages(options: ScanOptions, fetcher: Fetcher, result: _Collected) -> list[str]:
    """The page URLs the sitemap (file, URL or robots.txt) lists, following indexes."""
    start = options.sitemap
    if not re.match(r"https?://", start):
        path = Path(start)
        if not path.is_file():
            raise FetchError(f"{start}: no such sitemap file")
        found = collect(str(path), lambda location: _local_file(location, path))
        result.problems.extend(found.problems)
        return found.pages
    loop = asyncio.get_running_loop()

    def read(location: str) -> bytes:  # called from a worker thread; fetches on the event loop
        return asyncio.run_coroutine_threadsafe(fetcher.raw(location, MAX_BYTES), loop).result()

    starts = [start]
    if urlsplit(start).path.rstrip("/").endswith("robots.txt"):
        text = (await fetcher.raw(start, MAX_BYTES)).decode("utf-8", errors="replace")
        starts = sitemaps_in_robots(text, start)
        if not starts:
            raise FetchError(f"{start}: robots.txt names no sitemap")
    pages: list[str] = []
    seen: set[str] = set()
    for first in starts:
        found = await loop.run_in_executor(None, collect, first, read)
        result.problems.extend(found.problems)
        for page in found.pages:
            if page not in seen:
                seen.add(page)
                pages.append(page)
    return pages


def _local_file(location: str, first: Path) -> bytes:
    """A local sitemap, or one it names: by path, or by a URL's path beside the first file."""
    path = Path(location)
    if not path.exists():
        path = first.parent / Path(urlsplit(location).path).name
    try:
        return path.read_bytes()
    except OSError:
        raise FetchError(f"{location}: cannot read this sitemap file") from None


def scan(
    options: ScanOptions,
    config: Config | str | Path | None = None,
    *,
    manifest: Manifest | None = None,
    progress: Callable[[Progress], None] | None = None,
) -> ScanResult:
    """Fetch every page the sitemap lists and lint it as ``Linter.from_config(config)`` would:
    with the config's manifest, model, rules, severities, per-file-ignores (matched against
    each page's URL) and skip selectors. ``config`` and ``manifest`` are taken as
    ``Linter.from_config`` takes them. The manifest is read once, when the scan starts: a
    manifest edited during a long scan does not change its results.

    Pages are linted in worker processes while fetching goes on; ``progress`` is called in
    this thread after each page. Pages that cannot be checked are listed in ``failures`` with
    the reason, never counted as clean. Raises ConfigError for a config that cannot be read or
    names no manifest, ManifestError for a manifest that cannot be read (before anything is
    fetched) and FetchError for a sitemap that cannot be read.

    >>> from claimlint.scan import ScanOptions, scan                          # doctest: +SKIP
    >>> found = scan(ScanOptions("https://acme.example/sitemap.xml"), ".claimlint.yaml")  # doctest: +SKIP
    """
    config = resolve_config(config)
    if manifest is None:
        manifest = Manifest.load(config.manifest_path())
    collected = asyncio.run(_scan(options, config, manifest, progress))
    return ScanResult(tuple(collected.results), tuple(collected.failures), tuple(collected.problems))


async def _scan(options: ScanOptions, config: Config, manifest: Manifest,
                progress: Callable[[Progress], None] | None) -> _Collected:
    result = _Collected()
    site_host = urlsplit(options.sitemap).hostname
    fetcher = HttpFetcher(options.policy, frozenset({site_host}) if site_host else frozenset())
    try:
        urls = [u for u in await _sitemap_pages(options, fetcher, result) if _wanted(u, options)]
        if options.max_pages is not None:
            urls = urls[: options.max_pages]
        if not site_host:
            fetcher.site_hosts = frozenset(urlsplit(u).hostname or "" for u in urls)
        await _fetch_and_lint(urls, options, fetcher, result, progress, config, manifest)
    finally:
        await fetcher.aclose()
    return result


async def _fetch_and_lint(urls: list[str], options: ScanOptions, fetcher: Fetcher, result: _Collected,
                          progress: Callable[[Progress], None] | None, config: Config, manifest: Manifest) -> None:
    loop = asyncio.get_running_loop()
    counts = {"fetched": 0, "checked": 0, "skipped": 0, "failed": 0}
    total = len(urls)

    def report() -> None:
        if progress is not None:
            progress(Progress(counts["fetched"], counts["checked"], counts["skipped"], counts["failed"], total))

    with ProcessPoolExecutor(max_workers=options.workers, initializer=_start_worker, initargs=(config, manifest),
                             max_tasks_per_child=PAGES_PER_WORKER) as pool:

        async def one(url: str) -> None:
            fetched = await fetcher.page(url)
            if isinstance(fetched, Failure):
                outcome: PageResult | Failure = fetched
            else:
                counts["fetched"] += 1
                report()
                outcome = await loop.run_in_executor(pool, _lint_in_worker, url, fetched.body)
            if isinstance(outcome, Failure):
                result.failures.append(outcome)
                counts["failed" if outcome.failed else "skipped"] += 1
            else:
                result.results.append(outcome)
                counts["checked"] += 1
            report()

        tasks = [asyncio.ensure_future(one(url)) for url in urls]
        done, pending = await asyncio.wait(tasks, timeout=options.deadline) if tasks else (set(), set())
        for task in pending:
            task.cancel()
        if pending:
            finished = {f.url for f in result.failures} | {r.source for r in result.results}
            for url in urls:
                if url not in finished:
                    result.failures.append(Failure(url, f"the scan deadline of {options.deadline:g} s passed first",
                                                   "deadline"))
        for task in done:
            task.result()  # re-raise an unexpected error rather than lose it
    position = {url: index for index, url in enumerate(urls)}
    result.results.sort(key=lambda r: position.get(r.source, 0))
    result.failures.sort(key=lambda f: position.get(f.url, 0))
