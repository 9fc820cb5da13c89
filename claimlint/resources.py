"""Where the rule packs and cue lexicons live: inside the wheel, or the checkout's rules/."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

import yaml


@lru_cache(maxsize=1)
def rules_root() -> Traversable:
    """The rules folder: ``claimlint/_rules`` in an installed wheel, ``rules/`` in a checkout."""
    packaged = resources.files("claimlint").joinpath("_rules")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


def read_yaml(*parts: str) -> Any:
    node = rules_root()
    for part in parts:
        node = node.joinpath(part)
    return yaml.load(node.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def yaml_files(folder: str | None = None) -> list[str]:
    """Names of the ``.yaml`` files in the rules root (or one of its folders), sorted."""
    node = rules_root() if folder is None else rules_root().joinpath(folder)
    return sorted(item.name for item in node.iterdir() if item.name.endswith(".yaml"))
