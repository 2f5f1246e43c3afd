"""An item's minutes as one text (the block editor's and `secdesk block text`'s form): read,
written back, and applied to the item's typed minutes and block rows."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from secdesk.documents.minutes import build_minutes
from secdesk.errors import ValidationError
from secdesk.model import BlockKind, Classification, DecisionVerb, MinuteBlock, Section
from secdesk.services import actions, agenda, decisions, minute_blocks, minutes_text
from secdesk.services.minutes_text import Unit, parse, unparse
from tests import factories
from tests.test_minute_blocks import _said

WHITE, AMBER = Classification.WHITE, Classification.AMBER


def _item(session):
    meeting = factories.held_meeting(session, factories.committee(session, "SECP"), 31, date(2026, 4, 8))
    item = agenda.add_item(session, meeting, "Release timetable", section=Section.AOB,
                           minutes="The Panel reviewed the plan.\n\n- cost is within budget\n- testing starts soon",
                           post_meeting_note="The plan was published on 10 April.")
    decision = decisions.add(session, item, DecisionVerb.AGREED, "the timetable")
    action = actions.raise_action(session, meeting, "The secretariat to publish the plan.", item=item)
    return meeting, item, decision, action


EVERY_KIND = [
    Unit(BlockKind.PARAGRAPH, "Costs were **within** the *budget*, see [the plan](https://example.org/plan)."),
    Unit(BlockKind.HEADING, "Next steps"),
    Unit(BlockKind.BULLETS, "first point\nsecond **point**"),
    Unit(BlockKind.NUMBERED, "design\nbuild"),
    Unit(BlockKind.TABLE, '[["Stage", "By"], ["Design | review", "May 2026"]]'),
    Unit(BlockKind.DECISION, row_id=12),
    Unit(BlockKind.PARAGRAPH, "A confidential aside.", AMBER),
    Unit(BlockKind.ACTION, row_id=7),
    Unit(BlockKind.NOTE),
    Unit(BlockKind.PAGE_BREAK),
    # Paragraphs that begin like something else stay paragraphs.
    Unit(BlockKind.PARAGRAPH, "1. is a number, not a list"),
    Unit(BlockKind.PARAGRAPH, "- not a bullet"),
    Unit(BlockKind.PARAGRAPH, "## not a heading"),
    Unit(BlockKind.PARAGRAPH, "{note} is not the note"),
    Unit(BlockKind.PARAGRAPH, "| not a table"),
    Unit(BlockKind.PARAGRAPH, "\\*not italic*, as written"),
]


def test_every_block_kind_reads_back_as_written() -> None:
    text = unparse(EVERY_KIND)
    assert "1. design\n2. build" in text and "| Design \\| review | May 2026 |" in text
    assert "{amber} A confidential aside." in text
    assert parse(text) == EVERY_KIND


def test_typed_text_reads_as_a_minute_taker_types_it() -> None:
    units = parse("The Panel met.\nIt discussed costs.\n* one\n• two\n## Risks\n1) first\n2) second\n"
                  "|A|B|\n|c|d|\n{decision #3}\n\n{AMBER} Closed session.\n\n{page break}")
    assert units == [
        Unit(BlockKind.PARAGRAPH, "The Panel met. It discussed costs."),
        Unit(BlockKind.BULLETS, "one\ntwo"),
        Unit(BlockKind.HEADING, "Risks"),
        Unit(BlockKind.NUMBERED, "first\nsecond"),
        Unit(BlockKind.TABLE, '[["A", "B"], ["c", "d"]]'),
        Unit(BlockKind.DECISION, row_id=3),
        Unit(BlockKind.PARAGRAPH, "Closed session.", AMBER),
        Unit(BlockKind.PAGE_BREAK),
    ]


def test_escapes_print_the_signs_as_written() -> None:
    pieces = minute_blocks.inline(minutes_text.escape_inline("2 * 3 = 6, [sic] and C:\\temp"))
    assert pieces == [("2 * 3 = 6, [sic] and C:\\temp", False, False, None)]
    assert minute_blocks.inline("**a\\*b** \\*c\\*") == [("a*b", True, False, None), (" *c*", False, False, None)]


def test_the_items_minutes_read_as_one_text_in_print_order(store) -> None:
    with store.write() as session:
        _meeting, item, decision, action = _item(session)
        assert minutes_text.render(item) == (
            "The Panel reviewed the plan.\n\n- cost is within budget\n- testing starts soon\n\n"
            f"{{decision {decision.id}}}\n\n{{action {action.id}}}\n\n{{note}}"
        )


def test_plain_prose_in_the_usual_order_stays_typed_text_with_no_block_rows(store) -> None:
    with store.write() as session:
        _meeting, item, decision, action = _item(session)
        minutes_text.apply(session, item, "The Panel reviewed the plan, costs (* estimated) included.\n\n"
                                          f"- cost is within budget\n\n{{decision {decision.id}}}")
        assert item.minutes == "The Panel reviewed the plan, costs (* estimated) included.\n\n- cost is within budget"
        assert session.scalar(select(func.count()).select_from(MinuteBlock)) == 0
        # The action and note left out of the text keep their places after the decision.
        assert minutes_text.render(item).endswith(f"{{decision {decision.id}}}\n\n{{action {action.id}}}\n\n{{note}}")


def test_a_text_with_a_table_and_an_early_note_arranges_the_item_in_that_order(store) -> None:
    with store.write() as session:
        meeting, item, decision, action = _item(session)
        text = (f"The Panel reviewed the plan.\n\n{{note}}\n\n| Stage | By |\n| Build | June |\n\n"
                f"{{action {action.id}}}\n\n**Closing** line.\n\n{{decision {decision.id}}}\n\n{{amber}} Aside.")
        minutes_text.apply(session, item, text)
        kinds = [(b.kind, b.classification) for b in sorted(item.blocks, key=lambda b: b.position)]
        assert kinds == [(BlockKind.TEXT, WHITE), (BlockKind.NOTE, WHITE), (BlockKind.TABLE, WHITE),
                         (BlockKind.ACTION, WHITE), (BlockKind.PARAGRAPH, WHITE), (BlockKind.DECISION, WHITE),
                         (BlockKind.PARAGRAPH, AMBER)]
        assert item.minutes == "The Panel reviewed the plan."
        assert minutes_text.render(item) == text
        white = _said(build_minutes(session, meeting, WHITE))
        at = white.index("The Panel reviewed the plan.")
        assert white[at + 1].startswith("Post Meeting Note:") and white[at + 2] == "Stage | By"
        assert "Closing line." in white and "Aside." not in white
        assert "Aside." in _said(build_minutes(session, meeting, AMBER))

        # Writing it again unchanged keeps every row (no new sealing or search entries).
        ids = sorted(b.id for b in item.blocks)
        minutes_text.apply(session, item, text)
        assert sorted(b.id for b in item.blocks) == ids

        # Back to the usual order: the rows go and the item prints as it always did.
        minutes_text.apply(session, item, "The Panel reviewed the plan.")
        session.expire_all()
        assert session.scalar(select(func.count()).select_from(MinuteBlock)) == 0
        assert minutes_text.render(item).startswith("The Panel reviewed the plan.\n\n{decision")


def test_a_text_naming_another_items_decision_is_refused_and_nothing_changes(store) -> None:
    with store.write() as session:
        _meeting, item, _decision, _action = _item(session)
        before = minutes_text.render(item)
        with pytest.raises(ValidationError, match="has no decision 999"):
            minutes_text.apply(session, item, "New text.\n\n{decision 999}")
        with pytest.raises(ValidationError, match="table needs a header row"):
            minutes_text.apply(session, item, "## Heading\n\n| only a header |")
        assert minutes_text.render(item) == before


def test_a_decision_made_at_the_cursor_splits_the_typed_text_there(store) -> None:
    with store.write() as session:
        _meeting, item, decision, action = _item(session)
        minutes_text.apply(session, item, "First point.\n\nSecond point.\n\nThird point.")
        later = decisions.add(session, item, DecisionVerb.NOTED, "the risks")
        minutes_text.place_at(session, item, later, 2)  # the cursor in "Third point."
        text = minutes_text.render(item)
        assert text.startswith(f"First point.\n\nSecond point.\n\n{{decision {later.id}}}\n\nThird point.")
        assert f"{{decision {decision.id}}}" in text and f"{{action {action.id}}}" in text
        assert item.minutes == "First point.\n\nSecond point."


def test_a_block_whose_words_change_is_the_same_row_edited_not_a_new_one(store) -> None:
    with store.write() as session:
        _meeting, item, decision, _action = _item(session)
        item_id, decision_id = item.id, decision.id
        minutes_text.apply(session, item, f"The Panel reviewed the plan.\n\n{{decision {decision_id}}}\n\n"
                                          "## Timescale\n\nMembers asked about the cost.")
    with store.read() as session:
        rows = {b.kind: b.id for b in session.get(type(item), item_id).blocks}
    with store.write() as session:
        item = session.get(type(item), item_id)
        minutes_text.apply(session, item, f"The Panel reviewed the plan.\n\n{{decision {decision_id}}}\n\n"
                                          "## Timetable\n\nMembers asked about the cost and the dates.")
    with store.read() as session:
        item = session.get(type(item), item_id)
        again = {b.kind: b.id for b in item.blocks}
        assert again == rows  # the heading and the paragraph kept their rows
        assert "## Timetable\n\nMembers asked about the cost and the dates." in minutes_text.render(item)
        assert session.scalar(select(func.count()).select_from(MinuteBlock)) == len(rows)
