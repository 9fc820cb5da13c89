"""Which plans a number in a sentence belongs to, as `claimlint claims` reports it.

Pricing copy gives several plans' numbers in one sentence; each number must be checked
against its own plan's limit, or a right page is flagged and a wrong one passes.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimlint.api import Linter

MANIFEST = """\
version: 1
product: {name: Pingroo}
plans: [{id: free}, {id: pro}, {id: business}, {id: starter, retired: true}]
capabilities:
  status-pages: {aliases: [status pages], status: available}
limits:
  seats: {aliases: [users, seats], unit: users, max: 500, per_plan: {free: 5, pro: 50, business: 500}}
  check-interval:
    aliases: [checks run every, checks]
    unit: seconds
    min: 30 seconds
    per_plan: {free: 5 minutes, pro: 1 minute, business: 30 seconds}
"""


@pytest.mark.parametrize(("sentence", "expected"), [
    # a number after a comma is not the plan's before the comma
    ("Five on Free, up to 50 users on Pro and up to 500 on Business.", [("up to 50", ("pro",))]),
    # "and up to" is a number's, not a range of plans ("Pro and up")
    ("Invite up to 50 users on Pro and up to 500 on Business.", [("up to 50", ("pro",))]),
    # "every minute" is a frequency, so the sentence gives three numbers, one per plan
    ("Checks run every 30 seconds on Business, every minute on Pro and every 5 minutes on Free.",
     [("every 30 seconds", ("business",))]),
    # plans named as landmarks ("between Free and Pro") are not the plans the number is for
    ("Starter sat between Free and Pro, with 20 users and status pages.", [("20", ("starter",))]),
    # a plan that holds the number ("includes", "get") stands before it, with the plans listed beside it
    ("Pro includes 50 users, and Business includes 500.", [("50", ("pro",))]),
    ("Pro and Business workspaces get up to 500 users, and Free gets 5.", [("up to 500", ("pro", "business"))]),
    # guards: a number right after its plan, and a plan range
    ("Free includes 5 users, Pro 50 and Business up to 500.", [("5", ("free",))]),
    ("Up to 50 users on Pro and up.", [("Up to 50", ("pro", "business"))]),
])
def test_each_number_takes_its_own_plans(make_linter: Callable[[str], Linter], sentence: str,
                                         expected: list[tuple[str, tuple[str, ...]]]) -> None:
    linter = make_linter(MANIFEST)
    limits = [(claim.quantity.text, claim.plans) for claim in linter.claims_markdown(sentence)
              if claim.kind == "limit" and claim.quantity is not None]
    assert limits[:len(expected)] == expected


RATE_MANIFEST = """\
version: 1
product: {name: Ashfield VPN}
plans: [{id: free}, {id: plus}]
limits:
  speed: {aliases: [speeds, speed], unit: Mbps, max: 10 Gbps, per_plan: {free: 250 Mbps, plus: 10 Gbps}}
"""


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Free gives you speeds of up to 1 Gbps.", ["at most 250 Mbps"]),
    ("Speeds up to 1 Gbit/s on Free.", ["at most 250 Mbps"]),
    ("Plus gets speeds of 10Gbps.", []),
    ("Speeds up to 20 Gbps on every server.", ["at most 10,000 Mbps"]),
])
def test_data_rates_are_checked_in_the_limits_unit(make_linter: Callable[[str], Linter], sentence: str,
                                                   expected: list[str]) -> None:
    findings = make_linter(RATE_MANIFEST).lint_markdown(sentence)
    assert [f.rule for f in findings] == ["CL401"] * len(expected)
    assert all(bound in f.message for f, bound in zip(findings, expected))
