"""Rule documentation from the rule packs: the list, one rule's page, and docs/rules.md."""

from __future__ import annotations

import json
from collections.abc import Iterable

from claimlint.checks.model import Rule


def rules_table(rules: Iterable[Rule]) -> str:
    lines = [f"{rule.code}  {rule.name:<24} {rule.severity:<8} {rule.summary}" for rule in rules]
    return "\n".join(lines) + "\n"


def rules_json(rules: Iterable[Rule]) -> str:
    return json.dumps(
        [
            {
                "code": rule.code,
                "name": rule.name,
                "severity": rule.severity,
                "pack": rule.pack,
                "summary": rule.summary,
                "why": rule.why,
                "example": {"bad": rule.example.bad, "good": rule.example.good} if rule.example else None,
            }
            for rule in rules
        ],
        indent=2,
    ) + "\n"


def rule_page(rule: Rule, heading: str = "#") -> str:
    """One rule's page: what it finds, why it matters, an example and the fixed wording."""
    parts = [
        f"{heading} {rule.code} {rule.name}",
        "",
        f"Default severity: {rule.severity}.",
        "",
        f"{heading}# What it finds",
        rule.summary,
        "",
        f"{heading}# Why it matters",
        rule.why,
    ]
    if rule.example:
        fence = "html" if rule.example.format == "html" else "markdown"
        parts += ["", f"{heading}# Example", f"```{fence}", rule.example.bad, "```", "",
                  f"{heading}# Instead", f"```{fence}", rule.example.good, "```"]
    return "\n".join(parts) + "\n"
