"""The JSON format of INTERFACES.md (version 1)."""

from __future__ import annotations

import json
from typing import Any

from claimlint.report import RunSummary


def document(summary: RunSummary) -> dict[str, Any]:
    return {
        "version": 1,
        "findings": [finding.to_dict() for finding in summary.findings],
        "summary": summary.totals(),
        "skipped": [{"path": path, "reason": reason} for path, reason in summary.skipped],
    }


def render(summary: RunSummary) -> str:
    return json.dumps(document(summary), indent=2, ensure_ascii=False) + "\n"


def render_claims(summary: RunSummary) -> str:
    claims = [claim.to_dict() for result in summary.results for claim in result.claims]
    return json.dumps({"version": 1, "claims": claims}, indent=2, ensure_ascii=False) + "\n"
