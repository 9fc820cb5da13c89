"""The full format: each finding with its source line, a caret under the claim, the manifest
entry it contradicts and a suggested wording. The default on a terminal."""

from __future__ import annotations

from claimlint.checks.model import Finding
from claimlint.report import RunSummary


def _block(finding: Finding, excerpt: dict[int, str]) -> str:
    lines = [f"{finding.path}:{finding.line}:{finding.column}: {finding.rule} [{finding.severity}] {finding.message}"]
    source = excerpt.get(finding.line)
    if source is not None:
        gutter = len(str(finding.line))
        shown = source.expandtabs(1)
        end = finding.end_column if finding.end_line == finding.line else len(shown) + 1
        width = max(1, min(end, len(shown) + 1) - finding.column)
        lines.append(f"{' ' * gutter} |")
        lines.append(f"{finding.line} | {shown}")
        lines.append(f"{' ' * gutter} | {' ' * (finding.column - 1)}{'^' * width}")
    if finding.manifest_entry:
        lines.append(f"  = manifest: {finding.manifest_entry}")
    if finding.suggestion:
        lines.append(f"  = help: {finding.suggestion}")
    return "\n".join(lines) + "\n"


def render(summary: RunSummary) -> str:
    blocks = [_block(finding, dict(result.excerpts)) for result in summary.results for finding in result.findings]
    return "\n".join(blocks)
