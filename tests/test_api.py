"""The Python API of INTERFACES.md."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable

import pytest

import claimlint
from claimlint import Linter, Manifest
from claimlint.errors import ManifestError
from conftest import FIXTURES

MANIFEST = """\
version: 1
product: {name: Acme}
competitors: [Mixpanel]
plans: [{id: free}, {id: team}, {id: enterprise}]
capabilities:
  offline-mode: {aliases: [offline mode, works offline], status: unsupported}
  sso: {aliases: [SSO], status: available, plans: [enterprise]}
"""


def test_lint_html_and_markdown_return_findings(make_linter: Callable[[str], Linter]) -> None:
    linter = make_linter(MANIFEST)
    html_findings = linter.lint_html("<p>Acme <b>works offline</b>.</p>", source="https://acme.example/")
    assert [(f.rule, f.path, f.line, f.column) for f in html_findings] == [("CL101", "https://acme.example/", 1, 12)]
    md_findings = linter.lint_markdown("# Hi\n\nAcme works offline.", source="content/a.md")
    assert [(f.rule, f.line, f.column) for f in md_findings] == [("CL101", 3, 6)]
    assert linter.lint_text("Mixpanel works offline.") == []


def test_records_are_frozen_and_to_dict_is_json(make_linter: Callable[[str], Linter]) -> None:
    finding = make_linter(MANIFEST).lint_markdown("Acme works offline.")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.line = 3  # type: ignore[misc]
    data = json.loads(json.dumps(finding.to_dict()))
    assert data["rule"] == "CL101" and data["capability"] == "offline-mode"
    assert data["claim"]["polarity"] == "asserted" and data["claim"]["modality"] == "present"


def test_claims_html_is_extraction_only(make_linter: Callable[[str], Linter]) -> None:
    claims = make_linter(MANIFEST).claims_html("<p>We don't offer SSO. Mixpanel works offline.</p>")
    assert [(c.capability, c.subject, c.polarity) for c in claims] == [
        ("sso", "product", "negated"), ("offline-mode", "competitor", "asserted")]


def test_lint_many_matches_one_by_one(make_linter: Callable[[str], Linter]) -> None:
    linter = make_linter(MANIFEST)
    pages = [(f"p{i}.md", f"Page {i}: Acme works offline." if i % 2 else "SSO on Enterprise.", "markdown")
             for i in range(40)]
    many = list(linter.lint_many(pages))  # type: ignore[arg-type]
    assert [source for source, _ in many] == [source for source, _, _ in pages]
    for (source, text, _), (_, findings) in zip(pages, many):
        assert findings == linter.lint_markdown(text, source=source)


def test_public_names_and_errors() -> None:
    assert {"Linter", "Manifest", "Finding", "Claim", "ManifestError"} <= set(claimlint.__all__)
    with pytest.raises(ManifestError):
        Manifest.from_yaml("version: 1\n")
    linter = Linter(Manifest.load(FIXTURES / "pages" / "manifest.yaml"), select=["CL601"])
    assert [rule.code for rule in linter.rules] == ["CL601"]
