"""Numbers as marketers write them: "up to 10,000", "10k", "200+", "99.99%", "5 GB",
"every 30 seconds", "unlimited". Found at character level, because tokenizers split them
inconsistently ("200+" -> "200" "+", "10GB" -> "10" "GB"), then aligned to tokens."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from claimlint.claims.model import Op
from claimlint.units import is_measure_unit, unit_for

_NUMBER = r"(?P<number>\d{1,3}(?:[,\u202f\u00a0]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s?(?P<scale>k|K|m|M|MM|bn|B|thousand|million|billion)(?![A-Za-z]))?"
_PLUS = r"(?P<plus>\+)?"
# "3 business days", "a 2-business-day payout": the qualifier belongs to the time unit
_DAY_KIND = r"(?:(?:business|working|calendar)[\s-](?=days?\b|weeks?\b))?"
_UNIT = (rf"(?:(?:\s?|-){_DAY_KIND}(?P<unit>%|percent\b|[kmgt]?bps\b|[kmgt]?bit/s\b|[kmgt]bit\b|[KMGTP]i?B\b|[kKmMgGtT]b\b|bytes?\b|kilobytes?\b|megabytes?\b|gigabytes?\b|"
         r"terabytes?\b|milliseconds?\b|ms\b|seconds?\b|secs?\b|s\b|minutes?\b|mins?\b|hours?\b|hrs?\b|h\b|days?\b|"
         r"weeks?\b|months?\b|mos?\b|years?\b|yrs?\b))?")
_BEFORE = (r"(?P<before>up to|as many as|as much as|at most|a maximum of|maximum of|max\.?|no more than|"
           r"not more than|over|more than|upwards of|in excess of|at least|a minimum of|minimum of|min\.?|"
           r"no less than|starting at|from|every|as often as every|as often as|as fast as|down to|just|only|"
           r"exactly|nearly|almost|around|about|approximately|~|>|<|≥|≤)?\s*")
# "60/min", "5 req/s": a rate over time; the count is the quantity (prices, "$15/mo", never get here)
_RATE = r"(?:/(?:min|minute|sec|second|s|hr|hour|h|day)\b)?"
QUANTITY = re.compile(rf"(?<![\w.$€£¥#/]){_BEFORE}{_NUMBER}{_SCALE}{_PLUS}{_UNIT}{_RATE}(?!\w|/[a-z0-9]|[.,]\d)",
                      re.IGNORECASE)
UNLIMITED = re.compile(
    r"\b(?:unlimited|limitless|infinite|no limits?(?: on)?|no caps?(?: on)?|uncapped|without limits|"
    r"as many (?:\w+ ){0,3}as you (?:need|want|like)|as much (?:\w+ ){0,3}as you (?:need|want|like))\b",
    re.IGNORECASE,
)
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50,
                 "a hundred": 100, "a thousand": 1000, "a": 1, "an": 1, "a full": 1, "one full": 1, "a single": 1,
                 "a whole": 1}
# "a full year", "two hours", "one user": number words. "a"/"an" count only before a time unit.
WORD_QUANTITY = re.compile(
    rf"(?<![\w-]){_BEFORE}(?P<word>a hundred|a thousand|a full|one full|a single|a whole|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|an|a)\s+"
    rf"{_DAY_KIND}(?P<unit>seconds?|minutes?|hours?|days?|weeks?|months?|years?|[a-z]+)\b",
    re.IGNORECASE,
)
# "next-day payouts", "the next business day", "same-day shipping": a time in days, without a number
DAY_WORDS = re.compile(r"(?<![\w-])(?P<word>next|same)[\s-](?:business[\s-]|working[\s-])?day(?![\w-])", re.IGNORECASE)
# "every hour", "each day": a frequency of one unit, without a number
EVERY_UNIT = re.compile(r"(?<![\w-])(?:every|each)\s+(?P<unit>second|minute|hour|day|week|month|year)(?![\w-])",
                        re.IGNORECASE)
# The two patterns above, case-sensitive, for text already in lower case: a case-insensitive
# pattern cannot skip an alternative by its first letter, and these try dozens at every position
# ("up to", "as many as", ...). Their sources hold no escape that lower-casing would change
# (\d, \s, \w and \b only); group names are kept as they are.


def _in_lower_case(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(pattern.pattern.lower().replace("(?p<", "(?P<"))


_QUANTITY_IN_LOWER = _in_lower_case(QUANTITY)
_WORD_QUANTITY_IN_LOWER = _in_lower_case(WORD_QUANTITY)

# What a text must hold, in lower case, for a pattern to find anything that is kept: looking for
# it first spares most sentences the patterns' many alternatives tried at every position.
_DIGIT = re.compile(r"\d")
# a number word or a time unit ("a" and "an" count only before a time unit)
_COUNTING_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                   "fifteen", "twenty", "thirty", "fifty", "hundred", "thousand", "second", "minute", "hour", "day",
                   "week", "month", "year")
_UNLIMITED_WORDS = ("unlimited", "limitless", "infinite", "no limit", "no cap", "uncapped", "without limits", "as many",
                    "as much")


def _holds(lower: str, words: tuple[str, ...]) -> bool:
    return any(word in lower for word in words)


_TIME_WORDS = frozenset({"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
                         "month", "months", "year", "years"})
_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "million": 1e6, "bn": 1e9, "b": 1e9, "billion": 1e9}
_OPS: dict[str, Op] = {
    "up to": "<=", "as many as": "<=", "as much as": "<=", "at most": "<=", "a maximum of": "<=", "maximum of": "<=",
    "max": "<=", "max.": "<=", "no more than": "<=", "not more than": "<=", "<": "<", "≤": "<=",
    "over": ">", "more than": ">", "upwards of": ">", "in excess of": ">", ">": ">",
    "at least": ">=", "a minimum of": ">=", "minimum of": ">=", "min": ">=", "min.": ">=", "no less than": ">=",
    "starting at": ">=", "from": ">=", "≥": ">=",
    "every": "=", "as often as every": "=", "as often as": "=", "as fast as": "=", "down to": "=", "exactly": "=",
}


@dataclass(frozen=True)
class Found:
    value: float
    unit: str  # a measure unit ("GB", "seconds", "%"), or "" for a bare count
    op: Op
    start: int  # character offsets in the text searched
    end: int
    text: str


def find_quantities(text: str) -> list[Found]:
    """Every number-like quantity and "unlimited" in ``text``, in order."""
    found: list[Found] = []
    lower = text.lower()
    # a few characters grow when lower-cased ("İ"): offsets would move, so such text is matched as written
    same_length = len(lower) == len(text)
    quantity, word_quantity, searched = ((_QUANTITY_IN_LOWER, _WORD_QUANTITY_IN_LOWER, lower) if same_length
                                         else (QUANTITY, WORD_QUANTITY, text))
    for match in quantity.finditer(searched) if _DIGIT.search(text) else ():
        number = match.group("number")
        # years, prices and versions are not limits
        if match.group("unit") is None and not match.group("plus") and not match.group("scale") \
                and re.fullmatch(r"(19|20)\d\d", number):
            continue
        value = float(re.sub(r"[,\u202f\u00a0]", "", number))
        scale = match.group("scale")
        unit_word = match.group("unit") or ""
        if scale:
            value *= _SCALES.get(scale.lower(), 1.0)
        before = (match.group("before") or "").lower().strip()
        op: Op = "=" if match.group("plus") is None else ">="
        op = _OPS.get(before, op) if before else op
        unit = ""
        if unit_word:
            unit = "%" if unit_word.lower() in ("%", "percent") else unit_for(unit_word).name
        found.append(Found(value, unit, op, match.start("before") if before else match.start("number"), match.end(),
                           text[match.start():match.end()].strip()))
    taken = [(item.start, item.end) for item in found]
    for match in word_quantity.finditer(searched) if _holds(lower, _COUNTING_WORDS) else ():
        word = match.group("word").lower()
        unit_word = match.group("unit").lower()
        is_time = unit_word in _TIME_WORDS
        if word in ("a", "an", "a full", "one full", "a single", "a whole") and not is_time:
            continue
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        before = (match.group("before") or "").lower().strip()
        word_op: Op = _OPS.get(before, "=") if before else "="
        start = match.start("before") if before else match.start("word")
        end = match.end() if is_time else match.end("word")
        found.append(Found(float(NUMBER_WORDS[word]), unit_for(unit_word).name if is_time else "", word_op, start, end,
                           text[start:end]))
    for match in EVERY_UNIT.finditer(text) if "every" in lower or "each" in lower else ():
        if not any(start < match.end() and match.start() < end for start, end in taken):
            found.append(Found(1.0, unit_for(match.group("unit")).name, "=", match.start(), match.end(), match.group(0)))
    for match in DAY_WORDS.finditer(text) if "day" in lower and ("next" in lower or "same" in lower) else ():
        value = 1.0 if match.group("word").lower() == "next" else 0.0
        found.append(Found(value, unit_for("days").name, "=", match.start(), match.end(), match.group(0)))
    for match in UNLIMITED.finditer(text) if _holds(lower, _UNLIMITED_WORDS) else ():
        found.append(Found(math.inf, "", "=", match.start(), match.end(), match.group(0)))
    return sorted(found, key=lambda item: item.start)


def compatible(found: Found, unit_name: str, dimension: str) -> bool:
    """Whether a quantity can measure a limit of this unit."""
    if math.isinf(found.value):
        return True
    if dimension == "count":
        return found.unit == "" or not is_measure_unit(found.unit)
    if dimension == "percent":
        return found.unit in ("%", "percent")
    return found.unit != "" and unit_for(found.unit).dimension == dimension


def convert(found: Found, unit_name: str, dimension: str) -> float:
    if math.isinf(found.value) or dimension in ("count", "percent"):
        return found.value
    return unit_for(found.unit).convert(found.value, unit_for(unit_name))
