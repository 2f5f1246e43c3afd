"""Decisions recorded against an agenda item: "The TABASC NOTED the contents of the paper"."""

from __future__ import annotations

from sqlalchemy.orm import Session

from secdesk.errors import ValidationError
from secdesk.model import AgendaItem, Classification, Decision, DecisionVerb
from secdesk.services import minute_blocks
from secdesk.services.properties import Property
from secdesk.services.rows import Snapshot, delete_with_snapshot

# One key chooses the verb of a new decision (shown beside the decision editor).
VERB_KEYS: dict[str, DecisionVerb] = {
    "N": DecisionVerb.NOTED,
    "A": DecisionVerb.AGREED,
    "P": DecisionVerb.APPROVED,
    "D": DecisionVerb.DISCUSSED,
    "S": DecisionVerb.SUPPORTED,
    "R": DecisionVerb.REJECTED,
    "F": DecisionVerb.DEFERRED,
    "E": DecisionVerb.ENDORSED,
    "C": DecisionVerb.RECOMMENDED,
}


def parse_verb(verb: DecisionVerb | str) -> DecisionVerb:
    """A decision verb, typed or as written (any case): NOTED, AGREED, ..."""
    if isinstance(verb, DecisionVerb):
        return verb
    try:
        return DecisionVerb(verb.strip().upper())
    except ValueError:
        verbs = ", ".join(v.value for v in DecisionVerb)
        raise ValidationError(f"Unknown decision verb {verb!r}; use one of {verbs}.") from None


def check_text(text: str) -> None:
    if not text.strip():
        raise ValidationError("A decision needs its words, e.g. 'the contents of the paper'; to drop one, remove it.")


def add(
    session: Session,
    item: AgendaItem,
    verb: DecisionVerb | str,
    text: str,
    classification: Classification = Classification.WHITE,
) -> Decision:
    verb = parse_verb(verb)
    check_text(text)
    decision = Decision(
        item=item, verb=verb, text=text.strip(), classification=classification, position=len(item.decisions)
    )
    session.add(decision)
    session.flush()
    minute_blocks.place_new(session, item, decision)
    return decision


def set_verb(session: Session, decision: Decision, verb: DecisionVerb | str) -> None:
    decision.verb = parse_verb(verb)
    session.flush()


def set_text(session: Session, decision: Decision, text: str) -> None:
    check_text(text)
    decision.text = text
    session.flush()


def set_classification(session: Session, decision: Decision, classification: Classification) -> None:
    decision.classification = classification
    session.flush()


def remove(session: Session, decision: Decision) -> Snapshot:
    return delete_with_snapshot(session, decision)


VERB: Property[Decision, DecisionVerb | str] = Property(Decision, "decision verb", lambda d: d.verb, set_verb)
TEXT: Property[Decision, str] = Property(Decision, "decision", lambda d: d.text, set_text)
CLASSIFICATION: Property[Decision, Classification] = Property(
    Decision, "decision classification", lambda d: d.classification, set_classification
)
