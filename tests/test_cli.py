"""End to end: the claimlint command on the demo site and on bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT

DEMO = FIXTURES / "demo"


def claimlint(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "CLAIMLINT_DEBUG"}
    return subprocess.run([sys.executable, "-m", "claimlint", *args], capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=300)


@pytest.fixture(scope="module")
def demo_json() -> dict[str, object]:
    result = claimlint("check", "--manifest", "fixtures/demo/manifest.yaml", "fixtures/demo/site/", "--format", "json")
    assert result.returncode == 1, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_demo_text_output_and_exit_status() -> None:
    result = claimlint("check", "--manifest", "fixtures/demo/manifest.yaml", "fixtures/demo/site/")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines, "the demo site disagrees with its manifest"
    for line in lines:
        path, line_number, column, rest = line.split(":", 3)
        assert Path(path).is_file() and int(line_number) >= 1 and int(column) >= 1
        code, severity = rest.split()[:2]
        assert code.startswith("CL") and severity in ("error", "warning", "info") and line.endswith("]")
    assert result.stderr.strip().startswith(f"Found {len(lines)} findings")


def test_demo_json_matches_the_interface(demo_json: dict[str, object]) -> None:
    assert demo_json["version"] == 1
    findings = demo_json["findings"]
    assert isinstance(findings, list) and findings
    for finding in findings:
        assert {"path", "line", "column", "end_line", "end_column", "rule", "severity", "message", "capability",
                "claim"} <= set(finding)
        assert {"text", "polarity", "modality", "plans", "platforms", "quantity"} <= set(finding["claim"])
    summary = demo_json["summary"]
    assert isinstance(summary, dict)
    assert summary["files"] == 7 and summary["findings"] == len(findings)
    assert summary["errors"] + summary["warnings"] + summary["infos"] == len(findings)


def test_demo_finds_exactly_the_labelled_mismatches(demo_json: dict[str, object]) -> None:
    labelled = yaml.safe_load((DEMO / "mismatches.yaml").read_text(encoding="utf-8"))
    expected = {(f"fixtures/demo/{m['path']}", m["line"], m["rule"], str(m["subject"]))
                for m in labelled if not m.get("needs_model")}
    found = {(f["path"], f["line"], f["rule"], f["capability"]) for f in demo_json["findings"]}  # type: ignore[union-attr]
    assert found == expected


def test_claims_command_lists_claims_as_json() -> None:
    result = claimlint("claims", "--manifest", "fixtures/pages/manifest.yaml", "fixtures/pages/tricky.md", "--format", "json")
    assert result.returncode == 0, result.stderr
    claims = json.loads(result.stdout)["claims"]
    assert {"path", "line", "column", "end_line", "end_column", "capability", "subject", "polarity", "modality",
            "plans", "platforms", "quantity", "text"} <= set(claims[0])
    assert any(c["capability"] == "sso" and c["plans"] == ["team"] for c in claims)


def test_select_ignore_and_fail_on() -> None:
    base = ["check", "--manifest", "fixtures/demo/manifest.yaml", "fixtures/demo/site/", "--quiet"]
    only = claimlint(*base, "--select", "CL601")
    assert only.returncode == 1 and {line.split()[1] for line in only.stdout.splitlines()} == {"CL601"}
    none = claimlint(*base, "--ignore", "CL")
    assert none.returncode == 0 and none.stdout == ""
    warnings = claimlint(*base, "--select", "CL103,CL105", "--fail-on", "error")
    assert warnings.returncode == 0 and warnings.stdout


def test_manifest_check_command(tmp_path: Path) -> None:
    good = claimlint("manifest", "check", "fixtures/demo/manifest.yaml")
    assert good.returncode == 0 and "valid manifest v1" in good.stdout
    bad = tmp_path / "claims.yaml"
    bad.write_text("version: 1\nproduct: {name: A}\ncapabilities:\n  sso: {staus: available}\n", encoding="utf-8")
    result = claimlint("manifest", "check", str(bad))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"claimlint: error: {bad}:4: capabilities.sso.staus: unknown key (did you mean 'status'?); allowed keys are "
        "addon_plans, aliases, docs, kind, name, note, plans, status",
        f"claimlint: error: {bad}:4: capabilities.sso: missing required key 'status'",
    ]


def test_rules_command() -> None:
    listing = claimlint("rules")
    assert listing.returncode == 0 and "CL101  unsupported-capability" in listing.stdout
    page = claimlint("rules", "cl105")
    assert "## Why it matters" in page.stdout and "## Instead" in page.stdout
    assert claimlint("rules", "CL999").returncode == 2


def test_trained_pipeline_mode_end_to_end() -> None:
    from conftest import MODEL

    trained = claimlint("check", "--manifest", "fixtures/demo/manifest.yaml", "fixtures/demo/site/", "--model", MODEL,
                        "--format", "json")
    assert trained.returncode == 1, trained.stderr
    labelled = yaml.safe_load((DEMO / "mismatches.yaml").read_text(encoding="utf-8"))
    expected = {(f"fixtures/demo/{m['path']}", m["line"], m["rule"]) for m in labelled}
    found = {(f["path"], f["line"], f["rule"]) for f in json.loads(trained.stdout)["findings"]}
    assert found == expected
    from claimlint.checks import all_rules

    mismatch_rules = {code for code, rule in all_rules().items() if rule.pack != "suppressions"}
    assert {rule for _, _, rule in found} == mismatch_rules, "every mismatch rule fires in the demo site"
    missing = claimlint("check", "--manifest", "fixtures/demo/manifest.yaml", "fixtures/demo/site/", "--model", "no_such_pipeline")
    assert "cannot load the spaCy pipeline 'no_such_pipeline'" in _one_line_error(missing)


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    site = "fixtures/demo/site/"
    assert "no manifest" in _one_line_error(claimlint("check", site))
    assert "manifest not found" in _one_line_error(claimlint("check", "--manifest", "missing.yaml", site))
    assert "missing.html: no such file or folder" in _one_line_error(
        claimlint("check", "--manifest", "fixtures/demo/manifest.yaml", "missing.html"))
    assert "not a page" in _one_line_error(claimlint("check", "--manifest", "fixtures/demo/manifest.yaml", "pyproject.toml"))
    assert "invalid choice" in _one_line_error(claimlint("check", "--format", "xml"))
    (tmp_path / "claims.yaml").write_text("version: 1\nproduct: {name: [\n", encoding="utf-8")
    assert "claims.yaml:3: invalid YAML" in _one_line_error(claimlint("check", "--manifest", str(tmp_path / "claims.yaml"), site))


def test_unreadable_pages_are_skipped_with_a_notice(tmp_path: Path) -> None:
    (tmp_path / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "latin.md").write_bytes("Pulsewatch works on Windows \u2014 caf\xe9".encode("utf-8") + b" \xff\xfe bad")
    result = claimlint("check", "--manifest", str(DEMO / "manifest.yaml"), str(tmp_path), "--format", "json")
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    assert report["skipped"] == [{"path": str(tmp_path / "binary.html"), "reason": "binary file (contains NUL bytes), not a page"}]
    assert report["summary"]["files"] == 2
    assert "skipped: binary file" in result.stderr
    assert "latin.md: not valid UTF-8 (first bad byte on line 1)" in result.stderr
    assert "empty.md" not in result.stderr
    assert any(f["capability"] == "windows-app" for f in report["findings"])


def test_huge_and_deeply_nested_pages(tmp_path: Path) -> None:
    nested = "<div>" * 50_000 + "<p>Pulsewatch runs natively on Windows.</p>" + "</div>" * 50_000
    (tmp_path / "nested.html").write_text(nested, encoding="utf-8")
    paragraph = "<p>Status pages for every service, with alerts your team will read. </p>\n"
    big = "<html><body>" + paragraph * (10 * 1024 * 1024 // len(paragraph)) + "<p>Try the Windows app.</p></body></html>"
    (tmp_path / "big.html").write_text(big, encoding="utf-8")
    result = claimlint("check", "--manifest", str(DEMO / "manifest.yaml"), str(tmp_path), "--select", "CL301")
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    found = sorted(Path(line.split(":")[0]).name for line in result.stdout.splitlines())
    assert found == ["big.html", "nested.html"]
