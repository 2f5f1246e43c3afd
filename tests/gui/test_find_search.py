"""The Find dialog keeps the decrypted index between searches and reads again only what a change names."""

from __future__ import annotations

from typing import Any

import pytest

from secdesk.gui.editor import Editor
from secdesk.gui.find_dialog import FindDialog
from secdesk.gui.messages import RecordingMessages
from secdesk.gui.worker import Worker
from secdesk.model import AgendaItem, Classification
from secdesk.services import agenda, search
from secdesk.services.changes import Changes, meeting_changed
from secdesk.services.meetings import resolve_meeting
from secdesk.store import Store
from tests.gui.conftest import read, settle

pytestmark = pytest.mark.gui


@pytest.fixture
def dialog(qtbot: Any, demo_store: Store, messages: RecordingMessages) -> Any:
    worker = Worker()
    found = FindDialog(Editor(demo_store, messages, worker=worker), worker)
    qtbot.addWidget(found)
    found.show()
    yield found
    found.close()
    worker.shutdown()


def _search(dialog: FindDialog, words: str) -> list[tuple[str, str]]:
    dialog.ui.query.setText(words)
    dialog.search()
    settle()
    return [(h.group, h.title.split(". ", 1)[-1]) for h in dialog.hits]


def test_find_keeps_the_confidential_index_and_refreshes_the_meeting_a_change_names(
    dialog: FindDialog, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    decrypted: list[str] = []
    real = search._decrypt
    monkeypatch.setattr(search, "_decrypt", lambda cipher, value, where: decrypted.append(where) or real(
        cipher, value, where))
    with demo_store.write() as session:
        meeting = resolve_meeting(session, "TABASC 46")
        item = agenda.add_item(session, meeting, "Supplier exit plan", classification=Classification.AMBER)
        item.minutes = "The kittiwake contingency was agreed."
        session.flush()
        meeting_id, item_id = meeting.id, item.id
    assert _search(dialog, "kittiwake") == [("Agenda items", "Supplier exit plan")]
    everything = len(decrypted)
    assert everything > 2  # the demo's other confidential rows were read too
    assert _search(dialog, "contingency agreed") == [("Agenda items", "Supplier exit plan")]
    assert len(decrypted) == everything  # kept: nothing decrypted again for a second search

    with demo_store.write() as session:  # as the meeting page saves typing
        session.get(AgendaItem, item_id).minutes = "The guillemot contingency was agreed."
    decrypted.clear()
    dialog.editor.changed.emit(meeting_changed(meeting_id))
    assert _search(dialog, "guillemot") == [("Agenda items", "Supplier exit plan")]
    assert _search(dialog, "kittiwake") == []
    uuids = read(demo_store, lambda s: {
        uuid for (uuid,) in s.query(AgendaItem.uuid).filter(AgendaItem.meeting_id == meeting_id)})
    # Only that meeting's sealed rows were read again (here its items; its actions and papers too if sealed).
    assert 0 < len(decrypted) < everything
    assert any(where.rsplit(".", 1)[1] in uuids for where in decrypted)

    decrypted.clear()
    dialog.editor.changed.emit(Changes(structure=True))  # e.g. the key was unlocked: everything again
    assert _search(dialog, "guillemot") == [("Agenda items", "Supplier exit plan")]
    assert len(decrypted) == everything
