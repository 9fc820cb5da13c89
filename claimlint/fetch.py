"""Fetching pages for scans: polite (robots.txt, per-host concurrency, backoff honouring
Retry-After, a clear user agent) and safe (redirects only within the site, HTML only, size
caps). The scan depends only on the :class:`Fetcher` interface; :class:`HttpFetcher` is
the implementation on httpx."""

from __future__ import annotations

import asyncio
import email.utils
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from claimlint import __version__

USER_AGENT = f"claimlint/{__version__} (+https://pypi.org/project/claimlint/)"
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class FetchPolicy:
    """How a scan fetches pages: politely by default (robots.txt obeyed, 4 requests in flight
    per host, retries with growing waits), limited to the site's own hosts."""

    user_agent: str = USER_AGENT  # also the name robots.txt rules are matched against
    per_host: int = 4  # requests in flight per host
    timeout: float = 20.0  # seconds per request
    retries: int = 3  # for 429 and 5xx answers and network errors
    backoff: float = 0.5  # first wait in seconds, doubled each retry
    max_retry_after: float = 60.0  # longest Retry-After honoured
    max_bytes: int = 10 * 1024 * 1024  # a page larger than this is not read
    obey_robots: bool = True  # False only for your own site
    allow_hosts: frozenset[str] = frozenset()  # hosts redirects may lead to, besides the site's
    rewrite: tuple[tuple[str, str], ...] = ()  # (from prefix, to prefix): fetch staging for live URLs


@dataclass(frozen=True)
class Fetched:
    url: str  # the page as the sitemap names it
    final_url: str  # where it was fetched from, after rewrites and redirects
    body: bytes
    content_type: str


FailureKind = Literal["http", "network", "bot-wall", "deadline", "robots", "other-host", "redirects", "not-html",
                      "too-large", "unreadable", "language", "no-text"]
# the kinds where the server, the network or the scan's deadline failed, not the page itself
_FAILED: frozenset[str] = frozenset({"http", "network", "bot-wall", "deadline"})


@dataclass(frozen=True)
class Failure:
    """A page a scan did not check, and why.

    ``kind`` says why in one word a program can act on: "http" (an HTTP error status, after
    retries for 429 and 5xx), "network" (a timeout or network error, after retries),
    "bot-wall" (a CAPTCHA or challenge page answered), "deadline" (the scan's deadline passed
    first), "robots" (robots.txt disallows it; ``FetchPolicy.obey_robots=False`` for your own
    site), "other-host" (redirected off the site; ``FetchPolicy.allow_hosts``), "redirects"
    (too many), "not-html", "too-large" (over ``FetchPolicy.max_bytes``), "unreadable" (the
    HTML could not be read), "language" (the page declares a language claimlint does not read)
    or "no-text" (nothing to read, such as a JavaScript-only shell)."""

    url: str  # the page as the sitemap names it
    reason: str  # one line for people, e.g. "HTTP 500 (after 3 retries)"
    kind: FailureKind  # why, in one word: see above
    redirected_to: str | None = None  # for "other-host": the URL the site redirected to

    @property
    def failed(self) -> bool:
        """True when the server, the network or the scan's deadline failed, rather than the
        page being one a scan skips (robots.txt, another host, not HTML, too large, no text)."""
        return self.kind in _FAILED


class Fetcher(Protocol):
    async def page(self, url: str) -> Fetched | Failure: ...

    async def raw(self, url: str, max_bytes: int) -> bytes: ...

    async def aclose(self) -> None: ...


def rewritten(url: str, rewrite: tuple[tuple[str, str], ...]) -> str:
    for source, target in rewrite:
        if url.startswith(source):
            return target + url[len(source):]
    return url


class HttpFetcher:
    def __init__(self, policy: FetchPolicy, site_hosts: frozenset[str], transport: Any = None) -> None:
        import httpx

        self.policy = policy
        self.site_hosts = site_hosts
        self._client = httpx.AsyncClient(
            timeout=policy.timeout, follow_redirects=False, headers={"User-Agent": policy.user_agent},
            transport=transport,
        )
        self._slots: dict[str, asyncio.Semaphore] = {}
        self._robots: dict[str, RobotFileParser | None] = {}
        self._robots_lock = asyncio.Lock()

    def _slot(self, host: str) -> asyncio.Semaphore:
        if host not in self._slots:
            self._slots[host] = asyncio.Semaphore(self.policy.per_host)
        return self._slots[host]

    def _allowed_host(self, url: str) -> bool:
        host = urlsplit(url).hostname or ""
        return host in self.site_hosts or host in self.policy.allow_hosts or any(
            host == urlsplit(target).hostname for _, target in self.policy.rewrite)

    async def _robots_allow(self, url: str) -> bool:
        if not self.policy.obey_robots:
            return True
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        async with self._robots_lock:
            if origin not in self._robots:
                self._robots[origin] = await self._read_robots(origin)
        parser = self._robots[origin]
        return parser is None or parser.can_fetch(self.policy.user_agent, url)

    async def _read_robots(self, origin: str) -> RobotFileParser | None:
        parser = RobotFileParser()
        try:
            response = await self._client.get(f"{origin}/robots.txt")
        except Exception:
            return None  # unreachable robots.txt: nothing is known to be disallowed
        if response.status_code >= 500:
            parser.parse(["User-agent: *", "Disallow: /"])  # the server cannot say: assume no
        elif response.status_code >= 400:
            return None
        else:
            parser.parse(response.text.splitlines())
        return parser

    async def raw(self, url: str, max_bytes: int) -> bytes:
        """A sitemap or other file, following same-site redirects; raises FetchError."""
        from claimlint.errors import FetchError

        result = await self._get(url, max_bytes, html_only=False)
        if isinstance(result, Failure):
            raise FetchError(f"{url}: {result.reason}")
        return result.body

    async def page(self, url: str) -> Fetched | Failure:
        return await self._get(url, self.policy.max_bytes, html_only=True)

    async def _get(self, url: str, max_bytes: int, html_only: bool) -> Fetched | Failure:
        import httpx

        target = rewritten(url, self.policy.rewrite)
        for _ in range(6):  # redirects
            if not self._allowed_host(target):
                host = urlsplit(target).hostname
                return Failure(url, f"redirected to another host ({host})", "other-host", redirected_to=target)
            if html_only and not await self._robots_allow(target):
                return Failure(url, "disallowed by robots.txt", "robots")
            attempt = 0
            while True:
                try:
                    async with self._slot(urlsplit(target).netloc):
                        outcome = await self._request(target, max_bytes)
                except httpx.TimeoutException:
                    outcome = ("retry", f"timed out after {self.policy.timeout:g} s", None, "network")
                except httpx.HTTPError as error:
                    outcome = ("retry", f"network error: {type(error).__name__}", None, "network")
                kind = outcome[0]
                if kind == "retry" and attempt < self.policy.retries:
                    wait = outcome[2] if outcome[2] is not None else self.policy.backoff * 2 ** attempt
                    attempt += 1
                    await asyncio.sleep(min(wait, self.policy.max_retry_after))
                    continue
                break
            if kind == "retry":
                return Failure(url, f"{outcome[1]} (after {self.policy.retries} retries)", outcome[3])
            if kind == "fail":
                return Failure(url, str(outcome[1]), outcome[3])
            if kind == "redirect":
                target = urljoin(target, str(outcome[1]))
                continue
            body, content_type = outcome[1], str(outcome[2])
            if html_only and content_type.split(";")[0].strip().lower() not in HTML_TYPES:
                return Failure(url, f"not HTML ({content_type.split(';')[0] or 'no content type'})", "not-html")
            return Fetched(url, target, body, content_type)
        return Failure(url, "too many redirects", "redirects")

    async def _request(self, url: str, max_bytes: int) -> tuple[str, Any, Any, FailureKind]:
        """(what happened, detail, more, the failure kind if it fails): "redirect" to a
        location, "retry" with the server's Retry-After, "fail", or "ok" with the body and
        its content type."""
        async with self._client.stream("GET", url) as response:
            status = response.status_code
            if status in (301, 302, 303, 307, 308):
                return ("redirect", response.headers.get("location", ""), None, "redirects")
            if status == 429 or status >= 500:
                body = await _read_capped(response, 65536)
                if status in (403, 503) and _looks_like_bot_wall(body or b""):
                    return ("fail", f"HTTP {status}: blocked by a bot wall", None, "bot-wall")
                return ("retry", f"HTTP {status}", _retry_after(response.headers), "http")
            if status >= 400:
                body = await _read_capped(response, 65536)
                if status == 403 and _looks_like_bot_wall(body or b""):
                    return ("fail", "HTTP 403: blocked by a bot wall", None, "bot-wall")
                return ("fail", f"HTTP {status}", None, "http")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                return ("fail", f"larger than {max_bytes // 1048576} MB ({int(declared) // 1048576} MB)", None,
                        "too-large")
            body = await _read_capped(response, max_bytes)
            if body is None:
                return ("fail", f"larger than {max_bytes // 1048576} MB", None, "too-large")
            return ("ok", body, response.headers.get("content-type", ""), "http")

    async def aclose(self) -> None:
        await self._client.aclose()


async def _read_capped(response: Any, limit: int) -> bytes | None:
    chunks = bytearray()
    async for chunk in response.aiter_bytes():
        chunks += chunk
        if len(chunks) > limit:
            return None
    return bytes(chunks)


def _retry_after(headers: Mapping[str, str]) -> float | None:
    value = headers.get("retry-after")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


_BOT_WALL = (b"captcha", b"cf-chl", b"challenge-platform", b"attention required", b"access denied", b"are you a robot",
             b"verify you are human")


def _looks_like_bot_wall(body: bytes) -> bool:
    lowered = body[:65536].lower()
    return any(marker in lowered for marker in _BOT_WALL)
