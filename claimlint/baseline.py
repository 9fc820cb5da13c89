"""Baselines: today's findings recorded so that only new mismatches fail.

Entries are keyed by path, rule, capability and a fingerprint of the normalised claim text,
never by line, so edits elsewhere on a page do not disturb them; rewriting the claim makes a
new fingerprint, so a rewritten claim is checked afresh.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from claimlint.checks.model import Finding
from claimlint.errors import ConfigError

Key = tuple[str, str, str, str]


def normalised(text: str) -> str:
    return " ".join(re.sub(r"[^\w%+.]+", " ", text.lower()).split())


def fingerprint(finding: Finding) -> str:
    """A stable id for a finding: what it is about, not where it sits."""
    basis = finding.claim.text if finding.claim is not None else finding.message
    digest = hashlib.sha256(
        "\0".join((finding.path, finding.rule, finding.capability or "", normalised(basis))).encode("utf-8")
    ).hexdigest()
    return digest[:16]


def key(finding: Finding) -> Key:
    return finding.path, finding.rule, finding.capability or "", fingerprint(finding)


def write_baseline(path: Path, findings: Iterable[Finding]) -> int:
    entries = sorted(
        ({"path": f.path, "rule": f.rule, "capability": f.capability, "fingerprint": fingerprint(f), "message": f.message}
         for f in findings),
        key=lambda e: (e["path"], e["rule"], e["capability"] or "", e["fingerprint"]),
    )
    path.write_text(json.dumps({"version": 1, "findings": entries}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(entries)


def read_baseline(path: Path) -> Counter[Key]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Counter((e["path"], e["rule"], e["capability"] or "", e["fingerprint"]) for e in data["findings"])
    except FileNotFoundError:
        raise ConfigError(f"{path}: baseline not found (create it with --write-baseline)") from None
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        raise ConfigError(f"{path}: not a claimlint baseline: {error}") from None


def filter_new(findings: Sequence[Finding], baseline: Counter[Key]) -> tuple[list[Finding], int]:
    """The findings the baseline does not account for, and how many it did. A key recorded
    twice absorbs two findings; a third is new."""
    remaining = Counter(baseline)
    new: list[Finding] = []
    for finding in findings:
        k = key(finding)
        if remaining[k] > 0:
            remaining[k] -= 1
        else:
            new.append(finding)
    return new, len(findings) - len(new)
