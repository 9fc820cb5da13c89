"""SARIF 2.1.0, for code-scanning dashboards: rule metadata, regions, partial fingerprints."""

from __future__ import annotations

from typing import Any

from claimlint import __version__
from claimlint.baseline import fingerprint
from claimlint.checks import all_rules
from claimlint.report import RunSummary
from claimlint.report.encode import dumps

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def document(summary: RunSummary) -> dict[str, Any]:
    rules = list(all_rules().values())
    index = {rule.code: number for number, rule in enumerate(rules)}
    results = []
    for f in summary.findings:
        region: dict[str, Any] = {"startLine": f.line, "startColumn": f.column,
                                  "endLine": f.end_line, "endColumn": max(f.end_column, f.column + 1)}
        results.append({
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": _LEVELS[f.severity],
            "message": {"text": f.message + (f" [{f.capability}]" if f.capability else "")},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": f.path.replace("\\", "/")}, "region": region}}],
            "partialFingerprints": {"claimlint/v1": fingerprint(f)},
            "properties": {"capability": f.capability, "manifest": f.manifest_entry} if f.capability else {},
        })
    driver = {
        "name": "claimlint",
        "version": __version__,
        "informationUri": "https://pypi.org/project/claimlint/",
        "rules": [
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.why},
                "help": {"text": f"{rule.summary} {rule.why}"},
                "defaultConfiguration": {"level": _LEVELS[rule.severity]},
                "properties": {"tags": [rule.pack]},
            }
            for rule in rules
        ],
    }
    invocation = {"executionSuccessful": True,
                  "toolExecutionNotifications": [
                      {"level": "warning", "message": {"text": f"{path}: {reason}"}} for path, reason in summary.skipped]}
    return {"$schema": SCHEMA, "version": "2.1.0",
            "runs": [{"tool": {"driver": driver}, "invocations": [invocation], "results": results}]}


def render(summary: RunSummary) -> str:
    return dumps(document(summary)) + "\n"
