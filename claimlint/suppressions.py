"""Suppression comments: ``claimlint-disable-next-line``, ``-disable``/``-enable`` regions and
``claimlint-disable-file``, with optional codes and a reason after ``--``."""

from __future__ import annotations

from collections.abc import Sequence

from claimlint.checks.model import Finding
from claimlint.sources.model import Document, Suppression


def _covers(suppression: Suppression, code: str) -> bool:
    return not suppression.codes or any(code.startswith(prefix) for prefix in suppression.codes)


def _next_content_line(document: Document, after: int) -> int:
    line = after + 1
    total = len(document.line_starts)
    while line <= total and not document.line_text(line).strip():
        line += 1
    return line


def suppressed_lines(document: Document) -> list[tuple[Suppression, int, int]]:
    """Each suppression with the first and last line it covers."""
    spans: list[tuple[Suppression, int, int]] = []
    last = len(document.line_starts) + 1
    ordered: Sequence[Suppression] = sorted(document.suppressions, key=lambda s: (s.line, s.column))
    for index, suppression in enumerate(ordered):
        if suppression.action == "file":
            spans.append((suppression, 1, last))
        elif suppression.action == "next-line":
            target = _next_content_line(document, suppression.end_line)
            spans.append((suppression, target, target))
        elif suppression.action == "disable":
            end = last
            for later in ordered[index + 1 :]:
                if later.action == "enable" and (not later.codes or not suppression.codes or later.codes & suppression.codes):
                    end = later.line
                    break
            spans.append((suppression, suppression.end_line, end))
    return spans


def apply_suppressions(findings: Sequence[Finding], document: Document) -> tuple[list[Finding], int, list[Suppression]]:
    """The findings no suppression covers, how many were suppressed, and the suppressions
    that silenced nothing."""
    if not document.suppressions:
        return list(findings), 0, []
    spans = suppressed_lines(document)
    used: set[int] = set()
    kept = []
    for finding in findings:
        covering = [index for index, (s, first, end) in enumerate(spans)
                    if first <= finding.line <= end and _covers(s, finding.rule)]
        used.update(covering)
        if not covering:
            kept.append(finding)
    unused = [s for index, (s, _, _) in enumerate(spans) if index not in used]
    return kept, len(findings) - len(kept), unused
