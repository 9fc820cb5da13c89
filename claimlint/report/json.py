"""The JSON format of INTERFACES.md (version 1)."""

from __future__ import annotations

from typing import Any

from claimlint.report import RunSummary
from claimlint.report.encode import dumps


def document(summary: RunSummary) -> dict[str, Any]:
    return {
        "version": 1,
        "findings": [finding.to_dict() for finding in summary.findings],
        "summary": summary.totals(),
        "skipped": [{"path": path, "reason": reason} for path, reason in summary.skipped],
    }


def render(summary: RunSummary) -> str:
    return dumps(document(summary)) + "\n"


def render_claims(summary: RunSummary) -> str:
    claims = [claim.to_dict() for result in summary.results for claim in result.claims]
    return dumps({"version": 1, "claims": claims}) + "\n"
