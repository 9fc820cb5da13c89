"""Status rules: a capability claimed as present, future or missing, against its status."""

from __future__ import annotations

from collections.abc import Iterator

from claimlint.checks.model import Finding, Rule, finding
from claimlint.claims.model import Claim
from claimlint.manifest.model import Capability, Manifest


def _capability(claim: Claim, manifest: Manifest) -> Capability | None:
    if claim.kind != "capability" or claim.subject != "product" or claim.capability is None:
        return None
    return manifest.capabilities.get(claim.capability)


def _present(claim: Claim) -> bool:
    """Asserted as it is today (not promised, hedged, or told as history)."""
    return claim.polarity == "asserted" and claim.modality == "present" and "past" not in claim.qualifiers


def _promised(claim: Claim) -> bool:
    return claim.polarity == "asserted" and claim.modality == "future"


def describe(capability: Capability, manifest: Manifest) -> str:
    """The manifest entry, in one line, for messages and reports."""
    parts = [f"status: {capability.status}"]
    if capability.plans is not None:
        order = [plan.id for plan in manifest.plans if plan.id in capability.plans]
        parts.append(f"plans: {', '.join(order)}")
    if capability.addon_plans:
        parts.append(f"add-on on: {', '.join(sorted(capability.addon_plans))}")
    if capability.note:
        parts.append(f"note: {capability.note}")
    return f"{capability.id} ({'; '.join(parts)})"


def _fields(capability: Capability) -> dict[str, str]:
    return {"name": capability.name, "status": capability.status, "id": capability.id}


def unsupported_capability(claim: Claim, manifest: Manifest, rule: Rule) -> Iterator[Finding]:
    capability = _capability(claim, manifest)
    if capability and capability.kind != "platform" and capability.status in ("unsupported", "removed") and _present(claim) \
            and "deprecation-notice" not in claim.qualifiers:
        yield finding(rule, claim, describe(capability, manifest), **_fields(capability))


def planned_as_available(claim: Claim, manifest: Manifest, rule: Rule) -> Iterator[Finding]:
    capability = _capability(claim, manifest)
    if capability and capability.kind != "platform" and capability.status == "planned" and _present(claim):
        yield finding(rule, claim, describe(capability, manifest), **_fields(capability))


def beta_as_available(claim: Claim, manifest: Manifest, rule: Rule) -> Iterator[Finding]:
    capability = _capability(claim, manifest)
    if capability and capability.kind != "platform" and capability.status == "beta" and _present(claim) \
            and "beta" not in claim.qualifiers:
        yield finding(rule, claim, describe(capability, manifest), **_fields(capability))


def deprecated_promoted(claim: Claim, manifest: Manifest, rule: Rule) -> Iterator[Finding]:
    capability = _capability(claim, manifest)
    if capability and capability.status == "deprecated" and (_present(claim) or _promised(claim)) \
            and "deprecation-notice" not in claim.qualifiers:
        yield finding(rule, claim, describe(capability, manifest), **_fields(capability))


def available_as_future(claim: Claim, manifest: Manifest, rule: Rule) -> Iterator[Finding]:
    capability = _capability(claim, manifest)
    if capability and capability.status == "available" and _promised(claim):
        yield finding(rule, claim, describe(capability, manifest), **_fields(capability))


def available_denied(claim: Claim, manifest: Manifest, rule: Rule) -> Iterator[Finding]:
    capability = _capability(claim, manifest)
    if capability and capability.status == "available" and claim.polarity == "negated" \
            and claim.modality != "hedged" and "your-plan" not in claim.qualifiers \
            and (not claim.plans or _included_on_all(capability, claim.plans, manifest)):
        yield finding(rule, claim, describe(capability, manifest), **_fields(capability))


def _included_on_all(capability: Capability, plans: tuple[str, ...], manifest: Manifest) -> bool:
    """Whether every plan a denial names has the capability, included ("no kill switch on the free
    tier" where every plan has it); a denial on a plan that lacks it, or sells it as an add-on,
    is right."""
    for plan_id in plans:
        plan = manifest.plan(plan_id)
        if plan is None or plan.retired or plan_id in capability.addon_plans or not capability.included_on(plan_id):
            return False
    return True


def unplanned_promise(claim: Claim, manifest: Manifest, rule: Rule) -> Iterator[Finding]:
    capability = _capability(claim, manifest)
    if capability and capability.status in ("unsupported", "removed") and _promised(claim):
        yield finding(rule, claim, describe(capability, manifest), **_fields(capability))


def platform_mismatch(claim: Claim, manifest: Manifest, rule: Rule) -> Iterator[Finding]:
    capability = _capability(claim, manifest)
    if capability is None or capability.kind != "platform" or not _present(claim):
        return
    if capability.status in ("available", "deprecated") or (capability.status == "beta" and "beta" in claim.qualifiers):
        return
    yield finding(rule, claim, describe(capability, manifest), **_fields(capability))
