"""GitHub Actions workflow commands: findings become annotations on the pull request."""

from __future__ import annotations

from claimlint.report import RunSummary

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(summary: RunSummary) -> str:
    out = []
    for f in summary.findings:
        properties = ",".join([
            f"file={_property(f.path)}", f"line={f.line}", f"col={f.column}",
            f"endLine={f.end_line}", f"endColumn={f.end_column}", f"title={_property(f'{f.rule} {f.name}')}",
        ])
        tail = f" [{f.capability}]" if f.capability else ""
        out.append(f"::{_LEVELS[f.severity]} {properties}::{_data(f.message + tail)}\n")
    return "".join(out)
