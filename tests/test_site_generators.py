"""Pages from static site generators: Hugo's TOML front matter and shortcodes, Liquid tags."""

from __future__ import annotations

from claimlint.sources import parse

HUGO = """+++
title = "Turn on offline mode"
description = 'Offline mode keeps notes on your phone.'
tags = ["offline mode", "sync"]
+++

{{< note >}}
Offline mode is in beta.
{{< /note >}}

{{% tab "iOS" %}}Open **Settings**.{{% /tab %}}

{% include "footer.html" %} Written with {{ site.Params.author }}.
"""


def test_toml_front_matter_fields_are_read_where_they_are() -> None:
    document = parse(HUGO, "page.md", "markdown")
    fields = {block.field: block for block in document.blocks if block.kind == "front_matter"}
    assert set(fields) == {"title", "description"}  # tags are not prose
    title = fields["title"]
    assert title.text == "Turn on offline mode"
    line, column = document.line_col(title.offsets.start(0))
    assert (line, column) == (2, 10)


def test_shortcodes_and_template_tags_are_markup_not_text() -> None:
    document = parse(HUGO, "page.md", "markdown")
    prose = " | ".join(block.text for block in document.blocks if block.kind != "front_matter")
    assert "Offline mode is in beta." in prose
    assert "Open Settings." in prose
    assert "Written with" in prose
    for markup in ("{{", "}}", "{%", "note", "tab", "include", "site.Params"):
        assert markup not in prose, markup


def test_invalid_toml_front_matter_is_a_notice_not_an_error() -> None:
    document = parse('+++\ntitle = "unclosed\n+++\n\nBody text.\n', "bad.md", "markdown")
    assert any("not valid TOML" in notice and "line 2" in notice for notice in document.notices)
    assert [block.text for block in document.blocks] == ["Body text."]


def test_mdx_component_opening_a_line_leaves_its_text_prose() -> None:
    # MDX has no indented code blocks: the blanked tag must not turn the text into code
    document = parse('Intro.\n\n<Tab label="iOS">Open **Settings** and turn on sync.</Tab>\n', "page.mdx", "mdx")
    assert [block.text for block in document.blocks] == ["Intro.", "Open Settings and turn on sync."]


def test_admonition_markers_are_markup_and_their_text_is_read() -> None:
    page = ":::caution Offline mode\nSync pauses while you are offline.\n:::\n\n!!! note\n    Offline mode is in beta.\n\n```\n:::note in code\n```\n"
    for fmt in ("markdown", "mdx"):
        document = parse(page, f"page.{fmt}", fmt)  # type: ignore[arg-type]
        texts = [block.text for block in document.blocks]
        assert texts == ["Offline mode Sync pauses while you are offline.", "Offline mode is in beta."], fmt
