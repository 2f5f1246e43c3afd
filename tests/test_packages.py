"""Meeting packages: round trips, idempotent import, conflicts, validation messages, classification."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from sqlalchemy import func, select

from secdesk import vocabulary as enums
from secdesk.cli.main import main
from secdesk.errors import DuplicateError, MinutesLockedError, PackageError
from secdesk.model import (
    Action,
    AgendaItem,
    AuditRecord,
    Base,
    Classification,
    Decision,
    Paper,
    PaperFile,
    Person,
)
from secdesk.packages import dumps, export_meeting, import_package, loads, package_schema
from secdesk.services import actions
from secdesk.services.meetings import resolve_meeting
from secdesk.store import Store, open_store

DEMO_MEETINGS = ["TABASC 44", "TABASC 45", "TABASC 46", "SECP 151"]
ENUMS_IN_SCHEMA = {
    "classification": enums.Classification,
    "membership.role": enums.MemberRole,
    "item.section": enums.Section,
    "item.kind": enums.ItemKind,
    "item.purpose": enums.Purpose,
    "meeting.status": enums.MeetingStatus,
    "attendance.status": enums.AttendanceStatus,
    "attendance.capacity": enums.Capacity,
    "decision.verb": enums.DecisionVerb,
    "action.status": enums.ActionStatus,
    "actionUpdate.status_after": enums.ActionStatus,
}


def export_text(store: Store, spec: str, level: Classification = Classification.RED) -> str:
    with store.read() as session:
        return dumps(export_meeting(session, resolve_meeting(session, spec), level))


def import_text(store: Store, text: str):
    with store.write() as session:
        return import_package(session, loads(text))


def row_counts(store: Store) -> dict[str, int]:
    with store.read() as session:
        return {t.name: session.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}


def content_rows(store: Store) -> int:
    """Rows of committees, meetings, people ... and audit records; not the database's own settings."""
    return sum(n for table, n in row_counts(store).items() if table != "database_setting")


@pytest.fixture
def empty(tmp_path: Path):
    opened = open_store(tmp_path / "empty.sqlite", backup=False)
    yield opened
    opened.close()


def test_schema_file_is_valid_and_its_vocabularies_match_the_model() -> None:
    schema = package_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for where, enum_class in ENUMS_IN_SCHEMA.items():
        rule = schema["$defs"][where] if "." not in where else None
        if rule is None:
            definition, field = where.split(".")
            rule = schema["$defs"][definition]["properties"][field]
        # null, where allowed (a review that states no status), is not a value of the vocabulary.
        assert [value for value in rule["enum"] if value is not None] == [member.value for member in enum_class], where


def test_every_demo_package_satisfies_the_schema_at_every_level(demo_store: Store) -> None:
    validator = jsonschema.Draft202012Validator(package_schema())
    for spec in DEMO_MEETINGS:
        for level in Classification:
            package = json.loads(export_text(demo_store, spec, level))
            errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(package)]
            assert errors == [], (spec, level)
            assert package["format"] == "secdesk-meeting-package" and package["version"] == 2
            assert package["classification"] == level.value


def test_package_holds_the_meeting_and_what_it_refers_to(demo_store: Store) -> None:
    package = json.loads(export_text(demo_store, "TABASC 46"))
    assert package["committee"]["code"] == "TABASC"
    assert package["committee"]["parent"]["code"] == "SECP"
    assert package["meeting"]["identifier"] == "TABASC_46_1910"
    numbers = [i["number"] for i in package["meeting"]["items"]]
    assert numbers == sorted(numbers) and numbers[0] == 1
    people = {p["uuid"] for p in package["people"]}
    assert all(a["person"] in people for a in package["meeting"]["attendance"])
    references = [a["reference"] for a in package["actions"]]
    assert references == sorted(references)
    # Raised here, and carried forward from earlier meetings and reviewed here.
    assert any(r.startswith("TABASC46/") for r in references)
    assert any(r.startswith("TABASC45/") for r in references)
    reviewed = [a for a in package["actions"] if (a["raised_at"] or {}).get("identifier") != "TABASC_46_1910"]
    assert all(any(u["meeting"]["identifier"] == "TABASC_46_1910" for u in a["updates"]) for a in reviewed)
    assert all(a["item"] is None for a in reviewed)
    assert "created_at" not in json.dumps(package) and "updated_at" not in json.dumps(package)


@pytest.mark.parametrize("level", [Classification.RED, Classification.WHITE])
def test_each_demo_meeting_round_trips_byte_for_byte_through_an_empty_database(
    demo_store: Store, tmp_path: Path, level: Classification
) -> None:
    for spec in DEMO_MEETINGS:
        original = export_text(demo_store, spec, level)
        target = open_store(tmp_path / f"{spec.replace(' ', '')}-{level.value}.sqlite", backup=False)
        result = import_text(target, original)
        assert result.identifier == json.loads(original)["meeting"]["identifier"]
        assert result.created > 0 and result.deleted == 0
        assert export_text(target, spec, level) == original
        target.close()


def test_all_meetings_imported_newest_first_reproduce_every_package(demo_store: Store, empty: Store) -> None:
    originals = {spec: export_text(demo_store, spec) for spec in DEMO_MEETINGS}
    for spec in reversed(DEMO_MEETINGS):
        import_text(empty, originals[spec])
    for spec in DEMO_MEETINGS:
        assert export_text(empty, spec) == originals[spec], spec
    with demo_store.read() as a, empty.read() as b:
        # The imported history answers "what is outstanding" exactly as the original does.
        for spec in ("TABASC 45", "TABASC 46"):
            expected = [x.reference for x in actions.outstanding_for(a, resolve_meeting(a, spec))]
            assert [x.reference for x in actions.outstanding_for(b, resolve_meeting(b, spec))] == expected
        assert resolve_meeting(b, "TABASC 45").locked


def test_meetings_only_referred_to_become_empty_placeholders(demo_store: Store, empty: Store) -> None:
    import_text(empty, export_text(demo_store, "TABASC 46"))
    with empty.read() as session:
        placeholder = resolve_meeting(session, "TABASC 44")
        assert placeholder.items == [] and placeholder.attendance == []
        carried = session.scalars(select(Action).where(Action.meeting_id == placeholder.id)).all()
        assert carried and all(a.reference.startswith("TABASC44/") for a in carried)
        assert all(a.item is None for a in carried)
        parent = resolve_meeting(session, "TABASC 46").committee.parent
        assert parent is not None and parent.code == "SECP"
    # The placeholder is filled in, not duplicated, when its own package arrives.
    import_text(empty, export_text(demo_store, "TABASC 44"))
    assert export_text(empty, "TABASC 44") == export_text(demo_store, "TABASC 44")


def test_new_actions_continue_after_the_imported_references(demo_store: Store, empty: Store) -> None:
    package = json.loads(export_text(demo_store, "TABASC 46"))
    raised_here = sorted(a["reference"] for a in package["actions"] if a["reference"].startswith("TABASC46/"))
    import_text(empty, dumps(package))
    with empty.write() as session:
        meeting = resolve_meeting(session, "TABASC 46")
        fresh = actions.raise_action(session, meeting, "Circulate the revised plan", owner="SECAS")
    assert fresh.reference == f"TABASC46/{int(raised_here[-1][-2:]) + 1:02d}"


def test_importing_the_same_package_twice_changes_nothing(demo_store: Store, empty: Store) -> None:
    text = export_text(demo_store, "TABASC 46")
    assert import_text(empty, text).changed
    before = row_counts(empty)
    with empty.read() as session:
        newest_audit = session.scalar(select(func.max(AuditRecord.id)))
    again = import_text(empty, text)
    assert not again.changed and (again.created, again.updated, again.deleted) == (0, 0, 0)
    assert row_counts(empty) == before
    with empty.read() as session:
        assert session.scalar(select(func.max(AuditRecord.id))) == newest_audit
    # And into the database it came from: nothing to do there either.
    source_counts = row_counts(demo_store)
    assert not import_text(demo_store, text).changed
    assert row_counts(demo_store) == source_counts


def _item(package: dict[str, Any], title_part: str) -> dict[str, Any]:
    return next(i for i in package["meeting"]["items"] if title_part in i["title"])


def test_a_changed_package_updates_the_meeting_in_place(demo_store: Store, empty: Store) -> None:
    original = json.loads(export_text(demo_store, "TABASC 46"))
    import_text(empty, dumps(original))
    changed = copy.deepcopy(original)
    with_decisions = next(i for i in changed["meeting"]["items"] if len(i["decisions"]) >= 1)
    removed = with_decisions["decisions"].pop()
    with_decisions["title"] = "A corrected title"
    changed["meeting"]["venue"] = "Online"
    result = import_text(empty, dumps(changed))
    assert result.updated >= 2 and result.deleted >= 1 and result.created == 0
    assert json.loads(export_text(empty, "TABASC 46")) == {**changed, "exported_by": original["exported_by"]}
    with empty.read() as session:
        assert session.scalar(select(Decision).where(Decision.uuid == removed["uuid"])) is None
        updates = session.scalars(select(AuditRecord).where(AuditRecord.operation == "update")).all()
        assert {r.table_name for r in updates} >= {"agenda_item", "meeting"}


def test_a_locked_meeting_refuses_a_different_package_and_nothing_changes(demo_store: Store) -> None:
    package = json.loads(export_text(demo_store, "TABASC 45"))
    assert package["meeting"]["locked"]
    package["meeting"]["items"][0]["minutes"] += " An extra sentence."
    before = row_counts(demo_store)
    with pytest.raises(MinutesLockedError, match="TABASC_45_2109 are final and locked"):
        import_text(demo_store, dumps(package))
    assert row_counts(demo_store) == before


def test_another_meeting_with_the_same_number_is_a_duplicate(demo_store: Store) -> None:
    text = export_text(demo_store, "TABASC 46")
    other = text.replace(json.loads(text)["meeting"]["uuid"], "00000000-0000-4000-8000-000000000046")
    before = row_counts(demo_store)
    with pytest.raises(DuplicateError, match="TABASC meeting 46 already exists"):
        import_text(demo_store, other)
    assert row_counts(demo_store) == before


@pytest.fixture(scope="module")
def valid_package(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A demo package, exported once for all the malformed-package cases."""
    from secdesk.services.demo import load_demo

    store = open_store(tmp_path_factory.mktemp("valid") / "demo.sqlite", backup=False)
    with store.write() as session:
        load_demo(session)
    package = json.loads(export_text(store, "TABASC 46"))
    store.close()
    return package


@pytest.fixture(scope="module")
def untouched(tmp_path_factory: pytest.TempPathFactory):
    """One empty database for the cases that must leave it empty."""
    opened = open_store(tmp_path_factory.mktemp("untouched") / "empty.sqlite", backup=False)
    yield opened
    opened.close()


def _decision_path(package: dict[str, Any]) -> tuple[int, int]:
    for n, item in enumerate(package["meeting"]["items"]):
        if item["decisions"]:
            return n, 0
    raise AssertionError("the demo meeting has decisions")


def _break(package: dict[str, Any], case: str) -> tuple[dict[str, Any], str]:
    """A broken copy of the package and the message it must produce."""
    broken = copy.deepcopy(package)
    meeting = broken["meeting"]
    n, d = _decision_path(broken)
    if case == "verb":
        meeting["items"][n]["decisions"][d]["verb"] = "NOTICED"
        return broken, f"meeting.items[{n}].decisions[{d}].verb: 'NOTICED' is not one of NOTED, AGREED, APPROVED"
    if case == "missing":
        del meeting["items"][0]["title"]
        return broken, "meeting.items[0].title: is missing"
    if case == "type":
        meeting["number"] = "46"
        return broken, "meeting.number: '46' is not a whole number"
    if case == "extra":
        broken["people"][0]["phone"] = "0123"
        return broken, "people[0].phone: is not a field of this format"
    if case == "date":
        meeting["date"] = "2026-02-30"
        return broken, "meeting.date: '2026-02-30' is not a real date"
    if case == "uuid":
        meeting["attendance"][1]["uuid"] = meeting["attendance"][0]["uuid"]
        used = meeting["attendance"][0]["uuid"]
        return broken, f"meeting.attendance[1].uuid: {used} is already used by meeting.attendance[0]"
    if case == "person":
        meeting["attendance"][0]["person"] = "00000000-0000-4000-8000-000000000000"
        return (
            broken,
            "meeting.attendance[0].person: 00000000-0000-4000-8000-000000000000 is not a person of this package",
        )
    if case == "identifier":
        meeting["identifier"] = "TABASC_46_2010"
        return (
            broken,
            "meeting.identifier: 'TABASC_46_2010' does not match the committee, number and date (TABASC_46_1910)",
        )
    if case == "times":
        meeting["start_time"], meeting["end_time"] = "13:00:00", "10:00:00"
        return broken, "meeting.end_time: 10:00:00 is not after the start time 13:00:00"
    if case == "parent":
        broken["committee"]["parent"]["code"] = "TABASC"
        return broken, "committee.parent: a committee cannot be its own parent"
    if case == "reference":
        broken["actions"][1]["reference"] = broken["actions"][0]["reference"]
        return broken, f"actions[1].reference: action {broken['actions'][0]['reference']!r} appears twice"
    if case == "version":
        broken["version"] = 3
        return broken, "version: the package is version 3, written by a newer SecDesk"
    if case == "format":
        broken["format"] = "something-else"
        return broken, "format: \"something-else\" is not 'secdesk-meeting-package'"
    if case == "status-after":  # an enum that allows null beside its words says so (it used to crash)
        a, u = next((a, u) for a, action in enumerate(broken["actions"]) for u, _ in enumerate(action["updates"]))
        broken["actions"][a]["updates"][u]["status_after"] = "pending"
        return broken, (f"actions[{a}].updates[{u}].status_after: 'pending' is not one of open, ongoing, closed, null")
    if case == "bool-version":
        broken["version"] = True
        return broken, "version: true is not a whole number"
    raise AssertionError(case)


MALFORMED = [
    "verb",
    "missing",
    "type",
    "extra",
    "date",
    "uuid",
    "person",
    "identifier",
    "times",
    "parent",
    "reference",
    "version",
    "format",
    "bool-version",
    "status-after",
]


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_packages_name_the_field_and_import_nothing(
    valid_package: dict[str, Any], untouched: Store, case: str
) -> None:
    broken, message = _break(valid_package, case)
    with pytest.raises(PackageError) as raised:
        import_text(untouched, dumps(broken))
    assert message in str(raised.value)
    assert content_rows(untouched) == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b'{"format": ', "not valid JSON"),
        (b"\xff\xfe{}", "not UTF-8 text"),
        (b"[1, 2]", "package: a list is not an object"),
        (b'{"a": 1, "a": 2}', "names the field 'a' twice"),
    ],
)
def test_files_that_are_not_packages_are_refused_clearly(text: bytes, message: str, untouched: Store) -> None:
    with pytest.raises(PackageError, match=message), untouched.write() as session:
        import_package(session, loads(text))


def _confidential_texts(store: Store) -> list[str]:
    """Every piece of text above White in the demo database."""
    amber = Classification.WHITE
    texts: list[str] = []
    with store.read() as session:
        for item in session.scalars(select(AgendaItem).where(AgendaItem.classification != amber)):
            texts += [item.title, item.minutes] if item.title != item.public_title else [item.minutes]
        for decision in session.scalars(select(Decision).where(Decision.classification != amber)):
            texts.append(decision.text)
        for paper in session.scalars(select(Paper).where(Paper.classification != amber)):
            texts.append(paper.title)
        for attached in session.scalars(select(PaperFile).where(PaperFile.classification != amber)):
            texts += [attached.label, attached.filename]
        for action in session.scalars(select(Action).where(Action.classification != amber)):
            texts.append(action.text)
        texts += [p.email for p in session.scalars(select(Person)) if p.email]
    # Long enough not to occur by chance in public text ("Paper" would).
    return [t for t in texts if t and len(t) >= 15]


def test_a_white_package_holds_nothing_amber(demo_store: Store) -> None:
    secrets = _confidential_texts(demo_store)
    assert len(secrets) > 5
    for spec in DEMO_MEETINGS:
        white = export_text(demo_store, spec, Classification.WHITE)
        leaked = [s for s in secrets if s in white]
        assert leaked == [], spec
    full = "".join(export_text(demo_store, spec) for spec in DEMO_MEETINGS)
    assert all(s in full for s in secrets if "@" not in s)


def test_a_confidential_item_keeps_only_its_number_and_public_title(demo_store: Store) -> None:
    red = json.loads(export_text(demo_store, "TABASC 46"))
    white = json.loads(export_text(demo_store, "TABASC 46", Classification.WHITE))
    amber_items = [i for i in red["meeting"]["items"] if i["classification"] == "amber"]
    assert amber_items
    for full in amber_items:
        kept = next(i for i in white["meeting"]["items"] if i["uuid"] == full["uuid"])
        assert (kept["number"], kept["position"]) == (full["number"], full["position"])
        assert kept["title"] == (full["public_title"] or "Confidential item")
        assert kept["minutes"] == "" and kept["papers"] == [] and kept["decisions"] == []
    assert [i["uuid"] for i in white["meeting"]["items"]] == [i["uuid"] for i in red["meeting"]["items"]]
    assert all(a["classification"] == "white" for a in white["actions"])
    assert len(white["actions"]) < len(red["actions"]) or all(a["classification"] == "white" for a in red["actions"])


def test_a_white_package_cannot_overwrite_a_full_meeting(demo_store: Store) -> None:
    white = json.loads(export_text(demo_store, "TABASC 46", Classification.WHITE))
    # Identical at its own level: nothing to do.
    assert not import_text(demo_store, dumps(white)).changed
    white["meeting"]["venue"] = "Somewhere else"
    before = row_counts(demo_store)
    with pytest.raises(PackageError, match="white package leaves confidential content out"):
        import_text(demo_store, dumps(white))
    assert row_counts(demo_store) == before


def test_a_package_with_amber_content_labelled_white_is_refused(valid_package: dict[str, Any], empty: Store) -> None:
    mislabelled = copy.deepcopy(valid_package)
    mislabelled["classification"] = "white"
    mislabelled["people"] = [{**p, "email": None} for p in mislabelled["people"]]
    with pytest.raises(
        PackageError, match="may keep only its number and public title|amber content in a white package"
    ):
        import_text(empty, dumps(mislabelled))


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_command_line_export_and_import(demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, target = str(demo_store.path), str(tmp_path / "copy.sqlite")
    package = tmp_path / "tabasc46.json"
    code, out, err = run_cli(capsys, "--db", source, "export-meeting", "TABASC", "46", "-o", str(package))
    assert (code, err) == (0, "") and "Exported TABASC_46_1910 (Red)" in out
    code, out, _ = run_cli(capsys, "--db", target, "import-meeting", str(package))
    assert code == 0 and "Imported TABASC_46_1910" in out
    code, out, _ = run_cli(capsys, "--db", target, "import-meeting", str(package))
    assert code == 0 and "nothing was changed" in out
    code, out, _ = run_cli(capsys, "--db", target, "export-meeting", "TABASC_46_1910", "-o", "-")
    assert code == 0 and out == package.read_text(encoding="utf-8")
    white = tmp_path / "white.json"
    code, out, _ = run_cli(
        capsys, "--db", source, "export-meeting", "TABASC 46", "--classification", "white", "-o", str(white)
    )
    assert code == 0 and json.loads(white.read_text(encoding="utf-8"))["classification"] == "white"


def test_command_line_errors_exit_1_and_usage_errors_exit_2(
    demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(demo_store.path)
    code, _, err = run_cli(capsys, "--db", db, "export-meeting", "TABASC", "99", "-o", str(tmp_path / "x.json"))
    assert code == 1 and "TABASC has no meeting 99" in err and "Traceback" not in err
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "secdesk-meeting-package", "version": 1}', encoding="utf-8")
    code, _, err = run_cli(capsys, "--db", db, "import-meeting", str(bad))
    assert code == 1 and "committee: is missing" in err
    code, _, err = run_cli(capsys, "--db", db, "import-meeting", str(tmp_path / "absent.json"))
    assert code == 1 and "absent.json" in err
    for argv in (
        ["export-meeting", "TABASC 46"],
        ["export-meeting", "TABASC 46", "-o", "x", "--classification", "pink"],
    ):
        with pytest.raises(SystemExit) as exited:
            main(["--db", db, *argv])
        assert exited.value.code == 2
    capsys.readouterr()


def test_command_line_in_a_real_process(demo_store: Store, tmp_path: Path) -> None:
    package = tmp_path / "p.json"
    command = [sys.executable, "-m", "secdesk", "--db", str(demo_store.path), "export-meeting", "TABASC 45"]
    # That process does not hold the demo database's key: Amber text stays locked, White is fine.
    locked = subprocess.run([*command, "-o", str(package)], check=False, capture_output=True, text=True, timeout=120)
    assert locked.returncode == 1 and "locked on this computer" in locked.stderr and not package.exists()
    assert "Traceback" not in locked.stderr
    exported = subprocess.run(
        [*command, "-o", str(package), "--classification", "white"],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert exported.returncode == 0 and "Exported TABASC_45_2109 (White)" in exported.stdout, exported.stderr
    assert package.read_text(encoding="utf-8") == export_text(demo_store, "TABASC 45", Classification.WHITE)


def _version_one(package: dict[str, Any]) -> dict[str, Any]:
    """What a SecDesk of format version 1 wrote: none of version 2's fields."""
    old = copy.deepcopy(package)
    old["version"] = 1
    for key in ("minutes_name", "chair_category", "confidential_notice"):
        del old["committee"][key]
    for item in old["meeting"]["items"]:
        del item["public_summary"]
    for action in old["actions"]:
        del action["due_text"], action["due_meeting"]
    return old


def test_version_two_carries_the_minutes_wording_and_version_one_still_imports(
    demo_store: Store, tmp_path: Path
) -> None:
    from secdesk.services import agenda, committees

    with demo_store.write() as session:
        meeting = resolve_meeting(session, "TABASC 46")
        committees.set_minutes_name(session, meeting.committee, "Technical Board")
        committees.set_chair_category(session, meeting.committee, "Board Chair")
        agenda.set_public_summary(session, meeting.items[1], "The Board heard a confidential report.")
    package = json.loads(export_text(demo_store, "TABASC 46"))
    assert package["version"] == 2 and package["committee"]["minutes_name"] == "Technical Board"
    assert package["meeting"]["items"][1]["public_summary"] == "The Board heard a confidential report."
    for text, wanted in ((dumps(package), "Technical Board"), (dumps(_version_one(package)), None)):
        target = open_store(tmp_path / f"{wanted}.sqlite", backup=False)
        import_text(target, text)
        with target.read() as session:
            imported = resolve_meeting(session, "TABASC 46")
            assert imported.committee.minutes_name == wanted
            assert imported.items[1].public_summary == (wanted and "The Board heard a confidential report.")
        target.close()
