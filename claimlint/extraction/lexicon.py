"""Cue lexicons: the words that signal negation, modality, plan scope and context, as data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from claimlint.resources import read_yaml, yaml_files


@dataclass(frozen=True)
class CueSet:
    label: str
    phrases: tuple[str, ...]
    at: str | None = None  # "clause-start": counts only at the start of a clause


@lru_cache(maxsize=1)
def cue_sets() -> tuple[CueSet, ...]:
    """Every cue set of ``rules/cues/*.yaml``."""
    found: list[CueSet] = []
    for name in yaml_files("cues"):
        for entry in read_yaml("cues", name)["cues"]:
            phrases = entry["phrases"]
            odd = [phrase for phrase in phrases if not isinstance(phrase, str)]
            if odd:  # YAML reads bare no/yes/on/off as booleans: quote them
                raise ValueError(f"rules/cues/{name}: {entry['label']}: {odd!r} must be quoted text")
            found.append(CueSet(entry["label"], tuple(phrases), entry.get("at")))
    return tuple(found)


def clause_start_labels() -> frozenset[str]:
    """Labels that count only at the start of a clause (STEP only in numbered steps)."""
    return frozenset(cue.label for cue in cue_sets() if cue.at == "clause-start" and cue.label != "STEP")
