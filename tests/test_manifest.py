"""The manifest loader: valid manifests load; every problem is one line naming file, line and key."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from claimlint.errors import ManifestError
from claimlint.manifest import Manifest
from conftest import FIXTURES

BASE = """\
version: 1
product: {name: Acme, aliases: [Acme Analytics]}
plans:
  - id: free
  - id: team
  - id: business
  - id: enterprise
  - {id: starter, retired: true}
"""


def problems(text: str) -> list[str]:
    with pytest.raises(ManifestError) as caught:
        Manifest.from_yaml(text, "claims.yaml")
    return caught.value.problems


def test_every_bundled_manifest_is_valid() -> None:
    paths = [FIXTURES / "demo" / "manifest.yaml", FIXTURES / "pages" / "manifest.yaml",
             Path(__file__).parent.parent / "rules" / "examples" / "manifest.yaml"]
    for path in paths:
        assert Manifest.load(path).capabilities


def test_plan_ranges_and_limits_resolve() -> None:
    manifest = Manifest.from_yaml(BASE + """\
capabilities:
  sso: {status: available, plans: [team+], addon_plans: [free]}
limits:
  interval: {unit: seconds, min: 30 seconds, per_plan: {free: 10 minutes, team: 1 minute}}
  storage: {unit: GB, max: 1 TB, per_plan: {free: 512 MB, enterprise: unlimited}}
  regions: {exact: 28}
""")
    assert manifest.capabilities["sso"].plans == frozenset({"team", "business", "enterprise"})
    interval = manifest.limits["interval"]
    assert (interval.direction, interval.bound, interval.per_plan["free"]) == ("min", 30.0, 600.0)
    storage = manifest.limits["storage"]
    assert storage.bound == 1024.0 and storage.per_plan["free"] == 0.5 and math.isinf(storage.per_plan["enterprise"])
    assert storage.violates(2048) and not storage.violates(2048, frozenset({"enterprise"}))
    assert manifest.limits["regions"].violates(20) and not manifest.limits["regions"].violates(28)


def test_data_rates_convert_decimally() -> None:
    manifest = Manifest.from_yaml(BASE + """\
limits:
  speed: {unit: Mbps, max: 10 Gbps, per_plan: {free: 250 Mbps, team: 1 Gbit/s}}
""")
    speed = manifest.limits["speed"]
    assert (speed.bound, speed.per_plan["free"], speed.per_plan["team"]) == (10000.0, 250.0, 1000.0)
    assert problems(BASE + "limits:\n  speed: {unit: Mbps, max: 10 GB}\n") == [
        "claims.yaml:10: limits.speed.max: '10 GB' is not in Mbps (rate)"]


def test_misspelt_key_names_the_line_and_suggests() -> None:
    found = problems(BASE + "capabilities:\n  sso:\n    staus: available\n")
    assert found[0].startswith("claims.yaml:11: capabilities.sso.staus: unknown key (did you mean 'status'?)")


def test_unknown_plan_lists_the_plans() -> None:
    found = problems(BASE + "capabilities:\n  sso:\n    status: available\n    plans: [enterprise, gold]\n")
    assert found == ["claims.yaml:12: capabilities.sso.plans[1]: 'gold' is not a plan; "
                     "plans are free, team, business, enterprise, starter"]


def test_bad_status_names_the_allowed_values() -> None:
    found = problems(BASE + "capabilities:\n  sso: {status: shipped}\n")
    assert found == ["claims.yaml:10: capabilities.sso.status: 'shipped' is not allowed; "
                     "use one of available, beta, planned, deprecated, removed, unsupported"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "claims.yaml:1: the manifest is empty"),
        ("version: 1\nproduct: [\n", "claims.yaml:3: invalid YAML"),
        ("- a\n- b\n", "claims.yaml:1: the manifest must be a mapping"),
        ("version: 2\nproduct: {name: A}\n", "claims.yaml:1: version: 2 is not supported; use 1"),
        ("version: 1\n", "claims.yaml:1: (top level): missing required key 'product'"),
        (BASE + "capabilities:\n  sso: {status: beta}\n  sso: {status: available}\n",
         "claims.yaml:11: capabilities.sso: duplicate key (first at line 10)"),
        (BASE + "limits:\n  seats: {unit: users, max: 10, min: 1}\n",
         "claims.yaml:10: limits.seats: needs exactly one of max, min or exact (found max, min)"),
        (BASE + "limits:\n  seats: {unit: users, max: 10 GB}\n", "claims.yaml:10: limits.seats.max: '10 GB' is not in users"),
        (BASE + "capabilities:\n  SSO: {status: beta}\n", "claims.yaml:10: capabilities.SSO: 'SSO' is not a valid id"),
        (BASE + "capabilities:\n  a: {status: beta, aliases: [SSO]}\n  b: {status: beta, aliases: [sso]}\n",
         "claims.yaml:11: capabilities.b: the name or alias 'sso' is already used by capabilities.a"),
        (BASE + "capabilities:\n  a: {status: beta, plans: [team], addon_plans: [team]}\n",
         "claims.yaml:10: capabilities.a.addon_plans: team cannot be both included"),
    ],
)
def test_problems_are_one_line_each(text: str, expected: str) -> None:
    found = problems(text)
    assert found[0].startswith(expected), found
    assert all("\n" not in problem for problem in found)


def test_missing_and_undecodable_files(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="manifest not found"):
        Manifest.load(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"version: 1\nproduct: {name: \xff}\n")
    with pytest.raises(ManifestError, match=r"bad.yaml:2: not valid UTF-8"):
        Manifest.load(bad)


def test_a_manifest_survives_pickling_and_stays_read_only() -> None:
    """A scan sends the manifest it read at the start to its worker processes."""
    import pickle

    manifest = Manifest.load(FIXTURES / "demo" / "manifest.yaml")
    copy = pickle.loads(pickle.dumps(manifest))
    assert copy == manifest and copy.digest == manifest.digest
    assert copy.limits["monitors"].bound_for(frozenset({"pro"})) == 100
    with pytest.raises(TypeError):
        copy.capabilities["ssl-monitoring"] = copy.capabilities["ssl-monitoring"]  # type: ignore[index]
    with pytest.raises(TypeError):
        copy.limits["monitors"].per_plan["free"] = 1  # type: ignore[index]
    assert copy.with_statuses({"ssl-monitoring": "planned"}).capabilities["ssl-monitoring"].status == "planned"
