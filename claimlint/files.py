"""Find the pages to lint: files named on the command line, and pages inside folders."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from claimlint.errors import ConfigError
from claimlint.sources import PAGE_SUFFIXES, format_for

SKIPPED_FOLDERS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox",
                             ".mypy_cache", ".pytest_cache", ".cache"})


@dataclass(frozen=True)
class PageFile:
    path: Path
    shown: str  # as findings name it: relative to the working folder when inside it


def _matches(shown: str, patterns: Sequence[str]) -> bool:
    posix = shown.replace(os.sep, "/")
    return any(fnmatch.fnmatch(posix, pattern) or fnmatch.fnmatch(Path(posix).name, pattern) for pattern in patterns)


def collect(paths: Iterable[str], include: Sequence[str] = (), exclude: Sequence[str] = ()) -> list[PageFile]:
    """Pages under ``paths``, sorted, each once. A file named explicitly is always read (one
    that is not a page is an error); folders contribute their HTML, Markdown and MDX files that
    pass the ``include`` and ``exclude`` globs. Raises ConfigError for missing paths."""
    found: dict[Path, PageFile] = {}
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise ConfigError(f"{raw}: no such file or folder")
        if path.is_file():
            if format_for(path) is None:
                raise ConfigError(f"{raw}: not a page (claimlint reads .html, .htm, .md, .markdown, .mdx and .txt)")
            found.setdefault(path.resolve(), PageFile(path, _shown(path)))
            continue
        for folder, folders, files in os.walk(path):
            folders[:] = sorted(f for f in folders if f not in SKIPPED_FOLDERS and not f.startswith("."))
            for name in sorted(files):
                candidate = Path(folder) / name
                if candidate.suffix.lower() not in PAGE_SUFFIXES:
                    continue
                shown = _shown(candidate)
                if include and not _matches(shown, include):
                    continue
                if exclude and _matches(shown, exclude):
                    continue
                found.setdefault(candidate.resolve(), PageFile(candidate, shown))
    return sorted(found.values(), key=lambda page: page.shown)


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
