"""Units of measure for limits: time, data size, data rate, percent, and plain counts.

A limit's ``unit`` names what it counts. Time, data-size and data-rate units convert to one
another within their dimension ("1 minute" is 60 seconds, "1 GB" is 1024 MB, "1 Gbps" is
1000 Mbps); any other unit word
("users", "regions") is a count and converts to nothing but itself.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from claimlint.records import by_fields

UNLIMITED = math.inf


@dataclass(frozen=True)
class Unit:
    """A unit: its dimension and its size in the dimension's base unit."""

    name: str  # lower case: the unit's identifier ("gb", "mbps", "users")
    dimension: str  # "time" | "data" | "rate" | "percent" | "count"
    factor: float = 1.0

    def __reduce__(self) -> tuple[Any, ...]:
        return by_fields(self)

    @property
    def label(self) -> str:
        """The unit as messages write it: "GB", "Mbps", "seconds", "users"."""
        return _LABELS.get(self.name, self.name)

    def convert(self, value: float, to: Unit) -> float:
        """``value`` of this unit expressed in ``to`` (which must share the dimension)."""
        if math.isinf(value):
            return value
        return value * self.factor / to.factor


_MINUTE = 60.0
_HOUR = 3600.0
_DAY = 86400.0
_KIB = 1024.0

# Marketing pages write GB for what a manifest may write as GiB; both are binary here so
# "1 GB" and "1024 MB" agree.
_UNIT_WORDS: dict[str, Unit] = {}
_LABELS = {"kb": "KB", "mb": "MB", "gb": "GB", "tb": "TB", "pb": "PB",
           "kbps": "Kbps", "mbps": "Mbps", "gbps": "Gbps", "tbps": "Tbps"}


def _define(dimension: str, factor: float, *words: str) -> None:
    for word in words:
        _UNIT_WORDS[word] = Unit(words[0], dimension, factor)


_define("time", 0.001, "milliseconds", "millisecond", "ms", "msec")
_define("time", 1.0, "seconds", "second", "secs", "sec", "s")
_define("time", _MINUTE, "minutes", "minute", "mins", "min")
_define("time", _HOUR, "hours", "hour", "hrs", "hr", "h")
_define("time", _DAY, "days", "day", "d")
_define("time", 7 * _DAY, "weeks", "week", "wk", "wks")
_define("time", 365 * _DAY / 12, "months", "month", "mo", "mos")  # a twelfth of a year: 12 months = 1 year
_define("time", 365 * _DAY, "years", "year", "yr", "yrs")
_define("data", 1.0, "bytes", "byte", "b")
_define("data", _KIB, "kb", "kib", "kilobytes", "kilobyte")
_define("data", _KIB**2, "mb", "mib", "megabytes", "megabyte")
_define("data", _KIB**3, "gb", "gib", "gigabytes", "gigabyte", "gigs", "gig")
_define("data", _KIB**4, "tb", "tib", "terabytes", "terabyte")
_define("data", _KIB**5, "pb", "pib", "petabytes", "petabyte")
_define("percent", 1.0, "percent", "%", "pct")
# data rates (a VPN's or a host's speed), decimal as networks count them: 1 Gbps = 1000 Mbps
_define("rate", 1.0, "bps", "bit/s")
_define("rate", 1e3, "kbps", "kbit/s", "kbit")
_define("rate", 1e6, "mbps", "mbit/s", "mbit")
_define("rate", 1e9, "gbps", "gbit/s", "gbit")
_define("rate", 1e12, "tbps", "tbit/s", "tbit")


# A table's header names its cells' unit: "Storage (GB)", "Speed (Mbps)", "Retention, days",
# "Uptime %". Single letters and abbreviations that are also words or mean something else in a
# header ("Min seats", "Price $/mo") do not count there.
_HEADER_WORD = re.compile(r"%|[A-Za-z]+(?:/s)?")
_NOT_IN_HEADERS = frozenset({"s", "sec", "secs", "min", "mins", "h", "hr", "hrs", "d", "mo", "mos", "b", "wk", "wks",
                             "yr", "yrs", "gig", "gigs", "pct"})


def header_unit(text: str) -> str | None:
    """The time, data, data-rate or percent unit a table header gives its cells, as written."""
    for match in _HEADER_WORD.finditer(text):
        word = match.group(0)
        key = word.lower()
        if key in _UNIT_WORDS and key not in _NOT_IN_HEADERS:
            return word
    return None


def unit_for(word: str) -> Unit:
    """The unit a word names; unknown words are count units of their own name."""
    key = word.strip().lower()
    known = _UNIT_WORDS.get(key)
    if known is not None:
        return known
    return Unit(key, "count", 1.0)


def is_measure_unit(word: str) -> bool:
    """Whether ``word`` names a time, data-size, data-rate or percent unit (not a count)."""
    return word.strip().lower() in _UNIT_WORDS


_NUMBER = r"(?P<number>\d+(?:[,\u202f\u00a0]\d{3})*(?:\.\d+)?|\.\d+)\s*(?P<scale>[kKmM](?![a-zA-Z]))?"
_VALUE_RE = re.compile(rf"^\s*{_NUMBER}\s*(?P<unit>%|[A-Za-z]+(?:/s)?)?\s*$")
_SCALES = {"k": 1e3, "m": 1e6}


def parse_number(text: str) -> float:
    """Parse "10,000", "10k", "1.5M", "99.9" into a float."""
    match = re.fullmatch(_NUMBER, text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not a number")
    return _number_from(match)


def _number_from(match: re.Match[str]) -> float:
    value = float(re.sub(r"[,\u202f\u00a0]", "", match.group("number")))
    scale = match.group("scale")
    if scale:
        value *= _SCALES[scale.lower()]
    return value


def parse_limit_value(value: object, unit: Unit) -> float:
    """A manifest limit value (number, "unlimited", or "30 seconds") in ``unit``.

    Raises ValueError with a user-facing explanation.
    """
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number, 'unlimited' or a quantity like '10 GB'")
    if isinstance(value, (int, float)):
        return float(value)
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a number, 'unlimited' or a quantity like '10 GB'")
    if value.strip().lower() in {"unlimited", "infinite", "no limit"}:
        return UNLIMITED
    match = _VALUE_RE.match(value)
    if match is None:
        raise ValueError(f"{value!r} is not a number, 'unlimited' or a quantity like '10 GB'")
    number = _number_from(match)
    word = match.group("unit")
    if word is None:
        return number
    given = unit_for(word)
    if given.dimension != unit.dimension or (
        given.dimension == "count" and _singular(given.name) != _singular(unit.name)
    ):
        raise ValueError(f"{value!r} is not in {unit.label} ({unit.dimension})")
    return given.convert(number, unit)


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def format_value(value: float, unit: Unit) -> str:
    """A limit value for messages: "500 users", "30 seconds", "unlimited"."""
    if math.isinf(value):
        return "unlimited"
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"
    if unit.dimension == "percent":
        return f"{number}%"
    return f"{number} {unit.label}"
