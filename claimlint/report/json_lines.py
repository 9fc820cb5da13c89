"""One JSON object per finding per line, for streaming into other tools."""

from __future__ import annotations

import json

from claimlint.report import RunSummary


def render(summary: RunSummary) -> str:
    return "".join(json.dumps(f.to_dict(), ensure_ascii=False) + "\n" for f in summary.findings)
