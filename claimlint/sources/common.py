"""Pieces every source format shares: the block sink, decoding, suppression comments."""

from __future__ import annotations

import codecs
import html
import re
from dataclasses import dataclass, field
from typing import Literal

from claimlint.errors import SourceError
from claimlint.sources.model import Block, BlockKind, Suppression, TableCell, TextBuilder

_ENTITY = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")


def add_raw(builder: TextBuilder, raw: str, source_start: int) -> None:
    """Add raw source text that may hold character references, decoding them in place."""
    position = 0
    for match in _ENTITY.finditer(raw):
        decoded = html.unescape(match.group(0))
        if decoded == match.group(0):
            continue  # not a reference ("AT&T"): copied as it is
        if match.start() > position:
            builder.add(raw[position : match.start()], source_start + position)
        builder.add_atomic(decoded, source_start + match.start(), match.end() - match.start())
        position = match.end()
    if position < len(raw):
        builder.add(raw[position:], source_start + position)


# A short paragraph set wholly in bold ("**Removed**", "<p><b>Coming soon:</b></p>") is how
# changelogs and feature lists often head a group without a heading tag. It heads what follows
# as a heading does, one level below any real heading, until the next heading of either kind.
BOLD_HEADING_LEVEL = 7
_BOLD_HEADING_WORDS = 8


def reads_as_heading(text: str) -> bool:
    """Whether a paragraph in bold is a label for what follows, not a sentence."""
    stripped = text.strip()
    return bool(stripped) and len(stripped.split()) <= _BOLD_HEADING_WORDS and stripped[-1] not in ".!?"


@dataclass
class BlockSink:
    """Collects blocks in document order and tracks the heading each falls under."""

    blocks: list[Block] = field(default_factory=list)
    headings: list[tuple[int, int]] = field(default_factory=list)  # open (level, block index), outermost first
    tables: int = 0
    # the page's declared language, when claimlint cannot read it, and where it is declared
    # ("de", '<html lang="de">')
    foreign: tuple[str, str] | None = None
    # the open elements of each block, by number, where the source reader tracks them (HTML): the
    # layout that finds grids of <div>s
    paths: list[tuple[int, ...] | None] = field(default_factory=list)

    def declare_language(self, tag: str | None, where: str) -> None:
        """The page says it is written in ``tag`` (a language tag: "de", "pt-BR", "fr_FR")."""
        language = foreign_language(tag)
        if language is not None and self.foreign is None:
            self.foreign = (language, where)

    def unread(self) -> str | None:
        """Why the page's text is not read: it is in a language claimlint does not read."""
        if self.foreign is None:
            return None
        language, where = self.foreign
        return f"the page is in {language!r} ({where}); claimlint reads English"

    def emit(
        self,
        builder: TextBuilder,
        kind: BlockKind,
        *,
        level: int = 0,
        cell: TableCell | None = None,
        marks: frozenset[str] = frozenset(),
        field_name: str | None = None,
        ordered: bool = False,
        bold: bool = False,
        excluded: bool = False,
        path: tuple[int, ...] | None = None,
        ticked: bool = False,
    ) -> None:
        """Add a block; ``bold``: all of its text is set in bold."""
        text = builder.text()
        if not text.strip() and not marks:
            return
        if bold and kind == "paragraph" and reads_as_heading(text):
            kind, level = "heading", BOLD_HEADING_LEVEL
        index = len(self.blocks)
        if kind == "heading":
            # a heading's section is its parent heading: the nearest one of a lower level
            while self.headings and self.headings[-1][0] >= max(level, 1):
                self.headings.pop()
        section = self.headings[-1][1] if self.headings else None
        self.blocks.append(
            Block(
                text=text,
                kind=kind,
                offsets=builder.offsets(),
                links=tuple(builder.links),
                level=level,
                section=section,
                cell=cell,
                marks=marks,
                field=field_name,
                ordered=ordered,
                excluded=excluded,
                ticked=ticked,
            )
        )
        self.paths.append(path)
        if kind == "heading":
            self.headings.append((max(level, 1), index))

    def code_follows(self) -> None:
        """The last block leads into a code sample (often "... run this:")."""
        last = next((i for i in range(len(self.blocks) - 1, -1, -1) if self.blocks[i].text.strip()), None)
        if last is not None and not self.blocks[last].before_code:  # not an icon's empty block
            from dataclasses import replace

            self.blocks[last] = replace(self.blocks[last], before_code=True)

    def new_table(self) -> int:
        self.tables += 1
        return self.tables - 1


# -- suppression comments ---------------------------------------------------------------------

_DIRECTIVE = re.compile(
    r"^\s*claimlint-(?P<action>disable-next-line|disable-file|disable|enable)\b(?P<rest>.*)$",
    re.DOTALL,
)
_CODE = re.compile(r"^[A-Za-z]+[0-9]*$")
_ACTIONS: dict[str, Literal["next-line", "disable", "enable", "file"]] = {
    "disable-next-line": "next-line", "disable-file": "file", "disable": "disable", "enable": "enable"}


def parse_directive(body: str, line: int, column: int) -> Suppression | None:
    """A ``claimlint-disable...`` comment body, or None if the comment is something else."""
    match = _DIRECTIVE.match(body)
    if match is None:
        return None
    rest = match.group("rest")
    reason: str | None = None
    if "--" in rest:
        rest, reason = rest.split("--", 1)
        reason = reason.strip() or None
    codes = frozenset(code.upper() for code in re.split(r"[\s,]+", rest.strip()) if code and _CODE.match(code))
    action = _ACTIONS[match.group("action")]
    return Suppression(
        action=action,
        codes=codes,
        line=line,
        end_line=line + body.count("\n"),
        column=column,
        reason=reason,
    )


# -- decoding -------------------------------------------------------------------------------

_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode(data: bytes, source: str, *, is_html: bool) -> tuple[str, list[str]]:
    """Decode a page's bytes: BOM, then declared charset (HTML), then UTF-8, then detection.

    Returns the text with newlines normalised to ``\\n`` and notices for the user. Raises
    SourceError for binary files.
    """
    notices: list[str] = []
    has_bom = data.startswith(_BOMS)
    if not has_bom and b"\x00" in data[:8192]:
        raise SourceError(f"{source}: binary file (contains NUL bytes), not a page")
    if not data:
        return "", notices
    if not has_bom and (not is_html or not _NON_UTF8_CHARSET.search(data[:4096])):
        try:  # the common case, without loading Beautiful Soup
            return normalise_newlines(data.decode("utf-8")), notices
        except UnicodeDecodeError:
            pass
    from bs4.dammit import EncodingDetector, UnicodeDammit

    declared = None
    if not has_bom:
        declared = EncodingDetector.find_declared_encoding(data, is_html=is_html) if is_html else None
        if declared is not None and not _known(declared):
            notices.append(f"{source}: declares the unknown charset {declared!r}; ignored")
            declared = None
        if declared is None:
            try:
                return normalise_newlines(data.decode("utf-8")), notices
            except UnicodeDecodeError as error:
                line = data.count(b"\n", 0, error.start) + 1
                invalid = f"not valid UTF-8 (first bad byte on line {line})"
            # Valid multi-byte sequences mean UTF-8 with damage; none, a legacy Western file
            # (what browsers assume for undeclared pages). Guessing other charsets from a few
            # bytes is wrong more often than right.
            if _UTF8_SEQUENCE.search(data):
                notices.append(f"{source}: {invalid}; the bad bytes were replaced with U+FFFD")
                return normalise_newlines(data.decode("utf-8", errors="replace")), notices
            notices.append(f"{source}: {invalid}; read as windows-1252")
            return normalise_newlines(data.decode("cp1252", errors="replace")), notices
    dammit = UnicodeDammit(data, known_definite_encodings=[declared] if declared else [], is_html=is_html)
    text = dammit.unicode_markup
    if text is None:
        text = data.decode(declared or "utf-8", errors="replace") if _known(declared) else data.decode("utf-8", errors="replace")
        notices.append(f"{source}: cannot decode as {declared or 'its byte-order mark says'}; bad bytes were replaced with U+FFFD")
    elif dammit.contains_replacement_characters:
        notices.append(f"{source}: invalid {dammit.original_encoding or 'text'} bytes were replaced with U+FFFD")
    if text.startswith("\ufeff"):
        text = text[1:]
    return normalise_newlines(text), notices


_NON_UTF8_CHARSET = re.compile(rb"charset\s*=\s*[\"']?(?!utf-?8)[a-z]", re.IGNORECASE)
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _known(encoding: str | None) -> bool:
    if not encoding:
        return False
    try:
        codecs.lookup(encoding)
    except LookupError:
        return False
    return True


def page_text(data: bytes | str, source: str, *, is_html: bool) -> tuple[str, list[str]]:
    """A page's text with newlines normalised, decoding bytes (see :func:`decode`)."""
    if isinstance(data, bytes):
        return decode(data, source, is_html=is_html)
    return normalise_newlines(data), []


def normalise_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


_ALIGN_WINDOW = 400  # how far ahead a character may be looked for: markup between text runs


def align(builder: TextBuilder, content: str, source: str, cursor: int, limit: int) -> int:
    """Add ``content``, which a parser derived from ``source[cursor:limit]``, with its offsets.

    Parsers such as markdown-it give text with escapes and references decoded but no columns.
    The text is located from ``cursor`` onward: as a whole when it is copied verbatim, else
    character by character, taking ``\\x`` escapes and ``&name;`` references as one piece
    and skipping the markup in between. Returns the offset after the last character placed.
    """
    if not content:
        return cursor
    found = source.find(content, cursor, limit)
    if found != -1 and found - cursor <= _ALIGN_WINDOW:
        builder.add(content, found)
        return found + len(content)
    index = 0
    while index < len(content):
        char = content[index]
        placed = False
        stop = min(limit, cursor + _ALIGN_WINDOW)
        position = cursor
        while position < stop:
            here = source[position]
            if here == char or (char.isspace() and here.isspace()):
                builder.add(char if not char.isspace() else " ", position)
                cursor, index, placed = position + 1, index + 1, True
                break
            if here == "\\" and position + 1 < limit and source[position + 1] == char:
                builder.add_atomic(char, position, 2)
                cursor, index, placed = position + 2, index + 1, True
                break
            if here == "&":
                match = _ENTITY.match(source, position)
                if match is not None:
                    decoded = html.unescape(match.group(0))
                    if decoded != match.group(0) and content.startswith(decoded, index):
                        builder.add_atomic(decoded, position, match.end() - position)
                        cursor, index, placed = match.end(), index + len(decoded), True
                        break
            position += 1
        if not placed:  # not in the source as such (a parser's substitution): keep it, pinned
            builder.add_atomic(char, min(cursor, max(limit - 1, 0)), 1)
            index += 1
    return cursor


def blank(text: str) -> str:
    """``text`` with every character but newlines turned into a space (offsets kept)."""
    return re.sub(r"[^\n]", " ", text)


FRONT_MATTER_FIELDS = ("title", "description", "summary", "subtitle", "excerpt")
# where site generators put a page's language: Jekyll and Hugo "lang"/"language", i18n plugins "locale"
LANGUAGE_FIELDS = ("lang", "language", "locale")
_LANGUAGE_TAG = re.compile(r"\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*")


def foreign_language(tag: str | None) -> str | None:
    """The primary language of ``tag`` when it is not English, lower-cased ("pt-BR" -> "pt").

    None for English, for no tag or an empty one, for "und" (undetermined) and for anything that
    is not a language tag at all (a template placeholder such as "{{ lang }}"): such pages are read.
    """
    if not tag:
        return None
    match = _LANGUAGE_TAG.fullmatch(tag)
    if match is None:
        return None
    primary = match.group(1).lower()
    return None if primary in ("en", "eng", "und") else primary


_TOML_FIELD = re.compile(r"""^[ \t]*(?P<key>[A-Za-z_][\w-]*)[ \t]*=[ \t]*(?P<value>"(?:[^"\\\n]|\\.)*"|'[^'\n]*')""",
                         re.MULTILINE)


def extract_toml_front_matter_blocks(text: str, start: int, front_matter: str, sink: BlockSink) -> str | None:
    """Emit the prose fields of TOML front matter (Hugo's ``+++`` block) as blocks; returns a
    problem to show the user when it is not valid TOML."""
    import tomllib

    try:
        tomllib.loads(front_matter)
    except tomllib.TOMLDecodeError as error:
        line = text.count("\n", 0, start) + (getattr(error, "lineno", None) or 1)
        return f"line {line}: front matter is not valid TOML; its fields were not checked"
    for match in _TOML_FIELD.finditer(front_matter):
        key = match.group("key").lower()
        raw_start = start + match.start("value") + 1
        raw_end = start + match.end("value") - 1
        if key in LANGUAGE_FIELDS:
            line = text.count("\n", 0, raw_start) + 1
            sink.declare_language(text[raw_start:raw_end], f"front matter {key!r}, line {line}")
        if key not in FRONT_MATTER_FIELDS:
            continue
        _emit_field(sink, key, text[raw_start:raw_end], text, raw_start, raw_end)
    return None


def _emit_field(sink: BlockSink, key: str, value: str, text: str, raw_start: int, raw_end: int) -> None:
    """A front-matter field's value, found in ``text[raw_start:raw_end]``, as a block."""
    if not value.strip():
        return
    builder = TextBuilder()
    align(builder, value, text, raw_start, max(raw_end, raw_start + 1))
    sink.emit(builder, "front_matter", field_name=key)


def extract_front_matter_blocks(text: str, start: int, front_matter: str, sink: BlockSink) -> str | None:
    """Emit the prose fields of YAML front matter (at offset ``start`` of ``text``) as blocks.

    Returns a problem to show the user when the front matter is not valid YAML.
    """
    import yaml

    try:
        node = yaml.compose(front_matter, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = text.count("\n", 0, start) + (mark.line + 1 if mark is not None else 1)
        return f"line {line}: front matter is not valid YAML; its fields were not checked"
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        key = str(key_node.value).lower()
        if key in LANGUAGE_FIELDS and isinstance(value_node, yaml.ScalarNode):
            line = text.count("\n", 0, start + value_node.start_mark.index) + 1
            sink.declare_language(str(value_node.value), f"front matter {key!r}, line {line}")
        if key not in FRONT_MATTER_FIELDS or not isinstance(value_node, yaml.ScalarNode):
            continue
        _emit_field(sink, key, str(value_node.value), text, start + value_node.start_mark.index,
                    start + value_node.end_mark.index)
    return None
