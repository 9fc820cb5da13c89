"""The wheel carries the rule packs, cue lexicons and schema, and works outside the checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT


def test_wheel_contains_rule_packs_and_lexicons(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path)],
                   cwd=ROOT, check=True, capture_output=True, timeout=600)
    wheel = next(tmp_path.glob("claimlint-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for rule_file in sorted((ROOT / "rules").rglob("*.yaml")):
        assert f"claimlint/_rules/{rule_file.relative_to(ROOT / 'rules').as_posix()}" in names
    assert {"claimlint/py.typed", "claimlint/manifest/schema.json"} <= names
    # the installed layout finds its rules without the checkout
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    code = ("import claimlint.resources as r, claimlint.checks as c; "
            "print(r.rules_root()); print(len(c.all_rules()))")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                            env={"PYTHONPATH": str(unpacked), "PATH": ""}, timeout=120)
    root, count = result.stdout.split()
    assert root.startswith(str(unpacked)) and int(count) >= 9, result.stderr


def test_commands_the_tests_start_run_the_package_under_test() -> None:
    """Many tests run `python -m claimlint` from the checkout. Those runs must use the package
    these tests import (in CI's second run, the compiled wheel), not the checkout's source."""
    import claimlint

    shown = subprocess.run([sys.executable, "-c", "import claimlint; print(claimlint.__file__)"], cwd=ROOT,
                           capture_output=True, text=True, timeout=120, check=True).stdout.strip()
    assert Path(shown) == Path(claimlint.__file__)
