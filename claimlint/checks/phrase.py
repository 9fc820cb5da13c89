"""Forbidden phrases: wording the product team has ruled out."""

from __future__ import annotations

from collections.abc import Iterator

from claimlint.checks.model import Finding, Rule, finding
from claimlint.claims.model import Claim
from claimlint.manifest.model import Manifest


def forbidden_phrase(claim: Claim, manifest: Manifest, rule: Rule) -> Iterator[Finding]:
    if claim.kind != "phrase":
        return
    for phrase in manifest.forbidden_phrases:
        if phrase.text == claim.capability:
            reason = phrase.reason or "the manifest forbids it"
            yield finding(rule, claim, f"phrases.forbidden: {phrase.text!r} ({reason})", phrase=phrase.text, reason=reason)
            return
