"""What an operation hands back: the meetings, committees and kinds of rows it touched."""

from __future__ import annotations

from datetime import date

from secdesk.services import actions, agenda, decisions
from secdesk.services.changes import Changes, meeting_changed
from tests import factories

LOG_KINDS = ("action", "action_update", "meeting", "committee", "person")


def test_an_edit_names_its_kind_and_a_removal_every_kind_it_took(store) -> None:
    with store.write() as session:
        meeting = factories.held_meeting(session, factories.committee(session), 15, date(2027, 2, 15))
        item = meeting.items[0]
        decisions.add(session, item, "NOTED", "the report")
        actions.raise_action(session, meeting, "SECAS to circulate the report.", item=item)
        typed = agenda.MINUTES.set(session, item.id, "The panel heard the report.")
        assert typed.meeting_ids == {meeting.id} and typed.kinds == {"agenda_item"}
        assert not typed.may_concern(*LOG_KINDS)
        removed = agenda.remove_item(session, item).changes
    assert removed.kinds is not None and {"agenda_item", "decision", "action"} <= removed.kinds
    assert removed.may_concern(*LOG_KINDS)  # the action lost its item


def test_a_change_that_names_no_kind_concerns_every_kind() -> None:
    unsaid = meeting_changed(3)
    assert unsaid.may_concern("action") and (unsaid | Changes(kinds=frozenset({"decision"}))).kinds is None
    said = Changes(kinds=frozenset({"decision"})) | Changes(kinds=frozenset({"paper"}))
    assert said.kinds == {"decision", "paper"} and not said.may_concern("action")
    assert Changes(structure=True, kinds=frozenset({"paper"})).may_concern("action")
