"""Every output format, end to end, against its exact expected output."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import FIXTURES

SCENARIO = FIXTURES / "scenarios" / "formats"
FORMATS = ["concise", "full", "json", "json-lines", "sarif", "github", "gitlab", "junit"]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "CLAIMLINT_DEBUG")}
    return subprocess.run([sys.executable, "-m", "claimlint", "check", *args], cwd=SCENARIO, capture_output=True,
                          text=True, env={**base, **(env or {})}, timeout=300)


@pytest.mark.parametrize("fmt", FORMATS)
def test_format_output_is_exact(fmt: str) -> None:
    result = run("--format", fmt)
    assert result.returncode == 1, result.stderr
    assert result.stdout == (SCENARIO / "expected" / f"{fmt}.txt").read_text(encoding="utf-8")


def test_sarif_validates_against_the_sarif_2_1_0_schema() -> None:
    schema = json.loads((FIXTURES / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    report = json.loads(run("--format", "sarif").stdout)
    jsonschema.Draft7Validator(schema).validate(report)
    results = report["runs"][0]["results"]
    rules = report["runs"][0]["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    assert all(r["partialFingerprints"]["claimlint/v1"] for r in results)


def test_github_format_is_chosen_under_actions_and_escapes_text() -> None:
    result = run(env={"GITHUB_ACTIONS": "true"})
    assert result.stdout == (SCENARIO / "expected" / "github.txt").read_text(encoding="utf-8")
    from claimlint.report.github import _data, _property

    assert _data("50% off\nnow") == "50%25 off%0Anow"
    assert _property("a:b,c") == "a%3Ab%2Cc"


def test_concise_when_piped_full_on_a_terminal() -> None:
    from claimlint.cli import _default_format

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert _default_format(io.StringIO()) == "concise"
    assert _default_format(Terminal()) == "full"
    assert run().stdout == (SCENARIO / "expected" / "concise.txt").read_text(encoding="utf-8")


def test_junit_and_gitlab_parse() -> None:
    import xml.etree.ElementTree as ElementTree

    root = ElementTree.fromstring(run("--format", "junit").stdout)
    assert root.get("failures") == "3"
    issues = json.loads(run("--format", "gitlab").stdout)
    assert len({issue["fingerprint"] for issue in issues}) == len(issues) == 3


def test_expected_outputs_are_for_this_scenario() -> None:
    names = {path.stem for path in (SCENARIO / "expected").iterdir()}
    assert names == set(FORMATS)
    assert Path(SCENARIO / ".claimlint.yaml").is_file()
