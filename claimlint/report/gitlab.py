"""GitLab Code Quality report (a JSON list of issues)."""

from __future__ import annotations

from claimlint.baseline import fingerprint
from claimlint.report import RunSummary
from claimlint.report.encode import dumps

_SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render(summary: RunSummary) -> str:
    issues = [
        {
            "type": "issue",
            "check_name": f"{f.rule} {f.name}",
            "description": f"{f.message}" + (f" [{f.capability}]" if f.capability else ""),
            "categories": ["Style"],
            "severity": _SEVERITIES[f.severity],
            "fingerprint": fingerprint(f),
            "location": {"path": f.path, "lines": {"begin": f.line, "end": f.end_line}},
        }
        for f in summary.findings
    ]
    return dumps(issues) + "\n"
