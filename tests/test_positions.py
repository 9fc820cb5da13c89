"""Positions: every claim points at its words in the original file, whatever the markup.

The check is independent of the extractor: it slices the source file at the reported line
and columns and compares what is there, once tags, character references and Markdown
markers are removed, with the words the claim was read from.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from claimlint.sources import format_for, read_document
from conftest import FIXTURES, linter_for

PAGES = FIXTURES / "pages"
PAGE_FILES = sorted(p for p in PAGES.iterdir() if format_for(p) and p.suffix != ".txt")


def _source_slice(document_text: str, claim_line: int, column: int, end_line: int, end_column: int) -> str:
    lines = document_text.split("\n")
    if claim_line == end_line:
        return lines[claim_line - 1][column - 1 : end_column - 1]
    parts = [lines[claim_line - 1][column - 1 :], *lines[claim_line : end_line - 1], lines[end_line - 1][: end_column - 1]]
    return "\n".join(parts)


def _visible(raw: str) -> str:
    text = re.sub(r"<[^>]*>", " ", raw)
    text = html.unescape(text)
    text = re.sub(r"\\(.)", r"\1", text)
    text = re.sub(r"[*_`]+", "", text)
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.mark.parametrize("page", PAGE_FILES, ids=lambda p: p.name)
def test_claims_point_at_their_words(page: Path) -> None:
    linter = linter_for((PAGES / "manifest.yaml").read_text(encoding="utf-8"), "fixtures/pages/manifest.yaml")
    document = read_document(page)
    claims = linter.claims(document)
    assert claims, "every tricky page has claims"
    for claim in claims:
        found = _visible(_source_slice(document.text, claim.line, claim.column, claim.end_line, claim.end_column))
        assert found == " ".join(claim.mention.split()), f"{page.name}:{claim.line}:{claim.column}"


def _line_col(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def test_html_positions_survive_entities_inline_tags_and_crlf() -> None:
    raw = (PAGES / "entities.html").read_bytes()
    assert b"\r\n" in raw
    text = raw.decode("utf-8").replace("\r\n", "\n")
    linter = linter_for((PAGES / "manifest.yaml").read_text(encoding="utf-8"))
    claims = {(c.capability, c.line, c.column) for c in linter.claims(read_document(PAGES / "entities.html"))}
    # <strong>SAML&#160;SSO</strong>: the alias starts at "SAML"
    assert ("sso", *_line_col(text, "SAML&#160;SSO")) in claims
    # an alias split across a line break inside a link
    assert ("session-replay", *_line_col(text, "session\n")) in claims
    # meta content attribute with &amp; before the mention
    assert ("ai-insights", *_line_col(text, "AI insights on every plan")) in claims
    # image alt text
    assert ("ios-app", *_line_col(text, "iPhone app works")) in claims
    # an icon cell reads as its aria-label; a cell with only a CSS class sits at its <td>
    assert ("sso", *_line_col(text, 'Included"')) in claims
    assert ("sso", *_line_col(text, '<td><i class="fa fa-check">')) in claims


def test_invisible_characters_inside_words_are_dropped_and_positions_kept() -> None:
    # CMS editors leave soft hyphens and zero-width spaces inside words ("Au&shy;dit log")
    linter = linter_for((FIXTURES / "demo" / "manifest.yaml").read_text(encoding="utf-8"))
    for page, fmt in (("<p>Ours: Au&shy;dit log on the Free plan.</p>", "html"),
                      ("<p>Ours: Au\u00addit\u200b log on the Free plan.</p>", "html"),
                      ("Ours: Au\u00addit log on the Free plan.\n", "markdown")):
        findings = linter.check(linter.parse(page, "page", fmt)).findings  # type: ignore[arg-type]
        assert [(f.rule, f.capability) for f in findings] == [("CL201", "audit-log")], page
        start = page.index("Au")
        end = page.index(" log") + len(" log")
        assert (findings[0].column, findings[0].end_column) == (start + 1, end + 1), page


def test_markdown_positions_survive_escapes_links_front_matter_and_tables() -> None:
    text = (PAGES / "tricky.md").read_text(encoding="utf-8")
    linter = linter_for((PAGES / "manifest.yaml").read_text(encoding="utf-8"))
    claims = {(c.capability, c.line, c.column) for c in linter.claims(read_document(PAGES / "tricky.md"))}
    assert ("offline-mode", *_line_col(text, "offline mode](")) in claims  # link text after escaped \\*
    assert ("sso", *_line_col(text, "SAML SSO**")) in claims
    assert ("session-replay", *_line_col(text, "Session replay and")) in claims  # folded front matter
    assert ("ai-insights", *_line_col(text, "&#10003;")) in claims  # second table cell, an entity
    assert ("session-replay", *_line_col(text, "session replay</strong>")) in claims  # HTML block inside Markdown


def test_code_is_never_read() -> None:
    linter = linter_for((PAGES / "manifest.yaml").read_text(encoding="utf-8"))
    for page in PAGE_FILES:
        document = read_document(page)
        code_lines = {n + 1 for n, line in enumerate(document.text.split("\n")) if "acme --offline" in line
                      or 'enable("offline' in line or "<Callout>Acme works offline</Callout>" in line}
        assert not any(c.line in code_lines for c in linter.claims(document)), page.name


def test_declared_and_bom_encodings_are_decoded() -> None:
    windows = read_document(PAGES / "windows-1252.html")
    assert any("Café mode" in block.text and "\u201c" in block.text for block in windows.blocks)
    assert windows.notices == ()
    utf16 = read_document(PAGES / "utf16-bom.html")
    assert any("évents" in block.text for block in utf16.blocks)


def test_a_quantity_keeps_its_words_in_any_case_and_after_letters_that_grow_in_lower_case() -> None:
    # quantities are matched in lower-cased text, or as written where lower-casing would lengthen
    # the text ("İ" becomes two characters) and move every offset after it
    linter = linter_for((FIXTURES / "demo" / "manifest.yaml").read_text(encoding="utf-8"))
    for opening in ("Izmir", "İzmir", "İSTANBUL AND İZMIR"):
        page = f"{opening} teams: WATCH UP TO 50,000 MONITORS from one account.\n"
        limits = [c for c in linter.claims(linter.parse(page, "page", "markdown")) if c.kind == "limit"]
        assert [(c.capability, c.quantity.text if c.quantity else None) for c in limits] == \
            [("monitors", "UP TO 50,000")], opening
