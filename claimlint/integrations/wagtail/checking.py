"""Reading a Wagtail page's copy and checking it, field by field."""

from __future__ import annotations

import html
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimlint.api import Linter
from claimlint.checks.model import SEVERITIES, Finding
from claimlint.errors import ConfigError
from claimlint.manifest import Manifest

SEO_FIELDS = ("title", "seo_title", "search_description")


@dataclass(frozen=True)
class FieldFinding:
    field: str
    finding: Finding

    def message(self) -> str:
        claim = self.finding.claim
        sentence = f"\u201c{claim.sentence}\u201d: " if claim is not None else ""
        entry = f" (manifest: {self.finding.manifest_entry})" if self.finding.manifest_entry else ""
        return f"{sentence}{self.finding.message}{entry} [{self.finding.rule}]"


class _LinterCache:
    """One Linter per process, rebuilt (cheaply, when only statuses changed) when the manifest
    file changes on disk."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[str, float, str | None] | None = None
        self._linter: Linter | None = None

    def get(self) -> Linter:
        from django.conf import settings

        path = getattr(settings, "CLAIMLINT_MANIFEST", None)
        if not path:
            raise ConfigError("set CLAIMLINT_MANIFEST in your Django settings to the manifest's path")
        model = getattr(settings, "CLAIMLINT_MODEL", None)
        try:
            mtime = Path(path).stat().st_mtime
        except OSError:
            raise ConfigError(f"{path}: CLAIMLINT_MANIFEST names no readable file") from None
        key = (str(path), mtime, model)
        with self._lock:
            if self._linter is None or self._key is None or self._key[2] != model:
                self._linter = Linter(Manifest.load(path), model=model)
            elif self._key != key:
                self._linter = self._linter.reload(Manifest.load(path))
            self._key = key
            return self._linter


linters = _LinterCache()


def _html_of(value: Any, markup: bool = False) -> Iterator[str]:
    """The HTML of a field value: rich text, stream field blocks, or plain text."""
    source = getattr(value, "source", None)  # RichText
    if isinstance(source, str):
        yield source
        return
    if isinstance(value, str):
        yield value if markup else f"<p>{html.escape(value)}</p>"
        return
    if hasattr(value, "raw_data") and hasattr(value, "__iter__"):  # StreamValue
        for child in value:
            yield from _html_of(getattr(child, "value", child))
        return
    if isinstance(value, dict) or hasattr(value, "items"):  # StructValue
        for item in value.values():
            yield from _html_of(item)
        return
    if isinstance(value, (list, tuple)) or hasattr(value, "__iter__"):  # ListValue
        for item in value:
            yield from _html_of(getattr(item, "value", item))


def field_html(name: str, value: Any, markup: bool) -> str:
    """A field as HTML; ``markup`` says a text value already is HTML (a rich text field)."""
    if name == "title" or name == "seo_title":
        return f"<title>{html.escape(str(value or ''))}</title>"
    if name == "search_description":
        return f'<meta name="description" content="{html.escape(str(value or ""), quote=True)}">'
    return "".join(_html_of(value, markup))


def blocking(findings: list[Finding]) -> list[Finding]:
    from django.conf import settings

    floor = SEVERITIES.index(getattr(settings, "CLAIMLINT_BLOCK_ON", "error"))
    return [f for f in findings if SEVERITIES.index(f.severity) >= floor]


def check_fields(fields: dict[str, tuple[Any, bool]], source: str) -> list[FieldFinding]:
    """Blocking mismatches in the given (value, is-HTML) fields, each tied to its field."""
    linter = linters.get()
    found: list[FieldFinding] = []
    for name, (value, is_html) in fields.items():
        if value in (None, ""):
            continue
        markup = field_html(name, value, is_html)
        if markup:
            found.extend(FieldFinding(name, f) for f in blocking(linter.lint_html(markup, source=f"{source}#{name}")))
    return found


def content_fields(page: Any) -> dict[str, tuple[Any, bool]]:
    """A page's copy: SEO fields, and its rich text, stream and text fields, each with whether
    its text value is HTML."""
    from django.db import models
    from wagtail.fields import RichTextField, StreamField

    values: dict[str, tuple[Any, bool]] = {name: (getattr(page, name, None), False) for name in SEO_FIELDS}
    for model_field in type(page)._meta.get_fields():
        if isinstance(model_field, (RichTextField, StreamField)):
            values[model_field.name] = (getattr(page, model_field.name, None), True)
        elif isinstance(model_field, models.TextField) and model_field.name not in values:
            values[model_field.name] = (getattr(page, model_field.name, None), False)
    return values
