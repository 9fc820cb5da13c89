"""The capability manifest as frozen records (format v1, see docs/manifest.md)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from claimlint.records import PicklesReadOnlyMappings
from claimlint.units import Unit, format_value

Status = Literal["available", "beta", "planned", "deprecated", "removed", "unsupported"]
Kind = Literal["feature", "integration", "platform", "compliance", "deployment"]
Direction = Literal["max", "min", "exact"]

STATUSES: tuple[Status, ...] = ("available", "beta", "planned", "deprecated", "removed", "unsupported")


@dataclass(frozen=True)
class _Named:
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def phrases(self) -> tuple[str, ...]:
        return _unique((self.name, *self.aliases))


@dataclass(frozen=True)
class Product(_Named):
    """The product the pages are about."""


@dataclass(frozen=True)
class Competitor(_Named):
    """A competitor: claims about it are not claims about the product."""


@dataclass(frozen=True)
class Plan:
    id: str
    name: str
    aliases: tuple[str, ...]
    rank: int  # position in the manifest, lowest plan first
    retired: bool = False

    @property
    def phrases(self) -> tuple[str, ...]:
        return _unique((self.name, *self.aliases))


@dataclass(frozen=True)
class Capability:
    id: str
    name: str
    aliases: tuple[str, ...]
    status: Status
    kind: Kind = "feature"
    plans: frozenset[str] | None = None  # None: every plan
    addon_plans: frozenset[str] = frozenset()
    docs: str | None = None
    note: str | None = None
    line: int = 0  # where the manifest defines it

    @property
    def phrases(self) -> tuple[str, ...]:
        return _unique((self.name, *self.aliases))

    def included_on(self, plan_id: str) -> bool:
        """Whether the capability comes with ``plan_id`` (add-ons are not included)."""
        return self.plans is None or plan_id in self.plans


@dataclass(frozen=True)
class Limit(PicklesReadOnlyMappings):
    id: str
    name: str
    aliases: tuple[str, ...]
    unit: Unit
    direction: Direction
    bound: float  # the best bound over all plans, in ``unit``; math.inf for unlimited
    per_plan: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    docs: str | None = None
    note: str | None = None
    line: int = 0

    @property
    def phrases(self) -> tuple[str, ...]:
        return _unique((self.name, *self.aliases))

    def bound_for(self, plan_ids: frozenset[str] | None) -> float:
        """The bound for the named plans (the most generous of them), or the overall bound."""
        if not plan_ids:
            return self.bound
        values = [self.per_plan[plan] for plan in plan_ids if plan in self.per_plan]
        if not values:
            return self.bound
        return min(values) if self.direction == "min" else max(values)

    def violates(self, value: float, plan_ids: frozenset[str] | None = None) -> bool:
        """Whether claiming ``value`` contradicts this limit for the named plans."""
        bound = self.bound_for(plan_ids)
        if self.direction == "max":
            return value > bound
        if self.direction == "min":
            return value < bound
        return not math.isclose(value, bound, rel_tol=1e-9)

    def describe(self, plan_ids: frozenset[str] | None = None) -> str:
        word = {"max": "at most", "min": "at least", "exact": "exactly"}[self.direction]
        return f"{word} {format_value(self.bound_for(plan_ids), self.unit)}"


@dataclass(frozen=True)
class ForbiddenPhrase:
    text: str
    aliases: tuple[str, ...] = ()
    reason: str | None = None

    @property
    def phrases(self) -> tuple[str, ...]:
        return _unique((self.text, *self.aliases))


@dataclass(frozen=True)
class Manifest(PicklesReadOnlyMappings):
    """What the product really does. Build with :meth:`load` or :meth:`from_yaml`."""

    product: Product  # its name and the other names pages use for it
    competitors: tuple[Competitor, ...] = ()  # claims about them are not claims about the product
    plans: tuple[Plan, ...] = ()  # lowest first, retired ones included
    capabilities: Mapping[str, Capability] = field(default_factory=lambda: MappingProxyType({}))  # by id
    limits: Mapping[str, Limit] = field(default_factory=lambda: MappingProxyType({}))  # by id
    forbidden_phrases: tuple[ForbiddenPhrase, ...] = ()  # words no page may use, with the reason
    version: int = 1  # the manifest format's version
    path: str | None = None  # the file it was read from, as error messages name it
    digest: str = ""  # a hash of the text it was read from

    @classmethod
    def load(cls, path: str | Path) -> Manifest:
        """Read and validate a manifest file. Raises :class:`~claimlint.errors.ManifestError`."""
        from claimlint.manifest.loader import load_manifest

        return load_manifest(path)

    @classmethod
    def from_yaml(cls, text: str, path: str = "<manifest>") -> Manifest:
        """Validate manifest YAML held in memory; ``path`` names it in error messages."""
        from claimlint.manifest.loader import parse_manifest

        return parse_manifest(text, path)

    def plan(self, plan_id: str) -> Plan | None:
        for plan in self.plans:
            if plan.id == plan_id:
                return plan
        return None

    @property
    def current_plans(self) -> tuple[Plan, ...]:
        """The plans still sold, lowest first."""
        return tuple(plan for plan in self.plans if not plan.retired)

    def plans_from(self, plan_id: str) -> frozenset[str]:
        """``plan_id`` and every current plan above it ("team+")."""
        start = self.plan(plan_id)
        if start is None:
            return frozenset()
        return frozenset(p.id for p in self.plans if p.rank >= start.rank and (not p.retired or p.id == plan_id))

    def with_statuses(self, statuses: Mapping[str, Status]) -> Manifest:
        """A copy whose capabilities have the given statuses (for cheap reloads)."""
        from dataclasses import replace

        capabilities = dict(self.capabilities)
        for capability_id, status in statuses.items():
            capabilities[capability_id] = replace(capabilities[capability_id], status=status)
        return replace(self, capabilities=MappingProxyType(capabilities))


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.casefold(), item)
    return tuple(seen.values())
