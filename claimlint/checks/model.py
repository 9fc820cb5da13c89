"""Rules (loaded from the rule packs) and the findings checks return."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from claimlint.claims.model import Claim
from claimlint.manifest.model import Manifest

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")


@dataclass(frozen=True)
class Example:
    """A rule's documented example: the words that fire it and the fixed wording."""

    bad: str
    good: str
    format: Literal["markdown", "html"] = "markdown"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    pack: str
    summary: str
    message: str  # a format template over the fields of :func:`message_fields`
    why: str
    suggestion: str = ""
    example: Example | None = None
    once_per_table_row: bool = False  # one finding per table row, not per plan column
    needs_model: bool = False


@dataclass(frozen=True)
class Finding:
    """What one rule reports at one place in a page (1-based lines and columns, end exclusive):
    usually a claim that the manifest contradicts, with what the manifest says and a suggested
    wording."""

    rule: str  # the rule's code, e.g. "CL201"
    name: str  # the rule's name, e.g. "plan-mismatch"
    severity: Severity  # "error", "warning" or "info"
    message: str  # one line: what the page says against what the manifest says
    path: str  # the page's source: a file path or a URL
    line: int
    column: int
    end_line: int
    end_column: int  # exclusive
    capability: str | None  # the manifest id the finding is about
    claim: Claim | None  # None for findings about the page itself (an unused suppression)
    manifest_entry: str = ""  # what the manifest says, for reports
    suggestion: str = ""  # a wording the manifest backs, when there is one

    # Written out rather than generated, as Claim's is: a frozen dataclass's generated
    # __init__ sets each field through object.__setattr__, and a page can have a hundred findings.
    def __init__(self, rule: str, name: str, severity: Severity, message: str, path: str, line: int, column: int,
                 end_line: int, end_column: int, capability: str | None, claim: Claim | None,
                 manifest_entry: str = "", suggestion: str = "") -> None:
        fields = self.__dict__
        fields["rule"] = rule
        fields["name"] = name
        fields["severity"] = severity
        fields["message"] = message
        fields["path"] = path
        fields["line"] = line
        fields["column"] = column
        fields["end_line"] = end_line
        fields["end_column"] = end_column
        fields["capability"] = capability
        fields["claim"] = claim
        fields["manifest_entry"] = manifest_entry
        fields["suggestion"] = suggestion

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "capability": self.capability,
            "manifest": self.manifest_entry,
            "suggestion": self.suggestion,
            "claim": self.claim.to_dict() if self.claim else None,
        }


class Check(Protocol):
    """A check: a pure function of one claim, the manifest and its rule."""

    def __call__(self, claim: Claim, manifest: Manifest, rule: Rule) -> Iterator[Finding]: ...


def finding(rule: Rule, claim: Claim, manifest_entry: str = "", **fields: Any) -> Finding:
    """A finding of ``rule`` at ``claim``, its message filled from ``fields``."""
    values = {"text": claim.text, **fields}
    message = rule.message.format(**values)
    return Finding(
        rule=rule.code,
        name=rule.name,
        severity=rule.severity,
        message=message[:1].upper() + message[1:],
        path=claim.path,
        line=claim.line,
        column=claim.column,
        end_line=claim.end_line,
        end_column=claim.end_column,
        capability=claim.capability,
        claim=claim,
        manifest_entry=manifest_entry,
        suggestion=rule.suggestion.format(**values) if rule.suggestion else "",
    )
