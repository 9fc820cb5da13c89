"""Regenerate the extraction golden files after a deliberate change, then review the diff:

    python tests/golden.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "fixtures" / "pages"
EXPECTED = ROOT / "fixtures" / "expected"


def claims_json(page: Path) -> str:
    from claimlint.api import Linter
    from claimlint.manifest import Manifest
    from claimlint.sources import read_document

    global _LINTER
    if _LINTER is None:
        _LINTER = Linter(Manifest.load(PAGES / "manifest.yaml"))
    claims = _LINTER.claims(read_document(page, shown_as=f"fixtures/pages/{page.name}"))
    return json.dumps({"version": 1, "claims": [c.to_dict() for c in claims]}, indent=2, ensure_ascii=False) + "\n"


_LINTER = None


def pages() -> list[Path]:
    return sorted(p for p in PAGES.iterdir() if p.suffix in (".html", ".md", ".mdx"))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    EXPECTED.mkdir(exist_ok=True)
    for page in pages():
        (EXPECTED / f"{page.name}.claims.json").write_text(claims_json(page), encoding="utf-8")
        print(f"wrote fixtures/expected/{page.name}.claims.json")
