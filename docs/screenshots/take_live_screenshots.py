"""Take the live meeting and action log screenshots (docs/screenshots/live-*.png, actions-log*.png).

live-block-editor.png shows an item's minutes as blocks: a sub-heading, a table, a list, a decision's place;
live-recovered.png the screen back at its item after a crash.

The demo database plus a TABASC 47 meeting in progress, built with the services.
Run under Xvfb at 1280x800:
    xvfb-run -a -s "-screen 0 1280x800x24" python docs/screenshots/take_live_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent


def build_meeting(store: object) -> tuple[int, dict[int, int]]:
    """TABASC 47 part-way through: item 1 reviewed, items 2 and 3 minuted, item 3 Amber."""
    from secdesk.model import ActionStatus, Classification, DecisionVerb
    from secdesk.services import actions, attendance, committees, decisions, meetings, minutes_text

    with store.write() as session:  # type: ignore[attr-defined]
        tabasc = committees.get_committee(session, "TABASC")
        meeting = meetings.create_meeting(session, tabasc, date(2026, 11, 16))
        items = {item.number: item for item in meeting.items}
        meetings.agree_previous_final(session, meeting)
        outstanding = actions.outstanding_for(session, meeting)
        by_reference = {a.reference: a for a in outstanding}
        actions.record_update(
            session,
            [by_reference["TABASC45/03"]],
            meeting,
            "A first draft of the guide was shared with members; publication follows in December.",
            ActionStatus.ONGOING,
        )
        actions.record_update(
            session,
            [by_reference["TABASC46/01"], by_reference["TABASC46/03"]],
            meeting,
            "Both completed ahead of this meeting.",
            ActionStatus.CLOSED,
        )
        items[1].minutes = "The TABASC reviewed the actions outstanding; updates are recorded in the table."
        items[2].minutes = (
            "DESNZ gave a short update on its consultation about prepayment functionality. "
            "Around forty responses had been received and a summary would follow in the new year."
        )
        decisions.add(session, items[2], DecisionVerb.NOTED, "the verbal update")
        actions.raise_action(
            session,
            meeting,
            "SECAS to circulate the DESNZ consultation summary to members by 30th November 2026.",
            owner="SECAS",
            item=items[2],
            due=date(2026, 11, 30),
        )
        items[3].minutes = (
            "The DCC described the recovery test of its secondary data centre. Two findings remain open "
            "and the DCC expects to close them before the January release.\n\n"
            "Members asked how the findings affect the release timetable. The DCC said the timetable holds."
        )
        items[3].classification = Classification.AMBER
        decisions.add(session, items[3], DecisionVerb.NOTED, "the results of the recovery test")
        decisions.add(session, items[3], DecisionVerb.AGREED, "to review the open findings in January")
        actions.raise_action(
            session,
            meeting,
            "The DCC to report on the two open findings at the January 2027 meeting.",
            owner="The DCC",
            item=items[3],
            due=date(2027, 1, 18),
        )
        items[5].planned_minutes = 20
        items[5].minutes = (
            "SECAS introduced the updated risk register. Two new risks were added this month, one on "
            "supplier readiness for the interface change and one on test environment capacity.\n\n"
            "Members discussed whether the likelihood of the supplier readiness risk was rated too low"
        )
        decisions.add(session, items[5], DecisionVerb.NOTED, "the two new risks")
        actions.raise_action(
            session,
            meeting,
            "SECAS to revisit the likelihood score of the supplier readiness risk before the next meeting.",
            owner="SECAS",
            item=items[5],
            due=date(2026, 12, 21),
        )
        # Item 4 as the block editor shows it: a sub-heading, a table, a list and a decision in the middle.
        timetable = decisions.add(session, items[4], DecisionVerb.AGREED, "the testing timetable")
        minutes_text.apply(session, items[4], (
            "SECAS presented the draft timetable for the testing phase.\n\n## Timescale\n\n"
            "| Stage | Date |\n| Draft plan | January 2027 |\n| Supplier testing | March 2027 |\n\n"
            "Members raised two points:\n\n- whether the **March** date leaves room for a second test cycle\n"
            "- how findings will be *reported* to members\n\n"
            f"{{decision {timetable.id}}}\n\nSECAS will bring the revised plan to the next meeting."
        ))
        people = {row.person.name: row for row in meeting.attendance}
        attendance.set_status(session, people["Sophie Brennan"], people["Sophie Brennan"].status.APOLOGIES)
        attendance.arrived_at(session, people["Ben Holloway"], items[3])
        return meeting.id, {number: item.id for number, item in items.items()}


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="secdesk-live-shots-"))
    os.environ["SECDESK_HOME"] = str(home)
    os.environ.setdefault("SECDESK_PASSPHRASE", "screenshots")

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from secdesk import live_session
    from secdesk.gui.editor import Editor
    from secdesk.gui.live.actions_log import ActionsLogWindow
    from secdesk.gui.live.live_window import LiveWindow
    from secdesk.gui.messages import RecordingMessages
    from secdesk.gui.worker import Worker
    from secdesk.services.demo import load_demo
    from secdesk.store import open_store

    store = open_store(home / "demo.sqlite", backup=False)
    with store.write() as session:
        load_demo(session)
    meeting_id, item_ids = build_meeting(store)

    app = QApplication(sys.argv[:1])
    messages = RecordingMessages()
    editor, worker = Editor(store, messages), Worker()

    def settle(widget: object, name: str) -> None:
        editor.settle()
        for _ in range(10):
            app.processEvents()
            QTest.qWait(30)
        widget.grab().save(str(HERE / name))  # type: ignore[attr-defined]
        print("wrote", HERE / name)

    window = LiveWindow(editor, worker, messages, meeting_id)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    minute = 60.0
    window.elapsed = {
        item_ids[1]: 9 * minute,
        item_ids[2]: 7 * minute,
        item_ids[3]: 18 * minute,
        item_ids[4]: 4 * minute,
    }
    window.go_to(item_ids[5])
    window.since = time.monotonic() - 12 * minute
    window._tick()
    window.minutes.setFocus()
    window.minutes.moveCursor(window.minutes.textCursor().MoveOperation.End)
    window.attendees.setCurrentRow(3)
    settle(window, "live-item.png")

    window.outcomes.new_action()
    QTest.keyClicks(window.outcomes.owner, "The TABASC M")
    window.outcomes._suggest_owners("The TABASC M")
    QTest.keyClick(window.outcomes.owner, Qt.Key_Tab)
    QTest.keyClicks(
        window.outcomes.action_text,
        "The TABASC Members to send views on the risk scores to SECAS by 4th December 2026.",
    )
    window.outcomes.owner.completer().popup().hide()
    settle(window, "live-action.png")
    window.outcomes.finish()

    window.go_to(item_ids[3])
    window.outcomes.new_decision()
    QTest.keyClick(window.outcomes.verb, Qt.Key_R)
    QTest.keyClicks(window.outcomes.decision_text, "the proposal to delay the January release")
    settle(window, "live-amber-item.png")
    window.outcomes.finish()

    window.go_to(item_ids[4])
    window.minutes.setFocus()
    settle(window, "live-block-editor.png")

    window.go_to(item_ids[1])
    window.review.focus_table()
    window.review.table.selectRow(1)
    window.review.table.scrollToTop()
    settle(window, "live-review.png")
    window.flush()
    window.go_to(item_ids[5])
    window._keep_place()
    journal = live_session.journal_path(store.label)
    QTest.qWait(500)  # written on the screen's worker
    kept = journal.read_bytes()
    window.close()
    while journal.exists():  # a clean close removes it, on the same worker
        QTest.qWait(50)

    # After a crash: the journal a killed screen leaves brings the next one back to item 5.
    journal.write_bytes(kept)
    again = LiveWindow(editor, worker, messages, meeting_id)
    again.resize(1280, 800)
    again.show()
    again.minutes.setFocus()
    settle(again, "live-recovered.png")
    again.close()

    log = ActionsLogWindow(editor, worker, messages)
    log.resize(1280, 800)
    log.status.setCurrentIndex(log.status.findData(None))
    log.show()
    log._count()
    QTest.qWait(300)
    settle(log, "actions-log.png")
    QTest.keyClicks(log.text, "dcc")
    log.status.setCurrentIndex(log.status.findData("open"))
    log._count()
    QTest.qWait(300)
    settle(log, "actions-log-filtered.png")
    log.close()
    worker.shutdown()
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
