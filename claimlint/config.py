"""Configuration: ``.claimlint.yaml`` or ``[tool.claimlint]`` in ``pyproject.toml``, found by
walking up from the working folder; command-line flags override it."""

from __future__ import annotations

import fnmatch
import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, cast
from urllib.parse import unquote, urlsplit

from claimlint.checks.model import Severity
from claimlint.errors import ConfigError
from claimlint.records import PicklesReadOnlyMappings
from claimlint.validation import KeyPath, Problems, read_yaml, schema_problems

CONFIG_NAMES = (".claimlint.yaml", ".claimlint.yml", "claimlint.yaml")


@dataclass(frozen=True)
class Config(PicklesReadOnlyMappings):
    """Settings for a run. Paths in it are resolved against the config file's folder."""

    path: Path | None = None  # the config file; None: the defaults, no file read
    root: Path = field(default_factory=Path.cwd)  # the config file's folder
    manifest: Path | None = None  # "manifest"
    paths: tuple[str, ...] = ()  # "paths": what `claimlint check` checks when given none
    include: tuple[str, ...] = ()  # "include": file globs
    exclude: tuple[str, ...] = ()  # "exclude": file globs
    select: tuple[str, ...] | None = None  # "select": rule codes or prefixes; None: every rule
    extend_select: tuple[str, ...] = ()  # "extend-select"
    ignore: tuple[str, ...] = ()  # "ignore"
    severity: Mapping[str, Severity] = field(default_factory=lambda: MappingProxyType({}))  # "severity", by rule code
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()  # "per-file-ignores": (glob, codes)
    fail_on: Severity = "warning"  # "fail-on": the lowest severity that fails a run
    format: str | None = None  # "format"
    model: str | None = None  # "model": an installed trained spaCy pipeline; None: claimlint's own
    baseline: Path | None = None  # "baseline"
    skip_selectors: tuple[str, ...] = ()  # "html: skip-selectors": CSS selectors of site chrome

    def manifest_path(self) -> Path:
        """The manifest the config names. Raises ConfigError when it names none."""
        if self.manifest is None:
            where = f"{self.path}: " if self.path is not None else ""
            raise ConfigError(f"{where}no manifest: set 'manifest' in the config, or pass one")
        return self.manifest

    def ignored_for(self, source: str) -> tuple[str, ...]:
        """Codes ignored for one page by ``per-file-ignores`` globs. A file's glob matches its
        path relative to the config's folder, or its name; a page read from the web (a scan, or
        a Linter given a URL as ``source``) is matched by its URL, its path ("blog/2021-*") or
        its last path segment."""
        names = _url_names(source) if _URL.match(source) else _file_names(source, self.root)
        codes: list[str] = []
        for pattern, ignored in self.per_file_ignores:
            if any(fnmatch.fnmatch(name, pattern) for name in names):
                codes.extend(ignored)
        return tuple(codes)


_URL = re.compile(r"[a-z][a-z0-9+.-]*://", re.I)


def _url_names(url: str) -> tuple[str, ...]:
    path = unquote(urlsplit(url).path).strip("/")
    return url, path, path.rpartition("/")[2]


def _file_names(shown_path: str, root: Path) -> tuple[str, str]:
    posix = _relative(shown_path, root)
    return posix, Path(posix).name


def _relative(shown_path: str, root: Path) -> str:
    path = Path(shown_path)
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


@lru_cache(maxsize=1)
def config_schema() -> dict[str, Any]:
    text = resources.files("claimlint").joinpath("config_schema.json").read_text(encoding="utf-8")
    return cast(dict[str, Any], json.loads(text))


def find_config(start: Path) -> Path | None:
    """The nearest .claimlint.yaml, or pyproject.toml with a [tool.claimlint] table, upward."""
    for folder in (start.resolve(), *start.resolve().parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and re.search(r"^\[tool\.claimlint[\].]", pyproject.read_text(encoding="utf-8", errors="replace"), re.M):
            return pyproject
    return None


def resolve_config(config: Config | str | Path | None) -> Config:
    """Settings as the API takes them: already read, a config file's path, or None for the
    config file nearest the working folder (found as the command line finds it)."""
    if config is None:
        return load_config(find_config(Path.cwd()))
    if isinstance(config, (str, Path)):
        return load_config(Path(config))
    return config


def load_config(path: Path | None) -> Config:
    """Read a config file (or return the defaults). Raises ConfigError with one line per problem."""
    if path is None:
        return Config()
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{shown}: config file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{shown}: cannot read config: {error}") from None
    if path.suffix == ".toml":
        data, lines = _read_pyproject(text, shown)
    else:
        try:
            data, lines = read_yaml(text, shown, "the config is empty")
        except Problems as error:
            raise ConfigError(error.problems[0]) from None
    if not isinstance(data, dict):
        raise ConfigError(f"{shown}:1: the config must be a mapping of settings")
    problems = list(schema_problems(data, config_schema(), lines, shown))
    if problems:
        raise ConfigError(problems[0])
    root = path.resolve().parent
    html = data.get("html", {})
    return Config(
        path=path,
        root=root,
        manifest=root / data["manifest"] if "manifest" in data else None,
        paths=tuple(data.get("paths", ())),
        include=tuple(data.get("include", ())),
        exclude=tuple(data.get("exclude", ())),
        select=tuple(code.upper() for code in data["select"]) if "select" in data else None,
        extend_select=tuple(code.upper() for code in data.get("extend-select", ())),
        ignore=tuple(code.upper() for code in data.get("ignore", ())),
        severity=MappingProxyType({code.upper(): level for code, level in data.get("severity", {}).items()}),
        per_file_ignores=tuple((pattern, tuple(c.upper() for c in codes))
                               for pattern, codes in data.get("per-file-ignores", {}).items()),
        fail_on=data.get("fail-on", "warning"),
        format=data.get("format"),
        model=data.get("model"),
        baseline=root / data["baseline"] if "baseline" in data else None,
        skip_selectors=tuple(html.get("skip-selectors", ())),
    )


def _read_pyproject(text: str, shown: str) -> tuple[dict[str, Any], dict[KeyPath, int]]:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        raise ConfigError(f"{shown}:{match.group(1) if match else 1}: invalid TOML: {error}") from None
    data = document.get("tool", {}).get("claimlint", {})
    return data, _toml_lines(text)


def _toml_lines(text: str) -> dict[KeyPath, int]:
    """Lines of the keys of [tool.claimlint] and its sub-tables (TOML parsers give none)."""
    lines: dict[KeyPath, int] = {}
    table: tuple[str, ...] | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        header = re.match(r"^\s*\[\s*tool\.claimlint(?:\.([\w\-\"'.]+))?\s*\]", line)
        if header:
            table = tuple(part.strip("\"'") for part in header.group(1).split(".")) if header.group(1) else ()
            if table:
                lines.setdefault(table, number)
            continue
        if re.match(r"^\s*\[", line):
            table = None
            continue
        if table is None:
            continue
        key = re.match(r"^\s*(\"[^\"]+\"|'[^']+'|[\w\-.*/]+)\s*=", line)
        if key:
            lines.setdefault((*table, key.group(1).strip("\"'")), number)
    return lines


def merged(config: Config, **overrides: Any) -> Config:
    """``config`` with the command line's settings on top (None means: not given)."""
    given = {key: value for key, value in overrides.items() if value is not None and value != ()}
    if "ignore" in given:
        given["ignore"] = tuple(config.ignore) + tuple(given["ignore"])
    if "extend_select" in given:
        given["extend_select"] = tuple(config.extend_select) + tuple(given["extend_select"])
    return replace(config, **given)


def rules_for(config: Config) -> tuple[tuple[str, ...] | None, tuple[str, ...]]:
    """(select, ignore) as the Linter takes them; with no ``select``, every rule runs."""
    if config.select is None:
        return None, config.ignore
    return tuple(config.select) + tuple(config.extend_select), config.ignore
