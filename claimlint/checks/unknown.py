"""Claims about capabilities the manifest does not list."""

from __future__ import annotations

from collections.abc import Iterator

from claimlint.checks.model import Finding, Rule, finding
from claimlint.claims.model import Claim
from claimlint.manifest.model import Manifest


def unknown_capability(claim: Claim, manifest: Manifest, rule: Rule) -> Iterator[Finding]:
    if claim.kind == "unknown" and claim.subject == "product" and claim.polarity == "asserted":
        # the claim's words: the noun phrase in prose, the row's label in a table
        yield finding(rule, claim, "not in the manifest", thing=claim.text)
