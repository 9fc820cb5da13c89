"""Reading a Wagtail page's copy and checking it, field by field."""

from __future__ import annotations

import html
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from claimlint.api import Linter
from claimlint.checks.model import SEVERITIES, Finding
from claimlint.config import Config, load_config
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
    """One Linter per process, built from the Django settings: ``CLAIMLINT_CONFIG`` (a
    ``.claimlint.yaml``: rules, severities, skip selectors, and the manifest unless
    ``CLAIMLINT_MANIFEST`` names one), ``CLAIMLINT_MANIFEST``, ``CLAIMLINT_MODEL``. It is
    rebuilt when the config file changes on disk, and reloaded (cheaply, when only statuses
    changed) when the manifest file does."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._built: tuple[str | None, float | None, str | None] | None = None  # config, its mtime, model
        self._manifest: tuple[Path, float | None] | None = None
        self._config: Config | None = None
        self._linter: Linter | None = None

    def get(self) -> Linter:
        from django.conf import settings

        config_path = getattr(settings, "CLAIMLINT_CONFIG", None)
        model = getattr(settings, "CLAIMLINT_MODEL", None)
        built = (str(config_path) if config_path else None, _mtime(config_path, "CLAIMLINT_CONFIG"), model)
        with self._lock:
            rebuild = self._built != built  # the first call, or the config or model changed
            if rebuild:
                self._config = load_config(Path(config_path)) if config_path else None
            manifest_path, named_by = self._manifest_path()
            manifest = (manifest_path, _mtime(manifest_path, named_by))
            if self._linter is None or rebuild:
                config = self._config or Config()
                config = replace(config, manifest=manifest_path, model=model or config.model)
                self._linter = Linter.from_config(config)
            elif self._manifest != manifest:
                self._linter = self._linter.reload(Manifest.load(manifest_path))
            self._built, self._manifest = built, manifest
            return self._linter

    def _manifest_path(self) -> tuple[Path, str]:
        """The manifest's path, and what named it."""
        from django.conf import settings

        named = getattr(settings, "CLAIMLINT_MANIFEST", None)
        if named:
            return Path(named), "CLAIMLINT_MANIFEST"
        if self._config is not None and self._config.manifest is not None:
            return self._config.manifest, f"'manifest' in {self._config.path}"
        if self._config is not None:
            raise ConfigError(f"{self._config.path}: no manifest: set 'manifest' in it, or CLAIMLINT_MANIFEST "
                              "in your Django settings")
        raise ConfigError("set CLAIMLINT_MANIFEST (or CLAIMLINT_CONFIG) in your Django settings")


def _mtime(path: Any, setting: str) -> float | None:
    if not path:
        return None
    try:
        return Path(path).stat().st_mtime
    except OSError:
        raise ConfigError(f"{path}: {setting} names no readable file") from None


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


def page_source(page: Any, parent: Any = None, slug: str | None = None) -> str:
    """What a page's findings are reported against, and what ``per-file-ignores`` globs
    match: its full URL, as a scan of the live site reports it. ``slug`` is the one being
    saved (the page's own by default): a page being created, or given a new slug, gets its
    parent's URL and that slug. A page no Site routes to keeps its place in the page tree."""
    slug = slug or getattr(page, "slug", "")
    placed = str(getattr(page, "url_path", "") or "")
    if placed and placed.rstrip("/").rpartition("/")[2] == slug:
        return str(page.get_full_url() or placed)
    if parent is None and placed:
        parent = page.get_parent()  # a live page's tree path keeps its old slug until published
    base = parent.get_full_url() if parent is not None and slug else None
    return f"{base.rstrip('/')}/{slug}/" if base else placed or "page"


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
