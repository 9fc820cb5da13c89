"""Read a manifest: safe YAML with line numbers, JSON Schema validation, semantic checks.

Every problem becomes one line ``file:line: key.path: what is wrong; what is allowed``.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, cast

import yaml

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

KeyPath = tuple[str | int, ...]

_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "nothing",
}


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
    data, lines = _read_yaml(text, path)
    problems = list(_schema_problems(data, lines, path))
    if problems:
        raise ManifestError(problems)
    builder = _Builder(data, lines, path)
    manifest = builder.build(hashlib.sha256(text.encode("utf-8")).hexdigest())
    if builder.problems:
        raise ManifestError(builder.problems)
    return manifest


# -- YAML with positions -------------------------------------------------------------------


def _read_yaml(text: str, path: str) -> tuple[Any, dict[KeyPath, int]]:
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ManifestError([f"{path}:1: the manifest is empty; it needs at least 'version: 1' and 'product'"])
        lines: dict[KeyPath, int] = {}
        problems: list[str] = []
        _index_node(node, (), lines, problems, path)
        if problems:
            raise ManifestError(problems)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = error.problem or error.context or "invalid YAML"
        raise ManifestError([f"{path}:{line}: invalid YAML: {what}"]) from None
    except yaml.YAMLError as error:
        raise ManifestError([f"{path}:1: invalid YAML: {error}"]) from None
    finally:
        loader.dispose()
    return data, lines


def _index_node(node: yaml.Node, key_path: KeyPath, lines: dict[KeyPath, int], problems: list[str], path: str) -> None:
    """Record the line of every key path; report duplicate keys, which YAML would drop silently."""
    lines.setdefault(key_path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in first_seen:
                problems.append(
                    f"{path}:{line}: {_dotted(key_path + (key,))}: duplicate key (first at line {first_seen[key]}); keep one"
                )
                continue
            first_seen[key] = line
            lines[key_path + (key,)] = line
            _index_node(value_node, key_path + (key,), lines, problems, path)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[key_path + (index,)] = item.start_mark.line + 1
            _index_node(item, key_path + (index,), lines, problems, path)


def _dotted(key_path: Sequence[str | int]) -> str:
    out = ""
    for part in key_path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def _line(lines: Mapping[KeyPath, int], key_path: KeyPath) -> int:
    while key_path not in lines and key_path:
        key_path = key_path[:-1]
    return lines.get(key_path, 1)


# -- JSON Schema -----------------------------------------------------------------------------


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
    import jsonschema

    validator = jsonschema.Draft202012Validator(manifest_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: (_line(lines, tuple(e.absolute_path)), list(map(str, e.absolute_path))))
    for error in errors:
        yield from _explain(error, lines, path)


def _explain(error: Any, lines: Mapping[KeyPath, int], path: str) -> Iterator[str]:
    key_path: KeyPath = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    validator = error.validator
    if validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted(schema.get("properties", {}))
        for key in sorted(set(error.instance) - set(allowed)):
            where = key_path + (key,)
            hint = _suggest(key, allowed)
            yield f"{path}:{_line(lines, where)}: {_dotted(where)}: unknown key{hint}; allowed keys are {', '.join(allowed)}"
        return
    if "propertyNames" in error.schema_path:
        where = key_path + (str(error.instance),)
        yield f"{path}:{_line(lines, where)}: {_dotted(where)}: {error.instance!r} is not a valid id; use lowercase letters, digits, '-', '_' and '.'"
        return
    prefix = f"{path}:{_line(lines, key_path)}: {_dotted(key_path)}"
    if validator == "required":
        missing = [key for key in error.validator_value if key not in error.instance]
        yield f"{prefix}: missing required key {', '.join(repr(k) for k in missing)}"
    elif validator == "enum":
        options = [str(option) for option in error.validator_value]
        hint = _suggest(str(error.instance), options)
        yield f"{prefix}: {error.instance!r} is not allowed{hint}; use one of {', '.join(options)}"
    elif validator == "const":
        yield f"{prefix}: {error.instance!r} is not supported; use {error.validator_value!r}"
    elif validator == "type":
        wanted = error.validator_value
        names = [wanted] if isinstance(wanted, str) else list(wanted)
        yield f"{prefix}: expected {' or '.join(_TYPE_NAMES.get(n, n) for n in names)}, got {_describe(error.instance)}"
    elif validator == "pattern":
        yield f"{prefix}: {error.instance!r} is not valid; use {schema.get('description', 'the pattern ' + error.validator_value)}"
    elif validator == "minLength":
        yield f"{prefix}: must not be empty"
    elif validator in ("anyOf", "oneOf"):
        yield f"{prefix}: {_describe(error.instance)} is not valid here; use {schema.get('description', 'a value of the documented form')}"
    else:
        yield f"{prefix}: {error.message}"


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (true or false)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "nothing" if value is None else repr(value)


def _not_a_plan(ref: str, known: Sequence[str]) -> str:
    if not known:
        return f"{ref!r} is not a plan; the manifest defines no plans (add a 'plans' list)"
    return f"{ref!r} is not a plan{_suggest(ref.rstrip('+'), known)}; plans are {', '.join(known)}"


def _suggest(word: str, options: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


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
        self.problems.append(f"{self.path}:{_line(self.lines, key_path)}: {_dotted(key_path)}: {message}")

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
            name = item.get("name") or plan_id.replace("-", " ").replace("_", " ")
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
            line=_line(self.lines, key_path),
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
            line=_line(self.lines, key_path),
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
                    self.problem(key_path, f"the name or alias {phrase!r} is already used by {_dotted(owner)}; each alias may name one thing")
