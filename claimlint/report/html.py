"""A self-contained HTML report of a scan or check, to hand to a content team."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from claimlint import __version__
from claimlint.checks.model import Finding
from claimlint.report import RunSummary
from claimlint.report.grouping import group


@lru_cache(maxsize=1)
def _template() -> Any:
    from jinja2 import Environment, PackageLoader, select_autoescape

    environment = Environment(loader=PackageLoader("claimlint.report", "templates"),
                              autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)
    environment.filters["text_fragment"] = text_fragment_link
    environment.filters["highlight"] = highlight
    return environment.get_template("report.html.j2")


def text_fragment_link(finding: Finding) -> str | None:
    """A link to the live page that scrolls to and highlights the claim (``#:~:text=``)."""
    if not re.match(r"https?://", finding.path) or finding.claim is None:
        return None
    words = finding.claim.mention or finding.claim.text
    return f"{finding.path}#:~:text={quote(words, safe='')}"


def highlight(finding: Finding) -> Any:
    """The sentence with the claim's words marked; every part escaped."""
    from markupsafe import Markup, escape

    if finding.claim is None:
        return escape(finding.message)
    sentence, mention = finding.claim.sentence, finding.claim.mention
    at = sentence.find(mention) if mention else -1
    if at < 0:
        return escape(sentence)
    return Markup(f"{escape(sentence[:at])}<mark>{escape(mention)}</mark>{escape(sentence[at + len(mention):])}")


def render(summary: RunSummary, title: str = "claimlint report") -> str:
    findings = summary.findings
    repeated, single = group(findings)
    by_capability: dict[str, list[Finding]] = {}
    for finding in single:
        by_capability.setdefault(finding.capability or "(wording)", []).append(finding)
    by_page: dict[str, list[Finding]] = {}
    for finding in findings:
        by_page.setdefault(finding.path, []).append(finding)
    return str(_template().render(
        title=title,
        version=__version__,
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        totals=summary.totals(),
        severities=Counter(f.severity for f in findings),
        repeated=repeated,
        by_capability=sorted(by_capability.items(), key=lambda item: (-len(item[1]), item[0])),
        by_page=sorted(by_page.items()),
        pages_checked=[r.source for r in summary.results],
        skipped=summary.skipped,
    ))
