"""Markdown and MDX pages via markdown-it-py, with YAML or TOML front matter; the template tags
of static site generators (Hugo shortcodes, Liquid) and admonition markers (":::note",
"!!! tip") are markup, not text.

markdown-it gives each block its lines; the columns of inline text are found by aligning
the parsed text with the block's source lines (see :func:`align`), so entities, escapes,
emphasis and links keep exact positions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any


from claimlint.sources.common import (
    BlockSink,
    align,
    blank,
    extract_front_matter_blocks,
    extract_toml_front_matter_blocks,
    page_text,
    parse_directive,
)
from claimlint.sources.html import extract_html
from claimlint.sources.model import BlockKind, Document, Suppression, TableCell, TextBuilder

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_TOML_FRONT_MATTER = re.compile(r"\A\+\+\+[ \t]*\n(.*?\n)?\+\+\+[ \t]*(?:\n|\Z)", re.DOTALL)
# template tags of static site generators (Hugo shortcodes, Jekyll's Liquid): markup, not prose
_TEMPLATE_TAG = re.compile(r"\{\{[<%].*?[%>]\}\}|\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
# admonition markers: Docusaurus, VitePress and remark directives (":::tip Title" ... ":::"),
# MkDocs ("!!! note", "??? note"); the title after the marker and the text inside are prose
_ADMONITION = re.compile(r"^[ \t]{0,3}(?::{3,}[ \t]*[A-Za-z][\w-]*|:{3,}[ \t]*$|(?:!!!|\?{3}\+?)[ \t]+[A-Za-z][\w-]*)",
                         re.MULTILINE)
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


@lru_cache(maxsize=2)
def _parser(indented_code: bool = True) -> Any:
    """CommonMark with tables; without indented code blocks for MDX (whose spec has none) and
    for pages whose template tags were blanked, where a tag's blank would indent the text after it."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return parser if indented_code else parser.disable("code")


def parse_markdown(data: bytes | str, source: str = "<markdown>", *, mdx: bool = False) -> Document:
    """Parse Markdown (or MDX) into a Document whose blocks map back to ``data``."""
    text, notices = page_text(data, source, is_html=False)
    sink = BlockSink()
    suppressions: list[Suppression] = []
    body = text
    for pattern, extract in ((_FRONT_MATTER, extract_front_matter_blocks),
                             (_TOML_FRONT_MATTER, extract_toml_front_matter_blocks)):
        front = pattern.match(text)
        if front is not None:
            problem = extract(text, front.start(1) if front.group(1) else front.end(), front.group(1) or "", sink)
            if problem:
                notices.append(f"{source}: {problem}")
            body = blank(text[: front.end()]) + text[front.end() :]
            break
    if mdx:
        body, comments = _strip_mdx(body)
        suppressions.extend(comments)
    prose = body
    if not mdx and "{" in body:
        body = _blank_outside_code(body, _TEMPLATE_TAG)
    if ":::" in body or "!!!" in body or "???" in body:
        body = _blank_outside_code(body, _ADMONITION)
    # a blanked tag or marker would indent the text after it into a code block
    _Walker(text, body, sink, suppressions).walk(_parser(not mdx and body == prose).parse(body))
    return Document(
        source=source,
        format="mdx" if mdx else "markdown",
        text=text,
        blocks=() if sink.foreign else tuple(sink.blocks),
        suppressions=tuple(sorted(suppressions, key=lambda s: (s.line, s.column))),
        notices=tuple(notices),
        unread=sink.unread(),
        line_starts=Document.index_lines(text),
    )


class _Walker:
    def __init__(self, text: str, body: str, sink: BlockSink, suppressions: list[Suppression]) -> None:
        self.text = text
        self.body = body  # the text markdown-it saw: front matter and MDX syntax blanked
        self.sink = sink
        self.suppressions = suppressions
        self.line_starts = Document.index_lines(body)
        self.containers: list[str] = []
        self.heading_level = 0
        self.table: int | None = None
        self.row = -1
        self.column = -1
        self.in_head = False
        self.cursor = 0  # inline tokens come in source order: never look behind the last one

    def line_offset(self, line: int) -> int:
        return self.line_starts[line] if line < len(self.line_starts) else len(self.body)

    def walk(self, tokens: list[Any]) -> None:
        for token in tokens:
            kind = token.type
            if kind.endswith("_open") and kind not in ("paragraph_open",):
                self.open(token)
            elif kind.endswith("_close") and kind not in ("paragraph_close",):
                self.close(token)
            elif kind == "inline":
                self.inline(token)
            elif kind == "html_block" and token.map:
                self.html_block(token)
            elif kind in ("fence", "code_block"):
                self.sink.code_follows()

    def open(self, token: Any) -> None:
        kind = token.type
        self.containers.append(kind)
        if kind == "heading_open":
            self.heading_level = int(token.tag[1])
        elif kind == "table_open":
            self.table = self.sink.new_table()
            self.row = -1
        elif kind == "thead_open":
            self.in_head = True
        elif kind == "tbody_open":
            self.in_head = False
        elif kind == "tr_open":
            self.row += 1
            self.column = -1
        elif kind in ("th_open", "td_open"):
            self.column += 1

    def close(self, token: Any) -> None:
        if self.containers:
            self.containers.pop()
        if token.type == "table_close":
            self.table = None

    def block_kind(self) -> BlockKind:
        for container in reversed(self.containers):
            if container == "heading_open":
                return "heading"
            if container in ("th_open", "td_open"):
                return "table_cell"
            if container == "list_item_open":
                return "list_item"
            if container == "blockquote_open":
                return "quote"
        return "paragraph"

    def inline(self, token: Any) -> None:
        if not token.map:
            return
        start, end = self.line_offset(token.map[0]), self.line_offset(token.map[1])
        kind = self.block_kind()
        builder = TextBuilder()
        cursor = max(start, self.cursor) if self.cursor < end else start
        for child in token.children or ():
            cursor = self.child(child, builder, cursor, end)
        self.cursor = cursor
        cell = None
        if kind == "table_cell" and self.table is not None:
            cell = TableCell(self.table, max(self.row, 0), max(self.column, 0), self.in_head)
        ordered = kind == "list_item" and next(
            (c == "ordered_list_open" for c in reversed(self.containers) if c in ("ordered_list_open", "bullet_list_open")), False
        )
        children = token.children or ()
        self.sink.emit(builder, kind, level=self.heading_level if kind == "heading" else 0, cell=cell, ordered=ordered,
                       bold=kind == "paragraph" and _all_inside(children, "strong"),
                       excluded=kind in ("list_item", "paragraph") and _all_inside(children, "s"))

    def child(self, child: Any, builder: TextBuilder, cursor: int, end: int) -> int:
        kind = child.type
        body = self.body
        if kind == "text":
            return align(builder, child.content, body, cursor, end)
        if kind in ("softbreak", "hardbreak"):
            newline = body.find("\n", cursor, end)
            builder.space(newline if newline != -1 else cursor)
            return newline + 1 if newline != -1 else cursor
        if kind == "code_inline":
            found = body.find(child.content, cursor, end)
            if found == -1:
                return cursor
            builder.space(found)
            after = found + len(child.content)
            while after < end and body[after] == "`":
                after += 1
            return after
        if kind == "link_open":
            builder.open_link()
            return cursor
        if kind == "link_close":
            builder.close_link()
            return _skip_link_target(body, cursor, end)
        if kind == "image":
            alt = TextBuilder()
            opening = body.find("![", cursor, end)
            after = align(alt, child.content, body, opening + 2 if opening != -1 else cursor, end)
            self.sink.emit(alt, "alt_text")
            return _skip_link_target(body, after, end)
        if kind == "html_inline":
            found = body.find(child.content, cursor, end)
            if found == -1:
                return cursor
            if child.content.startswith("<!--"):
                self.comment(child.content, found)
            else:
                builder.space(found)
            return found + len(child.content)
        return cursor  # emphasis and strike markers: their characters are skipped by align

    def comment(self, raw: str, offset: int) -> None:
        line = self.body.count("\n", 0, offset) + 1
        column = offset - self.line_offset(line - 1) + 1
        suppression = parse_directive(raw[4:].removesuffix("-->"), line, column)
        if suppression is not None:
            self.suppressions.append(suppression)

    def html_block(self, token: Any) -> None:
        start, end = self.line_offset(token.map[0]), self.line_offset(token.map[1])
        fragment = self.body[start:end]
        found = extract_html(fragment, self.sink, base=start)
        for suppression in found:
            shift = token.map[0]
            self.suppressions.append(
                Suppression(suppression.action, suppression.codes, suppression.line + shift,
                            suppression.end_line + shift, suppression.column, suppression.reason)
            )


def _skip_link_target(body: str, cursor: int, end: int) -> int:
    """Move past ``](url "title")``, ``][ref]`` or ``]`` after a link's text."""
    if body.startswith("](", cursor):
        depth = 0
        position = cursor + 1
        while position < end:
            char = body[position]
            if char == "\\":
                position += 2
                continue
            if char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if depth == 0:
                    return position + 1
            position += 1
        return cursor + 1
    if body.startswith("][", cursor):
        close = body.find("]", cursor + 2, end)
        return close + 1 if close != -1 else cursor + 1
    if body.startswith("]", cursor) or body.startswith(">", cursor):
        return cursor + 1
    return cursor


# -- MDX -------------------------------------------------------------------------------------

_MDX_COMMENT = re.compile(r"\{/\*(.*?)\*/\}", re.DOTALL)
_JSX_TAG = re.compile(r"</?[A-Z][\w.:-]*(?:\s(?:[^<>{}]|\{[^{}]*\})*?)?/?>|<>|</>")
_EXPRESSION = re.compile(r"\{[^{}\n]*\}")
_ESM = re.compile(r"^(?:import|export)\b")


def _strip_mdx(body: str) -> tuple[str, list[Suppression]]:
    """Blank MDX syntax outside code: ESM lines, JSX tags, {expressions}; keep the prose.

    A component's tags on lines of their own become blank lines, so the prose inside is
    read as Markdown. ``{/* claimlint-... */}`` comments become suppressions.
    """
    suppressions: list[Suppression] = []
    out: list[str] = []
    fence: str | None = None
    in_esm = False
    prose: list[tuple[int, str]] = []  # (offset, line) runs outside fences, handled together

    def flush_prose() -> None:
        if not prose:
            return
        first = prose[0][0]
        chunk = "".join(line for _, line in prose)
        out.append(_strip_jsx(chunk, first, body, suppressions))
        prose.clear()

    offset = 0
    for line in body.splitlines(keepends=True):
        fence_match = _FENCE.match(line)
        if fence is not None:
            out.append(line)
            if fence_match and fence_match.group(1)[0] == fence[0] and len(fence_match.group(1)) >= len(fence):
                fence = None
        elif fence_match:
            flush_prose()
            fence = fence_match.group(1)
            out.append(line)
        elif in_esm or _ESM.match(line):
            flush_prose()
            stripped = line.strip()
            in_esm = (in_esm or "{" in stripped) and not (stripped.endswith(";") or "}" in stripped or stripped.startswith("}"))
            if _ESM.match(line) and ("{" not in line or "}" in line):
                in_esm = False
            out.append(blank(line))
        else:
            prose.append((offset, line))
        offset += len(line)
    flush_prose()
    return "".join(out), suppressions


def _strip_jsx(chunk: str, first: int, body: str, suppressions: list[Suppression]) -> str:
    def comment(match: re.Match[str]) -> str:
        offset = first + match.start()
        line = body.count("\n", 0, offset) + 1
        column = offset - (body.rfind("\n", 0, offset) + 1) + 1
        found = parse_directive(match.group(1), line, column)
        if found is not None:
            suppressions.append(found)
        return blank(match.group(0))

    chunk = _MDX_COMMENT.sub(comment, chunk)
    chunk = _blank_outside_code(chunk, _JSX_TAG, _badge_text)
    return _blank_outside_code(chunk, _EXPRESSION)


# a badge component shows its text attribute: <Badge text="Beta" />, <Tag label="New" />
_BADGE = re.compile(r"<(?:Badge|Tag|Pill|Chip|Label|Status)\b[^<>]*?\b(?:text|label)=(\"[^\"]*\"|'[^']*')")


def _badge_text(tag: str) -> str:
    """A JSX tag blanked, but for the text a badge component shows, left where it is."""
    found = _BADGE.match(tag)
    if found is None:
        return blank(tag)
    start, end = found.start(1) + 1, found.end(1) - 1
    return blank(tag[:start]) + tag[start:end] + blank(tag[end:])


def _blank_outside_code(chunk: str, pattern: re.Pattern[str], blanking: Callable[[str], str] = blank) -> str:
    spans = [match.span() for match in re.finditer(r"(`+)(?:.|\n)*?\1", chunk)]

    def replace(match: re.Match[str]) -> str:
        if any(start <= match.start() < end for start, end in spans):
            return match.group(0)
        return blanking(match.group(0))

    return pattern.sub(replace, chunk)


def _all_inside(children: Any, markup: str) -> bool:
    """Whether every word of an inline run is inside ``markup``: "strong" (``**bold**``) or "s"
    (``~~struck through~~``)."""
    depth, inside = 0, False
    for child in children:
        if child.type == f"{markup}_open":
            depth += 1
        elif child.type == f"{markup}_close":
            depth -= 1
        elif child.content.strip() and child.type in ("text", "code_inline"):
            if not depth:
                return False
            inside = True
    return inside
