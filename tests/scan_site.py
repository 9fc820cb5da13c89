"""A website on 127.0.0.1 for scan tests and the scan benchmark: the demo pages, sitemaps
(an index, a gzipped child), robots.txt, and the hostile cases a scan must survive."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DEMO = Path(__file__).resolve().parent.parent / "fixtures" / "demo" / "site"

Route = Callable[["Handler"], None]


class Handler(BaseHTTPRequestHandler):
    routes: dict[str, Route] = {}
    state: dict[str, object] = {}

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", **headers: str) -> None:
        # no longer counted once the answer starts to go out: the headers alone may settle the
        # request (a redirect, a PDF), and the client may start its next one before this thread
        # is scheduled again, which a busy machine made a false peak
        self.release()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (the http.server name)
        with self.server.lock:  # type: ignore[attr-defined]
            self.server.in_flight += 1  # type: ignore[attr-defined]
            self.server.peak = max(self.server.peak, self.server.in_flight)  # type: ignore[attr-defined]
            self.server.agents.add(self.headers.get("User-Agent", ""))  # type: ignore[attr-defined]
        self.counted = True  # in flight until it is answered, or until the client gives up (see slow)
        try:
            time.sleep(self.server.think)  # type: ignore[attr-defined]
            route = self.server.routes.get(self.path.split("?")[0])  # type: ignore[attr-defined]
            if route is None:
                self.send(404, b"<h1>Not found</h1>")
            else:
                route(self)
        finally:
            self.release()

    def release(self) -> None:
        """Stop counting this request as in flight (once)."""
        with self.server.lock:  # type: ignore[attr-defined]
            if self.counted:
                self.server.in_flight -= 1  # type: ignore[attr-defined]
                self.counted = False


class Site(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, routes: dict[str, Route]) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes = routes
        self.lock = threading.Lock()
        self.in_flight = 0
        self.peak = 0
        self.think = 0.0  # seconds each answer takes to start: long enough, requests a client overlaps overlap here
        self.agents: set[str] = set()
        self.calls: dict[str, int] = {}

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


def urlset(base: str, paths: list[str]) -> bytes:
    entries = "".join(f"<url><loc>{base}{path}</loc></url>" for path in paths)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'.encode()


def demo_routes(site: Site, pages: list[str]) -> None:
    """The demo pages at /<name>, and a sitemap index listing them in a gzipped child."""
    for page in DEMO.glob("*.html"):
        body = page.read_bytes()
        site.routes[f"/{page.name}"] = lambda h, body=body: h.send(200, body)
    site.routes["/sitemap_index.xml"] = lambda h: h.send(
        200, f'<sitemapindex><sitemap><loc>{site.base}/sitemap-pages.xml.gz</loc></sitemap>'
             f'<sitemap><loc>/sitemap-evil.xml</loc></sitemap></sitemapindex>'.encode(), "application/xml")
    site.routes["/sitemap-pages.xml.gz"] = lambda h: h.send(200, gzip.compress(urlset(site.base, pages)),
                                                            "application/gzip")


@contextmanager
def serve(routes: dict[str, Route] | None = None) -> Iterator[Site]:
    site = Site(routes or {})
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.shutdown()
        site.server_close()


def oversized(size: int) -> Route:
    """A page of ``size`` bytes, more than the client reads: it stops counting as in flight as
    its body starts, since the client hangs up part way and may then start its next request
    while this thread is still writing into a full socket."""
    def route(handler: Handler) -> None:
        body = b"<p>" + b"x " * (size // 2) + b"</p>"
        handler.release()
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
    return route


def slow(seconds: float, patience: float | None = None) -> Route:
    """A page that answers after ``seconds``. With ``patience`` (a little under the client's
    timeout), the request stops counting as in flight once the client has given up on it, so the
    peak measures the requests the client still holds open."""
    def route(handler: Handler) -> None:
        if patience is None:
            time.sleep(seconds)
        else:
            time.sleep(patience)
            handler.release()  # the client has given up on it (or is about to): no longer held open
            time.sleep(seconds - patience)
        handler.send(200, b"<p>Late.</p>")
    return route
