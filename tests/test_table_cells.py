"""What a comparison table's cells say of their row's capability, as `claimlint claims` reports it.

Pricing tables say a capability is on its way out with a date, and mark row headers with
footnote markers; both must still tie the row to the right plans.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimlint.api import Linter

MANIFEST = """\
version: 1
product: {name: Pingroo}
plans: [{id: free}, {id: pro}, {id: business}]
capabilities:
  bitbucket: {aliases: [Bitbucket Cloud], kind: integration, status: deprecated}
  preview-environments: {aliases: [preview environments], status: beta, plans: [pro+]}
"""

_HEAD = "<table><tr><th></th><th>Free</th><th>Pro</th><th>Business</th></tr>"


def _row(linter: Linter, row: str) -> list[tuple[str, str, tuple[str, ...], bool]]:
    claims = linter.claims_html(f"{_HEAD}{row}</table>")
    return [(claim.capability or "", claim.polarity, claim.plans, "deprecation-notice" in claim.qualifiers)
            for claim in claims]


@pytest.mark.parametrize("cell", ["Until March 2027", "Until 31 March 2027", "Through Q2 2027", "Until 2027"])
def test_a_sunset_date_is_a_deprecation_notice(make_linter: Callable[[str], Linter], cell: str) -> None:
    linter = make_linter(MANIFEST)
    row = f"<tr><th>Bitbucket Cloud</th><td>{cell}</td><td>{cell}</td><td>{cell}</td></tr>"
    assert _row(linter, row) == [("bitbucket", "asserted", (plan,), True) for plan in ("free", "pro", "business")]
    assert not [f for f in linter.lint_html(f"{_HEAD}{row}</table>") if f.rule == "CL104"]


def test_other_until_text_says_nothing(make_linter: Callable[[str], Linter]) -> None:
    linter = make_linter(MANIFEST)
    row = "<tr><th>Bitbucket Cloud</th><td>Until you upgrade</td><td>Until further notice</td><td>Until 5 users</td></tr>"
    assert _row(linter, row) == []


@pytest.mark.parametrize("marker", ["<sup>1</sup>", "<sup>*</sup>", '<sup><a href="#fn-2">2</a></sup>', "<sup>[3]</sup>"])
def test_a_footnote_marker_leaves_the_row_header_readable(make_linter: Callable[[str], Linter], marker: str) -> None:
    linter = make_linter(MANIFEST)
    row = f"<tr><th>Preview environments{marker}</th><td>—</td><td>✓</td><td>✓</td></tr>"
    assert [(c, p, plans) for c, p, plans, _ in _row(linter, row)] == [
        ("preview-environments", "negated", ("free",)),
        ("preview-environments", "asserted", ("pro",)),
        ("preview-environments", "asserted", ("business",)),
    ]


COMPARISON = """\
version: 1
product: {name: Larkmail}
competitors: [Mailchimp]
plans: [{id: free, aliases: [Free plan]}, {id: pro}]
capabilities:
  ios-app: {aliases: [iOS], kind: platform, status: available}
  android-app: {aliases: [Android], kind: platform, status: planned}
limits:
  subscribers: {aliases: [subscribers], unit: subscribers, max: 50000, per_plan: {free: 500, pro: 50000}}
"""


def test_a_comparison_rows_product_cell_is_read_in_words(make_linter: Callable[[str], Linter]) -> None:
    linter = make_linter(COMPARISON)
    page = ("| | Larkmail | Mailchimp |\n|---|---|---|\n"
            "| Mobile apps | iOS, Android | iOS, Android |\n"
            "| Free plan | 1,000 subscribers | 500 subscribers |\n")
    claims = [(c.capability, c.plans, c.quantity.text if c.quantity else None) for c in linter.claims_markdown(page)]
    assert claims == [("ios-app", (), None), ("android-app", (), None), ("subscribers", ("free",), "1,000")]
    assert sorted((f.rule, f.capability) for f in linter.lint_markdown(page)) == [
        ("CL301", "android-app"), ("CL401", "subscribers")]


def test_plans_in_the_products_column_say_where_it_is(make_linter: Callable[[str], Linter]) -> None:
    linter = make_linter(COMPARISON.replace("capabilities:\n", "capabilities:\n  automations: {aliases: [automations], status: available, plans: [pro]}\n"))
    page = "| | Larkmail | Mailchimp |\n|---|---|---|\n| Automations | Free and up | Higher tiers only |\n"
    assert [(c.capability, c.plans) for c in linter.claims_markdown(page)] == [("automations", ("free", "pro"))]
    assert [(f.rule, f.capability) for f in linter.lint_markdown(page)] == [("CL201", "automations")]


REQUIREMENTS = """\
version: 1
product: {name: Mossgrid}
plans: [{id: free}, {id: pro}]
capabilities:
  windows-app: {aliases: [Windows], kind: platform, status: available}
  windows-7-app: {aliases: [Windows 7], kind: platform, status: removed}
  chromeos-app: {aliases: [ChromeOS], kind: platform, status: unsupported}
"""


def test_a_requirements_table_reports_each_platform_at_its_status(make_linter: Callable[[str], Linter]) -> None:
    linter = make_linter(REQUIREMENTS)
    page = ("<table>\n<tr><th>Platform</th><th>Supported versions</th><th>Free disk space</th></tr>\n"
            "<tr><th>Windows</th>\n<td>10 and 11, 64-bit</td><td>1 GB</td></tr>\n"
            "<tr><th>Windows 7</th>\n<td>Legacy client 6.9</td><td>1 GB</td></tr>\n"
            "<tr><th>ChromeOS</th>\n<td>Not supported</td><td>—</td></tr>\n</table>\n")
    claims = [(c.capability, c.polarity, c.plans, c.line) for c in linter.claims_html(page)]
    # "Free disk space" is a column of sizes, not the Free plan; each claim sits on its status cell's line
    assert claims == [("windows-app", "asserted", (), 4), ("windows-7-app", "asserted", (), 6),
                      ("chromeos-app", "negated", (), 8)]
    assert [(f.rule, f.capability, f.line) for f in linter.lint_html(page)] == [("CL301", "windows-7-app", 6)]
