"""Limit rules: numbers and "unlimited" against a limit's bound, per plan."""

from __future__ import annotations

import math
from collections.abc import Iterator

from claimlint.checks.model import Finding, Rule, finding
from claimlint.claims.model import Claim
from claimlint.manifest.model import Limit, Manifest
from claimlint.units import format_value


def _limit_claim(claim: Claim, manifest: Manifest) -> Limit | None:
    if claim.kind != "limit" or claim.subject != "product" or claim.quantity is None or claim.capability is None:
        return None
    if claim.polarity != "asserted" or claim.modality != "present":
        return None
    return manifest.limits.get(claim.capability)


def _contradicts(limit: Limit, value: float, op: str, bound: float) -> bool:
    """Whether claiming ``op value`` contradicts ``bound`` in the limit's direction."""
    if limit.direction == "max":
        return value > bound
    if limit.direction == "min":
        return value < bound
    if op in (">=", ">"):
        return value > bound
    if op in ("<=", "<"):
        return value < bound
    return not math.isclose(value, bound, rel_tol=1e-9)


def _describe(limit: Limit, manifest: Manifest) -> str:
    parts = [limit.describe()]
    if limit.per_plan:
        order = [plan.id for plan in manifest.plans if plan.id in limit.per_plan]
        parts.append("per plan: " + ", ".join(f"{p} {format_value(limit.per_plan[p], limit.unit)}" for p in order))
    return f"{limit.id} ({'; '.join(parts)})"


def _violations(claim: Claim, limit: Limit) -> list[tuple[str | None, float]]:
    """(plan or None, its bound) for each bound the claim contradicts."""
    assert claim.quantity is not None
    value, op = claim.quantity.value, claim.quantity.op
    checks: list[tuple[str | None, float]] = [(plan, limit.bound_for(frozenset({plan}))) for plan in claim.plans] \
        if claim.plans else [(None, limit.bound)]
    return [(plan, bound) for plan, bound in checks if _contradicts(limit, value, op, bound)]


def _plan_name(manifest: Manifest, plan_id: str | None) -> str | None:
    plan = manifest.plan(plan_id) if plan_id else None
    return plan.name if plan else None


def limit_exceeded(claim: Claim, manifest: Manifest, rule: Rule) -> Iterator[Finding]:
    limit = _limit_claim(claim, manifest)
    if limit is None or claim.quantity is None or math.isinf(claim.quantity.value):
        return
    violations = _violations(claim, limit)
    if violations:
        plan, bound = violations[0]
        plan_name = _plan_name(manifest, plan)
        word = {"max": "at most", "min": "at least", "exact": "exactly"}[limit.direction]
        yield finding(rule, claim, _describe(limit, manifest), name=limit.name, id=limit.id,
                      claimed=claim.quantity.text, allowed=f"{word} {format_value(bound, limit.unit)}",
                      scope=f" on {plan_name}" if plan_name else "")


def unlimited_claim(claim: Claim, manifest: Manifest, rule: Rule) -> Iterator[Finding]:
    limit = _limit_claim(claim, manifest)
    if limit is None or claim.quantity is None or not math.isinf(claim.quantity.value) or limit.direction == "min":
        return
    plans = claim.plans or (None,)
    for plan in plans:
        bound = limit.bound_for(frozenset({plan})) if plan else limit.bound
        if not math.isinf(bound):
            plan_name = _plan_name(manifest, plan)
            yield finding(rule, claim, _describe(limit, manifest), name=limit.name, id=limit.id,
                          allowed=format_value(bound, limit.unit), scope=f" on {plan_name}" if plan_name else "")
            return
