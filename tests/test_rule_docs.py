"""Rule documentation is data: every rule documents itself, and its examples are tested."""

from __future__ import annotations

import subprocess
import sys

import pytest

from claimlint.checks import all_rules
from claimlint.rule_docs import rules_markdown
from conftest import MODEL, ROOT, linter_for

EXAMPLE_MANIFEST = (ROOT / "rules" / "examples" / "manifest.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", list(all_rules()))
def test_rule_examples_bad_fires_and_fixed_does_not(code: str) -> None:
    rule = all_rules()[code]
    assert rule.summary and rule.why and rule.example and rule.suggestion, f"{code} is missing documentation"
    linter = linter_for(EXAMPLE_MANIFEST, "rules/examples/manifest.yaml", MODEL if rule.needs_model else None)
    lint = linter.lint_html if rule.example.format == "html" else linter.lint_markdown
    assert code in {f.rule for f in lint(rule.example.bad)}, f"{code}: the example does not fire"
    assert code not in {f.rule for f in lint(rule.example.good)}, f"{code}: the fixed wording still fires"


def test_docs_rules_md_is_current() -> None:
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == rules_markdown(all_rules().values()), "run: claimlint rules --format markdown > docs/rules.md"


def test_rules_command_lists_and_explains() -> None:
    listing = subprocess.run([sys.executable, "-m", "claimlint", "rules"], capture_output=True, text=True, check=True)
    assert len(listing.stdout.splitlines()) == len(all_rules())
    page = subprocess.run([sys.executable, "-m", "claimlint", "rules", "CL201"], capture_output=True, text=True, check=True)
    assert page.stdout.startswith("# CL201 plan-mismatch") and "## Instead" in page.stdout
