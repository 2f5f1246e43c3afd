"""The live screen's minutes editor: blocks typed, pasted and moved by keys reach the database.

Each test types into the live screen as a minute-taker does and then reads the item's
minutes back from the database, in the text form `secdesk block text` prints.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from secdesk.gui.live.live_window import LiveWindow
from secdesk.model import AgendaItem, Decision, MinuteBlock
from secdesk.services import minutes_text
from secdesk.services.meetings import resolve_meeting
from secdesk.store import Store
from secdesk.vocabulary import BlockKind
from tests.gui.conftest import choose, end_of_typed_minutes, read, settle
from tests.gui.test_live_meeting import Keyboard
from tests.gui.test_typing_is_kept import wait_saved

pytestmark = pytest.mark.gui

CTRL, ALT, SHIFT = Qt.ControlModifier, Qt.AltModifier, Qt.ShiftModifier


def saved_text(store: Store, item_id: int | None) -> str:
    """The item's minutes as stored, in the editor's text form."""
    return read(store, lambda s: minutes_text.render(s.get(AgendaItem, item_id)))


def block_kinds(store: Store, item_id: int | None) -> list[BlockKind]:
    return read(store, lambda s: list(s.scalars(
        select(MinuteBlock.kind).where(MinuteBlock.agenda_item_id == item_id).order_by(MinuteBlock.position))))


def test_lists_heading_and_bold_typed_by_keys_are_saved_as_blocks(
    qtbot: Any, live: LiveWindow, demo_store: Store, meeting_47: int
) -> None:
    keys = Keyboard(qtbot, live)
    keys.type("The Chair opened the item.")
    keys.press(Qt.Key_Return)
    keys.type("## Timescale")
    keys.press(Qt.Key_Return)
    keys.type("- draft in May")
    keys.press(Qt.Key_Return)
    keys.type("final in June")
    keys.press(Qt.Key_Return)
    keys.press(Qt.Key_Return)  # Enter on an empty entry ends the list
    keys.type("1. publish")
    keys.press(Qt.Key_Return)
    keys.press(Qt.Key_Return)
    keys.type("Members asked for ")
    keys.press(Qt.Key_B, CTRL)
    keys.type("written")
    keys.press(Qt.Key_B, CTRL)
    keys.type(" comments.")
    wait_saved(qtbot, live.editor)

    expected = ("The Chair opened the item.\n\n## Timescale\n\n- draft in May\n- final in June\n\n"
                "1. publish\n\nMembers asked for **written** comments.")
    assert live.minutes.to_text() == expected
    assert saved_text(demo_store, live.item_id) == expected
    assert block_kinds(demo_store, live.item_id) == [
        BlockKind.TEXT, BlockKind.HEADING, BlockKind.BULLETS, BlockKind.NUMBERED, BlockKind.PARAGRAPH, BlockKind.NOTE,
    ]
    # The first paragraph stays the item's typed text, as the minutes print it.
    assert read(demo_store, lambda s: s.get(AgendaItem, live.item_id).minutes) == "The Chair opened the item."


def test_a_table_is_made_and_filled_with_tab_and_a_row_added_after_the_last_cell(
    qtbot: Any, live: LiveWindow, demo_store: Store, meeting_47: int
) -> None:
    keys = Keyboard(qtbot, live)
    keys.type("Dates agreed:")
    keys.press(Qt.Key_Return)
    keys.press(Qt.Key_T, CTRL | ALT)
    for index, cell in enumerate(["Stage", "Date", "Draft", "May", "Final", "June"]):
        if index:
            keys.press(Qt.Key_Tab)  # from cell to cell; after the last cell a new row
        keys.type(cell)
    assert keys.focus() is live.minutes  # Tab stayed in the table
    keys.press(Qt.Key_Tab, SHIFT)
    assert keys.focus() is live.minutes
    wait_saved(qtbot, live.editor)

    text = saved_text(demo_store, live.item_id)
    assert text.startswith("Dates agreed:\n\n| Stage | Date |\n| Draft | May |\n| Final | June |")
    units = minutes_text.parse(text)
    table = next(unit for unit in units if unit.kind is BlockKind.TABLE)
    assert table.rows() == [["Stage", "Date"], ["Draft", "May"], ["Final", "June"]]


WORD_HTML = """<html><body>
<p class=MsoNormal><b>Members</b> discussed the <i>draft</i> plan.</p>
<p class=MsoListParagraph>\u00b7\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0Funding\u00a0agreed</p>
<p class=MsoListParagraph>\u00b7\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0Review in spring</p>
<table border=1><tr><td><p>Risk</p></td><td><p>Owner</p></td></tr>
<tr><td><p>Delay</p></td><td><p>SECAS</p></td></tr></table>
</body></html>"""


def test_pasting_from_word_keeps_bold_lists_and_tables(
    qtbot: Any, live: LiveWindow, demo_store: Store, meeting_47: int
) -> None:
    keys = Keyboard(qtbot, live)
    mime = QMimeData()
    mime.setHtml(WORD_HTML)
    mime.setText("Members discussed the draft plan.")
    QApplication.clipboard().setMimeData(mime)
    try:
        keys.press(Qt.Key_V, CTRL)
        wait_saved(qtbot, live.editor)
    finally:
        # The clipboard owns the data now: emptied here, it is not freed twice when Python exits.
        QApplication.clipboard().clear()

    text = saved_text(demo_store, live.item_id)
    assert text.startswith(
        "**Members** discussed the *draft* plan.\n\n- Funding agreed\n- Review in spring\n\n"
        "| Risk | Owner |\n| Delay | SECAS |"
    ), text


def test_alt_up_moves_the_block_at_the_cursor_and_the_move_is_saved(
    qtbot: Any, live: LiveWindow, demo_store: Store, meeting_47: int
) -> None:
    keys = Keyboard(qtbot, live)
    keys.type("First point.")
    keys.press(Qt.Key_Return)
    keys.type("- an entry")
    keys.press(Qt.Key_Return)
    keys.press(Qt.Key_Return)
    keys.type("Last point.")
    keys.press(Qt.Key_Up, ALT)
    keys.press(Qt.Key_Up, ALT)
    keys.type(" Moved.")  # the cursor went with its block
    wait_saved(qtbot, live.editor)

    text = saved_text(demo_store, live.item_id)
    assert text.startswith("Last point. Moved.\n\nFirst point.\n\n- an entry"), text


def test_a_decision_made_from_the_minutes_lands_where_the_cursor_was(
    qtbot: Any, live: LiveWindow, demo_store: Store, meeting_47: int
) -> None:
    keys = Keyboard(qtbot, live)
    keys.type("Before the decision.")
    keys.press(Qt.Key_Return)
    keys.type("After the decision.")
    keys.press(Qt.Key_Up)
    keys.press(Qt.Key_End)
    keys.press(Qt.Key_D, CTRL)
    keys.press(Qt.Key_N)
    keys.type("the plan")
    keys.press(Qt.Key_Tab)
    wait_saved(qtbot, live.editor)

    decision_id = read(demo_store, lambda s: s.scalars(select(Decision.id).where(Decision.text == "the plan")).one())
    text = saved_text(demo_store, live.item_id)
    assert text.startswith(f"Before the decision.\n\n{{decision {decision_id}}}\n\nAfter the decision."), text
    # The editor shows the decision's place as a box labelled with its sentence.
    assert live.minutes.labels[f"decision {decision_id}"].endswith("NOTED the plan")
    assert read(demo_store, lambda s: s.get(Decision, decision_id).agenda_item_id) == live.item_id


def test_the_meeting_page_edits_the_same_blocks_and_shows_the_decision_in_its_place(
    window: Any, qtbot: Any
) -> None:
    meeting_id = read(window.store, lambda s: resolve_meeting(s, "TABASC 46").id)
    assert choose(window, "meeting", meeting_id)
    page = window.meeting_page
    item = page.meeting.items[2]
    page.select_item(item.id)
    box = page.details.ui.minutes
    assert box.to_text() == item.minutes_text and "{decision " in item.minutes_text
    box.setFocus()
    end_of_typed_minutes(box)
    qtbot.keyClick(box, Qt.Key_Return)
    qtbot.keyClicks(box, "## Outage schedule")
    qtbot.keyClick(box, Qt.Key_Return)
    qtbot.keyClicks(box, "- first weekend")
    qtbot.keyClick(box, Qt.Key_Return)
    qtbot.keyClicks(box, "second weekend")
    wait_saved(qtbot, window.editor)

    text = saved_text(window.store, item.id)
    typed, decision = item.minutes_text.split("\n\n")
    assert text == f"{typed}\n\n## Outage schedule\n\n- first weekend\n- second weekend\n\n{decision}"
    # Undo takes the typing back, blocks and all.
    window.undo_action.trigger()
    settle()
    assert saved_text(window.store, item.id) == item.minutes_text
