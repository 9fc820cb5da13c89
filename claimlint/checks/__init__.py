"""Checks and the rule registry. Each rule's metadata is data in ``rules/<pack>.yaml``; its
check is the function registered for its code here."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from claimlint.checks import limit, phrase, plan, status, unknown
from claimlint.checks.model import SEVERITIES, Check, Example, Finding, Rule, Severity
from claimlint.resources import read_yaml, yaml_files

CHECKS: Mapping[str, Check] = MappingProxyType({
    "CL101": status.unsupported_capability,
    "CL102": status.planned_as_available,
    "CL103": status.beta_as_available,
    "CL104": status.deprecated_promoted,
    "CL105": status.available_as_future,
    "CL106": status.available_denied,
    "CL107": status.unplanned_promise,
    "CL201": plan.plan_mismatch,
    "CL202": plan.retired_plan,
    "CL203": plan.addon_as_included,
    "CL301": status.platform_mismatch,
    "CL401": limit.limit_exceeded,
    "CL402": limit.unlimited_claim,
    "CL501": unknown.unknown_capability,
    "CL601": phrase.forbidden_phrase,
})


def _rule(pack: str, data: dict[str, Any]) -> Rule:
    example = data.get("example")
    return Rule(
        code=data["code"],
        name=data["name"],
        severity=data["severity"],
        pack=pack,
        summary=" ".join(data["summary"].split()),
        message=data["message"],
        why=" ".join(data["why"].split()),
        suggestion=data.get("suggestion", ""),
        example=Example(example["bad"].strip(), example["good"].strip(), example.get("format", "markdown")) if example else None,
        once_per_table_row=bool(data.get("once_per_table_row", False)),
        needs_model=bool(data.get("needs_model", False)),
    )


@lru_cache(maxsize=1)
def all_rules() -> Mapping[str, Rule]:
    """Every rule of the rule packs, by code, in code order."""
    rules: dict[str, Rule] = {}
    for name in yaml_files():
        data = read_yaml(name)
        for entry in data.get("rules", ()):
            rule = _rule(data["pack"], entry)
            rules[rule.code] = rule
    return MappingProxyType(dict(sorted(rules.items())))


__all__ = ["CHECKS", "SEVERITIES", "Check", "Finding", "Rule", "Severity", "all_rules"]
