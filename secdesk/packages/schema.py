"""The package's JSON Schema, and a small validator for the part of JSON Schema it uses.

`jsonschema` is only a test dependency, so the application checks packages with
this validator; the tests check that both agree on exported packages. It knows
type, const, enum, pattern, min/maxLength, minimum/maximum, format (date, time),
properties/required/additionalProperties, items, $ref and anyOf.
"""

from __future__ import annotations

import json
import re
from datetime import date, time
from functools import cache
from importlib import resources
from typing import Any

SCHEMA_FILE = "meeting-package.schema.json"
MAX_PROBLEMS = 10

_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "boolean": (bool,),
    "null": (type(None),),
}


@cache
def package_schema() -> dict[str, Any]:
    text = resources.files("secdesk.packages").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def join(path: str, key: str | int) -> str:
    """`meeting.items[3].verb`: keys joined by dots, list indexes (from 0) in brackets."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


# How a JSON type is named in messages: "'46' is not a whole number".
_TYPE_WORDS = {
    "object": "an object",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "null",
}


def _shown(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "an object" if isinstance(value, dict) else "a list"
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_type(value: Any, name: str) -> bool:
    if name == "integer" and isinstance(value, bool):
        return False
    return isinstance(value, _JSON_TYPES[name])


class _Validator:
    def __init__(self, schema: dict[str, Any]):
        self.root = schema
        self.problems: list[str] = []

    def report(self, path: str, message: str) -> None:
        self.problems.append(f"{path or 'package'}: {message}")

    def resolve(self, reference: str) -> dict[str, Any]:
        node: Any = self.root
        for part in reference.removeprefix("#/").split("/"):
            node = node[part]
        return node

    def check(self, value: Any, rule: dict[str, Any], path: str) -> None:
        if "$ref" in rule:
            self.check(value, self.resolve(rule["$ref"]), path)
            return
        if "anyOf" in rule:
            self._any_of(value, rule["anyOf"], path)
            return
        if "const" in rule and (type(value) is not type(rule["const"]) or value != rule["const"]):
            self.report(path, f"{_shown(value)} is not {_shown(rule['const'])}")
            return
        kinds = rule.get("type")
        if kinds is not None:
            names = [kinds] if isinstance(kinds, str) else kinds
            if not any(_is_type(value, n) for n in names):
                wanted = " or ".join(_TYPE_WORDS[n] for n in names)
                self.report(path, f"{_shown(value)} is not {wanted}")
                return
        if isinstance(value, str):
            self._string(value, rule, path)
        elif isinstance(value, int) and not isinstance(value, bool):
            self._integer(value, rule, path)
        elif isinstance(value, dict):
            self._object(value, rule, path)
        elif isinstance(value, list) and "items" in rule:
            for index, element in enumerate(value):
                self.check(element, rule["items"], join(path, index))

    def _any_of(self, value: Any, choices: list[dict[str, Any]], path: str) -> None:
        failures = []
        for choice in choices:
            trial = _Validator(self.root)
            trial.check(value, choice, path)
            if not trial.problems:
                return
            failures.append(trial.problems)
        # Report the alternative that is not a bare null: it says what was expected.
        self.problems.extend(failures[0] if value is not None else failures[-1])

    def _string(self, value: str, rule: dict[str, Any], path: str) -> None:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            self.report(path, "contains characters that are not valid text")
            return
        if "enum" in rule and value not in rule["enum"]:
            # An enum may allow null beside its words (a status not stated): say it as JSON does.
            allowed = ", ".join(word if isinstance(word, str) else json.dumps(word) for word in rule["enum"])
            self.report(path, f"{_shown(value)} is not one of {allowed}")
            return
        if len(value) < rule.get("minLength", 0):
            self.report(path, "must not be empty")
        if "maxLength" in rule and len(value) > rule["maxLength"]:
            self.report(path, f"is longer than {rule['maxLength']} characters")
        if "pattern" in rule and not re.search(rule["pattern"], value):
            self.report(path, f"{_shown(value)} is not {rule.get('title', 'in the expected form')}")
            return
        parse = {"date": date.fromisoformat, "time": time.fromisoformat}.get(rule.get("format", ""))
        if parse is not None:
            try:
                parse(value)
            except ValueError:
                self.report(path, f"{_shown(value)} is not a real {rule['format']}")

    def _integer(self, value: int, rule: dict[str, Any], path: str) -> None:
        if "minimum" in rule and value < rule["minimum"]:
            self.report(path, f"{value} is less than {rule['minimum']}")
        if "maximum" in rule and value > rule["maximum"]:
            self.report(path, f"{value} is more than {rule['maximum']}")

    def _object(self, value: dict[str, Any], rule: dict[str, Any], path: str) -> None:
        properties = rule.get("properties", {})
        for key in rule.get("required", []):
            if key not in value:
                self.report(join(path, key), "is missing")
        for key, element in value.items():
            if key in properties:
                self.check(element, properties[key], join(path, key))
            elif rule.get("additionalProperties") is False:
                self.report(join(path, key), "is not a field of this format")


def schema_problems(package: Any) -> list[str]:
    """What is wrong with the package against the schema, each as 'path: problem'."""
    validator = _Validator(package_schema())
    validator.check(package, package_schema(), "")
    return validator.problems
