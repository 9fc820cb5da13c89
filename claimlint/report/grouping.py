"""Findings repeated across pages (site headers, footers, shared banners), grouped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claimlint.baseline import normalised
from claimlint.checks.model import Finding

REPEAT_THRESHOLD = 3  # a finding on this many pages or more is shown once, with its pages


@dataclass(frozen=True)
class Repeated:
    rule: str
    capability: str | None
    message: str
    text: str
    findings: tuple[Finding, ...]

    @property
    def pages(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.path for f in self.findings))


def group(findings: Sequence[Finding], threshold: int = REPEAT_THRESHOLD) -> tuple[list[Repeated], list[Finding]]:
    """(groups of findings that appear on ``threshold`` or more pages, the other findings)."""
    buckets: dict[tuple[str, str, str], list[Finding]] = {}
    for finding in findings:
        text = finding.claim.text if finding.claim is not None else finding.message
        buckets.setdefault((finding.rule, finding.capability or "", normalised(text)), []).append(finding)
    repeated: list[Repeated] = []
    single: list[Finding] = []
    for bucket in buckets.values():
        if len({f.path for f in bucket}) >= threshold:
            first = bucket[0]
            text = first.claim.text if first.claim is not None else first.message
            repeated.append(Repeated(first.rule, first.capability, first.message, text, tuple(bucket)))
        else:
            single.extend(bucket)
    repeated.sort(key=lambda g: (-len(g.pages), g.rule))
    return repeated, single
