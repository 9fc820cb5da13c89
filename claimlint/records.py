"""What the frozen records share: read-only mappings that survive pickling."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any


class PicklesReadOnlyMappings:
    """For a frozen dataclass with read-only mapping fields (``MappingProxyType``), which pickle
    cannot copy: each travels as a plain dict and is made read-only again on arrival. A scan
    sends its config and manifest to worker processes this way."""

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
