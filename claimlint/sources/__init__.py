"""Source formats: each turns a page into a Document of Blocks with exact positions."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Literal

from claimlint.errors import SourceError
from claimlint.sources.html import parse_html
from claimlint.sources.markdown import parse_markdown
from claimlint.sources.model import Block, Document, OffsetMap, Suppression, TableCell
from claimlint.sources.text import parse_text

Format = Literal["html", "markdown", "mdx", "text"]

SUFFIXES: dict[str, Format] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdx": "mdx",
    ".txt": "text",
}
PAGE_SUFFIXES = frozenset(suffix for suffix, fmt in SUFFIXES.items() if fmt != "text")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def format_for(path: str | Path) -> Format | None:
    return SUFFIXES.get(Path(path).suffix.lower())


def parse(
    data: bytes | str,
    source: str,
    fmt: Format,
    *,
    skip_selectors: Collection[str] = (),
) -> Document:
    """Parse page content of a known format."""
    if fmt == "html":
        return parse_html(data, source, skip_selectors=skip_selectors)
    if fmt in ("markdown", "mdx"):
        return parse_markdown(data, source, mdx=fmt == "mdx")
    return parse_text(data, source)


def read_document(
    path: str | Path,
    *,
    shown_as: str | None = None,
    fmt: Format | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    skip_selectors: Collection[str] = (),
) -> Document:
    """Read and parse a page file. Raises SourceError with a one-line reason."""
    shown = shown_as or str(path)
    fmt = fmt or format_for(path)
    if fmt is None:
        raise SourceError(f"{shown}: not a page (claimlint reads .html, .htm, .md, .markdown, .mdx and .txt)")
    try:
        size = Path(path).stat().st_size
        if size > max_bytes:
            raise SourceError(f"{shown}: {size / 1048576:.1f} MB is larger than the {max_bytes / 1048576:.0f} MB page limit")
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise SourceError(f"{shown}: is a folder") from None
    except PermissionError:
        raise SourceError(f"{shown}: permission denied") from None
    except OSError as error:
        raise SourceError(f"{shown}: cannot read: {error.strerror}") from None
    return parse(data, shown, fmt, skip_selectors=skip_selectors)


__all__ = [
    "Block",
    "Document",
    "Format",
    "OffsetMap",
    "Suppression",
    "TableCell",
    "format_for",
    "parse",
    "parse_html",
    "parse_markdown",
    "parse_text",
    "read_document",
]
