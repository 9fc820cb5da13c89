"""Read a manifest: safe YAML with line numbers, JSON Schema validation, semantic checks.

Every problem becomes one line ``file:line: key.path: what is wrong; what is allowed``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, cast

from claimlint.errors import ManifestError
from claimlint.manifest.model import (
    Capability,
    Competitor,
    Direction,
    ForbiddenPhrase,
    Kind,
    Limit,
    Manifest,
    Plan,
    Product,
    Status,
)
from claimlint.units import parse_limit_value, unit_for
from claimlint.validation import KeyPath, Problems, dotted, line_of, read_yaml, schema_problems, suggest


def load_manifest(path: str | Path) -> Manifest:
    shown = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ManifestError([f"{shown}: manifest not found"]) from None
    except IsADirectoryError:
        raise ManifestError([f"{shown}: is a folder, not a manifest file"]) from None
    except OSError as error:
        raise ManifestError([f"{shown}: cannot read manifest: {error.strerror}"]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ManifestError([f"{shown}:{line}: not valid UTF-8 text"]) from None
    return parse_manifest(text, shown)


def parse_manifest(text: str, path: str = "<manifest>") -> Manifest:
    try:
        data, lines = read_yaml(text, path, "the manifest is empty; it needs at least 'version: 1' and 'product'")
    except Problems as error:
        raise ManifestError(error.problems) from None
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if not validated.seen(digest):
        problems = list(_schema_problems(data, lines, path))
        if problems:
            raise ManifestError(problems)
    builder = _Builder(data, lines, path)
    manifest = builder.build(digest)
    if builder.problems:
        raise ManifestError(builder.problems)
    validated.remember(digest)
    return manifest


@lru_cache(maxsize=1)
def _schema_digest() -> str:
    return hashlib.sha256(json.dumps(manifest_schema(), sort_keys=True).encode()).hexdigest()[:12]


class _ValidatedCache:
    """Digests of manifests that passed validation, kept on disk so that a pre-commit run on an
    unchanged manifest skips JSON Schema (and importing it). Any change to the manifest, to
    claimlint or to the schema changes the key; a cache that cannot be read or written is
    simply not used."""

    def __init__(self) -> None:
        self._memory: set[str] = set()

    def _file(self, digest: str) -> Path | None:
        import os

        from claimlint import __version__

        root = os.environ.get("CLAIMLINT_CACHE_DIR") or os.path.join(
            os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "claimlint")
        return Path(root) / "valid-manifests" / f"{__version__}-{_schema_digest()}-{digest}"

    def seen(self, digest: str) -> bool:
        if digest in self._memory:
            return True
        path = self._file(digest)
        return path is not None and path.exists()

    def remember(self, digest: str) -> None:
        self._memory.add(digest)
        path = self._file(digest)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch()
        except OSError:
            pass


validated = _ValidatedCache()


@lru_cache(maxsize=1)
def manifest_schema() -> dict[str, Any]:
    """The JSON Schema of manifest v1, as shipped in the package."""
    text = resources.files("claimlint.manifest").joinpath("schema.json").read_text(encoding="utf-8")
    return cast(dict[str, Any], json.loads(text))


def _schema_problems(data: Any, lines: Mapping[KeyPath, int], path: str) -> Iterator[str]:
    if not isinstance(data, dict):
        yield f"{path}:1: the manifest must be a mapping with 'version: 1' and 'product'"
        return
    for key in data:
        if not isinstance(key, str):
            yield f"{path}:1: {key!r}: keys must be text"
            return
    yield from schema_problems(data, manifest_schema(), lines, path)


def _not_a_plan(ref: str, known: Sequence[str]) -> str:
    if not known:
        return f"{ref!r} is not a plan; the manifest defines no plans (add a 'plans' list)"
    return f"{ref!r} is not a plan{suggest(ref.rstrip('+'), known)}; plans are {', '.join(known)}"



# -- records and semantic checks -------------------------------------------------------------


class _Builder:
    """Turns validated data into records, collecting problems the schema cannot express."""

    def __init__(self, data: dict[str, Any], lines: Mapping[KeyPath, int], path: str) -> None:
        self.data = data
        self.lines = lines
        self.path = path
        self.problems: list[str] = []
        self.plans: tuple[Plan, ...] = ()

    def problem(self, key_path: KeyPath, message: str) -> None:
        self.problems.append(f"{self.path}:{line_of(self.lines, key_path)}: {dotted(key_path)}: {message}")

    def build(self, digest: str) -> Manifest:
        product_data = self.data["product"]
        product = Product(product_data["name"], tuple(product_data.get("aliases", ())))
        competitors = tuple(self._competitor(item) for item in self.data.get("competitors", ()))
        self.plans = self._plans(self.data.get("plans", ()))
        capabilities = {
            capability_id: self._capability(capability_id, item)
            for capability_id, item in self.data.get("capabilities", {}).items()
        }
        limits: dict[str, Limit] = {}
        for limit_id, item in self.data.get("limits", {}).items():
            limit = self._limit(limit_id, item)
            if limit is not None:
                limits[limit_id] = limit
        forbidden = tuple(self._phrase(item) for item in self.data.get("phrases", {}).get("forbidden", ()))
        self._check_aliases(product, competitors, capabilities, limits)
        return Manifest(
            product=product,
            competitors=competitors,
            plans=self.plans,
            capabilities=MappingProxyType(capabilities),
            limits=MappingProxyType(limits),
            forbidden_phrases=forbidden,
            version=1,
            path=self.path,
            digest=digest,
        )

    @staticmethod
    def _competitor(item: str | dict[str, Any]) -> Competitor:
        if isinstance(item, str):
            return Competitor(item)
        return Competitor(item["name"], tuple(item.get("aliases", ())))

    def _plans(self, items: list[Any]) -> tuple[Plan, ...]:
        plans: list[Plan] = []
        seen: set[str] = set()
        for rank, item in enumerate(items):
            if isinstance(item, str):
                item = {"id": item}
            plan_id = item["id"]
            if plan_id in seen:
                self.problem(("plans", rank, "id"), f"plan {plan_id!r} is listed twice")
                continue
            seen.add(plan_id)
            name = item.get("name") or plan_id.replace("-", " ").replace("_", " ").title()
            plans.append(Plan(plan_id, name, tuple(item.get("aliases", ())), rank, bool(item.get("retired", False))))
        return tuple(plans)

    def _plan_ids(self) -> list[str]:
        return [plan.id for plan in self.plans]

    def _resolve_plans(self, key_path: KeyPath, refs: list[str]) -> frozenset[str]:
        resolved: set[str] = set()
        known = self._plan_ids()
        for index, ref in enumerate(refs):
            plan_id = ref.rstrip("+")
            if plan_id not in known:
                self.problem(key_path + (index,), _not_a_plan(ref, known))
                continue
            if ref.endswith("+"):
                rank = known.index(plan_id)
                resolved.update(plan.id for plan in self.plans if plan.rank >= rank and not plan.retired)
                resolved.add(plan_id)
            else:
                resolved.add(plan_id)
        return frozenset(resolved)

    def _capability(self, capability_id: str, item: dict[str, Any]) -> Capability:
        key_path: KeyPath = ("capabilities", capability_id)
        name = item.get("name") or capability_id.replace("-", " ").replace("_", " ")
        plans = self._resolve_plans(key_path + ("plans",), item["plans"]) if "plans" in item else None
        addon = self._resolve_plans(key_path + ("addon_plans",), item.get("addon_plans", []))
        if plans is not None and plans & addon:
            both = ", ".join(sorted(plans & addon))
            self.problem(key_path + ("addon_plans",), f"{both} cannot be both included (plans) and an add-on (addon_plans)")
        return Capability(
            id=capability_id,
            name=name,
            aliases=tuple(item.get("aliases", ())),
            status=cast(Status, item["status"]),
            kind=cast(Kind, item.get("kind", "feature")),
            plans=plans,
            addon_plans=addon,
            docs=item.get("docs"),
            note=item.get("note"),
            line=line_of(self.lines, key_path),
        )

    def _limit(self, limit_id: str, item: dict[str, Any]) -> Limit | None:
        key_path: KeyPath = ("limits", limit_id)
        directions = [key for key in ("max", "min", "exact") if key in item]
        if len(directions) != 1:
            found = ", ".join(directions) if directions else "none"
            self.problem(key_path, f"needs exactly one of max, min or exact (found {found})")
            return None
        direction: Direction = directions[0]
        unit = unit_for(item.get("unit", limit_id))
        try:
            bound = parse_limit_value(item[direction], unit)
        except ValueError as error:
            self.problem(key_path + (direction,), str(error))
            return None
        per_plan: dict[str, float] = {}
        known = self._plan_ids()
        for plan_id, value in item.get("per_plan", {}).items():
            where = key_path + ("per_plan", plan_id)
            if plan_id not in known:
                self.problem(where, _not_a_plan(plan_id, known))
                continue
            try:
                per_plan[plan_id] = parse_limit_value(value, unit)
            except ValueError as error:
                self.problem(where, str(error))
                continue
        name = item.get("name") or limit_id.replace("-", " ").replace("_", " ")
        return Limit(
            id=limit_id,
            name=name,
            aliases=tuple(item.get("aliases", ())),
            unit=unit,
            direction=direction,
            bound=bound,
            per_plan=MappingProxyType(per_plan),
            docs=item.get("docs"),
            note=item.get("note"),
            line=line_of(self.lines, key_path),
        )

    @staticmethod
    def _phrase(item: str | dict[str, Any]) -> ForbiddenPhrase:
        if isinstance(item, str):
            return ForbiddenPhrase(item)
        return ForbiddenPhrase(item["text"], tuple(item.get("aliases", ())), item.get("reason"))

    def _check_aliases(
        self,
        product: Product,
        competitors: tuple[Competitor, ...],
        capabilities: Mapping[str, Capability],
        limits: Mapping[str, Limit],
    ) -> None:
        """Two entries claiming the same words would make every match ambiguous."""
        owners: dict[str, KeyPath] = {}
        entries: list[tuple[KeyPath, tuple[str, ...]]] = [(("product",), product.phrases)]
        entries += [(("competitors", i), c.phrases) for i, c in enumerate(competitors)]
        entries += [(("plans", p.rank), p.phrases) for p in self.plans]
        entries += [(("capabilities", cid), c.phrases) for cid, c in capabilities.items()]
        entries += [(("limits", lid), lim.phrases) for lid, lim in limits.items()]
        for key_path, phrases in entries:
            for phrase in phrases:
                folded = " ".join(phrase.casefold().split())
                owner = owners.setdefault(folded, key_path)
                if owner != key_path:
                    self.problem(key_path, f"the name or alias {phrase!r} is already used by {dotted(owner)}; each alias may name one thing")
