"""Who an action can be given to: suggestions for the owner field, best first.

Owners are usually organisations ("SECAS", "The DCC") or groups ("The TABASC
Members"), sometimes a person. The suggestions come from the committee's past
owners (most used first), its groups and secretariat, and the people at the
meeting with their organisations. `rank` orders them for what has been typed:
prefix matches first, then close fuzzy matches (typos, "dcc" for "The DCC").
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, process
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from secdesk.model import Action, AttendanceStatus, Meeting

FUZZY_CUTOFF = 70


def owner_suggestions(session: Session, meeting: Meeting) -> list[str]:
    committee = meeting.committee
    past = session.execute(
        select(Action.owner, func.count())
        # Sealed owners are ciphertext here, and confidential anyway: never offered.
        .where(Action.committee_id == committee.id, Action.owner != "", Action.sealed_fields == "")
        .group_by(Action.owner)
        .order_by(func.count().desc(), Action.owner)
    ).all()
    suggestions = [owner for owner, _count in past]
    suggestions += [committee.secretariat, f"The {committee.code} Members", f"The {committee.code} Chair"]
    present = [a for a in meeting.attendance if a.status is AttendanceStatus.PRESENT]
    for row in present:
        for organisation in (row.person.organisation, row.representing):
            if organisation is not None:
                suggestions.append(organisation.short_name or organisation.name)
    suggestions += [row.person.name for row in present]
    return _unique(suggestions)


def rank(typed: str, suggestions: Sequence[str], limit: int = 10) -> list[str]:
    """The suggestions that fit what was typed, best first (all of them, in order, for nothing typed)."""
    typed = typed.strip().lower()
    if not typed:
        return list(suggestions[:limit])
    starts = [s for s in suggestions if s.lower().startswith(typed)]
    word_starts = [s for s in suggestions if s not in starts and any(w.startswith(typed) for w in s.lower().split())]
    chosen = starts + word_starts
    if len(chosen) < limit:
        rest = [s for s in suggestions if s not in chosen]
        fuzzy = process.extract(
            typed, rest, scorer=fuzz.WRatio, processor=str.lower, score_cutoff=FUZZY_CUTOFF, limit=limit
        )
        chosen += [choice for choice, _score, _index in fuzzy]
    return chosen[:limit]


def completion(typed: str, suggestions: Sequence[str]) -> str | None:
    """The suggestion that what was typed is the start of (or of one of its words), if any."""
    typed = typed.strip().lower()
    if not typed:
        return None
    best = rank(typed, suggestions, limit=1)
    if best and (best[0].lower().startswith(typed) or any(w.startswith(typed) for w in best[0].lower().split())):
        return best[0]
    return None


def _unique(names: list[str]) -> list[str]:
    seen: set[str] = set()
    unique = []
    for name in names:
        key = name.strip().lower()
        if key and key not in seen:
            seen.add(key)
            unique.append(name.strip())
    return unique
