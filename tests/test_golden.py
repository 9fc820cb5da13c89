"""Extraction golden files: what is read from each tricky page, claim by claim.

A change in extraction shows up here as a diff to review; regenerate with
``python tests/golden.py`` only after reading it. Positions in these files are checked
independently of the extractor by test_positions.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from golden import EXPECTED, claims_json, pages


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.name)
def test_claims_match_golden_file(page: Path) -> None:
    assert claims_json(page) == (EXPECTED / f"{page.name}.claims.json").read_text(encoding="utf-8")
