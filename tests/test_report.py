"""The HTML report of a scan: one self-contained file, escaped, rendered for real in Chromium."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from scan_site import demo_routes, serve

MANIFEST = str(FIXTURES / "demo" / "manifest.yaml")
SCREENSHOT = ROOT / "benchmarks" / "report-screenshot.png"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "Chromium is needed: scripts/test.sh installs Debian's chromium package"
    return found


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object], str]:
    folder = tmp_path_factory.mktemp("report")
    pages = ["/index.html", "/features.html", "/pricing.html", "/compare.html", "/banner-1.html",
             "/banner-2.html", "/banner-3.html", "/gone.html"]
    with serve() as site:
        demo_routes(site, pages)
        banner = (b'<header><p>Pulsewatch runs natively on Windows &amp; Linux.</p></header>'
                  b'<main><h1>Release notes %d</h1><p>This release makes status pages load faster, adds a dark theme '
                  b'to the dashboard and tidies up how alert rules are listed, so your team can find the one it '
                  b'needs. Thanks to everyone who sent feedback.</p><p>Shown as text: &lt;script&gt;alert(1)&lt;/script&gt;</p></main>')
        for number in (1, 2, 3):
            site.routes[f"/banner-{number}.html"] = lambda h, n=number: h.send(200, banner.replace(b"%d", str(n).encode()))
        site.routes["/gone.html"] = lambda h: h.send(404, b"gone")
        result = subprocess.run(
            [sys.executable, "-m", "claimlint", "scan", "--sitemap", f"{site.base}/sitemap_index.xml", "--manifest",
             MANIFEST, "--format", "json", "--ignore-robots", "--report", str(folder / "report.html")],
            capture_output=True, text=True, cwd=ROOT, timeout=600,
            env={k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"})
        base = site.base
    assert result.returncode == 1, result.stderr
    assert result.stderr.count('appears on 3 pages (shared site chrome?)') == 2
    return folder / "report.html", json.loads(result.stdout), base


def test_report_is_self_contained_and_escaped(report: tuple[Path, dict[str, object], str]) -> None:
    path, _, _ = report
    html = path.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//[^"']*\.(css|js|png|svg|woff2?)""", html)
    assert "<script" not in html  # page text is escaped, never injected
    assert "</mark> &amp; Linux." in html


def test_report_renders_counts_cards_and_links_in_chromium(report: tuple[Path, dict[str, object], str]) -> None:
    path, data, base = report
    chromium = _chromium()
    dom = subprocess.run([chromium, *CHROMIUM_FLAGS, "--dump-dom", path.as_uri()], capture_output=True, text=True,
                         timeout=120).stdout
    summary = data["summary"]  # type: ignore[index]
    assert re.search(rf'id="stat-pages"><b>{summary["files"]}</b>', dom)  # type: ignore[index]
    assert re.search(rf'id="stat-findings"><b>{summary["findings"]}</b>', dom)  # type: ignore[index]
    assert re.search(r'id="stat-skipped"><b>1</b>', dom) and "HTTP 404" in dom
    cards = re.findall(r'<article class="card (error|warning|info)"', dom)
    groups = [int(n) for n in re.findall(r"Appears on (\d+) pages", dom)]
    assert groups == [3, 3]  # the shared banner's two claims (Windows, Linux), each grouped once
    # every finding shows as one card, except grouped ones, which show as one card per group
    assert len(cards) == summary["findings"] - sum(groups) + len(groups)  # type: ignore[index,operator]
    assert f'href="{base}/pricing.html#:~:text=' in dom
    assert "<mark>" in dom
    SCREENSHOT.parent.mkdir(exist_ok=True)
    subprocess.run([chromium, *CHROMIUM_FLAGS, f"--screenshot={SCREENSHOT}", "--window-size=1280,2200", path.as_uri()],
                   capture_output=True, timeout=120, check=True)
    assert SCREENSHOT.stat().st_size > 10_000
