"""The actions log view: filtered as you type, sorted, paged, opening places, exporting."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from secdesk.gui.editor import Editor
from secdesk.gui.live.actions_log import ActionsLogModel, ActionsLogWindow
from secdesk.gui.messages import RecordingMessages
from secdesk.gui.worker import Worker
from secdesk.model import Action, Classification
from secdesk.services import action_filter, committees, meetings, search
from secdesk.services.action_filter import ConfidentialText, LogFilter
from secdesk.services.actions import raise_action
from secdesk.services.meetings import resolve_meeting
from secdesk.store import Store
from tests.gui.conftest import read, settle

TODAY = date(2026, 11, 23)


@pytest.fixture
def log(qtbot: Any, demo_store: Store, messages: RecordingMessages) -> Any:
    worker = Worker()
    # One worker for the log and its editor, shut down after the test (a second one would outlive it).
    window = ActionsLogWindow(Editor(demo_store, messages, worker=worker), worker, messages)
    window.today = lambda: TODAY
    qtbot.addWidget(window)
    window.show()
    settle()  # the committees to filter by and the first page are read
    yield window
    window.close()
    worker.shutdown()


def shown_rows(window: ActionsLogWindow) -> list[Any]:
    settle()
    return window.model.rows


def shown_references(window: ActionsLogWindow) -> list[str]:
    settle()
    return [row.reference for row in window.model.rows]


def test_model_passes_qt_model_checks(
    qtbot: Any, qtmodeltester: Any, demo_store: Store, messages: RecordingMessages
) -> None:
    model = ActionsLogModel(Editor(demo_store, messages))
    model.set_filter(LogFilter(status=None, today=TODAY))
    settle()
    assert model.rowCount() == read(demo_store, lambda s: s.query(Action).count()) > 10
    qtmodeltester.check(model)


def test_filter_as_you_type_reaches_confidential_text(qtbot: Any, log: ActionsLogWindow) -> None:
    log.status.setCurrentIndex(log.status.findData(None))  # every action, closed ones too
    qtbot.keyClicks(log.text, "certificate")
    # TABASC44/03 is Amber: its words are encrypted in the database and still found.
    assert shown_references(log) == ["TABASC44/03"]
    assert log.model.rows[0].classification == "amber"
    assert log.model.data(log.model.index(0, 3), Qt.BackgroundRole) is not None
    log.text.clear()
    qtbot.keyClicks(log.text, "tabasc46/0")
    assert shown_references(log) == ["TABASC46/01", "TABASC46/02", "TABASC46/03", "TABASC46/04"]
    qtbot.keyClicks(log.owner, "chair")
    assert shown_references(log) == ["TABASC46/04"]
    qtbot.waitUntil(lambda: log.count.text() == "1 action")


def test_committee_status_and_overdue_filters(qtbot: Any, log: ActionsLogWindow) -> None:
    assert "TABASC44/01" not in shown_references(log)  # open ones first: closed are hidden
    log.committee.setCurrentIndex(log.committee.findText("SECP"))
    assert shown_references(log) == ["SECP151/01"]
    log.committee.setCurrentIndex(0)
    log.overdue.setChecked(True)
    assert shown_references(log) == ["TABASC46/01", "TABASC46/03"]
    assert all(row.overdue for row in shown_rows(log))
    log.overdue.setChecked(False)
    log.status.setCurrentIndex(log.status.findData("closed"))
    assert set(shown_references(log)) >= {"TABASC44/01", "TABASC45/04"}
    assert all(row.status == "closed" for row in shown_rows(log))


def test_sorting_by_a_column_runs_in_the_query(log: ActionsLogWindow) -> None:
    log.table.sortByColumn(5, Qt.DescendingOrder)  # due, latest first; no due date last
    dues = [row.due for row in shown_rows(log)]
    dated = [d for d in dues if d is not None]
    assert dated == sorted(dated, reverse=True)
    assert dues[-1] is None and dues[0] == max(dated)
    log.table.sortByColumn(2, Qt.AscendingOrder)
    owners = [row.owner for row in shown_rows(log)]
    assert owners == sorted(owners, key=str.lower)  # Amber owners are encrypted and still sort by their words


def test_activating_a_row_asks_to_open_its_meeting_and_item(
    qtbot: Any, log: ActionsLogWindow, demo_store: Store
) -> None:
    qtbot.keyClicks(log.text, "TABASC46/02")
    expected = read(demo_store, lambda s: s.query(Action).filter_by(reference="TABASC46/02").one())
    log.table.setFocus()
    settle()
    log.table.setCurrentIndex(log.model.index(0, 0))
    with qtbot.waitSignal(log.open_requested) as signal:
        qtbot.keyClick(log.table, Qt.Key_Return)
    assert signal.args == [expected.meeting_id, expected.agenda_item_id]


def test_an_action_opens_where_it_was_last_updated(qtbot: Any, log: ActionsLogWindow, demo_store: Store) -> None:
    log.status.setCurrentIndex(log.status.findData(None))
    qtbot.keyClicks(log.text, "TABASC44/01")
    settle()
    log.table.setCurrentIndex(log.model.index(0, 0))
    reviewed_at = read(demo_store, lambda s: resolve_meeting(s, "TABASC 45"))
    item_one = read(demo_store, lambda s: resolve_meeting(s, "TABASC 45").items[0].id)
    with qtbot.waitSignal(log.open_requested) as signal:
        log.open_last_review()
        settle()
    assert signal.args == [reviewed_at.id, item_one]
    log.text.clear()
    qtbot.keyClicks(log.text, "TABASC46/04")  # never reviewed yet
    settle()
    log.table.setCurrentIndex(log.model.index(0, 0))
    with qtbot.assertNotEmitted(log.open_requested):
        log.open_last_review()
        settle()
    assert "has not been reviewed" in log.statusBar().currentMessage()


def test_export_white_log_leaves_amber_out(qtbot: Any, log: ActionsLogWindow, tmp_path: Path) -> None:
    target = tmp_path / "log.csv"
    log.choose_path = lambda *_args: target
    log.status.setCurrentIndex(log.status.findData(None))
    log.export_log(Classification.WHITE, "csv")
    qtbot.waitUntil(lambda: log.last_export == target, timeout=10000)
    text = target.read_text(encoding="utf-8-sig")
    assert "TABASC44/01" in text and "TABASC46/01" in text
    assert "certificate expiry" not in text  # TABASC44/03 is Amber


def test_pages_are_fetched_as_the_view_scrolls(qtbot: Any, store: Store, messages: RecordingMessages) -> None:
    with store.write() as session:
        committee = committees.create_committee(session, "TAG", "Testing Advisory Group")
        meeting = meetings.create_meeting(session, committee, date(2026, 1, 12))
        for number in range(1, 131):
            raise_action(session, meeting, f"SECAS to check case {number}.", owner="SECAS")
    model = ActionsLogModel(Editor(store, messages))
    model.page_size = 50
    model.set_filter(LogFilter(status=None, today=TODAY))
    settle()
    assert model.rowCount() == 50 and model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
        model.fetchMore()  # asked again while the page is on its way: read once
        settle()
    assert model.rowCount() == 130 and not model.canFetchMore()
    assert [r.reference for r in model.rows] == sorted(r.reference for r in model.rows)


def test_the_filter_query_matches_words_in_any_order(demo_store: Store) -> None:
    def references(log_filter: LogFilter) -> list[str]:
        def job(session: Any) -> list[str]:
            confidential = ConfidentialText(session)
            rows = action_filter.page(session, log_filter, confidential)
            assert action_filter.count(session, log_filter, confidential) == len(rows)
            return [r.reference for r in rows]

        return read(demo_store, job)

    every = LogFilter(status=None, today=TODAY)
    assert references(replace(every, text="principle versioning")) == references(
        replace(every, text="versioning principle")
    )
    assert "TABASC44/01" in references(replace(every, text="versioning principle"))
    assert references(replace(every, text="100%_")) == []  # LIKE wildcards are matched literally


def test_a_change_decrypts_again_only_the_actions_of_the_meeting_it_names(
    log: ActionsLogWindow, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from secdesk.services.changes import Changes, meeting_changed

    decrypted: list[str] = []
    real = search._decrypt
    monkeypatch.setattr(search, "_decrypt", lambda cipher, value, where: decrypted.append(where) or real(
        cipher, value, where))
    log.status.setCurrentIndex(log.status.findData(None))
    settle()
    with demo_store.write() as session:  # the live screen raises an Amber action at TABASC 46
        meeting = resolve_meeting(session, "TABASC 46")
        meeting_id = meeting.id
        raise_action(session, meeting, "SECAS to chase the certificate renewal.", owner="SECAS",
                     classification=Classification.AMBER)
    sealed = read(demo_store, lambda s: s.query(Action).filter(Action.sealed_fields != "").all())
    here = [a for a in sealed if a.meeting_id == meeting_id]
    assert here and len(here) < len(sealed)  # else "only that meeting's" proves nothing
    decrypted.clear()
    log.editor.changed.emit(meeting_changed(meeting_id))
    settle()
    assert len(decrypted) == sum(len(a.sealed_fields.split(",")) for a in here)
    log.text.setText("renewal")
    assert shown_references(log) == [next(a.reference for a in here if "renewal" in a.text)]
    decrypted.clear()
    log.editor.changed.emit(Changes(structure=True))  # e.g. the key was unlocked: everything again
    settle()
    assert len(decrypted) == sum(len(a.sealed_fields.split(",")) for a in sealed)


def test_typing_on_that_finds_the_same_first_page_leaves_the_view_alone(qtbot: Any, log: ActionsLogWindow) -> None:
    log.status.setCurrentIndex(log.status.findData(None))
    qtbot.keyClicks(log.text, "certific")
    assert shown_references(log) == ["TABASC44/03"]
    resets: list[bool] = []
    log.model.modelReset.connect(lambda: resets.append(True))
    log.table.selectRow(0)
    qtbot.keyClicks(log.text, "ate")  # "certificate": the same rows
    assert shown_references(log) == ["TABASC44/03"] and resets == []
    assert log.table.currentIndex().row() == 0  # the selection is kept
    qtbot.keyClicks(log.text, "s expiry")
    assert shown_references(log) == [] and resets == [True]


def test_typing_minutes_leaves_the_log_unread_and_editing_an_action_reads_it_again(
    qtbot: Any, log: ActionsLogWindow, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from secdesk.gui.commands import SetField
    from secdesk.services import actions, agenda
    from secdesk.services.changes import meeting_changed

    def first_action(session: Any) -> tuple[int, int, int]:
        action = next(a for a in session.query(Action).order_by(Action.id)
                      if a.agenda_item_id is not None and not a.meeting.locked)  # minutes still draft
        return action.id, action.agenda_item_id, action.meeting_id

    action_id, item_id, meeting_id = read(demo_store, first_action)
    pages: list[LogFilter] = []
    real = action_filter.page
    monkeypatch.setattr(action_filter, "page", lambda session, f, *rest: pages.append(f) or real(session, f, *rest))
    log.status.setCurrentIndex(log.status.findData(None))
    settle()
    pages.clear()
    refresh = meeting_changed(meeting_id)
    log.editor.push(SetField(log.editor, agenda.MINUTES, item_id, "The panel heard the update.", refresh))
    settle()
    assert pages == []  # minutes are nothing the log shows
    log.editor.push(SetField(log.editor, actions.TEXT, action_id, "SECAS to write to the supplier.", refresh))
    settle()
    assert len(pages) == 1
    assert any(row.text == "SECAS to write to the supplier." for row in log.model.rows)
