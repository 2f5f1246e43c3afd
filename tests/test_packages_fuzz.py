"""Random damage to a valid package: it imports, or fails with PackageError and leaves nothing behind."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, select

from secdesk.errors import PackageError
from secdesk.model import Base
from secdesk.packages import dumps, export_meeting, import_package, loads
from secdesk.services.meetings import resolve_meeting
from secdesk.store import Store, open_store

# Tables that describe the database itself, not its content.
KEPT_TABLES = {"alembic_version", "database_setting"}

Path_ = tuple[Any, ...]


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from secdesk.services.demo import load_demo

    store = open_store(tmp_path_factory.mktemp("fuzz") / "demo.sqlite", backup=False)
    with store.write() as session:
        load_demo(session)
    with store.read() as session:
        built = export_meeting(session, resolve_meeting(session, "TABASC 46"))
    store.close()
    return built


def _content_tables() -> list[Any]:
    return [t for t in reversed(Base.metadata.sorted_tables) if t.name not in KEPT_TABLES]


def _rows(store: Store) -> int:
    with store.read() as session:
        return sum(session.scalar(select(func.count()).select_from(t)) for t in _content_tables())


def _wipe(store: Store) -> None:
    with store.engine.begin() as connection:
        for table in _content_tables():
            connection.execute(delete(table))


def _paths(value: Any, here: Path_ = ()) -> list[Path_]:
    found = [here]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*here, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _paths(inner, (*here, index))
    return found


def _get(value: Any, path: Path_) -> Any:
    for step in path:
        value = value[step]
    return value


def _values(package: dict[str, Any]) -> list[Any]:
    """Leaf values of the package itself: uuids, dates, enum words ... the likeliest confusions."""
    leaves = {json.dumps(_get(package, p)) for p in _paths(package) if not isinstance(_get(package, p), (dict, list))}
    return [json.loads(leaf) for leaf in sorted(leaves)]


def _mutate(data: st.DataObject, package: dict[str, Any], pool: list[Any]) -> dict[str, Any]:
    damaged = copy.deepcopy(package)
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        paths = [p for p in _paths(damaged) if p]
        path = data.draw(st.sampled_from(paths), label="path")
        parent, key = _get(damaged, path[:-1]), path[-1]
        how = data.draw(st.sampled_from(["replace", "reuse", "delete", "duplicate"]), label="how")
        if how == "replace":
            parent[key] = data.draw(
                st.one_of(
                    st.none(),
                    st.booleans(),
                    st.integers(-(2**70), 2**70),
                    st.floats(allow_nan=False),
                    st.text(max_size=20),
                    st.lists(st.integers(), max_size=2),
                    st.dictionaries(st.text(max_size=3), st.none(), max_size=2),
                ),
                label="value",
            )
        elif how == "reuse":
            parent[key] = copy.deepcopy(data.draw(st.sampled_from(pool), label="value"))
        elif how == "delete":
            del parent[key]
        elif isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))
        else:
            # Duplicate a whole row of a list somewhere up the path.
            for depth in range(len(path) - 2, -1, -1):
                holder = _get(damaged, path[:depth])
                if isinstance(holder, list):
                    holder.append(copy.deepcopy(holder[path[depth]]))
                    break
    return damaged


@pytest.fixture
def target(tmp_path: Path):
    opened = open_store(tmp_path / "target.sqlite", backup=False)
    yield opened
    opened.close()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=st.data())
def test_damaged_packages_import_or_fail_cleanly(package: dict[str, Any], target: Store, data: st.DataObject) -> None:
    _wipe(target)
    damaged = _mutate(data, package, _values(package))
    text = dumps(damaged)
    try:
        with target.write() as session:
            result = import_package(session, loads(text))
    except PackageError:
        assert _rows(target) == 0, "a refused package left rows behind"
        return
    assert result.created > 0
    # Whatever was accepted is stable: importing it again changes nothing.
    rows = _rows(target)
    with target.write() as session:
        again = import_package(session, loads(text))
    assert not again.changed and _rows(target) == rows
