"""The risk register and activity planner screens driven as a user would, the database checked after."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from secdesk.gui import registers
from secdesk.gui.models import PURPOSE_LABELS
from secdesk.gui.prompts import ScriptedPrompts
from secdesk.gui.registers.models import PlannerModel, RiskTableModel
from secdesk.model import Classification, DecisionVerb, Meeting, PlannedItem, PlanStatus, Purpose, Rag, Risk, RiskReview
from secdesk.services import planner, register_record
from secdesk.services.meetings import resolve_meeting
from tests.gui.conftest import choose, read, settle

pytestmark = pytest.mark.gui


def risk(store: Any, number: int) -> dict[str, Any]:
    def job(s: Any) -> dict[str, Any]:
        tabasc = resolve_meeting(s, "TABASC 46").committee_id
        found = s.scalar(select(Risk).where(Risk.committee_id == tabasc, Risk.number == number))
        return {
            "id": found.id,
            "likelihood": found.likelihood,
            "impact": found.impact,
            "description": found.description,
            "override": found.rag_override,
            "reason": found.override_reason,
            "owner": found.owner,
            "mitigations": [(m.text, m.in_place) for m in found.mitigations],
        }

    return read(store, job)


def open_meeting(window: Any, spec: str = "TABASC 46") -> int:
    meeting_id = read(window.store, lambda s: resolve_meeting(s, spec).id)
    assert choose(window, "meeting", meeting_id)
    return meeting_id


def open_from_meeting(window: Any, qtbot: Any) -> Any:
    """The minute-taker selects the Risk Register item and presses its Open register button."""
    open_meeting(window)
    page = window.meeting_page
    item = next(i for i in page.meeting.items if i.kind == "risk_register")
    page.select_item(item.id)
    settle()
    assert page.register_bar.isVisibleTo(page)
    qtbot.mouseClick(page.open_register_button, Qt.LeftButton)
    screen = window.register_window
    qtbot.waitExposed(screen)
    settle()  # the register is read
    return screen


def set_spin(qtbot: Any, spin: Any, value: int) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, str(value))
    qtbot.keyClick(spin, Qt.Key_Return)


def test_review_at_a_meeting_after_rescoring_a_risk(window: Any, qtbot: Any) -> None:
    screen = open_from_meeting(window, qtbot)
    assert screen.review_button.isVisible()
    six = risk(window.store, 6)
    screen.select_risk(six["id"])
    settle()
    assert screen.details.title() == "Risk 6"
    assert 6 in screen.heat_grid[(2, 3)]

    set_spin(qtbot, screen.likelihood, 5)  # 5 x 3 = 15: Red from 15

    assert risk(window.store, 6)["likelihood"] == 5
    row = screen.model.row_of(six["id"])
    assert row == 0  # highest severity first
    assert screen.model.index(row, 5).data() == "Red"
    assert screen.model.index(row, 5).data(Qt.BackgroundRole).color().name() == "#f4b6b0"
    assert 6 in screen.heat_grid[(5, 3)] and 6 not in screen.heat_grid[(2, 3)]

    qtbot.mouseClick(screen.review_button, Qt.LeftButton)

    def latest(s: Any) -> tuple[Any, ...]:
        taken = s.scalars(select(RiskReview).order_by(RiskReview.id)).all()[-1]
        item = next(i for i in s.get(Meeting, taken.meeting_id).items if i.kind.value == "risk_register")
        approved = next(d.id for d in item.decisions if d.verb is DecisionVerb.APPROVED)
        return taken.meeting.identifier, taken.decision_id, approved, {n.number: n.likelihood for n in taken.snapshots}

    identifier, decision_id, approved, snapshot = read(window.store, latest)
    assert identifier == "TABASC_46_1910" and decision_id == approved and snapshot[6] == 5
    assert screen.tabs.currentIndex() == 1
    listed = [screen.changes.topLevelItem(i).text(2) for i in range(screen.changes.topLevelItemCount())]
    assert listed == ["likelihood 2 \u2192 5; RAG Green \u2192 Red"]

    window.undo_action.trigger()  # the review goes; the rescoring stays
    assert read(window.store, lambda s: len(s.scalars(select(RiskReview)).all())) == 3
    assert risk(window.store, 6)["likelihood"] == 5
    screen.close()
    settle()


def test_an_override_without_a_reason_is_refused_where_it_is_chosen(window: Any, qtbot: Any) -> None:
    screen = open_from_meeting(window, qtbot)
    five = risk(window.store, 5)
    screen.select_risk(five["id"])
    settle()
    combo = screen.override
    combo.setFocus()
    while combo.currentData() != "red":
        qtbot.keyClick(combo, Qt.Key_Down)  # arrow keys choose (and activate) the next entry

    assert screen.problem.isVisible()
    assert "say why it should be RAG Red" in screen.problem.text()
    assert risk(window.store, 5)["override"] is None  # nothing saved
    assert screen.reason.isEnabled()
    assert window.messages.shown == []  # said beside the field, not in a message box

    qtbot.keyClicks(screen.reason, "Supplier failure seen at another panel")
    qtbot.waitUntil(lambda: risk(window.store, 5)["override"] is Rag.RED, timeout=2000)
    assert risk(window.store, 5)["reason"] == "Supplier failure seen at another panel"
    assert not screen.problem.isVisible()
    row = screen.model.row_of(five["id"])
    assert screen.model.index(row, 5).data() == "Red (set)"
    screen.close()
    settle()


def test_undo_and_redo_of_a_risk_edit(window: Any, qtbot: Any) -> None:
    screen = open_from_meeting(window, qtbot)
    three = risk(window.store, 3)
    screen.select_risk(three["id"])
    settle()
    screen.description.setFocus()
    screen.description.selectAll()
    qtbot.keyClicks(screen.description, "There is a risk that the model is not maintained.")
    qtbot.waitUntil(lambda: risk(window.store, 3)["description"].endswith("not maintained."), timeout=2000)
    set_spin(qtbot, screen.impact, 4)
    assert risk(window.store, 3)["impact"] == 4

    screen.undo_actions.undo.trigger()
    settle()
    assert risk(window.store, 3)["impact"] == 2
    screen.undo_actions.undo.trigger()
    settle()
    assert risk(window.store, 3)["description"] == three["description"]
    assert screen.description.toPlainText() == three["description"]
    screen.undo_actions.redo.trigger()
    settle()
    assert risk(window.store, 3)["description"] == "There is a risk that the model is not maintained."
    assert window.undo_action.text() == "&Undo Edit risk 3 description"
    screen.close()
    settle()


def test_mitigations_planned_in_italics_and_ticked_when_in_place(window: Any, qtbot: Any) -> None:
    screen = open_from_meeting(window, qtbot)
    one = risk(window.store, 1)
    screen.select_risk(one["id"])
    settle()
    planned_row = next(
        i for i in range(screen.mitigations.count()) if screen.mitigations.item(i).checkState() != Qt.Checked
    )
    planned = screen.mitigations.item(planned_row)
    assert planned.font().italic()
    text = planned.text()
    screen.mitigations.setFocus()
    screen.mitigations.setCurrentRow(planned_row)
    qtbot.keyClick(screen.mitigations, Qt.Key_Space)  # ticks it: now in place
    assert (text, True) in risk(window.store, 1)["mitigations"]
    assert not screen.mitigations.item(planned_row).font().italic()
    screen.close()
    settle()


def test_thresholds_and_impact_scale_are_editable(window: Any, qtbot: Any) -> None:
    screen = open_from_meeting(window, qtbot)
    committee_id = screen.committee_id
    screen.tabs.setCurrentIndex(2)
    set_spin(qtbot, screen.amber_from, 16)
    set_spin(qtbot, screen.red_from, 12)
    qtbot.mouseClick(screen.apply_button, Qt.LeftButton)
    assert screen.threshold_problem.isVisible()
    assert read(window.store, lambda s: register_record.thresholds(s, committee_id)).amber_from == 8

    set_spin(qtbot, screen.amber_from, 6)
    set_spin(qtbot, screen.red_from, 12)
    qtbot.mouseClick(screen.apply_button, Qt.LeftButton)
    assert not screen.threshold_problem.isVisible()
    limits = read(window.store, lambda s: register_record.thresholds(s, committee_id))
    assert limits == register_record.Thresholds(6, 12)
    one = screen.model.row_of(risk(window.store, 1)["id"])
    assert screen.model.index(one, 5).data() == "Red"  # severity 12 is now Red

    screen.new_category.setText("Reputational")
    screen.add_category()
    settle()
    row = screen.scale.rowCount() - 1
    assert screen.scale.item(row, 0).text() == "Reputational"
    screen.scale.item(row, 3).setText("Named in the trade press")
    scale = read(window.store, lambda s: register_record.impact_scale(s, committee_id))
    assert scale[-1] == register_record.ScaleRow("Reputational", ("", "", "Named in the trade press", "", ""))
    screen.close()
    settle()


def test_add_and_close_a_risk(window: Any, qtbot: Any) -> None:
    screen = open_from_meeting(window, qtbot)
    qtbot.mouseClick(screen.add_button, Qt.LeftButton)
    dialog = screen.dialog
    qtbot.keyClicks(dialog.description, "There is a risk that reviews slip.")
    dialog.likelihood.selectAll()
    qtbot.keyClicks(dialog.likelihood, "4")
    qtbot.keyClick(dialog.likelihood, Qt.Key_Return)  # Enter takes the dialog's OK
    number = read(
        window.store,
        lambda s: s.scalar(select(Risk.number).where(Risk.description == "There is a risk that reviews slip.")),
    )
    added = risk(window.store, number)
    assert (added["likelihood"], added["impact"]) == (4, 3)
    assert screen.selected_risk().id == added["id"]

    qtbot.mouseClick(screen.close_button, Qt.LeftButton)  # RecordingMessages confirms
    assert read(window.store, lambda s: s.get(Risk, added["id"]).status.value) == "closed"
    assert screen.model.row_of(added["id"]) == -1
    screen.show_closed.setChecked(True)
    settle()
    assert screen.model.row_of(added["id"]) >= 0
    screen.close()
    settle()


def test_exports_run_on_the_worker(window: Any, qtbot: Any, tmp_path: Path) -> None:
    screen = open_from_meeting(window, qtbot)
    target = tmp_path / "register.xlsx"
    screen.prompts = ScriptedPrompts(files=[target])
    qtbot.mouseClick(screen.export_buttons["xlsx"], Qt.LeftButton)
    qtbot.waitUntil(lambda: screen.last_export is not None, timeout=10000)
    assert screen.last_export == target and target.stat().st_size > 0
    screen.close()
    settle()


def test_planned_items_are_offered_in_the_new_meeting_dialog_and_taken(window: Any, qtbot: Any) -> None:
    tabasc = read(window.store, lambda s: resolve_meeting(s, "TABASC 46").committee_id)
    window.new_meeting(tabasc)
    settle()
    dialog = window.dialog
    dialog.ui.date.setDate(QDate(2026, 11, 16))
    settle()
    titles = [box.text() for _id, box in dialog.planned.boxes]
    assert any(t.startswith("Interface Versioning: Panel Outcome") for t in titles)
    planned_id, box = next((i, b) for i, b in dialog.planned.boxes if b.text().startswith("Interface Versioning"))
    # Another month's offers were laid out first (the proposal's): the new boxes are placed before a click.
    qtbot.waitUntil(lambda: box.isVisible() and box.width() > 0)
    qtbot.mouseClick(box, Qt.LeftButton)
    assert box.isChecked()
    dialog.ui.buttons.button(QDialogButtonBox.Ok).click()

    def state(s: Any) -> tuple[str, str | None]:
        planned = s.get(PlannedItem, planned_id)
        return planned.status.value, planned.agenda_item.meeting.identifier if planned.agenda_item else None

    status, identifier = read(window.store, state)
    assert status == "taken" and identifier == "TABASC_47_1611"
    titles_47 = [i.title for i in window.meeting_page.meeting.items]
    assert "Interface Versioning: Panel Outcome" in titles_47

    window.undo_action.trigger()  # one step: the meeting and the taking
    assert read(window.store, lambda s: s.get(PlannedItem, planned_id).status) is PlanStatus.PLANNED
    assert read(window.store, lambda s: s.scalar(select(Meeting).where(Meeting.number == 47))) is None


def test_planner_screen_adds_rolls_and_drops(window: Any, qtbot: Any) -> None:
    open_meeting(window)
    screen = registers.open_planner(window)
    screen.start.setDate(QDate(2026, 11, 1))
    settle()
    qtbot.mouseClick(screen.add_button, Qt.LeftButton)
    dialog = screen.dialog
    dialog.month.setDate(QDate(2027, 2, 1))
    qtbot.keyClicks(dialog.title, "Annual plan")
    qtbot.keyClicks(dialog.owner, "SECAS")
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    settle()
    added = screen.selected()
    assert added is not None and added.title == "Annual plan" and added.month == date(2027, 2, 1)

    qtbot.mouseClick(screen.roll_button, Qt.LeftButton)
    settle()
    moved = screen.selected()
    assert moved is not None and moved.month == date(2027, 3, 1) and moved.id != added.id
    assert read(window.store, lambda s: s.get(PlannedItem, added.id).status) is PlanStatus.ROLLED
    screen.undo_actions.undo.trigger()
    settle()
    assert read(window.store, lambda s: s.get(PlannedItem, added.id).status) is PlanStatus.PLANNED
    assert read(window.store, lambda s: s.get(PlannedItem, moved.id)) is None

    screen.select(added.id)
    settle()
    qtbot.mouseClick(screen.drop_button, Qt.LeftButton)
    assert read(window.store, lambda s: s.get(PlannedItem, added.id).status) is PlanStatus.DROPPED
    assert screen.model.row_of(added.id) == -1
    screen.close()
    settle()


def test_roll_untaken_items_of_a_meeting(window: Any, qtbot: Any) -> None:
    tabasc = read(window.store, lambda s: resolve_meeting(s, "TABASC 46").committee_id)
    window.new_meeting(tabasc)
    settle()
    dialog = window.dialog
    dialog.ui.date.setDate(QDate(2026, 11, 16))
    settle()
    dialog.ui.buttons.button(QDialogButtonBox.Ok).click()
    settle()
    meeting = window.meeting_page.meeting
    assert meeting.number == 47
    november = read(window.store, lambda s: register_record.offered_in_month(s, tabasc, date(2026, 11, 1)))
    assert len(november) == 3

    window.register_actions["roll"].trigger()

    assert read(window.store, lambda s: register_record.offered_in_month(s, tabasc, date(2026, 11, 1))) == []
    december = read(
        window.store, lambda s: [p.title for p in register_record.offered_in_month(s, tabasc, date(2026, 12, 1))]
    )
    assert {p.title for p in november} <= set(december)
    window.undo_action.trigger()
    settle()
    assert len(read(window.store, lambda s: register_record.offered_in_month(s, tabasc, date(2026, 11, 1)))) == 3


def test_register_buttons_on_the_committee_page(window: Any, qtbot: Any) -> None:
    tabasc = read(window.store, lambda s: resolve_meeting(s, "TABASC 46").committee_id)
    choose(window, "committee", tabasc)
    buttons = {b.text(): b for b in window.committee_page.findChildren(type(window.committee_page.ui.newMeeting))}
    qtbot.mouseClick(buttons["Risk &register..."], Qt.LeftButton)
    screen = window.register_window
    assert screen.committee_id == tabasc and not screen.review_button.isVisible()
    screen.close()
    settle()


def test_models_pass_qt_model_checks(qtmodeltester: Any, demo_store: Any) -> None:
    with demo_store.read() as session:
        tabasc = resolve_meeting(session, "TABASC 46").committee_id
        risks = register_record.risk_rows(session, tabasc, include_closed=True)
        planned = register_record.plan_rows(session, tabasc, date(2026, 10, 1), 6)
    assert risks and planned
    risk_model = RiskTableModel()
    risk_model.set_rows(risks)
    qtmodeltester.check(risk_model)
    planner_model = PlannerModel()
    planner_model.set_rows(planned)
    qtmodeltester.check(planner_model)


def _refused_by_the_command_line(template: Path, tmp_path: Path, capsys: Any, *argv: str) -> str:
    """What `secdesk` says when it refuses `argv`, on a copy of the demo of its own."""
    from secdesk.cli.main import main

    db = tmp_path / "cli.sqlite"
    if not db.exists():
        shutil.copyfile(template, db)
    capsys.readouterr()
    assert main(["--db", str(db), *argv]) == 1
    said = capsys.readouterr().err
    assert said.startswith("secdesk: ")
    return said.removeprefix("secdesk: ").rstrip("\n")


def test_the_window_and_the_command_line_refuse_in_the_same_words(
    window: Any, qtbot: Any, capsys: Any, tmp_path: Path, _demo_template: Path
) -> None:
    screen = open_from_meeting(window, qtbot)
    three = risk(window.store, 3)
    screen.select_risk(three["id"])
    settle()
    screen.description.setFocus()
    screen.description.selectAll()
    qtbot.keyClick(screen.description, Qt.Key_Delete)  # a risk emptied of its words
    qtbot.waitUntil(screen.problem.isVisible, timeout=2000)
    assert risk(window.store, 3)["description"] == three["description"]  # nothing saved
    blank_risk = _refused_by_the_command_line(
        _demo_template, tmp_path, capsys, "risk-add", "TABASC", "  ", "--likelihood", "2", "--impact", "2"
    )
    assert screen.problem.text() == blank_risk == "Describe the risk, e.g. 'There is a risk that ...'."
    qtbot.keyClicks(screen.description, three["description"])  # put back before the window closes
    screen.close()
    settle()

    planner_screen = registers.open_planner(window)
    planner_screen.start.setDate(QDate(2026, 11, 1))
    settle()
    row = next(r for r in planner_screen.model.rows if r.status is PlanStatus.PLANNED)
    planner_screen.select(row.id)
    planner_screen.edit_selected()
    dialog = planner_screen.dialog
    dialog.title.clear()
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    settle()
    no_title = _refused_by_the_command_line(
        _demo_template, tmp_path, capsys, "plan", "TABASC", "--month", "2099-01", "--title", " "
    )
    assert dialog.problem.text() == no_title == "A planned item needs a title."
    dialog.title.setText(row.title)
    dialog.month.setDate(QDate(2020, 1, 1))
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    settle()
    past = _refused_by_the_command_line(
        _demo_template, tmp_path, capsys, "plan", "TABASC", "--month", "2020-01", "--title", row.title
    )
    assert dialog.problem.text() == past == "January 2020 is in the past; plan items for this month or later."
    assert read(window.store, lambda s: planner.details_of(s.get(PlannedItem, row.id))).title == row.title
    dialog.reject()
    planner_screen.close()
    settle()


def test_undo_of_a_register_edit_puts_back_the_typed_value(window: Any, qtbot: Any) -> None:
    screen = open_from_meeting(window, qtbot)
    two = risk(window.store, 2)
    screen.select_risk(two["id"])
    settle()
    assert screen.selected_risk().classification is Classification.WHITE
    screen.classification.setFocus()
    while screen.classification.currentText() != "Amber":
        qtbot.keyClick(screen.classification, Qt.Key_Down)  # each choice is saved; together they are one undo step
    assert read(window.store, lambda s: s.get(Risk, two["id"]).classification) is Classification.AMBER
    assert screen.selected_risk().classification is Classification.AMBER

    screen.undo_actions.undo.trigger()
    settle()
    assert read(window.store, lambda s: s.get(Risk, two["id"]).classification) is Classification.WHITE
    assert screen.selected_risk().classification is Classification.WHITE
    assert screen.classification.currentText() == "White"
    assert screen.undo_actions.redo.text() == "&Redo Edit risk 2 classification"
    screen.close()
    settle()

    planner_screen = registers.open_planner(window)
    planner_screen.start.setDate(QDate(2026, 11, 1))
    settle()
    row = next(r for r in planner_screen.model.rows if r.status is PlanStatus.PLANNED)
    before = read(window.store, lambda s: planner.details_of(s.get(PlannedItem, row.id)))
    other = next(p for p in Purpose if p is not before.purpose)
    planner_screen.select(row.id)
    planner_screen.edit_selected()
    dialog = planner_screen.dialog
    dialog.purpose.setCurrentIndex(list(PURPOSE_LABELS).index(other))
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    settle()
    assert read(window.store, lambda s: s.get(PlannedItem, row.id).purpose) is other
    assert planner_screen.selected().purpose is other

    planner_screen.undo_actions.undo.trigger()
    settle()
    assert read(window.store, lambda s: planner.details_of(s.get(PlannedItem, row.id))) == before
    assert planner_screen.selected().purpose is before.purpose
    planner_screen.close()
    settle()


def test_a_risk_typed_with_pauses_keeps_every_space_and_tab_moves_on(window: Any, qtbot: Any) -> None:
    from PySide6.QtWidgets import QApplication

    from tests.gui.test_typing_is_kept import type_with_pauses, wait_saved

    screen = open_from_meeting(window, qtbot)
    three = risk(window.store, 3)
    screen.select_risk(three["id"])
    settle()
    screen.description.setFocus()
    screen.description.selectAll()
    pause = window.settings.save_delay + 120  # longer than the autosave waits: each word is saved alone
    type_with_pauses(qtbot, "There is a risk that the supplier misses the test window.", pause)
    qtbot.keyClick(screen.description, Qt.Key_Tab)  # Tab leaves the box: it is not typed into the risk
    assert QApplication.focusWidget() is not screen.description
    screen.owner.setFocus()
    screen.owner.selectAll()
    type_with_pauses(qtbot, "The DCC and SECAS", pause)
    wait_saved(qtbot, window.editor)
    saved = risk(window.store, 3)
    assert (saved["description"], saved["owner"]) == (
        "There is a risk that the supplier misses the test window.", "The DCC and SECAS")
    screen.close()
    settle()
