"""Baselines: adopt claimlint on an existing site and fail only on new mismatches."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "CLAIMLINT_DEBUG")}
    return subprocess.run([sys.executable, "-m", "claimlint", "check", "--format", "json", *args], cwd=cwd,
                          capture_output=True, text=True, env=env, timeout=300)


def test_baseline_keeps_old_findings_quiet_and_catches_new_ones(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "scenarios" / "formats", site, ignore=shutil.ignore_patterns("expected"))
    written = run(site, "--write-baseline", "baseline.json")
    assert written.returncode == 0 and "wrote 3 findings to baseline.json" in written.stderr
    assert len(json.loads((site / "baseline.json").read_text())["findings"]) == 3
    quiet = run(site, "--baseline", "baseline.json")
    assert quiet.returncode == 0 and json.loads(quiet.stdout)["summary"]["baselined"] == 3

    page = site / "site" / "home.md"
    # lines move: the baseline is not keyed by line
    page.write_text("<!-- intro -->\n\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
    assert run(site, "--baseline", "baseline.json").returncode == 0

    # fix one mismatch and add another: the count is unchanged, the new one still fails
    text = page.read_text(encoding="utf-8").replace("Acme works offline, so", "Acme syncs fast, so")
    page.write_text(text + "\nAcme works offline on trains too.\n", encoding="utf-8")
    changed = run(site, "--baseline", "baseline.json")
    assert changed.returncode == 1
    assert [(f["rule"], f["line"]) for f in json.loads(changed.stdout)["findings"]] == [("CL101", 9)]

    # rewriting the baseline drops the fixed finding and records the new one
    assert run(site, "--write-baseline", "baseline.json").returncode == 0
    recorded = json.loads((site / "baseline.json").read_text())["findings"]
    assert len(recorded) == 3 and all(entry["path"] == "site/home.md" for entry in recorded)


def test_missing_or_broken_baseline_is_one_line(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "scenarios" / "formats", site, ignore=shutil.ignore_patterns("expected"))
    missing = run(site, "--baseline", "nope.json")
    assert missing.returncode == 2 and "nope.json: baseline not found" in missing.stderr
    (site / "bad.json").write_text("{}", encoding="utf-8")
    assert "not a claimlint baseline" in run(site, "--baseline", "bad.json").stderr
