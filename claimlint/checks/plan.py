"""Plan rules: capabilities tied to plans, add-ons, and retired plans."""

from __future__ import annotations

from collections.abc import Iterator

from claimlint.checks.model import Finding, Rule, finding
from claimlint.checks.status import describe
from claimlint.claims.model import Claim
from claimlint.manifest.model import Capability, Manifest


def _plan_claim(claim: Claim, manifest: Manifest) -> Capability | None:
    """A product claim that ties an offered capability to plans."""
    if claim.kind != "capability" or claim.subject != "product" or not claim.plans or claim.capability is None:
        return None
    if claim.polarity != "asserted" or claim.modality != "present":
        return None
    capability = manifest.capabilities.get(claim.capability)
    if capability is None or capability.status not in ("available", "beta", "deprecated"):
        return None  # a capability the product lacks is a status finding, not a plan finding
    return capability


def _names(manifest: Manifest, plan_ids: list[str]) -> str:
    names = []
    for plan_id in plan_ids:
        plan = manifest.plan(plan_id)
        names.append(plan.name if plan else plan_id)
    return ", ".join(names)


def plan_mismatch(claim: Claim, manifest: Manifest, rule: Rule) -> Iterator[Finding]:
    capability = _plan_claim(claim, manifest)
    if capability is None or capability.plans is None:
        return
    retired = {plan.id for plan in manifest.plans if plan.retired}  # retired plans are CL202's
    wrong = [plan for plan in claim.plans
             if plan not in capability.plans and plan not in capability.addon_plans and plan not in retired]
    if wrong:
        on = [plan.id for plan in manifest.plans if plan.id in capability.plans]
        yield finding(rule, claim, describe(capability, manifest), name=capability.name, id=capability.id,
                      wrong=_names(manifest, wrong), plans=_names(manifest, on))


def addon_as_included(claim: Claim, manifest: Manifest, rule: Rule) -> Iterator[Finding]:
    capability = _plan_claim(claim, manifest)
    if capability is None or "addon" in claim.qualifiers:
        return
    addon = [plan for plan in claim.plans if plan in capability.addon_plans]
    if addon:
        yield finding(rule, claim, describe(capability, manifest), name=capability.name, id=capability.id,
                      addon=_names(manifest, addon))


def retired_plan(claim: Claim, manifest: Manifest, rule: Rule) -> Iterator[Finding]:
    if claim.kind != "plan" or claim.subject != "product" or claim.capability is None:
        return
    plan = manifest.plan(claim.capability)
    if plan is not None and plan.retired and claim.polarity == "asserted":
        current = ", ".join(p.name for p in manifest.current_plans)
        yield finding(rule, claim, f"plans: {plan.id} (retired)", plan=plan.name, current=current)
