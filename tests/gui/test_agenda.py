"""The agenda editor driven as a user would, with the database checked afterwards."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QMimeData, Qt

from secdesk.model import AgendaItem, Paper
from secdesk.services.meetings import resolve_meeting
from tests.gui.conftest import choose, end_of_typed_minutes, read, settle

pytestmark = pytest.mark.gui


def open_meeting(window: Any, spec: str = "TABASC 46") -> int:
    meeting_id = read(window.store, lambda s: resolve_meeting(s, spec).id)
    assert choose(window, "meeting", meeting_id)
    assert window.meeting_page.meeting is not None and window.meeting_page.meeting.id == meeting_id
    return meeting_id


def titles(store: Any, meeting_id: int) -> list[tuple[int, str, str]]:
    def job(s: Any) -> list[tuple[int, str, str]]:
        items = s.get(type(resolve_meeting(s, "TABASC 46")), meeting_id).items
        return [(i.number, i.title, i.section.value) for i in sorted(items, key=lambda i: i.position)]

    return read(store, job)


def test_typing_a_title_saves_it_within_a_second_and_undo_restores_it(window: Any, qtbot: Any) -> None:
    meeting_id = open_meeting(window)
    page = window.meeting_page
    page.select_item(page.meeting.items[1].id)
    item_id = page.selected_item_id()
    old = page.meeting.item(item_id).title
    title = page.details.ui.title
    title.selectAll()
    qtbot.keyClicks(title, "Government update")
    assert window.save_label.text() == "Saving..."
    qtbot.waitUntil(
        lambda: read(window.store, lambda s: s.get(AgendaItem, item_id).title) == "Government update", timeout=1000
    )
    assert window.save_label.text().startswith("Saved")
    assert page.agenda_model.items[1].title == "Government update"

    window.undo_action.trigger()
    assert read(window.store, lambda s: s.get(AgendaItem, item_id).title) == old
    assert title.text() == old
    window.redo_action.trigger()
    assert read(window.store, lambda s: s.get(AgendaItem, item_id).title) == "Government update"
    assert titles(window.store, meeting_id)[1][1] == "Government update"


def test_minutes_typed_then_undo_is_one_step(window: Any, qtbot: Any) -> None:
    open_meeting(window)
    page = window.meeting_page
    item_id = page.meeting.items[2].id
    page.select_item(item_id)
    original, original_text = page.meeting.item(item_id).minutes, page.meeting.item(item_id).minutes_text
    box = page.details.ui.minutes
    box.setFocus()
    end_of_typed_minutes(box)
    qtbot.keyClicks(box, "The TABASC were given an update.")
    qtbot.waitUntil(lambda: "update." in read(window.store, lambda s: s.get(AgendaItem, item_id).minutes), timeout=1000)
    qtbot.keyClicks(box, " More followed.")
    qtbot.waitUntil(
        lambda: "followed" in read(window.store, lambda s: s.get(AgendaItem, item_id).minutes), timeout=1000
    )
    window.undo_action.trigger()  # both pauses merge into one undo step
    assert read(window.store, lambda s: s.get(AgendaItem, item_id).minutes) == original
    assert box.to_text() == original_text


def test_classification_purpose_section_and_planned_minutes(window: Any, qtbot: Any) -> None:
    meeting_id = open_meeting(window)
    page = window.meeting_page
    item_id = page.meeting.items[4].id
    page.select_item(item_id)
    ui = page.details.ui
    ui.classification.setCurrentIndex(ui.classification.findData("amber"))
    ui.classification.activated.emit(ui.classification.currentIndex())
    assert read(window.store, lambda s: s.get(AgendaItem, item_id).classification.value) == "amber"
    assert ui.chip.text() == "Amber" and "#FFC000" in ui.chip.styleSheet()  # as the Amber marking prints

    ui.purpose.setCurrentIndex(ui.purpose.findData("decision"))
    ui.purpose.activated.emit(ui.purpose.currentIndex())
    assert read(window.store, lambda s: s.get(AgendaItem, item_id).purpose.value) == "decision"

    before = page.meeting.planned_total
    ui.planned.setFocus()
    ui.planned.setValue(45)
    ui.planned.editingFinished.emit()
    assert read(window.store, lambda s: s.get(AgendaItem, item_id).planned_minutes) == 45
    assert page.meeting.planned_total == before - 20 + 45
    assert f"Planned: {before + 25} min" in page.ui.total.text()

    ui.section.setCurrentIndex(ui.section.findData("aob"))
    ui.section.activated.emit(ui.section.currentIndex())
    numbered = titles(window.store, meeting_id)
    moved = next(n for n in numbered if n[2] == "aob" and n[1].startswith("Cost"))
    main_numbers = [n[0] for n in numbered if n[2] == "main"]
    assert moved[0] > max(main_numbers)  # numbers follow: AOB after every main item

    for _ in range(4):
        window.undo_action.trigger()
    item = read(window.store, lambda s: s.get(AgendaItem, item_id))
    assert (item.classification.value, item.purpose.value, item.planned_minutes, item.section.value) == (
        "white",
        "discussion",
        20,
        "main",
    )


def test_add_remove_and_reorder_items_with_undo(window: Any, qtbot: Any) -> None:
    meeting_id = open_meeting(window)
    page = window.meeting_page
    before = titles(window.store, meeting_id)
    page.select_item(page.meeting.items[2].id)
    qtbot.mouseClick(page.ui.addItem, Qt.LeftButton)
    after_add = titles(window.store, meeting_id)
    assert len(after_add) == len(before) + 1
    assert after_add[3][1] == "New item" and after_add[3][0] == 4  # inserted after item 3, numbered 4
    assert page.details.ui.title.hasFocus() or page.selected_item_id() is not None
    new_id = page.selected_item_id()

    qtbot.mouseClick(page.ui.moveUp, Qt.LeftButton)
    assert titles(window.store, meeting_id)[2][1] == "New item"
    assert page.selected_item_id() == new_id

    # Drag and drop: the model turns the drop into a move request (rows are not removed by the view).
    mime = page.agenda_model.mimeData([page.agenda_model.index(page.agenda_model.row_of(new_id), 0)])
    accepted = page.agenda_model.dropMimeData(mime, Qt.MoveAction, 0, 0, page.agenda_model.index(-1, -1))
    assert accepted is False
    assert titles(window.store, meeting_id)[0][:2] == (1, "New item")

    page.select_item(new_id)
    qtbot.mouseClick(page.ui.removeItem, Qt.LeftButton)
    assert [k for k in window.messages.kinds()] == ["confirm"]
    assert titles(window.store, meeting_id) == before

    window.undo_action.trigger()  # removal undone: back at the top, same id
    assert titles(window.store, meeting_id)[0][:2] == (1, "New item")
    assert read(window.store, lambda s: s.get(AgendaItem, new_id)) is not None
    window.undo_action.trigger()  # drag undone
    window.undo_action.trigger()  # move up undone
    assert titles(window.store, meeting_id)[3][1] == "New item"
    window.undo_action.trigger()  # add undone
    assert titles(window.store, meeting_id) == before
    window.redo_action.trigger()
    assert titles(window.store, meeting_id)[3][1] == "New item"
    assert read(window.store, lambda s: s.get(AgendaItem, new_id)) is not None


def test_removing_an_item_with_papers_and_undo_brings_them_back(window: Any, qtbot: Any) -> None:
    meeting_id = open_meeting(window)
    page = window.meeting_page
    with_paper = next(i for i in page.meeting.items if i.papers)
    references = [p.reference for p in with_paper.papers]
    page.select_item(with_paper.id)
    page.confirm_removals = False
    page.remove_item()
    assert read(window.store, lambda s: s.get(AgendaItem, with_paper.id)) is None
    window.undo_action.trigger()
    restored = read(window.store, lambda s: [p.reference for p in s.get(AgendaItem, with_paper.id).papers])
    assert restored == references
    assert [i.number for i in page.meeting.items] == list(range(1, len(page.meeting.items) + 1))
    assert meeting_id == page.meeting.id


def test_attach_paper_proposes_the_house_reference(window: Any, qtbot: Any) -> None:
    open_meeting(window)
    page = window.meeting_page
    item = page.meeting.items[6]
    page.select_item(item.id)
    qtbot.mouseClick(page.details.ui.addPaper, Qt.LeftButton)
    settle()
    dialog = page.details.dialog
    assert dialog is not None and dialog.isVisible()
    proposed = dialog.reference.text()
    assert proposed.startswith(page.meeting.identifier + "_")
    taken = read(window.store, lambda s: {p.reference for p in s.query(Paper)})
    assert proposed not in taken
    qtbot.keyClicks(dialog.title, "Triage report")
    dialog.classification.setCurrentIndex(dialog.classification.findData("amber"))
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.LeftButton)
    assert not dialog.isVisible()
    paper = read(window.store, lambda s: s.query(Paper).filter_by(reference=proposed).one())
    assert (paper.title, paper.classification.value, paper.agenda_item_id) == ("Triage report", "amber", item.id)
    papers = page.details.ui.papers
    assert papers.item(papers.rowCount() - 1, 0).text() == proposed

    window.undo_action.trigger()
    assert read(window.store, lambda s: s.query(Paper).filter_by(reference=proposed).first()) is None


def test_a_duplicate_paper_reference_is_refused_in_the_dialog(window: Any, qtbot: Any) -> None:
    open_meeting(window)
    page = window.meeting_page
    taken = next(p.reference for i in page.meeting.items for p in i.papers)
    page.select_item(page.meeting.items[6].id)
    page.details.attach_paper()
    settle()  # the dialog opens once what it offers is read
    dialog = page.details.dialog
    qtbot.keyClicks(dialog.title, "Another")
    dialog.reference.setText(taken)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.LeftButton)
    assert dialog.isVisible() and taken in dialog.problem.text()
    assert dialog.title.text() == "Another"  # what was typed is kept
    dialog.reject()


def test_agenda_model_passes_the_model_tester(window: Any, qtmodeltester: Any) -> None:
    open_meeting(window)
    qtmodeltester.check(window.meeting_page.agenda_model)
    qtmodeltester.check(window.meeting_page.attendance_model)
    qtmodeltester.check(window.navigator_model)


def test_mime_round_trip_names_the_item(window: Any) -> None:
    open_meeting(window)
    model = window.meeting_page.agenda_model
    mime = model.mimeData([model.index(2, 1)])
    assert isinstance(mime, QMimeData) and mime.hasFormat(model.MIME)
    assert model.dropMimeData(QMimeData(), Qt.MoveAction, 0, 0, model.index(-1, -1)) is False


def test_undo_right_after_typing_takes_back_the_typing(window: Any, qtbot: Any) -> None:
    open_meeting(window)
    page = window.meeting_page
    first, second = page.meeting.items[1], page.meeting.items[2]
    page.select_item(first.id)
    page.details.ui.presenter.selectAll()
    qtbot.keyClicks(page.details.ui.presenter, "DESNZ officials")
    page.details.flush()
    settle()
    page.select_item(second.id)
    page.details.ui.presenter.selectAll()
    qtbot.keyClicks(page.details.ui.presenter, "Someone")  # still within its pause
    assert window.undo_action.text() == "&Undo Edit presenter"
    window.undo_action.trigger()
    assert read(window.store, lambda s: s.get(AgendaItem, second.id).presenter) == second.presenter
    assert read(window.store, lambda s: s.get(AgendaItem, first.id).presenter) == "DESNZ officials"
    assert page.details.ui.presenter.text() == second.presenter
    assert window.redo_action.isEnabled()


def test_removing_a_confidential_item_and_undo_keeps_its_text(window: Any) -> None:
    open_meeting(window)
    page = window.meeting_page
    amber = next(i for i in page.meeting.items if i.classification == "amber")
    page.confirm_removals = False
    page.select_item(amber.id)
    page.remove_item()
    assert read(window.store, lambda s: s.get(AgendaItem, amber.id)) is None
    window.undo_action.trigger()
    restored = read(window.store, lambda s: s.get(AgendaItem, amber.id))
    assert (restored.title, restored.minutes, restored.classification.value) == (amber.title, amber.minutes, "amber")
    assert [p.reference for p in page.meeting.item(amber.id).papers] == [p.reference for p in amber.papers]


def test_a_confidential_items_public_summary_is_typed_beside_its_public_title(window: Any, qtbot: Any) -> None:
    open_meeting(window)
    page = window.meeting_page
    item_id = page.meeting.items[3].id
    page.select_item(item_id)
    box = page.details.ui.publicSummary
    box.setFocus()
    qtbot.keyClicks(box, "The committee heard a confidential report.")
    qtbot.keyClick(box, Qt.Key.Key_Tab)  # Tab leaves the box for the next field, as in a form
    assert not box.hasFocus()
    qtbot.waitUntil(lambda: read(window.store, lambda s: s.get(AgendaItem, item_id).public_summary)
                    == "The committee heard a confidential report.", timeout=1500)
    window.undo_action.trigger()
    assert read(window.store, lambda s: s.get(AgendaItem, item_id).public_summary) is None
