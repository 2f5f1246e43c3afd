"""Importing minutes into the database: one transaction, no duplicates, histories of updates."""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from secdesk.cli.main import main
from secdesk.importers.apply import import_minutes, parse_for_committee
from secdesk.model import (
    Action,
    ActionStatus,
    ActionUpdate,
    AgendaItem,
    Attendance,
    AuditRecord,
    Capacity,
    Classification,
    Decision,
    Meeting,
    MeetingStatus,
)
from secdesk.services import actions, committees, meetings
from secdesk.store import Store

MINUTES = Path(__file__).parent / "data" / "minutes"


def _load_corpus():
    """tests/data is not a package: load the corpus module from its file."""
    if "import_corpus" not in sys.modules:
        spec = importlib.util.spec_from_file_location("import_corpus", MINUTES / "corpus.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["import_corpus"] = module
        spec.loader.exec_module(module)
    return sys.modules["import_corpus"]


corpus = _load_corpus()


@pytest.fixture
def tabasc(store: Store) -> Store:
    with store.write() as session:
        committees.create_committee(
            session,
            "TABASC",
            "Technical Architecture and Business Architecture Sub-Committee",
            "The TABASC",
        )
        committees.create_committee(session, "SSC", "Security Sub-Committee", "The SSC")
    return store


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("import")
    made = {}
    for source in corpus.SOURCES:
        for fmt in ("messy.txt", "docx", "reportlab.pdf"):
            made[f"{source.stem}.{fmt}"] = corpus.render(source, fmt, folder)
    return made


def _import(store: Store, path: Path, code: str = "TABASC", **options):
    return import_minutes(store, parse_for_committee(store, path, code), code, **options)


def _counts(store: Store) -> dict[str, int]:
    with store.read() as session:
        return {
            model.__name__: session.scalar(select(func.count(model.id)))
            for model in (Meeting, AgendaItem, Decision, Action, ActionUpdate, Attendance)
        }


def _history(store: Store, reference: str) -> list[tuple[int, str]]:
    with store.read() as session:
        action = actions.get_action(session, reference)
        return [
            (u.meeting.number, u.status_after.value)
            for u in sorted(action.updates, key=lambda u: u.meeting.date)
        ]


def test_import_records_the_meeting_final_and_locked(tabasc: Store, files):
    report = _import(tabasc, files["tabasc_21.messy.txt"])
    assert report.meeting == "TABASC_21_1501" and not report.meeting_existed
    with tabasc.read() as session:
        meeting = meetings.resolve_meeting(session, "TABASC 21")
        assert meeting.date == date(2025, 1, 15)
        assert meeting.venue == "Harbour House, 12 Quay Street, Bristol, BS1 4DJ"
        assert (meeting.status, meeting.locked) == (MeetingStatus.FINAL, True)
        assert [(i.number, i.title, i.section.value) for i in meeting.items] == [
            tuple(row) for row in corpus.expected(MINUTES / "tabasc_21.txt")["items"]
        ]
        confidential = meeting.items[2]
        assert confidential.classification is Classification.AMBER
        assert confidential.public_title == "Interface Versioning Review"
        maps = meeting.items[3]
        assert [(d.verb.value, d.text) for d in maps.decisions] == [
            ("NOTED", "the contents of the paper"),
            ("APPROVED", "the process maps subject to the change to working days"),
            ("AGREED", "that SECAS publish the corrected maps on the website"),
        ]
        assert [a.reference for a in maps.actions] == ["TABASC21/02"]
        raised = actions.get_action(session, "TABASC21/05")
        assert (raised.owner, raised.due_date, raised.item.title) == (
            "The DCC",
            date(2025, 1, 31),
            "Any Other Business",
        )
        assert meeting.items[4].post_meeting_note.startswith("The owner has since been agreed")
        rows = {a.person.name: a for a in meeting.attendance}
        assert rows["Priya Anand"].capacity is Capacity.ALTERNATE
        assert rows["Ruth Okafor"].part and rows["Morag Whitfield"].is_chair
        assert rows["Joel Pritchard"].representing.name == "Ofgem (the Authority)"
        assert rows["Colin Hartley"].status.value == "apologies"
        # Actions from earlier meetings not in the database come in, unattached to a meeting.
        old = actions.get_action(session, "TABASC19/04")
        assert old.meeting is None and old.text.startswith("SECAS to circulate a glossary")
        assert (old.status, old.closed_at_meeting) == (ActionStatus.CLOSED, meeting)
        shared = [actions.get_action(session, f"TABASC20/0{n}").updates[0] for n in (5, 6, 7)]
        assert len({u.shared_group for u in shared}) == 1 and shared[0].shared_group is not None
        assert shared[0].text.startswith("The three maps have been redrawn")


def test_previous_then_later_meeting_leaves_each_action_its_history(tabasc: Store, files):
    _import(tabasc, files["tabasc_21.docx"])
    report = _import(tabasc, files["tabasc_22.reportlab.pdf"])
    assert "TABASC21/03" in report.reviews_recorded and "TABASC20/02" in report.actions_closed
    assert _history(tabasc, "TABASC20/02") == [(21, "ongoing"), (22, "closed")]
    assert _history(tabasc, "TABASC21/03") == [(22, "ongoing")]
    assert _history(tabasc, "TABASC19/04") == [(21, "closed")]
    with tabasc.read() as session:
        # The open actions a secretary would list by hand after the February meeting.
        open_now = [
            row.reference for row in actions.action_log(session, committee="TABASC", open_only=True)
        ]
        assert open_now == [
            "TABASC21/03",
            "TABASC21/05",
            "TABASC22/01",
            "TABASC22/02",
            "TABASC22/03",
        ]
        january = meetings.resolve_meeting(session, "TABASC 21")
        february = meetings.resolve_meeting(session, "TABASC 22")
        assert january.approved_at_meeting == february  # "agreed as final" in February's item 1
        assert actions.get_action(session, "TABASC21/01").meeting == january
        assert actions.get_action(session, "TABASC20/02").closed_at_meeting == february


def test_later_meeting_first_then_the_earlier_one_gives_the_same_state(tabasc: Store, files):
    _import(tabasc, files["tabasc_22.messy.txt"])
    with tabasc.read() as session:
        placeholder = actions.get_action(session, "TABASC21/02")
        assert placeholder.meeting is None and placeholder.status is ActionStatus.CLOSED
    report = _import(tabasc, files["tabasc_21.messy.txt"])
    assert "TABASC21/02" in report.actions_updated
    assert _history(tabasc, "TABASC20/02") == [(21, "ongoing"), (22, "closed")]
    with tabasc.read() as session:
        moved = actions.get_action(session, "TABASC21/02")
        assert moved.meeting.number == 21 and moved.item.title == "Change Path Process Maps"
        assert moved.status is ActionStatus.CLOSED  # February's closure survives January's import
        assert moved.due_date == date(2025, 2, 28)
        open_now = [
            row.reference for row in actions.action_log(session, committee="TABASC", open_only=True)
        ]
        assert open_now == [
            "TABASC21/03",
            "TABASC21/05",
            "TABASC22/01",
            "TABASC22/02",
            "TABASC22/03",
        ]


def test_importing_the_same_file_twice_duplicates_nothing(tabasc: Store, files):
    _import(tabasc, files["tabasc_21.docx"])
    first = _counts(tabasc)
    report = _import(tabasc, files["tabasc_21.docx"])
    assert report.meeting_existed and sorted(report.actions_updated) == [
        f"TABASC21/0{n}" for n in range(1, 6)
    ]
    assert _counts(tabasc) == first
    with tabasc.read() as session:
        assert meetings.resolve_meeting(session, "TABASC 21").locked


def test_an_import_that_fails_half_way_writes_nothing(
    tabasc: Store, files, monkeypatch: pytest.MonkeyPatch
):
    from secdesk.importers import apply

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk went away")

    monkeypatch.setattr(apply, "_reviews", broken)
    with pytest.raises(RuntimeError):
        _import(tabasc, files["tabasc_21.messy.txt"])
    assert _counts(tabasc)["Meeting"] == 0 and _counts(tabasc)["Action"] == 0


def test_amber_minutes_are_recorded_at_amber_so_no_white_export_can_show_them(
    tabasc: Store, files, tmp_path: Path
):
    amber = tmp_path / "amber.txt"
    text = files["tabasc_21.messy.txt"].read_text(encoding="utf-8")
    amber.write_text(
        text.replace("Classification of White", "Classification of Amber"), encoding="utf-8"
    )
    report = _import(tabasc, amber)
    assert any("classified Amber" in warning for warning in report.warnings)
    with tabasc.read() as session:
        meeting = meetings.resolve_meeting(session, "TABASC 21")
        assert {item.classification for item in meeting.items} == {Classification.AMBER}
        assert {d.classification for item in meeting.items for d in item.decisions} == {
            Classification.AMBER
        }
        assert actions.get_action(session, "TABASC21/01").classification is Classification.AMBER
        assert actions.get_action(session, "TABASC19/04").classification is Classification.AMBER


def test_the_meeting_date_can_be_given_when_the_minutes_lack_it(tabasc: Store, tmp_path: Path):
    path = tmp_path / "no_heading.txt"
    path.write_text(
        "1. Minutes and Actions Outstanding\nThe draft minutes from the May 2025 TABASC meeting were agreed as final.\n"
        "2. Risk Register\nThe TABASC NOTED the register.\nACTION TABASC30/01: SECAS to refresh the register.\n",
        encoding="utf-8",
    )
    report = _import(tabasc, path, day=date(2025, 6, 18))
    assert report.meeting == "TABASC_30_1806"  # the number comes from the action references
    # Guessed from item 1, the meeting is known by its month only: no day is invented.
    guessed = _import(tabasc, path, number=31)
    assert guessed.meeting == "TABASC_31"
    assert any("June 2025 was assumed from item 1 (no day)" in warning for warning in guessed.warnings)
    assert any("before meeting 30" in warning for warning in guessed.warnings)


def test_an_update_to_an_action_raised_later_is_skipped_not_recorded(
    tabasc: Store, files, tmp_path: Path
):
    _import(tabasc, files["tabasc_21.messy.txt"])
    earlier = tmp_path / "tabasc_20.txt"
    earlier.write_text(
        "TABASC Meeting 20\nMeeting TABASC_20_1112, 11th December 2024\nFinal Minutes\n"
        "1. Minutes and Actions Outstanding\nAction Reference Update\n"
        "TABASC21/02 SECAS to correct the maps. The maps are in hand. Action ONGOING.\n"
        "TABASC19/04 SECAS to circulate a glossary. Drafting has started. Action ONGOING.\n",
        encoding="utf-8",
    )
    report = _import(tabasc, earlier, number=20)
    assert any("TABASC21/02 was raised at TABASC_21_1501" in w for w in report.warnings)
    assert report.reviews_recorded == ["TABASC19/04"]
    assert _history(tabasc, "TABASC21/02") == []
    # December's update joins the history; January's closure stays the status.
    assert _history(tabasc, "TABASC19/04") == [(20, "ongoing"), (21, "closed")]
    with tabasc.read() as session:
        assert actions.get_action(session, "TABASC19/04").status is ActionStatus.CLOSED


def test_numbers_and_dates_given_by_hand_win_with_a_warning(tabasc: Store, files):
    report = _import(tabasc, files["tabasc_22.docx"], number=23, day=date(2025, 3, 19))
    assert report.meeting == "TABASC_23_1903"
    assert "The minutes say meeting 22; imported as meeting 23." in report.warnings
    assert "The minutes say 19 February 2025; imported as 19 March 2025." in report.warnings


# ---------------------------------------------------------------- the command line


def test_dry_run_json_reports_what_was_found_and_writes_nothing(
    tabasc: Store, files, db_path: Path, capsys
):
    with tabasc.read() as session:
        audited = session.scalar(select(func.count(AuditRecord.id)))
    code = main(
        [
            "--db",
            str(db_path),
            "import-minutes",
            str(files["tabasc_21.reportlab.pdf"]),
            "--committee",
            "TABASC",
            "--dry-run",
            "--json",
        ]
    )
    assert code == 0
    output = json.loads(capsys.readouterr().out)
    found = output["found"]
    assert output["dry_run"] is True and output["result"]["meeting"] == "TABASC_21_1501"
    first_action = found["items"][1]["actions"][0]
    assert first_action["reference"] == "TABASC21/01" and first_action["due"] == "2025-02-14"
    assert 0 < first_action["confidence"] <= 1 and first_action["lines"]
    assert found["reviews"][0]["status"] == "closed" and found["reviews"][0]["lines"]
    assert _counts(tabasc)["Meeting"] == 0 and _counts(tabasc)["Action"] == 0
    with tabasc.read() as session:
        assert session.scalar(select(func.count(AuditRecord.id))) == audited


def test_command_line_import_prints_a_summary(tabasc: Store, files, db_path: Path, capsys):
    code = main(
        [
            "--db",
            str(db_path),
            "import-minutes",
            str(files["tabasc_21.messy.txt"]),
            "--committee",
            "tabasc",
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "Imported TABASC_21_1501" in out and "closed: TABASC19/04" in out
    assert _counts(tabasc)["Meeting"] == 1


@pytest.mark.parametrize(
    ("name", "content", "committee", "message"),
    [
        (
            "letter.txt",
            "Dear colleague,\nThe invoice is attached.\n",
            "TABASC",
            "does not look like minutes",
        ),
        ("broken.pdf", "%PDF-1.4 nothing here", "TABASC", "not a readable PDF"),
        ("minutes.txt", None, "SSC", "not for SSC"),
        ("minutes.txt", None, "NOPE", "No committee 'NOPE'"),
    ],
)
def test_bad_inputs_write_nothing(
    tabasc: Store,
    files,
    db_path: Path,
    tmp_path: Path,
    capsys,
    name: str,
    content: str | None,
    committee: str,
    message: str,
):
    path = tmp_path / name
    if content is None:
        path.write_bytes(files["tabasc_21.messy.txt"].read_bytes())
    else:
        path.write_text(content, encoding="utf-8")
    before = _counts(tabasc)
    code = main(["--db", str(db_path), "import-minutes", str(path), "--committee", committee])
    captured = capsys.readouterr()
    assert code == 1 and message in captured.err and "Traceback" not in captured.err
    assert _counts(tabasc) == before


def test_an_encrypted_pdf_writes_nothing(
    tabasc: Store, files, db_path: Path, tmp_path: Path, capsys
):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(files["tabasc_21.reportlab.pdf"])))
    writer.encrypt(user_password="minutes", algorithm="AES-128")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    code = main(["--db", str(db_path), "import-minutes", str(locked), "--committee", "TABASC"])
    assert code == 1 and "encrypted PDF" in capsys.readouterr().err
    assert _counts(tabasc)["Meeting"] == 0
