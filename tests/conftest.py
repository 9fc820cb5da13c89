"""Shared fixtures: Linters are costly to build, so each manifest gets one per session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from claimlint.api import Linter
from claimlint.manifest import Manifest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
_LINTERS: dict[str, Linter] = {}


def linter_for(manifest_text: str, path: str = "<manifest>") -> Linter:
    """A Linter for manifest YAML, cached by content across the test session."""
    if manifest_text not in _LINTERS:
        _LINTERS[manifest_text] = Linter(Manifest.from_yaml(manifest_text, path))
    return _LINTERS[manifest_text]


@pytest.fixture(scope="session")
def make_linter() -> Callable[[str], Linter]:
    return linter_for


@pytest.fixture(scope="session")
def demo_linter() -> Linter:
    path = FIXTURES / "demo" / "manifest.yaml"
    return linter_for(path.read_text(encoding="utf-8"), str(path))
