"""The concise text format: ``path:line:col: CODE severity message [capability]``."""

from __future__ import annotations

from claimlint.checks.model import Finding
from claimlint.claims.model import Claim
from claimlint.report import RunSummary


def finding_line(finding: Finding) -> str:
    tail = f" [{finding.capability}]" if finding.capability else ""
    return f"{finding.path}:{finding.line}:{finding.column}: {finding.rule} {finding.severity} {finding.message}{tail}"


def render(summary: RunSummary) -> str:
    return "".join(finding_line(finding) + "\n" for finding in summary.findings)


def summary_line(summary: RunSummary) -> str:
    totals = summary.totals()
    files = f"{totals['files']} file{'s' if totals['files'] != 1 else ''}"
    if not totals["findings"]:
        return f"No mismatches in {files} ({totals['claims']} claims checked)."
    parts = [f"{totals[key]} {key if totals[key] != 1 else key[:-1]}" for key in ("errors", "warnings", "infos") if totals[key]]
    noun = "finding" if totals["findings"] == 1 else "findings"
    return f"Found {totals['findings']} {noun} ({', '.join(parts)}) in {files}; {totals['claims']} claims checked."


def claim_line(claim: Claim) -> str:
    details: list[str] = [claim.kind, claim.subject, claim.polarity, claim.modality]
    if claim.plans:
        details.append("plans=" + ",".join(claim.plans))
    if claim.quantity:
        details.append(f"quantity={claim.quantity.op}{claim.quantity.text or claim.quantity.value}")
    if claim.qualifiers:
        details.append("+" + ",".join(claim.qualifiers))
    return f"{claim.path}:{claim.line}:{claim.column}: {claim.capability} ({' '.join(details)}) \"{claim.text}\""
