"""Find: every word, in any of the texts, confidential ones too while the key is here; what is typed is literal."""

from __future__ import annotations

from datetime import date

from secdesk.model import ActionStatus, Classification
from secdesk.services import actions, agenda, find
from tests import factories


def test_confidential_text_is_found_by_its_words_and_typed_wildcards_are_literal(store) -> None:
    with store.write() as session:
        tabasc = factories.committee(session)
        first = factories.held_meeting(session, tabasc, 16, date(2027, 3, 20))
        later = factories.held_meeting(session, tabasc, 17, date(2027, 4, 17))
        secret = agenda.add_item(session, first, "Supplier failures", classification=Classification.AMBER)
        secret.minutes = "The DCC named the failing datacentre operator."
        open_item = agenda.add_item(session, first, "Budget 100_percent review")
        open_item.minutes = "The budget is 100% spent."
        chase = actions.raise_action(session, first, "SECAS to chase the contract.", item=open_item, owner="SECAS")
        actions.record_update(session, [chase], later, "The operator replied in writing.", ActionStatus.ONGOING)
    with store.read() as session:
        # The Amber minutes are ciphertext in the database and still found.
        hits = find.find(session, "datacentre operator")
        assert [(h.group, h.title.split(". ", 1)[1], h.classification) for h in hits] == [
            ("Agenda items", "Supplier failures", "amber")
        ]
        # An action is found by what a later meeting said about it.
        found = [h for h in find.find(session, "replied writing") if h.group == "Actions"]
        assert [h.reference for h in found] == [chase.reference] and "replied" in found[0].snippet
        # `%` and `_` are characters, not LIKE's wildcards.
        budget = [f"{open_item.number}. Budget 100_percent review"]
        assert [h.title for h in find.find(session, "100%")] == budget
        assert [h.title for h in find.find(session, "100_p")] == budget
        assert find.find(session, "1_0") == [] and find.find(session, "b%t") == []
