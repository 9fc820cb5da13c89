"""Suppression comments silence exactly what they name, in HTML, Markdown and MDX."""

from __future__ import annotations

from collections.abc import Callable

from claimlint.api import Linter

MANIFEST = """\
version: 1
product: {name: Acme}
capabilities:
  offline-mode: {aliases: [offline mode, works offline], status: unsupported}
  ai-insights: {aliases: [AI insights], status: planned}
"""


def rules_by_line(findings: list) -> list[tuple[int, str]]:  # type: ignore[type-arg]
    return [(f.line, f.rule) for f in findings]


def test_next_line_with_codes_and_reason(make_linter: Callable[[str], Linter]) -> None:
    page = (
        "<!-- claimlint-disable-next-line CL101 -- quoted from a customer -->\n"
        "Acme works offline and has AI insights.\n"
        "Acme works offline.\n"
    )
    findings = make_linter(MANIFEST).lint_markdown(page)
    assert rules_by_line(findings) == [(2, "CL102"), (3, "CL101")]


def test_next_line_skips_blank_lines_and_all_codes(make_linter: Callable[[str], Linter]) -> None:
    page = "<!-- claimlint-disable-next-line -->\n\nAcme works offline with AI insights.\n"
    assert make_linter(MANIFEST).lint_markdown(page) == []


def test_region_and_prefix_codes(make_linter: Callable[[str], Linter]) -> None:
    page = (
        "<p>Acme works offline.</p>\n"
        "<!-- claimlint-disable CL10 -->\n"
        "<p>Acme works offline.</p>\n"
        "<p>AI insights for all.</p>\n"
        "<!-- claimlint-enable CL10 -->\n"
        "<p>AI insights for all.</p>\n"
    )
    findings = make_linter(MANIFEST).lint_html(page)
    assert rules_by_line(findings) == [(1, "CL101"), (6, "CL102")]


def test_file_level_disable(make_linter: Callable[[str], Linter]) -> None:
    page = "# Notes\n\nAcme works offline.\n\n<!-- claimlint-disable-file CL101 -->\n\nAI insights today.\n"
    assert rules_by_line(make_linter(MANIFEST).lint_markdown(page)) == [(7, "CL102")]


def test_mdx_comment_form(make_linter: Callable[[str], Linter]) -> None:
    page = "{/* claimlint-disable-next-line CL102 -- launch week */}\nAI insights land today.\nAI insights land today.\n"
    findings = make_linter(MANIFEST).lint_markdown(page, mdx=True)
    assert rules_by_line(findings) == [(3, "CL102")]


def test_a_comment_in_a_code_fence_is_not_a_suppression(make_linter: Callable[[str], Linter]) -> None:
    page = "```html\n<!-- claimlint-disable-file -->\n```\n\nAcme works offline.\n"
    assert rules_by_line(make_linter(MANIFEST).lint_markdown(page)) == [(5, "CL101")]
