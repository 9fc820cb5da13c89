"""claimlint: check marketing pages against a capability manifest.

>>> from claimlint import Linter, Manifest                        # doctest: +SKIP
>>> linter = Linter(Manifest.load("claims.yaml"))                  # doctest: +SKIP
>>> findings = linter.lint_html(html, source="https://acme.example/pricing")  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from claimlint.api import Linter, PageResult
    from claimlint.checks.model import Finding, Rule
    from claimlint.claims.model import Claim, Quantity
    from claimlint.errors import ClaimlintError, ConfigError, FetchError, ManifestError, ModelError, SourceError
    from claimlint.manifest.model import Manifest

_EXPORTS = {
    "Linter": "claimlint.api",
    "PageResult": "claimlint.api",
    "Finding": "claimlint.checks.model",
    "Rule": "claimlint.checks.model",
    "Claim": "claimlint.claims.model",
    "Quantity": "claimlint.claims.model",
    "Manifest": "claimlint.manifest.model",
    "ClaimlintError": "claimlint.errors",
    "ConfigError": "claimlint.errors",
    "FetchError": "claimlint.errors",
    "ManifestError": "claimlint.errors",
    "ModelError": "claimlint.errors",
    "SourceError": "claimlint.errors",
}


def __getattr__(name: str) -> Any:
    """Import lazily, so ``claimlint --help`` and ``manifest check`` never load spaCy."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'claimlint' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = sorted(_EXPORTS)
