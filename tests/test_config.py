"""Configuration files: discovery, precedence, every key, and one-line errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES

SCENARIO = FIXTURES / "scenarios" / "formats"


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "CLAIMLINT_DEBUG")}
    return subprocess.run([sys.executable, "-m", "claimlint", "check", "--format", "json", *args], cwd=cwd,
                          capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    shutil.copytree(SCENARIO, tmp_path / "site-repo", ignore=shutil.ignore_patterns("expected"))
    return tmp_path / "site-repo"


def rules(result: subprocess.CompletedProcess[str]) -> list[tuple[str, str, str]]:
    assert "Traceback" not in result.stderr
    return [(f["path"], f["rule"], f["severity"]) for f in json.loads(result.stdout)["findings"]]


def test_found_by_walking_up_from_a_subfolder(site: Path) -> None:
    found = rules(run(site / "site"))
    assert {rule for _, rule, _ in found} == {"CL101", "CL201", "CL103"}


def test_pyproject_table_and_keys(site: Path) -> None:
    (site / ".claimlint.yaml").unlink()
    (site / "pyproject.toml").write_text(
        "[project]\nname = 'site'\n\n[tool.claimlint]\nmanifest = 'claims.yaml'\npaths = ['site']\n"
        "ignore = ['CL2']\nfail-on = 'error'\n\n[tool.claimlint.severity]\nCL101 = 'warning'\n", encoding="utf-8")
    result = run(site)
    assert rules(result) == [("site/home.md", "CL101", "warning"), ("site/home.md", "CL103", "warning")]
    assert result.returncode == 0  # only warnings, and fail-on is error


def test_command_line_overrides_config(site: Path) -> None:
    (site / ".claimlint.yaml").write_text("manifest: claims.yaml\npaths: [site]\nselect: [CL1]\n", encoding="utf-8")
    assert {r for _, r, _ in rules(run(site))} == {"CL101", "CL103"}
    assert {r for _, r, _ in rules(run(site, "--select", "CL201"))} == {"CL201"}
    assert {r for _, r, _ in rules(run(site, "--extend-select", "CL2"))} == {"CL101", "CL103", "CL201"}
    assert {r for _, r, _ in rules(run(site, "--ignore", "CL103"))} == {"CL101"}
    assert run(site, "--isolated").returncode == 2  # no config: no manifest


def test_per_file_ignores_include_and_exclude(site: Path) -> None:
    (site / "site" / "blog").mkdir()
    shutil.copy(site / "site" / "home.md", site / "site" / "blog" / "old.md")
    (site / ".claimlint.yaml").write_text(
        "manifest: claims.yaml\npaths: [site]\nper-file-ignores:\n  'site/blog/*': [CL1]\n", encoding="utf-8")
    found = rules(run(site))
    assert ("site/blog/old.md", "CL201", "error") in found
    assert not any(path == "site/blog/old.md" and rule.startswith("CL1") for path, rule, _ in found)
    assert {p for p, _, _ in rules(run(site, "--exclude", "*/blog/*"))} == {"site/home.md"}
    assert {p for p, _, _ in rules(run(site, "--include", "*.html"))} == set()


def test_html_skip_selectors_leave_out_site_chrome(site: Path) -> None:
    (site / "site" / "chrome.html").write_text(
        "<html><body><nav class='site-nav'><p>Acme works offline.</p></nav>"
        "<footer id='legal'><p>Acme works offline.</p></footer><main><p>Acme works offline.</p></main></body></html>",
        encoding="utf-8")
    (site / ".claimlint.yaml").write_text(
        "manifest: claims.yaml\npaths: [site/chrome.html]\nhtml:\n  skip-selectors: ['nav.site-nav', '#legal']\n",
        encoding="utf-8")
    assert rules(run(site)) == [("site/chrome.html", "CL101", "error")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("manifest: claims.yaml\nselect: CL1\n", ".claimlint.yaml:2: select: expected a list, got the text 'CL1'"),
        ("manifest: claims.yaml\nfail-on: fatal\n", ".claimlint.yaml:2: fail-on: 'fatal' is not allowed"),
        ("manifest: claims.yaml\nignores: [CL1]\n", ".claimlint.yaml:2: ignores: unknown key (did you mean 'ignore'?)"),
        ("manifest: [\n", ".claimlint.yaml:2: invalid YAML"),
    ],
)
def test_invalid_config_is_one_line_exit_2(site: Path, text: str, expected: str) -> None:
    (site / ".claimlint.yaml").write_text(text, encoding="utf-8")
    result = run(site)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], lines


def test_invalid_pyproject_key_names_the_line(site: Path) -> None:
    (site / ".claimlint.yaml").unlink()
    (site / "pyproject.toml").write_text("[tool.claimlint]\nmanifest = 'claims.yaml'\n\nselekt = ['CL1']\n",
                                         encoding="utf-8")
    result = run(site)
    assert result.returncode == 2
    assert "pyproject.toml:4: selekt: unknown key (did you mean 'select'?)" in result.stderr
