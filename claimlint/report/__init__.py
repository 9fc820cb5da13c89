"""Output formats. Each module renders results for one format; only the CLI prints them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from claimlint.api import PageResult
from claimlint.checks.model import Finding


@dataclass(frozen=True)
class RunSummary:
    """A whole run: the pages' results and the files that could not be checked."""

    results: Sequence[PageResult]
    skipped: Sequence[tuple[str, str]] = field(default_factory=tuple)  # (path, reason)

    @property
    def findings(self) -> list[Finding]:
        return [finding for result in self.results for finding in result.findings]

    def count(self, severity: str) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    baselined: int = 0

    def totals(self) -> dict[str, int]:
        return {
            "files": len(self.results),
            "claims": sum(result.claims_read for result in self.results),
            "findings": len(self.findings),
            "errors": self.count("error"),
            "warnings": self.count("warning"),
            "infos": self.count("info"),
            "suppressed": sum(result.suppressed for result in self.results),
            "skipped": len(self.skipped),
            "baselined": self.baselined,
        }


def render(summary: RunSummary, fmt: str) -> str:
    """The report in one of the formats ``claimlint check --format`` lists ("text" is "concise")."""
    import importlib

    module = {"concise": "text", "text": "text", "json-lines": "json_lines"}.get(fmt, fmt)
    renderer = importlib.import_module(f"claimlint.report.{module}")
    return str(renderer.render(summary))
