"""Plain text: paragraphs separated by blank lines."""

from __future__ import annotations

import re

from claimlint.sources.common import BlockSink, page_text
from claimlint.sources.model import Document, TextBuilder

_PARAGRAPH = re.compile(r"[^\n]+(?:\n[ \t]*[^\s][^\n]*)*")


def parse_text(data: bytes | str, source: str = "<text>") -> Document:
    text, notices = page_text(data, source, is_html=False)
    sink = BlockSink()
    for match in _PARAGRAPH.finditer(text):
        builder = TextBuilder()
        builder.add(match.group(0), match.start())
        sink.emit(builder, "paragraph")
    return Document(source, "text", text, tuple(sink.blocks), (), tuple(notices), Document.index_lines(text))
