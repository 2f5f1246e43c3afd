"""Helpers shared by the command modules: opening the store, printing, JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, is_dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from secdesk.services.properties import Property
    from secdesk.store import Store

# An option left out (None from argparse), told apart from one given to clear a value ("none").
NOT_GIVEN: Any = object()


def given(option: str | None, read: Callable[[str], Any] = lambda text: text) -> Any:
    """What an edit command's option asks for, read (`NOT_GIVEN` when it was left out)."""
    return NOT_GIVEN if option is None else read(option)


def given_or_cleared(option: str | None, cleared: bool, read: Callable[[str], Any] = lambda text: text) -> Any:
    """An option paired with its --no-... flag: None when cleared, else as `given`."""
    return None if cleared else given(option, read)


def set_given(
    session: Session, row_id: int, fields: Sequence[tuple[str, Property[Any, Any], Any]], hint: str
) -> list[str]:
    """Set each property given, through the rule the window's editor uses (same checks, same
    words); the names of those set. Nothing given is refused with `hint` ("--title or --minutes")."""
    changed = []
    for name, prop, value in fields:
        if value is not NOT_GIVEN:
            prop.set(session, row_id, value)
            changed.append(name)
    if not changed:
        from secdesk.errors import ValidationError

        raise ValidationError(f"Say what to change, e.g. {hint}.")
    return changed


def store_from(args: argparse.Namespace, *, backup: bool = True, read_only: bool = False) -> Store:
    """The database a command names. A changed file is backed up before the command's first
    write (`BEFORE_WRITING`), so a change can be undone and a listing copies nothing; a file
    no byte of which changed since it last passed the whole-file check is not read through again."""
    from secdesk.store import collection_paused

    with collection_paused():
        from secdesk.store.opening import BEFORE_WRITING, open_store

        return open_store(args.db, backup=BEFORE_WRITING if backup else False, read_only=read_only,
                          trust_unchanged=True)


def _default(value: Any) -> Any:
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    raise TypeError(f"cannot encode {type(value).__name__}")


def print_json(data: Any) -> None:
    if isinstance(data, list):
        data = [asdict(d) if is_dataclass(d) and not isinstance(d, type) else d for d in data]
    json.dump(data, sys.stdout, default=_default, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def print_table(rows: list[list[str]], headers: list[str]) -> None:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths))
    print(line.rstrip())
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())


def add_meeting_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "meeting",
        nargs="+",
        metavar="MEETING",
        help="the meeting's identifier (TABASC_16_2003) or committee code and number (TABASC 16)",
    )
