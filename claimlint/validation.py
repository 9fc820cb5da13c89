"""YAML read with line numbers, and JSON Schema errors explained in one line each.

Shared by the manifest and the configuration: every problem reads
``file:line: key.path: what is wrong; what is allowed``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import yaml

KeyPath = tuple[str | int, ...]
# libyaml's parser when PyYAML was built with it: the same safe loading, several times faster
SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "nothing",
}


class Problems(Exception):
    """One or more one-line problems with a YAML document."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def read_yaml(text: str, path: str, empty: str) -> tuple[Any, dict[KeyPath, int]]:
    """Parse one YAML document with a safe loader; map every key path to its line.

    Raises Problems (``empty`` is the message for an empty document).
    """
    loader = SAFE_LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise Problems([f"{path}:1: {empty}"])
        lines: dict[KeyPath, int] = {}
        problems: list[str] = []
        _index_node(node, (), lines, problems, path)
        if problems:
            raise Problems(problems)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = error.problem or error.context or "invalid YAML"
        raise Problems([f"{path}:{line}: invalid YAML: {what}"]) from None
    except yaml.YAMLError as error:
        raise Problems([f"{path}:1: invalid YAML: {error}"]) from None
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
                    f"{path}:{line}: {dotted(key_path + (key,))}: duplicate key (first at line {first_seen[key]}); keep one"
                )
                continue
            first_seen[key] = line
            lines[key_path + (key,)] = line
            _index_node(value_node, key_path + (key,), lines, problems, path)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[key_path + (index,)] = item.start_mark.line + 1
            _index_node(item, key_path + (index,), lines, problems, path)


def dotted(key_path: Sequence[str | int]) -> str:
    out = ""
    for part in key_path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def line_of(lines: Mapping[KeyPath, int], key_path: KeyPath) -> int:
    while key_path not in lines and key_path:
        key_path = key_path[:-1]
    return lines.get(key_path, 1)


def schema_problems(data: Any, schema: dict[str, Any], lines: Mapping[KeyPath, int], path: str) -> Iterator[str]:
    """Each JSON Schema error in ``data`` as one line."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data),
                    key=lambda e: (line_of(lines, tuple(e.absolute_path)), list(map(str, e.absolute_path))))
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
            hint = suggest(key, allowed)
            yield f"{path}:{line_of(lines, where)}: {dotted(where)}: unknown key{hint}; allowed keys are {', '.join(allowed)}"
        return
    if "propertyNames" in error.schema_path:
        where = key_path + (str(error.instance),)
        yield f"{path}:{line_of(lines, where)}: {dotted(where)}: {error.instance!r} is not a valid id; use lowercase letters, digits, '-', '_' and '.'"
        return
    prefix = f"{path}:{line_of(lines, key_path)}: {dotted(key_path)}"
    if validator == "required":
        missing = [key for key in error.validator_value if key not in error.instance]
        yield f"{prefix}: missing required key {', '.join(repr(k) for k in missing)}"
    elif validator == "enum":
        options = [str(option) for option in error.validator_value]
        hint = suggest(str(error.instance), options)
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


def suggest(word: str, options: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


