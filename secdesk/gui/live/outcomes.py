"""The right-hand side of the live screen: the current item's decisions and actions, and their composers.

A decision starts with Ctrl+D: one letter chooses the verb (N NOTED, A AGREED ...),
then the words follow the committee's voice. An action starts with
Ctrl+Shift+A: its reference is handed out at once, the owner completes from the
people and organisations at the meeting and past owners, and the due date is
read from the text while it is typed (and can be typed over). Both are saved
as they are typed; Enter or Esc returns to the minutes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secdesk.errors import ValidationError
from secdesk.gui import accessibility, palette
from secdesk.gui.commands import Create, Remove, removal
from secdesk.gui.editor import Editor, Reply
from secdesk.gui.levels import brush, tag, toggled
from secdesk.gui.live.commands import SetLiveField
from secdesk.gui.live.texts import LiveText
from secdesk.gui.models import KeyRole
from secdesk.model import Action, AgendaItem, Classification, Decision, Meeting
from secdesk.services import actions, decisions, meeting_record, minutes_text, owners
from secdesk.services.actions import shown_due
from secdesk.services.changes import Changes, meeting_changed
from secdesk.services.decisions import VERB_KEYS
from secdesk.services.meeting_record import LiveAction, LiveDecision
from secdesk.services.properties import Property
from secdesk.services.rows import fetch

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

VERB_HINT = " · ".join(f"{key}\u00a0{verb.value.capitalize()}" for key, verb in VERB_KEYS.items())
class VerbBox(QComboBox):
    """The decision's verb; one letter chooses it and moves on to the words."""

    chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for key, verb in VERB_KEYS.items():
            self.addItem(f"{verb.value}  ({key})", verb.value)
        self.setToolTip(VERB_HINT)

    def verb(self) -> str:
        return self.currentData()

    def set_verb(self, verb: str) -> None:
        self.setCurrentIndex(self.findData(verb))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        verb = VERB_KEYS.get(event.text().upper()) if event.text() else None
        if verb is not None and not event.modifiers() & (Qt.ControlModifier | Qt.AltModifier):
            self.set_verb(verb.value)
            self.activated.emit(self.currentIndex())
            self.chosen.emit()
            return
        if event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Tab):
            self.chosen.emit()
            return
        super().keyPressEvent(event)


class FinishingLine(QLineEdit):
    """A line that hands focus back (Enter, or Esc to give up what was refused) instead of doing nothing."""

    finished = Signal(bool)  # True for Esc

    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self.completer().popup() if self.completer() else None
        if event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Escape) and not (popup and popup.isVisible()):
            self.finished.emit(event.key() == Qt.Key_Escape)
            return
        super().keyPressEvent(event)


class OwnerLine(FinishingLine):
    """The owner: what is typed is kept as typed, unless a suggestion is chosen.

    Choosing is a click or Enter on the list (or an arrow through it), or Tab
    while the list is offered, which takes the suggestion that starts like what
    was typed ("sec" Tab gives "SECAS"). Leaving the box any other way keeps
    what was typed.
    """

    offer_taken = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tab_on_list = False

    def watch_list(self) -> None:
        if (popup := self.completer().popup()) is not None:
            popup.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # On a desktop the list has the keyboard: the completer hides it before the Tab reaches the line.
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QWidget) and watched.isVisible():
            self._tab_on_list = event.key() == Qt.Key.Key_Tab  # type: ignore[attr-defined]
        return False

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Tab and not event.modifiers():  # type: ignore[attr-defined]
            popup = self.completer().popup() if self.completer() else None
            if self._tab_on_list or (popup is not None and popup.isVisible()):
                self.offer_taken.emit()
            self._tab_on_list = False
        return super().event(event)


class OutcomesPanel(QWidget):
    """Decisions and actions of the current item, with one composer open at a time."""

    finished = Signal()  # focus goes back to the minutes

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.meeting_id: int | None = None
        self.item_id: int | None = None
        self.voice = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Decisions</b>  <span style='color:#666'>Ctrl+D new</span>"))
        self.decisions = QListWidget()
        self.decisions.setWordWrap(True)
        self.decisions.setObjectName("decisions")
        layout.addWidget(self.decisions, 2)
        layout.addWidget(QLabel("<b>Actions</b>  <span style='color:#666'>Ctrl+Shift+A new</span>"))
        self.actions = QListWidget()
        self.actions.setWordWrap(True)
        self.actions.setObjectName("actions")
        layout.addWidget(self.actions, 3)
        accessibility.name(((self.decisions, "Decisions"), (self.actions, "Actions")))
        self.decisions.itemActivated.connect(lambda row: self.edit_decision(row.data(KeyRole)))
        self.actions.itemActivated.connect(lambda row: self.edit_action(row.data(KeyRole)))
        for view, what in ((self.decisions, "decision"), (self.actions, "action")):
            delete = QAction(f"&Delete {what}...", view)
            delete.setShortcuts([QKeySequence(QKeySequence.StandardKey.Delete), QKeySequence(Qt.Key.Key_Backspace)])
            delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            delete.triggered.connect(lambda _checked=False, v=view: self.delete_selected(v))
            view.addAction(delete)
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            view.setToolTip(f"Enter edits the {what}; Delete deletes it (after asking; Ctrl+Z brings it back)")

        self.decision_box = QFrame()
        self.decision_box.setFrameShape(QFrame.StyledPanel)
        box = QVBoxLayout(self.decision_box)
        top = QHBoxLayout()
        self.voice_label = QLabel()
        self.verb = VerbBox()
        top.addWidget(self.voice_label)
        top.addWidget(self.verb, 1)
        box.addLayout(top)
        self.decision_text = FinishingLine()
        self.decision_text.setPlaceholderText("the contents of the paper")
        box.addWidget(self.decision_text)
        hint = QLabel(VERB_HINT)
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {palette.HINT};")
        accessibility.smaller(hint)
        box.addWidget(hint)
        layout.addWidget(self.decision_box)
        self.decision_box.hide()
        self.decision_id: int | None = None
        self.decision_live = LiveText(editor, self.decision_text, self._decision_typed)
        self.verb.chosen.connect(self.decision_text.setFocus)
        self.verb.activated.connect(lambda _i: self._verb_changed())
        self.decision_text.finished.connect(self._done)

        self.action_box = QFrame()
        self.action_box.setFrameShape(QFrame.StyledPanel)
        form = QFormLayout(self.action_box)
        self.reference = QLabel()
        self.reference.setObjectName("reference")
        self.reference.setStyleSheet("font-weight: 700;")
        self.owner = OwnerLine()
        self.owner.setPlaceholderText("SECAS, The DCC, The TABASC Members ...")
        self.owner_model = QStringListModel(self)
        completer = QCompleter(self.owner_model, self)
        completer.setCompletionMode(QCompleter.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        self.owner.setCompleter(completer)
        self.owner.watch_list()
        self.action_text = FinishingLine()
        self.action_text.setPlaceholderText("SECAS to ... by 31st March")
        self.due = FinishingLine()
        self.due.setPlaceholderText("read from the text, or type 31 Mar 2027")
        form.addRow("Reference:", self.reference)
        form.addRow("&Owner:", self.owner)
        form.addRow("Ac&tion:", self.action_text)
        form.addRow("D&ue:", self.due)
        layout.addWidget(self.action_box)
        self.action_box.hide()
        self.action_id: int | None = None
        self.reserved: str | None = None
        # Typing committed while its decision or action is being made: each edits what was made
        # (or, if making it was refused, is tried again as new).
        self._creating: list[tuple[Callable[[int], None], Callable[[], None]]] | None = None
        self._making: Create | None = None  # the composer's decision or action, being made
        # Where a decision or action made now goes in the item's minutes text: the minutes
        # cursor's block when the user came from the minutes (set by the live screen), else the end.
        self.place_provider: Callable[[], int | None] = lambda: None
        self._place: int | None = None
        self.owner_choices: list[str] = []
        self.due_typed = False
        self.owner_live = LiveText(editor, self.owner, lambda v, reply: self._action_field(actions.OWNER, v, reply))
        self.action_live = LiveText(editor, self.action_text, self._action_typed)
        self.due_live = LiveText(editor, self.due, self._due_committed)
        self.owner.textEdited.connect(self._suggest_owners)
        self.owner.offer_taken.connect(self._complete_owner)
        self.action_text.textEdited.connect(self._guess_due)
        self.due.textEdited.connect(lambda _t: setattr(self, "due_typed", True))
        for line in (self.owner, self.action_text, self.due):
            line.finished.connect(self._done)

    # --- showing the item ---

    def show_item(
        self,
        meeting_id: int,
        voice: str,
        item_id: int | None,
        decisions: tuple[LiveDecision, ...],
        actions: tuple[LiveAction, ...],
    ) -> None:
        if item_id != self.item_id:
            self.finish(refocus=False)
        self.meeting_id, self.voice, self.item_id = meeting_id, voice, item_id
        self.voice_label.setText(voice)
        self._fill(self.decisions, [(d.id, f"{voice} {d.verb} {d.text}", d.classification) for d in decisions])
        self._fill(
            self.actions,
            [
                (
                    a.id,
                    f"{a.reference} \u00b7 {a.owner or 'no owner'} \u00b7 due {shown_due(a.due) or '-'}\n{a.text}",
                    a.classification,
                )
                for a in actions
            ],
        )
        if self.decision_id is not None and (d := next((d for d in decisions if d.id == self.decision_id), None)):
            self.decision_live.show_value(d.text)
            self.verb.set_verb(d.verb)
        if self.action_id is not None and (a := next((a for a in actions if a.id == self.action_id), None)):
            self.owner_live.show_value(a.owner)
            self.action_live.show_value(a.text)
            if not self.due_live.pending:
                self.due_live.show_value(shown_due(a.due))

    @staticmethod
    def _fill(view: QListWidget, rows: list[tuple[int, str, Classification]]) -> None:
        selected = view.currentItem().data(KeyRole) if view.currentItem() else None
        view.clear()
        for row_id, text, classification in rows:
            marker = tag(classification)
            entry = QListWidgetItem(f"{text}   {marker}" if marker else text)
            entry.setData(KeyRole, row_id)
            entry.setData(Qt.UserRole + 2, classification)
            if (background := brush(classification)) is not None:
                entry.setBackground(background)
            view.addItem(entry)
            if row_id == selected:
                view.setCurrentItem(entry)

    def _texts(self) -> tuple[LiveText, ...]:
        return (self.decision_live, self.owner_live, self.action_live, self.due_live)

    def flush(self) -> None:
        for text in self._texts():
            text.flush()

    def _done(self, giving_up: bool) -> None:
        """Enter closes the composer unless a field is refused (its hint says why); Esc gives that up."""
        self.flush()
        refused = [text for text in self._texts() if text.problem is not None and text.widget.isVisible()]
        if refused and not giving_up:
            refused[0].widget.setFocus()
            return
        self.finish()

    def busy(self) -> bool:
        return self.decision_box.isVisible() or self.action_box.isVisible()

    def finish(self, refocus: bool = True) -> None:
        """Close whichever composer is open, keeping what was typed (what was refused shows what is stored)."""
        self.flush()
        for text in self._texts():
            if text.problem is not None:
                text.discard()
        if self.reserved is not None and self.action_id is None and self.meeting_id is not None:
            meeting_id, reference = self.meeting_id, self.reserved
            self.editor.save(lambda s: actions.release_reference(s, fetch(s, Meeting, meeting_id), reference))
        self.reserved = None
        self._making = None
        self.decision_id = self.action_id = None
        self.decision_box.hide()
        self.action_box.hide()
        if refocus:
            self.finished.emit()

    # --- decisions ---

    def new_decision(self) -> None:
        if self.item_id is None:
            return
        self.finish(refocus=False)
        self._place = self.place_provider()
        self.decision_live.load("")
        self.verb.set_verb("NOTED")
        self.decision_box.show()
        self.verb.setFocus()

    def delete_selected(self, view: QListWidget) -> None:
        """Delete the decision or action chosen in its list, once confirmed; undo brings it back."""
        row = view.currentItem()
        if row is None or self.item_id is None:
            return
        is_decision = view is self.decisions
        what = "decision" if is_decision else "action"
        kept = "" if is_decision else " Its reference is never given to another action."
        if not self.editor.messages.confirm(
            self, f"Delete {what}", f"Delete this {what}?\n\n{row.text()}\n\nCtrl+Z brings it back.{kept}"
        ):
            return
        self.finish(refocus=False)
        self.editor.push(_delete_command(self.editor, is_decision, row.data(KeyRole), row.text().split("\n")[0]))

    def edit_decision(self, decision_id: int) -> None:
        self.finish(refocus=False)
        self.editor.load(
            lambda s: meeting_record.live_decision(s, decision_id),
            lambda found: self._edit_decision(found.id, found.verb, found.text),
        )

    def _edit_decision(self, decision_id: int, verb: str, text: str) -> None:
        if not shiboken6.isValid(self) or self.busy():
            return  # another composer opened meanwhile
        self.decision_id = decision_id
        self.verb.set_verb(verb)
        self.decision_live.load(text)
        self.decision_box.show()
        self.decision_text.setFocus()

    def _verb_changed(self) -> None:
        if self.decision_id is not None:
            self._push_field(decisions.VERB, self.decision_id, self.verb.verb())

    def _decision_typed(self, text: str, reply: Reply) -> None:
        def again() -> None:
            self._decision_typed(text, reply)

        if self._follows_creation(decisions.TEXT, text, reply, again):
            return
        if self.decision_id is not None:  # emptied: the rule says why not, beside the box
            self._push_field(decisions.TEXT, self.decision_id, text, typed=reply)
            return
        if not text.strip() or self.item_id is None:
            reply(None)  # nothing typed yet: nothing to save
            return
        item_id, verb, place = self.item_id, self.verb.verb(), self._place
        command = Create(
            self.editor,
            f"New decision ({verb})",
            lambda s: _decide(s, item_id, verb, text, place),
            removal(Decision, decisions.remove),
        )

        def made(problem: str | None) -> None:
            if problem is None and self._making is command:
                self.decision_id = command.row_id
            self._made(command, reply, problem)

        self._create(command, made)

    # --- actions ---

    def new_action(self) -> None:
        if self.item_id is None or self.meeting_id is None:
            return
        self.finish(refocus=False)
        self._place = self.place_provider()
        meeting_id, item_id = self.meeting_id, self.item_id
        def reserve(s: Session) -> tuple[str, list[str]]:
            # The reference is handed out now, so the minute-taker sees it before typing the action.
            meeting = fetch(s, Meeting, meeting_id)
            return actions.allocate_reference(s, meeting), owners.owner_suggestions(s, meeting)

        self.editor.save(reserve, lambda found: self._new_action(meeting_id, item_id, *found))

    def _new_action(self, meeting_id: int, item_id: int, reserved: str, owner_choices: list[str]) -> None:
        if not shiboken6.isValid(self) or self.busy() or (self.meeting_id, self.item_id) != (meeting_id, item_id):
            # Not wanted any more.
            self.editor.save(lambda s: actions.release_reference(s, fetch(s, Meeting, meeting_id), reserved))
            return
        self.reserved = reserved
        self.reference.setText(reserved)
        self.owner_choices = owner_choices
        self.owner_model.setStringList(self.owner_choices[:10])
        for text in (self.owner_live, self.action_live, self.due_live):
            text.load("")
        self.due_typed = False
        self.action_box.show()
        self.owner.setFocus()

    def edit_action(self, action_id: int) -> None:
        self.finish(refocus=False)
        meeting_id = self.meeting_id

        def found(s: Session) -> tuple[Any, ...]:
            action = meeting_record.live_action(s, action_id)
            suggested = owners.owner_suggestions(s, fetch(s, Meeting, meeting_id)) if meeting_id else []
            return action.reference, action.owner, action.text, action.due, suggested

        self.editor.load(found, lambda values: self._edit_action(action_id, *values))

    def _edit_action(
        self, action_id: int, reference: str, owner: str, text: str, due: actions.Due, owner_choices: list[str]
    ) -> None:
        if not shiboken6.isValid(self) or self.busy():
            return  # another composer opened meanwhile
        self.action_id = action_id
        self.owner_choices = owner_choices
        self.reference.setText(reference)
        self.owner_live.load(owner)
        self.action_live.load(text)
        self.due_live.load(shown_due(due))
        self.due_typed = due is not None
        self.action_box.show()
        self.action_text.setFocus()

    def _suggest_owners(self, typed: str) -> None:
        self.owner_model.setStringList(owners.rank(typed, self.owner_choices))

    def _complete_owner(self) -> None:
        """Tab on the offered list takes the suggestion that starts like what was typed ("dcc" -> "The DCC")."""
        best = owners.completion(self.owner.text(), self.owner_choices)
        if best is not None and best != self.owner.text():
            self.owner_live.set_by_program(best)
        self.owner_live.flush()

    def _guess_due(self, text: str) -> None:
        if self.due_typed or self.meeting_id is None:
            return
        meeting_id = self.meeting_id
        self.editor.load(
            lambda s: actions.due_in_words(s, fetch(s, Meeting, meeting_id), text), lambda due: self._guessed(text, due)
        )

    def _guessed(self, text: str, due: actions.Due) -> None:
        if not shiboken6.isValid(self) or self.due_typed or self.action_text.text() != text:
            return  # typed on (or the due date typed) meanwhile: a later guess follows
        if shown_due(due) != self.due.text():
            self.due_live.set_by_program(shown_due(due))

    def _action_typed(self, text: str, reply: Reply) -> None:
        if self._follows_creation(actions.TEXT, text, reply, lambda: self._action_typed(text, reply)):
            return
        if self.action_id is not None:  # emptied: the rule says why not, beside the box
            self._push_field(actions.TEXT, self.action_id, text, typed=reply)
            return
        if not text.strip() or self.item_id is None or self.reserved is None:
            reply(None)
            return
        item_id, owner, reference, due = self.item_id, self.owner.text(), self.reserved, self.due.text()
        place = self._place
        command = Create(
            self.editor,
            f"New action {reference}",
            lambda s: _raise(s, item_id, text, owner, due, reference, place),
            removal(Action, actions.remove_action),
        )

        def made(problem: str | None) -> None:
            if problem is None and self._making is command:
                self.action_id, self.reserved = command.row_id, None
            self._made(command, reply, problem)

        self._create(command, made)

    def _follows_creation(
        self, prop: Property[Any, Any], value: object, reply: Reply, again: Callable[[], None]
    ) -> bool:
        """While the decision or action is being made, this typing waits to edit it (or, refused, to try again)."""
        if self._creating is None:
            return False
        self._creating.append((lambda row_id: self._push_field(prop, row_id, value, typed=reply), again))
        return True

    def _create(self, command: Create, made: Reply) -> None:
        """Make the decision or action; typing committed meanwhile waits, then edits what was made."""
        self._creating, self._making = [], command
        self.editor.push_typed(command, made)

    def _made(self, command: Create, reply: Reply, problem: str | None) -> None:
        if not shiboken6.isValid(self):
            return
        waiting, self._creating = self._creating or [], None
        if self._making is command:
            self._making = None
        reply(problem)
        for edit, again in waiting:
            if problem is None and command.row_id is not None:
                edit(command.row_id)
            else:
                again()

    def _action_field(self, prop: Property[Action, Any], value: object, reply: Reply) -> None:
        if self._follows_creation(prop, value, reply, lambda: self._action_field(prop, value, reply)):
            return
        if self.action_id is None:
            reply(None)  # the action is raised with it, from the action's text
        else:
            self._push_field(prop, self.action_id, value, typed=reply)

    def _due_committed(self, text: str, reply: Reply) -> None:
        # A date or a meeting, read by the core's rule; anything else is refused beside the box.
        self._action_field(actions.TYPED_DUE, text, reply)

    def _push_field(self, prop: Property[Any, Any], row_id: int, value: object, typed: Reply | None = None) -> None:
        refresh = meeting_changed(self.meeting_id) if self.meeting_id else Changes()
        command = SetLiveField(self.editor, prop, row_id, value, refresh)
        self.editor.push_edit(command, typed)

    # --- classification of a single decision or action ---

    def focused_row(self) -> tuple[Property[Any, Classification], int, Classification] | None:
        """The decision or action the user is on: its classification property, id and level."""
        if self.decision_id is not None and self.decision_box.isVisible():
            return decisions.CLASSIFICATION, self.decision_id, _listed_level(self.decisions, self.decision_id)
        if self.action_id is not None and self.action_box.isVisible():
            return actions.CLASSIFICATION, self.action_id, _listed_level(self.actions, self.action_id)
        for prop, view in ((decisions.CLASSIFICATION, self.decisions), (actions.CLASSIFICATION, self.actions)):
            if view.hasFocus() and view.currentItem() is not None:
                row_id = view.currentItem().data(KeyRole)
                return prop, row_id, _listed_level(view, row_id)
        return None

    def toggle_confidential(self, prop: Property[Any, Classification], row_id: int, level: Classification) -> None:
        self._push_field(prop, row_id, toggled(level))


def _delete_command(editor: Editor, view_is_decisions: bool, row_id: int, shown: str) -> Remove:
    if view_is_decisions:
        return Remove(editor, f"Delete decision {shown!r}", row_id, removal(Decision, decisions.remove))
    return Remove(editor, f"Delete action {shown!r}", row_id, removal(Action, actions.remove_action))


def _decide(session: Session, item_id: int, verb: str, text: str, place: int | None) -> Decision:
    item = fetch(session, AgendaItem, item_id)
    decision = decisions.add(session, item, verb, text)
    if place is not None:
        minutes_text.place_at(session, item, decision, place)
    return decision


def _raise(session: Session, item_id: int, text: str, owner: str, due_typed: str, reference: str,
           place: int | None) -> Action:
    item = fetch(session, AgendaItem, item_id)
    try:
        due = actions.due_from_typing(due_typed, item.meeting.date)
    except ValidationError:
        due = None  # the action is raised all the same; the due box says what is wrong with it
    action = actions.raise_action(session, item.meeting, text, owner=owner, item=item, due=due, reference=reference)
    if place is not None:
        minutes_text.place_at(session, item, action, place)
    return action


def _listed_level(view: QListWidget, row_id: int) -> Classification:
    """The classification the item's list shows for a decision or action (White until it is listed)."""
    for index in range(view.count()):
        entry = view.item(index)
        if entry.data(KeyRole) == row_id:
            return Classification(entry.data(Qt.UserRole + 2))
    return Classification.WHITE
