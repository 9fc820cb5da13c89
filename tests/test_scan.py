"""claimlint scan against a real HTTP server on 127.0.0.1; nothing else is contacted."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time

import pytest

from conftest import FIXTURES, ROOT
from scan_site import Site, demo_routes, oversized, serve, slow, urlset

MANIFEST = str(FIXTURES / "demo" / "manifest.yaml")
PAGES = ["/index.html", "/features.html", "/pricing.html", "/compare.html", "/flaky.html", "/error.html",
         "/moved.html", "/doc.pdf", "/huge.html", "/private/page.html", "/shell.html", "/slow.html", "/de/index.html"]


def claimlint(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "CLAIMLINT_DEBUG")}
    return subprocess.run([sys.executable, "-m", "claimlint", "scan", "--manifest", MANIFEST, *args],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)


def hostile_site(site: Site) -> None:
    demo_routes(site, PAGES)
    site.routes["/robots.txt"] = lambda h: h.send(
        200, f"User-agent: *\nDisallow: /private/\nSitemap: {site.base}/sitemap_index.xml\n".encode(), "text/plain")
    site.routes["/sitemap-evil.xml"] = lambda h: h.send(
        200, b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aa"><!ENTITY b "&a;&a;">]><urlset><url><loc>&b;</loc></url></urlset>',
        "application/xml")

    def flaky(h: object) -> None:
        count = site.calls.get("flaky", 0)
        site.calls["flaky"] = count + 1
        if count == 0:
            h.send(429, b"slow down", "text/plain", Retry_After="1")  # type: ignore[attr-defined]
        else:
            h.send(200, b"<p>Pulsewatch runs natively on Windows.</p>")  # type: ignore[attr-defined]

    site.routes["/flaky.html"] = flaky
    site.routes["/error.html"] = lambda h: h.send(500, b"oops")
    port = site.server_address[1]
    site.routes["/moved.html"] = lambda h: h.send(301, b"", Location=f"http://localhost:{port}/index.html")
    site.routes["/doc.pdf"] = lambda h: h.send(200, b"%PDF-1.4", "application/pdf")
    site.routes["/huge.html"] = oversized(20 * 1024 * 1024)
    site.routes["/private/page.html"] = lambda h: h.send(200, b"<p>Pulsewatch runs natively on Windows.</p>")
    site.routes["/shell.html"] = lambda h: h.send(200, b'<html><body><div id="root"></div><script src="/app.js"></script></body></html>')
    # the scan below waits 1 s; the slow request stops counting well before, so a loaded machine,
    # whose server threads wake late, does not count it beside the requests that follow it
    site.routes["/slow.html"] = slow(3, patience=0.6)
    site.routes["/de/index.html"] = lambda h: h.send(  # a translation: claimlint's cue words are English
        200, '<html lang="de-DE"><body><p>Pulsewatch läuft jetzt nativ unter Windows.</p></body></html>'.encode())


def test_scan_reports_findings_and_every_page_it_could_not_check() -> None:
    with serve() as site:
        site.think = 0.02  # a scan that ignored its limit would have many requests here at once
        hostile_site(site)
        start = time.monotonic()
        result = claimlint("--sitemap", f"{site.base}/robots.txt", "--format", "json", "--timeout", "1",
                           "--retries", "1", "--concurrency", "2")
        elapsed = time.monotonic() - start
        peak, agents = site.peak, site.agents
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    checked = {f["path"] for f in report["findings"]}
    assert {f"{site.base}/pricing.html", f"{site.base}/compare.html", f"{site.base}/flaky.html"} <= checked
    reasons = {item["path"].removeprefix(site.base): item["reason"] for item in report["skipped"]}
    assert reasons["/error.html"].startswith("HTTP 500")
    # the command line adds the option that would let the scan check the page
    assert reasons["/moved.html"] == "redirected to another host (localhost); pass --allow-host localhost to follow"
    assert reasons["/doc.pdf"] == "not HTML (application/pdf)"
    assert reasons["/huge.html"].startswith("larger than 10 MB")
    assert reasons["/private/page.html"] == "disallowed by robots.txt (pass --ignore-robots for your own site)"
    assert reasons["/shell.html"].startswith("empty JavaScript shell")
    assert reasons["/slow.html"].startswith("timed out after 1 s")
    assert reasons["/de/index.html"].startswith("the page is in 'de'")
    assert "/flaky.html" not in reasons  # the 429 was retried after its Retry-After
    assert "refused: the sitemap declares a DTD or entities" in result.stderr
    assert report["summary"]["files"] == 5 and report["summary"]["skipped"] == 8
    assert peak <= 2, "per-host concurrency is honoured"
    assert all(agent.startswith("claimlint/") for agent in agents)
    assert elapsed < 120


def test_robots_and_redirects_can_be_allowed_and_pages_filtered() -> None:
    with serve() as site:
        hostile_site(site)
        result = claimlint("--sitemap", f"{site.base}/sitemap_index.xml", "--format", "json", "--ignore-robots",
                           "--allow-host", "localhost", "--include", "*/private/*", "--include", "*/moved.html")
        limited = json.loads(claimlint("--sitemap", f"{site.base}/sitemap_index.xml", "--format", "json",
                                       "--max-pages", "2").stdout)
    report = json.loads(result.stdout)
    paths = {f["path"].removeprefix(site.base) for f in report["findings"]}
    assert "/private/page.html" in paths and report["summary"]["files"] == 2
    assert limited["summary"]["files"] == 2 and limited["summary"]["skipped"] == 0


def test_rewrite_fetches_staging_for_live_urls(tmp_path: object) -> None:
    with serve() as site:
        demo_routes(site, [])
        live = "https://www.pulsewatch.example"
        sitemap = tmp_path / "sitemap.xml"  # type: ignore[operator]
        sitemap.write_bytes(urlset(live, ["/pricing.html", "/compare.html"]))
        result = claimlint("--sitemap", str(sitemap), "--format", "json", "--ignore-robots",
                           "--rewrite", f"{live}={site.base}")
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == 2, result.stderr
    assert all(f["path"].startswith(live) for f in report["findings"])  # reported at the live URL


def test_the_config_sets_severities_for_a_scan(tmp_path: object) -> None:
    config = tmp_path / "claimlint.yaml"  # type: ignore[operator]
    lowered_codes = ("CL201", "CL202", "CL203", "CL301", "CL401", "CL402", "CL601")
    config.write_text("severity: {CL101: warning, " + ", ".join(f"{code}: info" for code in lowered_codes) + "}\n",
                      encoding="utf-8")
    with serve() as site:
        demo_routes(site, [])
        sitemap = tmp_path / "sitemap.xml"  # type: ignore[operator]
        sitemap.write_bytes(urlset(site.base, ["/pricing.html", "/compare.html"]))
        default = claimlint("--sitemap", str(sitemap), "--format", "json", "--ignore-robots")
        lowered = claimlint("--sitemap", str(sitemap), "--format", "json", "--ignore-robots", "--config", str(config),
                            "--fail-on", "error")
    before = {f["rule"]: f["severity"] for f in json.loads(default.stdout)["findings"]}
    after = {f["rule"]: f["severity"] for f in json.loads(lowered.stdout)["findings"]}
    assert default.returncode == 1 and {"CL101", "CL201", "CL301"} <= before.keys(), default.stderr
    assert after.keys() == before.keys()
    assert after["CL101"] == "warning" and after["CL201"] == "info" and after["CL301"] == "info"
    assert lowered.returncode == 0, lowered.stderr  # nothing is left at the failing level


def test_per_file_ignores_match_the_scanned_urls(tmp_path: object) -> None:
    config = tmp_path / "claimlint.yaml"  # type: ignore[operator]
    config.write_text("per-file-ignores:\n  'compare*': [CL1, CL2]\n  '*/pricing.html': [CL201]\n", encoding="utf-8")
    with serve() as site:
        demo_routes(site, [])
        sitemap = tmp_path / "sitemap.xml"  # type: ignore[operator]
        sitemap.write_bytes(urlset(site.base, ["/pricing.html", "/compare.html"]))
        default = claimlint("--sitemap", str(sitemap), "--format", "json", "--ignore-robots")
        ignoring = claimlint("--sitemap", str(sitemap), "--format", "json", "--ignore-robots", "--config", str(config))

    def found(result: subprocess.CompletedProcess[str]) -> set[tuple[str, str]]:
        assert "Traceback" not in result.stderr
        return {(f["path"].rpartition("/")[2], f["rule"]) for f in json.loads(result.stdout)["findings"]}

    before, after = found(default), found(ignoring)
    assert {("compare.html", "CL101"), ("compare.html", "CL301"), ("pricing.html", "CL201"), ("pricing.html", "CL401")} <= before
    assert after == {(page, rule) for page, rule in before
                     if not (page == "compare.html" and rule[:3] in ("CL1", "CL2"))
                     and not (page == "pricing.html" and rule == "CL201")}


def test_a_scan_keeps_the_manifest_it_started_with(tmp_path: object) -> None:
    """Worker processes start after the first page arrives and restart every few hundred
    pages; the manifest read when the scan started is the one every page is checked against,
    even when the file is edited (here: broken) while the scan runs."""
    import shutil

    manifest = tmp_path / "manifest.yaml"  # type: ignore[operator]
    shutil.copy(MANIFEST, manifest)
    sitemap = tmp_path / "sitemap.xml"  # type: ignore[operator]
    with serve() as site:
        demo_routes(site, [])
        sitemap.write_bytes(urlset(site.base, ["/pricing.html", "/compare.html"]))
        unedited = claimlint("--sitemap", str(sitemap), "--format", "json", "--ignore-robots")
        pricing = site.routes["/pricing.html"]

        def edit_then_send(handler: object) -> None:
            manifest.write_text("version: 1\nproduct: [not, a, product\n", encoding="utf-8")
            pricing(handler)

        site.routes["/pricing.html"] = edit_then_send
        edited = claimlint("--manifest", str(manifest), "--sitemap", str(sitemap), "--format", "json", "--ignore-robots")
    assert edited.returncode == unedited.returncode == 1, edited.stderr
    assert "Traceback" not in edited.stderr and "manifest" not in edited.stderr
    assert manifest.read_text(encoding="utf-8").startswith("version: 1\nproduct: [not")

    def found(result: subprocess.CompletedProcess[str]) -> list[tuple[str, str, int]]:
        return [(f["path"], f["rule"], f["line"]) for f in json.loads(result.stdout)["findings"]]

    assert found(edited) == found(unedited) and len(found(edited)) > 5


def test_the_scan_api_reports_what_the_linter_finds(tmp_path: object) -> None:
    """A script scans a site with claimlint.scan.scan(): each page's findings are what a
    Linter finds in it, in the sitemap's order, a failed page is listed with its reason, and
    the progress callback ends at the total."""
    import dataclasses

    from claimlint import Linter, Manifest
    from claimlint.config import Config
    from claimlint.fetch import FetchPolicy
    from claimlint.scan import Progress, ScanOptions, scan

    manifest = Manifest.load(MANIFEST)
    sitemap = tmp_path / "sitemap.xml"  # type: ignore[operator]
    seen: list[Progress] = []
    with serve() as site:
        demo_routes(site, [])
        site.routes["/error.html"] = lambda h: h.send(500, b"oops")
        pages = [f"{site.base}/compare.html", f"{site.base}/error.html", f"{site.base}/pricing.html"]
        sitemap.write_bytes(urlset(site.base, ["/compare.html", "/error.html", "/pricing.html"]))
        options = ScanOptions(str(sitemap), workers=1, policy=FetchPolicy(retries=0, obey_robots=False))
        found = scan(options, Config(), manifest=manifest, progress=seen.append)
    linter = Linter(manifest)
    expected = {page: linter.lint_html((FIXTURES / "demo" / "site" / page.rpartition("/")[2]).read_bytes(), source=page)
                for page in (pages[0], pages[2])}
    assert [result.source for result in found.results] == [pages[0], pages[2]]
    for result in found.results:
        assert list(result.findings) == expected[result.source] and result.findings
    assert [(failure.url, failure.failed) for failure in found.failures] == [(pages[1], True)]
    assert seen[-1] == Progress(fetched=2, checked=2, skipped=0, failed=1, total=3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.results = ()  # type: ignore[misc]


def test_the_scan_api_says_why_each_page_was_not_checked_in_a_word() -> None:
    """A script gets each failure's kind to act on, and reasons that name no command-line
    option: the API's caller sets FetchPolicy, not flags."""
    from claimlint import Manifest
    from claimlint.config import Config
    from claimlint.fetch import FetchPolicy
    from claimlint.scan import ScanOptions, scan

    with serve() as site:
        hostile_site(site)
        options = ScanOptions(f"{site.base}/robots.txt", workers=1, policy=FetchPolicy(timeout=1, retries=1))
        found = scan(options, Config(), manifest=Manifest.load(MANIFEST))
        port = site.server_address[1]
    kinds = {failure.url.removeprefix(site.base): (failure.kind, failure.failed) for failure in found.failures}
    assert kinds == {"/error.html": ("http", True), "/slow.html": ("network", True),
                     "/moved.html": ("other-host", False), "/doc.pdf": ("not-html", False),
                     "/huge.html": ("too-large", False), "/private/page.html": ("robots", False),
                     "/shell.html": ("no-text", False), "/de/index.html": ("language", False)}
    moved = next(failure for failure in found.failures if failure.kind == "other-host")
    assert moved.redirected_to == f"http://localhost:{port}/index.html"
    assert not [failure.reason for failure in found.failures if "--" in failure.reason]


def test_gzip_bomb_sitemap_is_refused_one_line() -> None:
    with serve() as site:
        bomb = gzip.compress(b" " * (60 * 1024 * 1024))
        site.routes["/sitemap.xml"] = lambda h: h.send(200, bomb, "application/xml")
        result = claimlint("--sitemap", f"{site.base}/sitemap.xml", "--format", "json")
    assert "expands past 50 MB" in result.stderr and "Traceback" not in result.stderr
    assert json.loads(result.stdout)["summary"]["files"] == 0


@pytest.mark.parametrize("bad", ["--rewrite=nonsense", "--sitemap=/no/such/file.xml"])
def test_bad_scan_input_is_one_line(bad: str) -> None:
    args = ["--sitemap", "/tmp/none.xml"] if bad.startswith("--rewrite") else []
    result = claimlint(*args, bad)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_deadline_lists_unfinished_pages_as_not_checked() -> None:
    with serve() as site:
        demo_routes(site, ["/pricing.html", "/slow.html"])
        site.routes["/slow.html"] = slow(8)
        result = claimlint("--sitemap", f"{site.base}/sitemap_index.xml", "--format", "json", "--ignore-robots",
                           "--deadline", "4", "--timeout", "30")
    report = json.loads(result.stdout)
    reasons = {item["path"].removeprefix(site.base): item["reason"] for item in report["skipped"]}
    assert reasons == {"/slow.html": "the scan deadline of 4 s passed first"}
    assert report["summary"]["files"] == 1
    assert f"{site.base}/slow.html: not checked: the scan deadline of 4 s passed first\n" in result.stderr
