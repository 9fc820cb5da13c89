"""The capability manifest: model and loader."""

from claimlint.manifest.model import (
    Capability,
    Competitor,
    ForbiddenPhrase,
    Limit,
    Manifest,
    Plan,
    Product,
)

__all__ = ["Capability", "Competitor", "ForbiddenPhrase", "Limit", "Manifest", "Plan", "Product"]
