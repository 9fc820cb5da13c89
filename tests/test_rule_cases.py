"""Every rule's pass and fail cases, as data: fixtures/rules/<CODE>.yaml.

A fail case must produce exactly its listed findings of that rule (by line and capability);
a pass case must produce none of that rule. Rules that read syntax run with the trained
pipeline CI installs; a case with `pipeline: blank` runs with the default blank pipeline
instead. `pytest -k CL201` runs one rule.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from claimlint.checks import all_rules
from conftest import FIXTURES, MODEL, linter_for

RULE_FILES = sorted((FIXTURES / "rules").glob("CL*.yaml"))


def _cases() -> list[Any]:
    params = []
    for path in RULE_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            params.append(pytest.param(data["rule"], data["manifest"], case, id=f"{data['rule']}-{case['name']}"))
    return params


@pytest.mark.parametrize(("code", "manifest", "case"), _cases())
def test_rule_case(code: str, manifest: str, case: dict[str, Any]) -> None:
    model = MODEL if all_rules()[code].needs_model and case.get("pipeline") != "blank" else None
    linter = linter_for(manifest, f"fixtures/rules/{code}.yaml", model)
    fmt = case.get("format", "markdown")
    if fmt == "html":
        findings = linter.lint_html(case["page"], source="page.html")
    else:
        findings = linter.lint_markdown(case["page"], source=f"page.{'mdx' if fmt == 'mdx' else 'md'}", mdx=fmt == "mdx")
    got = [(f.line, f.capability) for f in findings if f.rule == code]
    if case["kind"] == "pass":
        assert got == [], f"{code} fired on a pass case: {[f.message for f in findings if f.rule == code]}"
    else:
        key = "phrase" if code == "CL601" else "capability"
        expected = [(item["line"], item.get(key) if code == "CL601" else item["capability"]) for item in case["findings"]]
        assert got == expected


def test_every_rule_has_fail_and_pass_cases() -> None:
    covered = {path.stem for path in RULE_FILES}
    assert set(all_rules()) <= covered, f"rules without fixture cases: {sorted(set(all_rules()) - covered)}"
    for path in RULE_FILES:
        kinds = {case["kind"] for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]}
        assert kinds == {"pass", "fail"}, f"{path.name} needs both pass and fail cases"
