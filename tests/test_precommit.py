"""The pre-commit hooks, run for real with `pre-commit try-repo` against this checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

PRE_COMMIT = [sys.executable, "-m", "pre_commit"]


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def website(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A website repository holding the demo site, its manifest and a config."""
    repo = tmp_path_factory.mktemp("website")
    shutil.copytree(FIXTURES / "demo" / "site", repo / "site")
    shutil.copy(FIXTURES / "demo" / "manifest.yaml", repo / "claims.yaml")
    (repo / ".claimlint.yaml").write_text("manifest: claims.yaml\npaths: [site]\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "-c", "user.email=site@example.com", "-c", "user.name=Site", "add", ".")
    _git(repo, "-c", "user.email=site@example.com", "-c", "user.name=Site", "commit", "-qm", "site")
    return repo


def _try_repo(repo: Path, hook: str, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home")}
    selection = ["--files", *files] if files else ["--all-files"]
    return subprocess.run([*PRE_COMMIT, "try-repo", str(ROOT), hook, *selection], cwd=repo, capture_output=True,
                          text=True, env=env, timeout=1800)


def test_hook_fails_on_mismatches_then_passes_once_fixed(website: Path) -> None:
    page = "site/blog/brightcart-customer-story.md"
    failing = _try_repo(website, "claimlint", page)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert f"{page}:67:21: CL103 warning Browser checks is in beta" in failing.stdout
    assert f"{page}:3:" in failing.stdout and "CL201" in failing.stdout
    text = (website / page).read_text(encoding="utf-8")
    fixed = (text.replace("started with SMS alerts on the Pulsewatch Free plan", "started with email alerts on the Pulsewatch Free plan")
             .replace("Pulsewatch's transaction monitoring walks", "Pulsewatch's transaction monitoring (in beta) walks")
             .replace("for the unlimited team members", "for the bigger team"))
    (website / page).write_text(fixed, encoding="utf-8")
    passing = _try_repo(website, "claimlint", page)
    assert passing.returncode == 0, passing.stdout + passing.stderr


def test_manifest_hook_validates_and_relints(website: Path) -> None:
    relint = _try_repo(website, "claimlint-manifest", "claims.yaml")
    assert relint.returncode == 1, relint.stdout + relint.stderr
    assert "site/pricing.html" in relint.stdout  # pages that did not change are checked again
    (website / "claims.yaml").write_text("version: 1\nproduct: {name: Pulsewatch}\ncapabilities:\n  sso: {staus: x}\n",
                                         encoding="utf-8")
    broken = _try_repo(website, "claimlint-manifest", "claims.yaml")
    assert broken.returncode == 1  # pre-commit reports any failing hook as 1; the hook itself exits 2
    assert "Traceback" not in broken.stdout
    assert "claims.yaml:4: capabilities.sso.staus: unknown key (did you mean 'status'?)" in broken.stdout
