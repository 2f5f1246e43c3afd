"""The classified-document builders: content, house style and the level filter."""

from __future__ import annotations

from datetime import date

import pytest

from secdesk.documents.action_log import build_action_log
from secdesk.documents.agenda import build_agenda
from secdesk.documents.minutes import (
    CONFIDENTIAL_NOTICE,
    INFORMATION_HEADING,
    build_minutes,
    decision_blocks,
    shared_reference,
    text_blocks,
)
from secdesk.documents.model import ACTION, DECISION, Bullets, Heading, Paragraph, Table
from secdesk.model import Classification, Decision, DecisionVerb
from secdesk.services import agenda as agenda_service
from secdesk.services.meetings import resolve_meeting

WHITE, AMBER = Classification.WHITE, Classification.AMBER


def _minutes(store, meeting: str, level: Classification):
    with store.read() as session:
        return build_minutes(session, resolve_meeting(session, meeting), level)


def _texts(document, kind) -> list[str]:
    out = []
    for block in document.blocks:
        if isinstance(block, kind) and isinstance(block, Heading):
            out.append(block.text)
        elif isinstance(block, kind) and isinstance(block, Paragraph):
            out.append("".join(r.text for r in block.runs))
    return out


def test_white_minutes_keep_confidential_item_number_and_public_title_only(demo_store) -> None:
    white = _minutes(demo_store, "TABASC 46", WHITE)
    amber = _minutes(demo_store, "TABASC 46", AMBER)
    white_headings = _texts(white, Heading)
    amber_headings = _texts(amber, Heading)
    assert "6. Readiness Survey" in white_headings
    assert "6. Supplier Readiness Survey Results" in amber_headings
    index = white.blocks.index(Heading("6. Readiness Survey"))
    assert white.blocks[index + 1] == Paragraph(white.blocks[index + 1].runs, "confidential")
    assert "".join(r.text for r in white.blocks[index + 1].runs) == CONFIDENTIAL_NOTICE
    assert isinstance(white.blocks[index + 2], Heading)  # nothing else of item 6
    assert "Supplier Readiness" not in white.text()
    assert "bilateral support" not in white.text()
    assert "TABASC46/02" not in white.text() and "TABASC46/02" in amber.text()
    # Items keep their numbers in both versions.
    numbers = [h.split(".")[0] for h in white_headings if h[0].isdigit()]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]


def test_amber_decision_inside_white_item_only_in_amber_minutes(demo_store) -> None:
    amber_text = "that the named respondent list remain confidential to members"
    white = _minutes(demo_store, "TABASC 44", WHITE).text()
    amber = _minutes(demo_store, "TABASC 44", AMBER).text()
    assert amber_text in amber
    assert amber_text not in white
    assert "The TABASC DISCUSSED the draft questionnaire and provided comments." in white


def test_heading_block_attendance_and_closing(demo_store) -> None:
    document = _minutes(demo_store, "TABASC 46", WHITE)
    text = document.text()
    assert document.draft and document.file_stem == "TABASC_46_1910_Draft_Minutes_WHITE"
    assert document.author == "SECAS"
    assert "TABASC Meeting 46" in text
    assert "Meeting TABASC_46_1910, 19th October 2026" in text
    assert "Draft Minutes" in text
    assert "Ben Holloway (Alternate for Marcus Webb)" in text
    assert "Daniel Okafor (observer)" in text
    assert "Claire Fenwick (part, items 5\u201312)" in text
    tables = [b for b in document.blocks if isinstance(b, Table)]
    others = next(t for t in tables if t.headers == ("Representing", "Other Participants"))
    rows = [(a.text, b.text) for a, b in others.rows]
    assert ("Ofgem (the Authority)", "Grace Mbeki") in rows
    assert ("Meeting Secretary", "Iris Kowalczyk") in rows
    headings = _texts(document, Heading)
    assert headings.index(INFORMATION_HEADING) == headings.index("10. Any Other Business") + 1
    final = _minutes(demo_store, "TABASC 44", WHITE)
    assert not final.draft and "Final Minutes" in final.text()
    assert final.text().count("closed the meeting") == 1  # the minute-taker's own closing line
    assert document.text().count("closed the meeting") == 1


def test_actions_outstanding_table_rows_and_shared_update(demo_store) -> None:
    white = _minutes(demo_store, "TABASC 46", WHITE)
    amber = _minutes(demo_store, "TABASC 46", AMBER)

    def rows(document):
        table = next(b for b in document.blocks if isinstance(b, Table) and b.headers[0] == "Action Reference")
        return {row[0].text: row[2].text for row in table.rows}

    white_rows, amber_rows = rows(white), rows(amber)
    assert list(white_rows) == ["TABASC41/03", "TABASC44/02 & 45/01", "TABASC45/03", "TABASC45/05"]
    assert white_rows["TABASC41/03"].endswith("Action CLOSED.")
    assert white_rows["TABASC45/03"].endswith("Action ONGOING.")
    assert "TABASC45/02" in amber_rows and "TABASC45/02" not in white_rows
    assert "The draft minutes of the September 2026 TABASC meeting were agreed as final." in white.text()


def test_decisions_one_as_sentence_several_as_block() -> None:
    one = decision_blocks("The TABASC", [Decision(verb=DecisionVerb.NOTED, text="the verbal update.")])
    assert one == [Paragraph(one[0].runs, DECISION)]
    assert one[0].runs[0].text == "The TABASC NOTED the verbal update."
    several = decision_blocks(
        "The Panel",
        [Decision(verb=DecisionVerb.NOTED, text="the paper"), Decision(verb=DecisionVerb.APPROVED, text="the plan")],
    )
    assert several[0].runs[0].text == "The Panel:"
    assert isinstance(several[1], Bullets)
    assert [line[0].text for line in several[1].items] == ["NOTED the paper; and", "APPROVED the plan."]


def test_action_lines_and_post_meeting_note(demo_store) -> None:
    document = _minutes(demo_store, "TABASC 46", WHITE)
    actions = [b for b in document.blocks if isinstance(b, Paragraph) and b.role == ACTION]
    assert [a.runs[0].text for a in actions] == ["ACTION TABASC46/01: ", "ACTION TABASC46/03: ", "ACTION TABASC46/04: "]
    assert any(b.role == "note" and b.runs[0].text == "Post Meeting Note: " for b in document.blocks
               if isinstance(b, Paragraph))


def test_text_blocks_split_paragraphs_and_bullets() -> None:
    blocks = text_blocks("First line\ncontinues.\n\nIntro:\n- one\n\u2022 two\nAfter.")
    assert blocks[0] == Paragraph(blocks[0].runs) and blocks[0].runs[0].text == "First line continues."
    assert isinstance(blocks[2], Bullets) and [i[0].text for i in blocks[2].items] == ["one", "two"]
    assert blocks[3].runs[0].text == "After."


def test_shared_reference_in_house_style() -> None:
    assert shared_reference(["SECP20/04", "SECP23/08", "SECP28/06"]) == "SECP20/04, 23/08 & 28/06"
    assert shared_reference(["TABASC16/02"]) == "TABASC16/02"


def test_builder_returns_plain_data_usable_after_session(demo_store) -> None:
    document = _minutes(demo_store, "TABASC 46", AMBER)
    demo_store.close()
    assert "Supplier Readiness Survey Results" in document.text()  # no lazy loading needed


def test_empty_white_minutes_of_all_amber_meeting_are_fine(demo_store) -> None:
    with demo_store.write() as session:
        meeting = resolve_meeting(session, "SECP 151")
        for item in meeting.items:
            item.classification = AMBER
    document = _minutes(demo_store, "SECP 151", WHITE)
    assert document.text().count(CONFIDENTIAL_NOTICE) == len(_texts(document, Heading)) - 1  # - "Attendees"


def test_agenda_lists_papers_timings_and_hides_amber(demo_store) -> None:
    with demo_store.write() as session:
        meeting = resolve_meeting(session, "TABASC 46")
        item = next(i for i in meeting.items if i.title.startswith("Specification Defect"))
        agenda_service.add_paper(session, item, "Secret annex", reference="SECRET_REF", classification=AMBER)
    with demo_store.read() as session:
        meeting = resolve_meeting(session, "TABASC 46")
        white = build_agenda(session, meeting, WHITE)
        amber = build_agenda(session, meeting, AMBER)
    table = next(b for b in white.blocks if isinstance(b, Table))
    first = table.rows[0]
    assert [c.text for c in first[:4]] == ["1.", "Minutes and Actions Outstanding", "For Decision", "TABASC Chair"]
    assert first[5].text.startswith("10:00")
    assert table.rows[1][5].text.startswith("10:10")
    assert "Readiness Survey\nConfidential item" in white.text()
    assert "TABASC_46_1910_02" not in white.text() and "TABASC_46_1910_02" in amber.text()
    assert "SECRET_REF" not in white.text() and "SECRET_REF" in amber.text()
    assert INFORMATION_HEADING in white.text()
    assert white.file_stem == "TABASC_46_1910_Agenda_WHITE"


def test_action_log_filters_levels_and_flags_overdue(demo_store) -> None:
    with demo_store.read() as session:
        white = build_action_log(session, WHITE, committee="TABASC", open_only=True, today=date(2026, 11, 23))
        amber = build_action_log(session, AMBER, committee="TABASC", today=date(2026, 11, 23))
        early = build_action_log(session, WHITE, committee="TABASC", open_only=True, today=date(2026, 10, 20))
    table = next(b for b in white.blocks if isinstance(b, Table))
    references = [row[0].text for row in table.rows]
    assert "TABASC46/02" not in references
    assert "TABASC46/02" in amber.text()
    assert all("Closed" not in row[5].text for row in table.rows)
    overdue = {references[i] for i in table.flagged}
    assert overdue == {"TABASC46/01", "TABASC46/03"}
    assert all("OVERDUE" in table.rows[i][5].text for i in table.flagged)
    assert next(b for b in early.blocks if isinstance(b, Table)).flagged == frozenset()
    assert white.landscape and white.file_stem == "TABASC_Action_Log_Open_WHITE"


def test_unknown_committee_in_action_log_is_clear(demo_store) -> None:
    from secdesk.errors import NotFoundError

    with demo_store.read() as session, pytest.raises(NotFoundError, match="No committee"):
        build_action_log(session, WHITE, committee="NOPE")
