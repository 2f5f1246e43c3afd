"""Issue 18 item 12: the live screen on a small laptop screen, its panes steady, each item's papers shown."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from secdesk.gui.editor import Editor
from secdesk.gui.live.live_window import LiveWindow
from secdesk.gui.messages import RecordingMessages
from secdesk.model import Classification, Meeting
from secdesk.services import agenda
from secdesk.store import Store
from tests.gui.conftest import settle
from tests.gui.test_live_meeting import Keyboard

pytestmark = pytest.mark.gui

CTRL = Qt.ControlModifier


@pytest.fixture
def small_live(qtbot: Any, demo_store: Store, meeting_47: int, messages: RecordingMessages) -> Any:
    with demo_store.write() as session:
        item = next(i for i in session.get(Meeting, meeting_47).items if i.number == 3)
        agenda.add_paper(session, item, "Recovery test report", reference="TABASC47/03")
        agenda.add_paper(session, item, "Findings <draft> & options", reference="TABASC47/04",
                         classification=Classification.AMBER)
    editor = Editor(demo_store, messages)
    window = LiveWindow(editor, editor.worker, messages, meeting_47)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    editor.settle()
    window.minutes.setFocus()
    yield window
    window.close()
    editor.worker.shutdown()


def test_at_1024_by_700_the_screen_fits_and_the_panes_keep_their_width_from_item_to_item(
    qtbot: Any, small_live: LiveWindow
) -> None:
    live = small_live
    keys = Keyboard(qtbot, live)
    assert live.width() <= 1024 and live.height() <= 700
    sizes = []
    for _ in range(4):
        sizes.append(live.splitter.sizes())
        assert live.minutes.width() >= 400 or live.review.isVisible()  # the minutes get the most room
        keys.press(Qt.Key_PageDown, CTRL)
    assert all(size == sizes[0] for size in sizes), sizes
    assert live.splitter.sizes()[1] == max(live.splitter.sizes())
    assert all(width > 0 for width in sizes[0])  # nothing squeezed away


def test_an_items_papers_are_listed_under_its_heading_and_open_with_a_click(
    qtbot: Any, small_live: LiveWindow, demo_store: Store, messages: RecordingMessages
) -> None:
    live = small_live
    keys = Keyboard(qtbot, live)
    assert not live.papers.isVisible()  # item 1 has none
    keys.press(Qt.Key_PageDown, CTRL)
    keys.press(Qt.Key_PageDown, CTRL)
    assert live.heading.text() == "3. DCC Update"
    assert live.papers.isVisible()
    text = live.papers.text()
    assert "TABASC47/03</a> Recovery test report" in text
    assert "Findings &lt;draft&gt; &amp; options (Amber)" in text  # the title as typed, not as markup
    paper_id = next(p.id for p in live.meeting.item(live.item_id).papers if p.reference == "TABASC47/03")
    live.papers.linkActivated.emit(str(paper_id))
    settle()
    assert messages.shown[-1][:2] == ("info", "Open paper")  # no file stored: said so, nothing opened
    assert "TABASC47/03 has no file" in messages.shown[-1][2]
