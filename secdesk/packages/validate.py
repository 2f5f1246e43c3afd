"""Parsing package text and checking it: schema first, then the semantic checks."""

from __future__ import annotations

import json
from typing import Any

from secdesk.errors import PackageError
from secdesk.packages.checks import semantic_problems
from secdesk.packages.export import FORMAT, VERSION
from secdesk.packages.schema import MAX_PROBLEMS, schema_problems


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise PackageError(f"The meeting package names the field {key!r} twice in one object.")
        result[key] = value
    return result


def loads(data: bytes | str) -> Any:
    """The JSON value of a package file; PackageError when it is not JSON text."""
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError as error:
        raise PackageError(f"The meeting package is not UTF-8 text (byte {error.start}).") from None
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as error:
        raise PackageError(
            f"The meeting package is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}."
        ) from None
    except RecursionError:
        raise PackageError("The meeting package is nested too deeply to be a meeting package.") from None


def _raise(problems: list[str]) -> None:
    shown = problems[:MAX_PROBLEMS]
    more = len(problems) - len(shown)
    lines = "\n  ".join(shown + ([f"... and {more} more"] if more else []))
    raise PackageError(f"The meeting package is not valid; nothing was imported:\n  {lines}")


def validate(package: Any) -> None:
    """Raise PackageError naming each bad field by its path, e.g. `meeting.items[3].decisions[0].verb`."""
    if isinstance(package, dict):
        if package.get("format") != FORMAT:
            found = json.dumps(package.get("format"), ensure_ascii=False)[:60]
            _raise([f"format: {found} is not {FORMAT!r}; this is not a SecDesk meeting package"])
        version = package.get("version")
        if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
            _raise([
                (
                    f"version: the package is version {version}, written by a newer SecDesk; "
                    f"this SecDesk reads version {VERSION}. Install the newer SecDesk to import it"
                )
            ])
    problems = schema_problems(package)
    if not problems:
        problems = semantic_problems(package)
    if problems:
        _raise(problems)
