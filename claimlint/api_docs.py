"""docs/api.md, generated from the public API's signatures and docstrings:

    python -m claimlint.api_docs > docs/api.md
"""

from __future__ import annotations

import dataclasses
import inspect
import re
import sys
from typing import Any

from claimlint import _EXPORTS
from claimlint.api import Linter, PageResult
from claimlint.checks.model import Finding
from claimlint.claims.model import Claim, Quantity
from claimlint.config import Config, load_config
from claimlint.errors import ClaimlintError, ConfigError, FetchError, ManifestError, ModelError, SourceError
from claimlint.fetch import Failure, FetchPolicy
from claimlint.manifest.model import Manifest
from claimlint.scan import Progress, ScanOptions, ScanResult, scan

PUBLIC: list[Any] = [Linter, Manifest, PageResult, Finding, Claim, Quantity,
                     scan, ScanOptions, FetchPolicy, ScanResult, Failure, Progress, Config, load_config,
                     ClaimlintError, ManifestError, ConfigError, SourceError, FetchError, ModelError]


def _doc(thing: Any) -> str:
    return inspect.cleandoc(thing.__doc__) if thing.__doc__ else ""


def _signature(thing: Any) -> str:
    try:
        return str(inspect.signature(thing, eval_str=True))
    except NameError:  # an annotation only importable for type checkers
        return str(inspect.signature(thing))


def _clean(signature: str) -> str:
    for module in ("claimlint.api.", "claimlint.sources.model.", "claimlint.checks.model.", "claimlint.claims.model.",
                   "claimlint.manifest.model.", "claimlint.scan.", "claimlint.fetch.", "claimlint.config.", "pathlib."):
        signature = signature.replace(module, "")
    return signature


def _field_notes(cls: Any) -> dict[str, str]:
    """The comment after each field of a record, from its source."""
    notes: dict[str, str] = {}
    for line in inspect.getsource(cls).splitlines():
        found = re.match(r"\s+(\w+): [^#]+#\s*(.+)$", line)
        if found:
            notes[found[1]] = _cell(found[2])
    return notes


def _cell(text: str) -> str:
    """A pipe inside a table cell, even in code, ends the cell unless escaped."""
    return text.replace("|", "\\|")


def _imported(thing: Any) -> list[str]:
    if thing.__name__ in _EXPORTS:
        return []
    return [f"`from {thing.__module__} import {thing.__name__}`", ""]


def _function(function: Any) -> list[str]:
    lines = [f"## `{function.__name__}()`", "", *_imported(function),
             f"### `{function.__name__}{_clean(_signature(function))}`", ""]
    return lines + ([_doc(function), ""] if _doc(function) else [])


def _section(cls: Any) -> list[str]:
    if inspect.isfunction(cls):
        return _function(cls)
    lines = [f"## `{cls.__name__}`", "", *_imported(cls)]
    if _doc(cls):
        lines += [_doc(cls), ""]
    if not dataclasses.is_dataclass(cls) and "__init__" in vars(cls) and not issubclass(cls, Exception):
        lines += [f"### `{cls.__name__}{_clean(_signature(cls))}`", ""]
    if dataclasses.is_dataclass(cls):
        notes = _field_notes(cls)
        lines += ["| field | type | meaning |", "|-------|------|---------|"]
        lines += [f"| `{f.name}` | `{_cell(_clean(str(f.type)))}` | {notes.get(f.name, '')} |" for f in dataclasses.fields(cls)]
        lines.append("")
    for name, member in vars(cls).items():
        if isinstance(member, property) and not name.startswith("_") and member.__doc__:
            lines += [f"### `{cls.__name__}.{name}` (property)", "", inspect.cleandoc(member.__doc__), ""]
    for name, member in inspect.getmembers(cls):
        if name.startswith("_") or not (inspect.isfunction(member) or isinstance(inspect.getattr_static(cls, name), classmethod)):
            continue
        if member.__qualname__.split(".")[0] != cls.__name__:
            continue  # inherited
        lines += [f"### `{cls.__name__}.{name}{_clean(_signature(member))}`", ""]
        if _doc(member):
            lines += [_doc(member), ""]
    return lines


def render() -> str:
    lines = ["# Python API", "", "Generated from the docstrings by `python -m claimlint.api_docs`; do not edit by hand.",
             "", "```python", "from claimlint import Linter, Manifest", "```", ""]
    for cls in PUBLIC:
        lines += _section(cls)
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
