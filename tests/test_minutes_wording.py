"""How the minutes word a committee, its chair and a confidential item (the committee's own style)."""

from __future__ import annotations

from datetime import date

from secdesk.documents.minutes import ATTENDANCE_NOT_RECORDED, CONFIDENTIAL_NOTICE, build_minutes
from secdesk.documents.model import Heading, Paragraph, Table
from secdesk.model import Capacity, Classification
from secdesk.services import agenda, attendance, committees
from secdesk.services.meetings import resolve_meeting
from tests import factories

WHITE, AMBER = Classification.WHITE, Classification.AMBER


def _panel_meeting(session, *, styled: bool):
    panel = factories.committee(session, "SECP")
    if styled:
        committees.set_minutes_name(session, panel, "SEC Panel")
        committees.set_chair_category(session, panel, "SEC Panel Chair")
        committees.set_confidential_notice(session, panel, "The confidential minutes say more.")
    meeting = factories.held_meeting(session, panel, 30, date(2027, 3, 11))
    chair = attendance.add_named(session, meeting, "Rowan Ashdown", Capacity.MEMBER)
    chair.is_chair, chair.seat_category = True, "Large Suppliers"
    attendance.add_named(session, meeting, "Ellis Brook", Capacity.MEMBER).seat_category = "Large Suppliers"
    item = agenda.add_item(session, meeting, "Event of Default", classification=AMBER,
                           public_title="Event of Default Update",
                           public_summary="The Panel were given a confidential update on a defaulting party.",
                           minutes="The defaulting party has paid.")
    session.flush()
    return meeting.identifier, item.number


def _paragraphs(document) -> list[str]:
    return ["".join(r.text for r in b.runs) for b in document.blocks if isinstance(b, Paragraph)]


def _cells(document) -> list[list[str]]:
    return [[cell.text for cell in row] for b in document.blocks if isinstance(b, Table) for row in b.rows]


def test_the_committee_is_named_and_its_chair_listed_as_its_minutes_do(store) -> None:
    with store.write() as session:
        identifier, _number = _panel_meeting(session, styled=True)
    with store.read() as session:
        white = build_minutes(session, resolve_meeting(session, identifier), WHITE)
    assert "SEC Panel Meeting 30" in _paragraphs(white) and white.title.startswith("SEC Panel Meeting 30")
    members = next(b for b in white.blocks if isinstance(b, Table))
    assert members.headers == ("Category", "SEC Panel Members")
    assert _cells(white)[:2] == [["SEC Panel Chair", "Rowan Ashdown"], ["Large Suppliers", "Ellis Brook"]]
    assert "(Chair)" not in white.text()


def test_by_default_the_code_names_it_and_the_chair_is_marked(store) -> None:
    with store.write() as session:
        identifier, _number = _panel_meeting(session, styled=False)
    with store.read() as session:
        white = build_minutes(session, resolve_meeting(session, identifier), WHITE)
    assert "SECP Meeting 30" in _paragraphs(white)
    assert ["Large Suppliers", "Rowan Ashdown (Chair)"] in _cells(white)


def test_a_confidential_item_shows_its_public_summary_and_the_committees_line(store) -> None:
    with store.write() as session:
        identifier, number = _panel_meeting(session, styled=True)
    with store.read() as session:
        meeting = resolve_meeting(session, identifier)
        white, amber = build_minutes(session, meeting, WHITE), build_minutes(session, meeting, AMBER)
    heading = white.blocks.index(Heading(f"{number}. Event of Default Update"))
    face = "".join(r.text for r in white.blocks[heading + 1].runs)
    assert face == ("The Panel were given a confidential update on a defaulting party. "
                    "The confidential minutes say more.")
    assert "has paid" not in white.text() and CONFIDENTIAL_NOTICE not in white.text()
    assert "The defaulting party has paid." in amber.text() and "defaulting party." not in amber.text()


def test_an_unrecorded_attendance_says_so_instead_of_an_empty_table(store) -> None:
    with store.write() as session:
        meeting = factories.held_meeting(session, factories.committee(session), 15, date(2027, 2, 15))
        identifier = meeting.identifier
    with store.read() as session:
        white = build_minutes(session, resolve_meeting(session, identifier), WHITE)
    attendees = white.blocks.index(Heading("Attendees:", level=2))
    assert white.blocks[attendees + 1] == Paragraph(((white.blocks[attendees + 1].runs)), "body")
    assert ATTENDANCE_NOT_RECORDED in _paragraphs(white) and not any(isinstance(b, Table) for b in white.blocks)
