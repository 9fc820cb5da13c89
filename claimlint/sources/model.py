"""What a source format yields: a Document of Blocks, each with an offset map to the file."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Literal

from claimlint.records import by_fields

# White space that is not a single plain space: folded to one space with its own piece. Soft
# hyphens, zero-width spaces and joiners and byte-order marks, which CMS editors leave inside
# words ("Au&shy;dit log"), are dropped: the words around them join up.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_FOLDED_SPACE = re.compile(rf"\s{{2,}}|[^\S ]|[{_INVISIBLE}]+")
_DROP_INVISIBLE = str.maketrans("", "", _INVISIBLE)


BlockKind = Literal[
    "heading",
    "paragraph",
    "list_item",
    "table_cell",
    "title",
    "meta_description",
    "front_matter",
    "alt_text",
    "quote",
]


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets in a block's extracted text to offsets in the source text.

    The text is cut into pieces. A piece either copies the source one character for one
    (``lengths[i] == 0``) or stands for a source run as a whole: an entity such as ``&amp;``,
    an escape, or a run of white space folded to one space (``lengths[i]`` is that run's
    length). Offsets come from the parser; they are never searched for afterwards.
    """

    text_starts: tuple[int, ...]
    source_starts: tuple[int, ...]
    lengths: tuple[int, ...]
    anchor: int = 0  # where an empty block (an icon-only table cell) sits

    def __reduce__(self) -> tuple[Any, ...]:
        return by_fields(self)

    def start(self, text_offset: int) -> int:
        """The source offset of the character at ``text_offset``."""
        if not self.text_starts:
            return self.anchor
        index = max(bisect_right(self.text_starts, text_offset) - 1, 0)
        if self.lengths[index]:
            return self.source_starts[index]
        return self.source_starts[index] + (text_offset - self.text_starts[index])

    def end(self, text_end: int) -> int:
        """The source offset just after the character before ``text_end``."""
        if not self.text_starts:
            return self.anchor
        if text_end <= 0:
            return self.start(0)
        index = max(bisect_right(self.text_starts, text_end - 1) - 1, 0)
        if self.lengths[index]:
            return self.source_starts[index] + self.lengths[index]
        return self.source_starts[index] + (text_end - self.text_starts[index])


class TextBuilder:
    """Accumulates a block's text with its offset map; folds white space as it goes."""

    __slots__ = ("_parts", "_starts", "_sources", "_lengths", "_size", "_pending_space", "links", "_link_start", "anchor")

    def __init__(self, anchor: int = 0) -> None:
        self.anchor = anchor
        self._parts: list[str] = []
        self._starts: list[int] = []
        self._sources: list[int] = []
        self._lengths: list[int] = []
        self._size = 0
        self._pending_space: tuple[int, int] | None = None
        self.links: list[tuple[int, int]] = []
        self._link_start: int | None = None

    def __len__(self) -> int:
        return self._size

    @property
    def empty(self) -> bool:
        return self._size == 0

    def add(self, text: str, source_start: int) -> None:
        """Add text copied one for one from the source at ``source_start``."""
        position = 0
        for match in _FOLDED_SPACE.finditer(text):
            if match.start() > position:
                self._copy(text[position : match.start()], source_start + position)
            if match.group().translate(_DROP_INVISIBLE):  # not only invisible characters
                self.space(source_start + match.start(), match.end() - match.start())
            position = match.end()
        if position < len(text):
            self._copy(text[position:], source_start + position)

    def _copy(self, chunk: str, source_start: int) -> None:
        if chunk.startswith(" "):
            self.space(source_start, 1)
            chunk, source_start = chunk[1:], source_start + 1
        trailing = chunk.endswith(" ")
        if trailing:
            chunk = chunk[:-1]
        if chunk:
            self._flush_space()
            self._push(chunk, source_start, 0)
        if trailing:
            self.space(source_start + len(chunk), 1)

    def add_atomic(self, text: str, source_start: int, source_length: int) -> None:
        """Add text that stands for a whole source run (an entity, an escape)."""
        text = text.translate(_DROP_INVISIBLE)  # "&shy;", "&#8203;"
        if not text:
            return
        if text.isspace():
            self.space(source_start, source_length)
            return
        self._flush_space()
        self._push(text.replace("\u00a0", " "), source_start, source_length)

    def space(self, source_start: int, source_length: int = 1) -> None:
        """A white-space run (or an inline boundary such as ``<br>``), folded to one space."""
        if self._pending_space is None and self._size:
            self._pending_space = (source_start, max(source_length, 1))

    def _flush_space(self) -> None:
        if self._pending_space is not None:
            source_start, length = self._pending_space
            self._pending_space = None
            self._push(" ", source_start, length if length > 1 else 0)

    def _push(self, text: str, source_start: int, source_length: int) -> None:
        self._parts.append(text)
        self._starts.append(self._size)
        self._sources.append(source_start)
        self._lengths.append(source_length)
        self._size += len(text)

    def source_span(self) -> tuple[int, int]:
        """Source offsets of the first and the last piece of text (the anchor when empty)."""
        if not self._parts:
            return self.anchor, self.anchor
        return self._sources[0], self._sources[-1] + max(self._lengths[-1], len(self._parts[-1]))

    def extend(self, other: TextBuilder, separator: str = "") -> None:
        """Append ``other``'s text after ``separator`` (which is not in the source) and a space:
        two elements read as one block."""
        if other.empty:
            return
        if separator and not self.empty:
            self._pending_space = None
            self._push(separator, self.source_span()[1], 0)
        self.space(other._sources[0])
        self._flush_space()
        shift = self._size
        for part, source, length in zip(other._parts, other._sources, other._lengths):
            self._push(part, source, length)
        self.links.extend((start + shift, end + shift) for start, end in other.links)

    def open_link(self) -> None:
        self._link_start = self._size + (1 if self._pending_space is not None else 0)

    def close_link(self) -> None:
        if self._link_start is not None and self._size > self._link_start:
            self.links.append((self._link_start, self._size))
        self._link_start = None

    def text(self) -> str:
        return "".join(self._parts)

    def offsets(self) -> OffsetMap:
        return OffsetMap(tuple(self._starts), tuple(self._sources), tuple(self._lengths), self.anchor)


@dataclass(frozen=True)
class TableCell:
    """Where a cell sits: table number in the document, row and column (0-based)."""

    table: int
    row: int
    column: int
    header: bool = False

    def __reduce__(self) -> tuple[Any, ...]:
        return by_fields(self)


@dataclass(frozen=True)
class Block:
    """One unit of prose: a heading, a paragraph, a list item, a cell, a title, alt text..."""

    text: str
    kind: BlockKind
    offsets: OffsetMap
    links: tuple[tuple[int, int], ...] = ()  # text ranges that are link labels
    level: int = 0  # heading level (1-6) for headings; 7 for a line set wholly in bold
    section: int | None = None  # index of the heading block this block falls under
    cell: TableCell | None = None
    marks: frozenset[str] = frozenset()  # CSS classes and labels of icons, for table cells
    field: str | None = None  # front matter key or meta name
    ordered: bool = False  # an item of a numbered list (often a how-to step)
    before_code: bool = False  # a code sample follows it
    # an entry shown as not included, as pricing cards show what a plan lacks: struck through,
    # greyed out with a "disabled" class, or after a cross icon
    excluded: bool = False
    # where the block sits in a grid laid out with <div>s and no table markup (a site builder's
    # comparison grid); read as a table cell only if the grid's header names plans or competitors
    grid: TableCell | None = None
    # an entry of a task list ticked off ("<input type="checkbox" checked>", a to-do's "checked" class)
    ticked: bool = False

    def __reduce__(self) -> tuple[Any, ...]:
        return by_fields(self)


@dataclass(frozen=True)
class Suppression:
    """A ``claimlint-disable...`` comment: which lines and codes it silences."""

    action: Literal["next-line", "disable", "enable", "file"]
    codes: frozenset[str]  # empty: every code
    line: int  # line of the comment's start
    end_line: int  # line of the comment's end
    column: int
    reason: str | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        return by_fields(self)


@dataclass(frozen=True)
class Document:
    """A parsed page: its source text (for line and column look-ups) and its blocks."""

    source: str  # a path or URL, as shown in findings
    format: Literal["html", "markdown", "mdx", "text"]
    text: str
    blocks: tuple[Block, ...]
    suppressions: tuple[Suppression, ...] = ()
    notices: tuple[str, ...] = ()  # problems that did not stop the parse (decoding, size)
    line_starts: tuple[int, ...] = field(default=(), repr=False)
    # why the page's text was not read (it declares a language claimlint does not read); it then has no blocks
    unread: str | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        return by_fields(self)

    @staticmethod
    def index_lines(text: str) -> tuple[int, ...]:
        starts = [0]
        find = text.find
        position = find("\n")
        while position != -1:
            starts.append(position + 1)
            position = find("\n", position + 1)
        return tuple(starts)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of a source offset."""
        line = bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return self.text[start:end]
