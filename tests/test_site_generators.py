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


WIX_GRID = """<div class="grid">
<div class="row"><div><p>&nbsp;</p></div><div><p>Free</p></div><div><p>Pro</p></div><div><p>Business</p></div></div>
<div role="list">
<div role="listitem"><div class="item"><div><p>Version history</p></div><div><p>30 days</p></div><div><p>1 year</p></div><div><p>3 years</p></div></div></div>
<div role="listitem"><div class="item"><div><p>Backup frequency</p></div><div><p>Hourly</p></div><div><p>150</p></div><div><p>Unlimited</p></div></div></div>
</div></div>
<div class="stats"><div class="stat"><div><p>99.99%</p></div><div><p>uptime</p></div></div></div>
"""


def test_div_grid_cells_keep_their_places_and_stat_widgets_still_join() -> None:
    document = parse(WIX_GRID, "pricing.html", "html")
    texts = [block.text for block in document.blocks]
    # a figure ending one row does not take the next row's first cell as its caption, nor a value
    # beside it in the same row; a stat widget's figure still joins its caption
    assert "3 years" in texts and "Backup frequency" in texts and "150" in texts and "Unlimited" in texts
    assert "99.99% uptime" in texts
    cells = {block.text: block.grid for block in document.blocks if block.grid is not None}
    assert cells["Free"] is not None and (cells["Free"].row, cells["Free"].column) == (0, 1)  # the corner is empty
    assert (cells["3 years"].row, cells["3 years"].column) == (1, 3)
    assert (cells["Unlimited"].row, cells["Unlimited"].column) == (2, 3)
    assert all(block.grid is None for block in document.blocks if block.text == "99.99% uptime")
