"""How frozen records are pickled (a scan sends its config and manifest to worker processes;
a check's read-ahead hands parsed pages to its workers)."""

from __future__ import annotations

from dataclasses import fields
from types import MappingProxyType
from typing import Any


def by_fields(record: Any) -> tuple[Any, ...]:
    """A frozen record's ``__reduce__``: its class and its fields' values, in order. Compiled
    with mypyc, a frozen dataclass has no ``__dict__`` for pickle to fill in."""
    return type(record), tuple(getattr(record, item.name) for item in fields(record))


class PicklesReadOnlyMappings:
    """For a frozen dataclass with read-only mapping fields (``MappingProxyType``), which pickle
    cannot copy: each travels as a plain dict and is made read-only again on arrival."""

    def __getstate__(self) -> tuple[dict[str, Any], tuple[str, ...]]:
        state = dict(self.__dict__)
        read_only = tuple(name for name, value in state.items() if isinstance(value, MappingProxyType))
        for name in read_only:
            state[name] = dict(state[name])
        return state, read_only

    def __setstate__(self, pickled: tuple[dict[str, Any], tuple[str, ...]]) -> None:
        state, read_only = pickled
        for name in read_only:
            state[name] = MappingProxyType(state[name])
        self.__dict__.update(state)  # a frozen dataclass's own fields, set as pickle would
