"""Risk register (severity, RAG, snapshots, changes, heat map) and activity planner."""

from __future__ import annotations

from datetime import date

import pytest

from secdesk.errors import ValidationError
from secdesk.model import Classification, PlanStatus, Purpose, Rag, RiskStatus
from secdesk.services import committees, meetings, planner, risks
from tests import factories


def test_severity_and_rag_follow_the_committee_thresholds(store) -> None:
    with store.write() as session:
        tabasc = factories.committee(session)
        low = risks.add_risk(session, tabasc, "There is a risk that a low thing happens.", 1, 5)
        middle = risks.add_risk(session, tabasc, "There is a risk that a middling thing happens.", 2, 4)
        high = risks.add_risk(session, tabasc, "There is a risk that a bad thing happens.", 5, 3)
        thresholds = risks.settings(session, tabasc)
        assert [r.severity for r in (low, middle, high)] == [5, 8, 15]
        assert [risks.rag_for(r.severity, thresholds) for r in (low, middle, high)] == [Rag.GREEN, Rag.AMBER, Rag.RED]
        risks.set_thresholds(session, tabasc, amber_from=5, red_from=12)
        shown = risks.register(session, tabasc)
        assert [(r.number, r.rag) for r in shown] == [(3, "red"), (2, "amber"), (1, "amber")]
        with pytest.raises(ValidationError, match="Amber from < Red from"):
            risks.set_thresholds(session, tabasc, amber_from=12, red_from=12)


@pytest.mark.parametrize(("likelihood", "impact"), [(0, 3), (6, 3), (3, 0), (3, 9)])
def test_scores_outside_one_to_five_are_refused_and_nothing_saved(store, likelihood: int, impact: int) -> None:
    with store.write() as session:
        factories.committee(session)
    with pytest.raises(ValidationError, match="from 1 to 5"), store.write() as session:
        risks.add_risk(session, committees.get_committee(session, "TABASC"), "There is a risk.", likelihood, impact)
    with store.read() as session:
        assert risks.register(session, committees.get_committee(session, "TABASC")) == []


def test_a_rag_override_needs_a_reason_when_it_disagrees(store) -> None:
    with store.write() as session:
        tabasc = factories.committee(session)
        risk = risks.add_risk(session, tabasc, "There is a risk that X.", 2, 2)
        with pytest.raises(ValidationError, match="say why it should be RAG Red"):
            risks.set_override(session, risk, risks.Override(Rag.RED))
    with store.write() as session:
        tabasc = committees.get_committee(session, "TABASC")
        risk = risks.get_risk(session, tabasc, 1)
        assert risk.rag_override is None
        risks.set_override(session, risk, risks.Override(Rag.RED, "  Regulator's view "))
        assert risks.register(session, tabasc)[0].rag is Rag.RED
        assert risks.RAG.get(session, risk.id) == risks.Override(Rag.RED, "Regulator's view")
        # Green is what severity 4 gives: set by hand it needs no reason; Red with a blank one is refused.
        risks.set_override(session, risk, risks.Override(Rag.GREEN, "Regulator's view"))
        with pytest.raises(ValidationError, match="say why"):
            risks.set_override(session, risk, risks.Override(Rag.RED, "  "))
        risks.set_override(session, risk, risks.Override(None, "forgotten"))
        assert (risk.rag_override, risk.override_reason) == (None, None)


def test_reviews_keep_snapshots_and_show_changes(store) -> None:
    with store.write() as session:
        tabasc = factories.committee(session)
        april = factories.held_meeting(session, tabasc, 17, date(2027, 4, 17))
        may = factories.held_meeting(session, tabasc, 18, date(2027, 5, 15))
        first = risks.add_risk(session, tabasc, "There is a risk that A.", 3, 3, mitigations=[("Plan", False)])
        gone = risks.add_risk(session, tabasc, "There is a risk that B.", 2, 2)
        april_review = risks.review(session, tabasc, meeting=april)
        risks.set_likelihood(session, first, 5)
        risks.set_mitigations(session, first, [("Plan", True)])
        risks.set_status(session, gone, RiskStatus.CLOSED)
        risks.add_risk(session, tabasc, "There is a risk that C.", 1, 1)
        may_review = risks.review(session, tabasc, meeting=may)
        changes = risks.changes_between(april_review, may_review)
        assert [(c.number, c.kind) for c in changes] == [(1, "changed"), (2, "removed"), (3, "added")]
        assert changes[0].fields["likelihood"] == (3, 5)
        assert changes[0].fields["rag"] == (Rag.AMBER, Rag.RED)
        assert "mitigations" in changes[0].fields
    with store.read() as session:
        tabasc = committees.get_committee(session, "TABASC")
        said_in_april = risks.as_of(session, tabasc, date(2027, 4, 30))
        assert [(s.number, s.likelihood) for s in said_in_april.snapshots] == [(1, 3), (2, 2)]
        assert risks.as_of(session, tabasc, date(2027, 1, 1)) is None


def test_heat_map_places_every_risk_number(demo_store) -> None:
    with demo_store.read() as session:
        tabasc = committees.get_committee(session, "TABASC")
        shown = risks.register(session, tabasc, Classification.WHITE)
        grid = risks.heat_map(shown)
        placed = sorted(n for numbers in grid.values() for n in numbers)
        assert placed == sorted(r.number for r in shown)
        for risk in shown:
            assert risk.number in grid[(risk.likelihood, risk.impact)]
        assert 4 not in placed, "the Amber risk stays out of a White register"
        assert len(risks.reviews(session, tabasc)) == 3


def test_planner_offers_items_to_a_new_meeting_and_rolls_the_rest(store) -> None:
    with store.write() as session:
        tabasc = factories.committee(session)
        today = date(2027, 3, 1)
        taken = planner.plan(session, tabasc, date(2027, 4, 1), "Standards review", owner="SECAS", today=today)
        left = planner.plan(session, tabasc, date(2027, 4, 1), "Lessons learned", today=today)
        planner.plan(session, tabasc, date(2027, 5, 1), "Annual report", today=today)
        with pytest.raises(ValidationError, match="in the past"):
            planner.plan(session, tabasc, date(2027, 2, 1), "Too late", today=today)
        meeting = meetings.create_meeting(session, tabasc, date(2027, 4, 17))
        assert [p.title for p in planner.offered_for(session, meeting)] == ["Standards review", "Lessons learned"]
        item = planner.take(session, taken, meeting)
        assert item.meeting is meeting and item.presenter == "SECAS" and taken.status is PlanStatus.TAKEN
        rolled = planner.roll_untaken(session, meeting)
        assert [(r.title, r.month) for r in rolled] == [("Lessons learned", date(2027, 5, 1))]
        assert left.status is PlanStatus.ROLLED and rolled[0].rolled_from_id == left.id
        may = [p.title for p in planner.planner(session, tabasc, start=date(2027, 4, 1), months=3)]
        assert may == ["Annual report", "Lessons learned"]


def test_a_risk_keeps_a_description_and_scores_from_one_to_five_however_it_is_edited(store) -> None:
    with store.write() as session:
        tabasc = factories.committee(session)
        risk = risks.add_risk(session, tabasc, "There is a risk that X.", 2, 2, mitigations=[("A", True)])
        with pytest.raises(ValidationError, match="Describe the risk"):
            risks.DESCRIPTION.set(session, risk.id, "   ")
        with pytest.raises(ValidationError, match="Impact must be a whole number from 1 to 5, not 6"):
            risks.IMPACT.set(session, risk.id, 6)
        changes = risks.MITIGATIONS.set(session, risk.id, (("  B ", False), ("", True), ("A", True)))
        assert risks.MITIGATIONS.get(session, risk.id) == (("B", False), ("A", True))
        assert changes.committee_ids == {tabasc.id}
        assert (risk.description, risk.impact) == ("There is a risk that X.", 2)


def test_a_review_from_the_command_line_links_its_approving_decision_and_says_what_changed_as_the_window_does(
    demo_file, capsys: pytest.CaptureFixture[str]
) -> None:
    from sqlalchemy import select

    from secdesk.cli.main import main
    from secdesk.model import RiskReview
    from secdesk.store import open_store

    opened = open_store(demo_file, backup=False)
    with opened.write() as session:
        risks.set_likelihood(session, risks.get_risk(session, committees.get_committee(session, "TABASC"), 6), 5)
    opened.close()
    assert main(["--db", str(demo_file), "risk-review", "TABASC", "46"]) == 0
    out = capsys.readouterr().out
    assert "Register reviewed at TABASC_46_1910" in out
    assert "risk 6: changed: likelihood 2 \u2192 5; RAG Green \u2192 Red" in out  # the Reviews tab's words
    opened = open_store(demo_file, backup=False)
    try:
        with opened.read() as session:
            taken = session.scalars(select(RiskReview).order_by(RiskReview.id)).all()[-1]
            approving = risks.approving_decision(taken.meeting)
            assert approving is not None and taken.decision_id == approving.id
    finally:
        opened.close()


def test_a_planned_item_is_edited_under_the_rules_it_was_planned_under(store) -> None:
    with store.write() as session:
        tabasc = factories.committee(session)
        item = planner.plan(session, tabasc, date(2027, 4, 1), "Standards review", today=date(2027, 3, 1))
        wanted = planner.PlanDetails(date(2027, 5, 9), " Standards review 2 ", "SECAS", Purpose.DECISION,
                                     Classification.AMBER)
        planner.set_details(session, item, wanted, today=date(2027, 3, 1))
        assert planner.details_of(item) == planner.PlanDetails(
            date(2027, 5, 1), "Standards review 2", "SECAS", Purpose.DECISION, Classification.AMBER
        )
        with pytest.raises(ValidationError, match="A planned item needs a title"):
            planner.set_details(session, item, planner.PlanDetails(date(2027, 5, 1), " "), today=date(2027, 3, 1))
        with pytest.raises(ValidationError, match="February 2027 is in the past"):
            planner.set_details(session, item, planner.PlanDetails(date(2027, 2, 1), "X"), today=date(2027, 3, 1))
        # Its own month may stay once it has passed.
        planner.set_details(session, item, planner.PlanDetails(date(2027, 5, 1), "Y"), today=date(2027, 8, 1))
        planner.set_status(session, item, PlanStatus.DROPPED)
        planner.set_status(session, item, PlanStatus.PLANNED)
        meeting = meetings.create_meeting(session, tabasc, date(2027, 5, 20))
        planner.take(session, item, meeting)
        with pytest.raises(ValidationError, match="only planned items can be dropped"):
            planner.set_status(session, item, PlanStatus.DROPPED)
