"""Issue 15, item 17: odd inputs get a clear message or a correct result, never a traceback.

A minute or an action of 120,000 characters still exports to PDF with nothing lost; an
absurd planner span, an absurd meeting number and a package holding another committee's
(or a bogus) action reference are refused with a message that says what is allowed.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from secdesk.cli.main import main
from secdesk.documents.export import action_log_document, export, meeting_document
from secdesk.errors import PackageError, ValidationError
from secdesk.model import Action, Classification, Meeting, Section
from secdesk.packages import dumps, export_meeting, import_package, loads
from secdesk.services import actions, committees, meetings, planner
from secdesk.services.meetings import resolve_meeting
from secdesk.store import Store, open_store

WHITE = Classification.WHITE
LONG = 120_000
# One paragraph of words and no newline, ending in a marker that must reach the PDF.
WORDS = ("lorem ipsum " * (LONG // 12)).strip() + " ENDMARKER"
# One word with no space at all: it must wrap inside the page, not run off it.
WORD = "Z" * LONG


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _squashed(text: str) -> str:
    """The text without whitespace: a wrapped word comes back whole."""
    return "".join(text.split())


def _assert_nothing_lost(document_text: str, pdf_text: str) -> None:
    assert "ENDMARKER" in pdf_text
    assert pdf_text.count("lorem") == document_text.count("lorem") > 0
    # Every character of the long word is printed, across however many lines and pages.
    assert _squashed(pdf_text).count("Z") == document_text.count("Z") >= LONG


@pytest.fixture
def long_texts(demo_store: Store) -> Store:
    """TABASC 46 with 120k-character minutes, and a 120k-character action text and update."""
    with demo_store.write() as session:
        meeting = resolve_meeting(session, "TABASC 46")
        items = [i for i in meeting.items if i.section is Section.MAIN]
        items[2].minutes = WORDS
        items[3].minutes = WORD
        # Outstanding at 46 (closed there): in the minutes' actions table and in the log.
        action = session.scalar(select(Action).where(Action.reference == "TABASC41/03"))
        action.text = WORDS
        action.updates[-1].text = WORD
    return demo_store


def test_minutes_with_a_120k_paragraph_a_120k_word_and_a_120k_table_cell_export_to_pdf(
    long_texts: Store, tmp_path: Path
) -> None:
    document = meeting_document(long_texts, "minutes", "TABASC 46", WHITE)
    assert document.text().count("ENDMARKER") == 2  # the item's minutes and the outstanding table
    path = export(document, "pdf", tmp_path)
    text = _pdf_text(path)
    assert text.count("ENDMARKER") == 2
    _assert_nothing_lost(document.text(), text)
    assert "Any Other Business" in text  # what follows the long content is there too


def test_action_log_with_a_120k_action_and_a_120k_word_update_exports_to_pdf(
    long_texts: Store, tmp_path: Path
) -> None:
    document = action_log_document(long_texts, WHITE)
    path = export(document, "pdf", tmp_path)
    text = _pdf_text(path)
    _assert_nothing_lost(document.text(), text)
    assert "TABASC46/04" in text  # the rows after the long one are there too


# --- the command line: a clear message, exit 1, never a traceback ---

HUGE = "12345678901234567890123"  # 23 digits: more than SQLite's 64-bit integers hold


def _cli(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.mark.parametrize(
    "argv",
    [
        ("--months", "100000"),
        ("--months", "100000", "--format", "pdf"),
        ("--months", "0"),
        ("--months", "-3", "--json"),
        ("--months", "25"),
    ],
)
def test_planner_months_outside_1_to_24_are_refused(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    if "--format" in argv:
        argv += ("-o", str(tmp_path))
    code, out, err = _cli(capsys, demo_file, "planner", "TABASC", *argv)
    assert code == 1 and out == ""
    assert "The planner shows 1 to 24 months at a time" in err
    assert list(tmp_path.glob("*.pdf")) == []


def test_planner_months_at_the_bounds_still_work(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for months in ("1", "24"):
        code, out, _ = _cli(capsys, demo_file, "planner", "TABASC", "--months", months, "--json")
        assert code == 0 and isinstance(json.loads(out), list)


def test_planner_cannot_run_past_the_last_month_of_the_calendar(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _cli(capsys, demo_file, "planner", "TABASC", "--from", "9999-06", "--months", "12")
    assert code == 1 and "There is no month after December 9999" in err


def test_planner_service_bounds_months_for_every_caller(store: Store) -> None:
    with store.write() as session:
        tabasc = committees.create_committee(session, "TABASC", "TABASC Sub-Committee", quorum=3)
        for months in (0, planner.MAX_MONTHS + 1, 100_000):
            with pytest.raises(ValidationError, match="1 to 24 months"):
                planner.planner(session, tabasc, start=date(2027, 1, 1), months=months)
        assert planner.planner(session, tabasc, start=date(2027, 1, 1), months=planner.MAX_MONTHS) == []


@pytest.mark.parametrize(
    "meeting",
    [("TABASC", HUGE), (f"TABASC_{HUGE}_1910",), ("TABASC", "10000"), ("TABASC", "0"), ("TABASC", "\u00b2")],
)
def test_meeting_numbers_outside_1_to_9999_are_refused_by_every_command(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], meeting: tuple[str, ...]
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    for command in (
        ("agenda", *meeting, "-o", str(out_dir)),
        ("minutes", *meeting, "-o", str(out_dir)),
        ("export-meeting", *meeting, "-o", str(out_dir / "package.json")),
    ):
        code, out, err = _cli(capsys, demo_file, *command)
        assert code == 1 and out == "", command
        assert "Meeting numbers run from 1 to 9999" in err or "is not a meeting number" in err, err
    assert list(out_dir.iterdir()) == []


def test_import_minutes_refuses_a_23_digit_meeting_number(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "minutes.txt"
    text.write_text(
        f"TABASC Meeting {HUGE}\nHeld on 5 March 2027\n\n1. Minutes\nThe TABASC NOTED the update.\n"
        "ACTION TABASC47/01: SECAS to write to the DCC.\n",
        encoding="utf-8",
    )
    # The number typed on the command line, and the number the minutes' heading gives.
    for extra in (("--meeting", HUGE, "--date", "2027-03-05"), ()):
        code, _, err = _cli(capsys, demo_file, "import-minutes", str(text), "--committee", "TABASC", *extra)
        assert code == 1 and f"Meeting numbers run from 1 to 9999; {HUGE} is not one." in err
    with open_store(demo_file, backup=False).read() as session:
        assert session.scalar(select(func.count()).select_from(Meeting)) == 4  # nothing was added


def test_meeting_service_checks_numbers_once_for_creating_and_finding(store: Store) -> None:
    with store.write() as session:
        tabasc = committees.create_committee(session, "TABASC", "TABASC Sub-Committee", quorum=3)
        for number in (0, 10_000, int(HUGE)):
            with pytest.raises(ValidationError, match="Meeting numbers run from 1 to 9999"):
                meetings.create_meeting(session, tabasc, date(2027, 3, 5), number=number)
        meetings.create_meeting(session, tabasc, date(2027, 3, 5), number=9999)
        assert resolve_meeting(session, "TABASC 9999").number == 9999
        for spec in (f"TABASC {HUGE}", f"TABASC_{HUGE}_0503"):
            with pytest.raises(ValidationError, match="Meeting numbers run from 1 to 9999"):
                resolve_meeting(session, spec)
        # The next number after the last one allowed is refused, not stored.
        with pytest.raises(ValidationError, match="10000 is not one"):
            meetings.create_meeting(session, tabasc, date(2027, 4, 5))


# --- meeting packages: action references are the committee's own, in the house format ---


@pytest.fixture(scope="module")
def tabasc_package(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from secdesk.services.demo import load_demo

    store = open_store(tmp_path_factory.mktemp("odd") / "demo.sqlite", backup=False)
    with store.write() as session:
        load_demo(session)
    with store.read() as session:
        package = json.loads(dumps(export_meeting(session, resolve_meeting(session, "TABASC 46"), Classification.RED)))
    store.close()
    return package


@pytest.fixture
def empty(tmp_path: Path):
    opened = open_store(tmp_path / "empty.sqlite", backup=False)
    yield opened
    opened.close()


def _import(store: Store, package: dict[str, Any]) -> None:
    with store.write() as session:
        import_package(session, loads(dumps(package)))


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("SECP16/02", "Action reference SECP16/02 does not belong to TABASC."),
        ("FOO", "Action reference 'FOO' is not in the house format"),
        ("TABASC16-02", "Action reference 'TABASC16-02' is not in the house format"),
        ("TABASC46/", "Action reference 'TABASC46/' is not in the house format"),
        (f"TABASC{HUGE}/01", f"Action reference TABASC{HUGE}/01 names meeting {HUGE}, action 1; meetings run to 9999"),
        ("tabasc46/09", "'tabasc46/09' is written 'TABASC46/09' in SecDesk"),
    ],
)
def test_a_package_with_a_foreign_or_bogus_action_reference_is_refused(
    tabasc_package: dict[str, Any], empty: Store, reference: str, message: str
) -> None:
    broken = copy.deepcopy(tabasc_package)
    n = next(i for i, a in enumerate(broken["actions"]) if a["reference"].startswith("TABASC46/"))
    broken["actions"][n]["reference"] = reference
    with pytest.raises(PackageError) as raised:
        _import(empty, broken)
    assert f"actions[{n}].reference: {message}" in str(raised.value)
    with empty.read() as session:
        assert session.scalar(select(func.count()).select_from(Action)) == 0


def test_a_package_meeting_number_beyond_9999_is_refused(tabasc_package: dict[str, Any], empty: Store) -> None:
    broken = copy.deepcopy(tabasc_package)
    broken["meeting"]["number"] = 10_000
    broken["meeting"]["identifier"] = f"TABASC_10000_{broken['meeting']['identifier'][-4:]}"
    with pytest.raises(PackageError, match=r"meeting\.number: Meeting numbers run from 1 to 9999"):
        _import(empty, broken)


def test_the_demo_package_with_its_legacy_action_still_imports(tabasc_package: dict[str, Any], empty: Store) -> None:
    references = {a["reference"] for a in tabasc_package["actions"]}
    assert "TABASC41/03" in references  # raised before SecDesk, at no recorded meeting
    _import(empty, tabasc_package)
    with empty.read() as session:
        assert set(session.scalars(select(Action.reference))) == references


def test_references_of_a_committee_whose_code_ends_in_a_digit_are_its_own(store: Store) -> None:
    """SEC216/02 is action 2 of meeting 16 of SEC2, not of meeting 216 of SEC."""
    assert actions.parse_reference("SEC216/02", "SEC2") == ("SEC2", 16, 2)
    with pytest.raises(ValidationError, match="does not belong to SEC2"):
        actions.parse_reference("SEC16/02", "SEC2")
    with store.write() as session:
        sec2 = committees.create_committee(session, "SEC2", "Second committee", quorum=3)
        meeting = meetings.create_meeting(session, sec2, date(2027, 3, 5), number=16)
        typed = actions.raise_action(session, meeting, "typed by hand", reference="SEC216/05")
        assert typed.reference == "SEC216/05"
        assert actions.raise_action(session, meeting, "next").reference == "SEC216/06"
