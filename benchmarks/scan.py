"""Scan throughput: 2,000 generated pages served on 127.0.0.1, fetched and linted.

    python benchmarks/scan.py [--pages 2000] [--latency 0.15] [--concurrency 4]

Each response waits ``--latency`` seconds first, standing in for the network and server
time of a real site (on loopback a page would otherwise arrive in microseconds, and no
linter could keep up with that). Reported: pages per second for the scan and for fetching
alone with the same fetcher and concurrency, their ratio (target >= 0.8: the language work
should hide behind the network), and the peak memory of the scan's processes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from scan_site import serve, urlset  # noqa: E402
from throughput import MANIFEST, make_page  # noqa: E402


def site_routes(site: object, pages: int, latency: float) -> None:
    bodies = {f"/p/{index}.html": make_page(index).encode() for index in range(pages)}

    def page(handler: object) -> None:
        time.sleep(latency)
        handler.send(200, bodies[handler.path])  # type: ignore[attr-defined]

    for path in bodies:
        site.routes[path] = page  # type: ignore[attr-defined]
    site.routes["/sitemap.xml"] = lambda h: h.send(200, urlset(site.base, list(bodies)), "application/xml")  # type: ignore[attr-defined]
    site.routes["/robots.txt"] = lambda h: h.send(200, b"User-agent: *\nAllow: /\n", "text/plain")  # type: ignore[attr-defined]


async def fetch_only(base: str, pages: int, concurrency: int) -> float:
    from claimlint.fetch import FetchPolicy, HttpFetcher

    fetcher = HttpFetcher(FetchPolicy(per_host=concurrency), frozenset({"127.0.0.1"}))
    start = time.perf_counter()
    results = await asyncio.gather(*(fetcher.page(f"{base}/p/{index}.html") for index in range(pages)))
    elapsed = time.perf_counter() - start
    await fetcher.aclose()
    assert all(hasattr(result, "body") for result in results)
    return pages / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--latency", type=float, default=0.15)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    with serve() as site:
        site.request_queue_size = 64
        site_routes(site, args.pages, args.latency)
        fetch_rate = asyncio.run(fetch_only(site.base, args.pages, args.concurrency))
        start = time.perf_counter()
        scan = subprocess.run([sys.executable, "-m", "claimlint", "scan", "--sitemap", f"{site.base}/sitemap.xml",
                               "--manifest", str(MANIFEST), "--format", "json", "--concurrency", str(args.concurrency),
                               "--quiet"], capture_output=True, text=True)
        elapsed = time.perf_counter() - start
    report = json.loads(scan.stdout)
    checked = report["summary"]["files"]
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    scan_rate = checked / elapsed
    print(json.dumps({
        "pages": args.pages, "checked": checked, "not_checked": report["summary"]["skipped"],
        "latency_s": args.latency, "concurrency": args.concurrency,
        "scan_pages_per_s": round(scan_rate, 1), "fetch_only_pages_per_s": round(fetch_rate, 1),
        "ratio": round(scan_rate / fetch_rate, 3), "peak_rss_mb_largest_process": round(peak_mb, 1),
        "findings": report["summary"]["findings"],
    }, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
