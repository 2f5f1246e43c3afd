"""Writing a meeting package: one meeting and what it refers to, as plain JSON values.

The output is deterministic: every collection is sorted by keys taken from the
package itself, and no timestamps are written, so a package imported into an
empty database exports again byte for byte.
"""

from __future__ import annotations

import json
from datetime import date, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk import __version__
from secdesk.model import (
    Action,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Classification,
    Committee,
    Meeting,
    Organisation,
    Paper,
    Person,
    visible_at,
)

FORMAT = "secdesk-meeting-package"
VERSION = 2
# Shown in place of a confidential item's title when it has no public title.
CONFIDENTIAL_TITLE = "Confidential item"


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _clock(value: time | None) -> str | None:
    return value.isoformat() if value is not None else None


def _uuid(row: Any) -> str | None:
    return row.uuid if row is not None else None


def meeting_ref(meeting: Meeting | None) -> dict[str, Any] | None:
    if meeting is None:
        return None
    return {
        "uuid": meeting.uuid,
        "identifier": meeting.identifier,
        "number": meeting.number,
        "date": meeting.date.isoformat(),
    }


def dumps(package: dict[str, Any]) -> str:
    """The package as text: sorted keys, two-space indent, UTF-8, final newline."""
    return json.dumps(package, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


class _Exporter:
    def __init__(self, session: Session, meeting: Meeting, level: Classification):
        self.session = session
        self.meeting = meeting
        self.level = level
        self.people: dict[str, Person] = {}
        self.organisations: dict[str, Organisation] = {}

    def person(self, person: Person | None) -> str | None:
        if person is not None:
            self.people[person.uuid] = person
            self.organisation(person.organisation)
        return _uuid(person)

    def organisation(self, organisation: Organisation | None) -> str | None:
        if organisation is not None:
            self.organisations[organisation.uuid] = organisation
        return _uuid(organisation)

    def readable(self, row: Any) -> None:
        """Refuse to write the placeholder of confidential text this computer cannot decrypt."""
        from secdesk.security.fields import is_locked
        from secdesk.security.keys import KeyUnavailableError

        if is_locked(row):
            raise KeyUnavailableError(
                f"{self.meeting.identifier} holds confidential text that is locked on this computer, so it "
                "cannot be exported at this level. Export at White, or unlock it first (secdesk key import FILE)."
            )

    def build(self) -> dict[str, Any]:
        committee = self._committee(self.meeting.committee)
        meeting = self._meeting()
        actions = [self._action(a) for a in self._actions()]
        actions.sort(key=lambda a: (a["reference"], a["uuid"]))
        show_email = self.level.allows(Classification.AMBER)
        people = [
            {
                "uuid": p.uuid,
                "name": p.name,
                "email": p.email if show_email else None,
                "organisation": _uuid(p.organisation),
            }
            for p in self.people.values()
        ]
        organisations = [
            {"uuid": o.uuid, "name": o.name, "short_name": o.short_name} for o in self.organisations.values()
        ]
        return {
            "format": FORMAT,
            "version": VERSION,
            "exported_by": f"SecDesk {__version__}",
            "classification": self.level.value,
            "committee": committee,
            "organisations": sorted(organisations, key=lambda o: (o["name"], o["uuid"])),
            "people": sorted(people, key=lambda p: (p["name"], p["uuid"])),
            "meeting": meeting,
            "actions": actions,
        }

    def _committee(self, committee: Committee) -> dict[str, Any]:
        parent = committee.parent
        memberships: list[dict[str, Any]] = [
            {
                "uuid": m.uuid,
                "person": self.person(m.person),
                "seat_category": _uuid(m.seat_category),
                "role": m.role.value,
                "alternate_for": self.person(m.alternate_for),
                "start_date": _day(m.start_date),
                "end_date": _day(m.end_date),
            }
            for m in committee.memberships
        ]
        names = {m.person.uuid: m.person.name for m in committee.memberships}
        memberships.sort(key=lambda m: (names[m["person"]], m["start_date"] or "", m["uuid"]))
        return {
            "uuid": committee.uuid,
            "code": committee.code,
            "name": committee.name,
            "voice": committee.voice,
            "parent": (
                {"uuid": parent.uuid, "code": parent.code, "name": parent.name, "voice": parent.voice}
                if parent is not None
                else None
            ),
            "quorum": committee.quorum,
            "secretariat": committee.secretariat,
            "default_venue": committee.default_venue,
            "minutes_name": committee.minutes_name,
            "chair_category": committee.chair_category,
            "confidential_notice": committee.confidential_notice,
            "seat_categories": sorted(
                (
                    {"uuid": s.uuid, "name": s.name, "seats": s.seats, "position": s.position}
                    for s in committee.seat_categories
                ),
                key=lambda s: (s["position"], s["name"], s["uuid"]),
            ),
            "memberships": memberships,
            "standing_items": sorted(
                (
                    {
                        "uuid": s.uuid,
                        "title": s.title,
                        "section": s.section.value,
                        "purpose": s.purpose.value,
                        "kind": s.kind.value,
                        "presenter": s.presenter,
                        "planned_minutes": s.planned_minutes,
                        "position": s.position,
                    }
                    for s in committee.standing_items
                ),
                key=lambda s: (s["position"], s["uuid"]),
            ),
        }

    def _meeting(self) -> dict[str, Any]:
        meeting = self.meeting
        items = sorted(meeting.items, key=lambda i: (i.position, i.number, i.uuid))
        attendance = sorted(meeting.attendance, key=lambda a: (a.position, a.uuid))
        return {
            "uuid": meeting.uuid,
            "identifier": meeting.identifier,
            "number": meeting.number,
            "date": meeting.date.isoformat(),
            "start_time": _clock(meeting.start_time),
            "end_time": _clock(meeting.end_time),
            "venue": meeting.venue,
            "status": meeting.status.value,
            "locked": meeting.locked,
            "approved_at_meeting": meeting_ref(meeting.approved_at_meeting),
            "approved_ex_committee_on": _day(meeting.approved_ex_committee_on),
            "approved_ex_committee": meeting.approved_ex_committee,
            "month_only": meeting.month_only,
            "previous_minutes_note": meeting.previous_minutes_note,
            "items": [self._item(i) for i in items],
            "attendance": [self._attendance(a) for a in attendance],
        }

    def _item(self, item: AgendaItem) -> dict[str, Any]:
        shown = visible_at(item, self.level)
        if shown:
            self.readable(item)
        return {
            "uuid": item.uuid,
            "number": item.number,
            "position": item.position,
            "title": item.title if shown else (item.public_title or CONFIDENTIAL_TITLE),
            "public_title": item.public_title,
            "public_summary": item.public_summary,
            "section": item.section.value,
            "kind": item.kind.value,
            "presenter": item.presenter if shown else None,
            "purpose": item.purpose.value,
            "planned_minutes": item.planned_minutes,
            "classification": item.classification.value,
            "minutes": item.minutes if shown else "",
            "post_meeting_note": item.post_meeting_note if shown else None,
            "papers": [self._paper(p) for p in self._allowed(item.papers)] if shown else [],
            "blocks": self._blocks(item) if shown else [],
            "decisions": (
                [
                    {
                        "uuid": d.uuid,
                        "verb": d.verb.value,
                        "text": d.text,
                        "classification": d.classification.value,
                        "position": d.position,
                    }
                    for d in sorted(self._allowed(item.decisions), key=lambda d: (d.position, d.uuid))
                ]
                if shown
                else []
            ),
        }

    def _blocks(self, item: AgendaItem) -> list[dict[str, Any]]:
        """The item's arranged blocks at the package's level: its own ones and the places of
        its decisions and actions the package holds (others' places go with them)."""
        shown = []
        for block in sorted(item.blocks, key=lambda b: b.position):
            if not visible_at(block, self.level):
                continue
            if block.decision is not None and not visible_at(block.decision, self.level):
                continue
            if block.action is not None and not (
                visible_at(block.action, self.level) and block.action.meeting_id == self.meeting.id
            ):
                continue
            self.readable(block)
            shown.append({
                "uuid": block.uuid,
                "position": block.position,
                "kind": block.kind.value,
                "classification": block.classification.value,
                "content": block.content,
                "decision": _uuid(block.decision),
                "action": _uuid(block.action),
            })
        return shown

    def _allowed(self, rows: list[Any]) -> list[Any]:
        allowed = [r for r in rows if visible_at(r, self.level)]
        for row in allowed:
            self.readable(row)
        return allowed

    def _paper(self, paper: Paper) -> dict[str, Any]:
        files = sorted(self._allowed(paper.files), key=lambda f: (f.position, f.uuid))
        return {
            "uuid": paper.uuid,
            "reference": paper.reference,
            "title": paper.title,
            "purpose": paper.purpose.value,
            "classification": paper.classification.value,
            "position": paper.position,
            "files": [
                {
                    "uuid": f.uuid,
                    "label": f.label,
                    "filename": f.filename,
                    "media_type": f.media_type,
                    "sha256": f.sha256,
                    "size": f.size,
                    "classification": f.classification.value,
                    "position": f.position,
                }
                for f in files
            ],
        }

    def _attendance(self, row: Attendance) -> dict[str, Any]:
        attended = sorted(row.items_attended, key=lambda i: (i.position, i.uuid))
        return {
            "uuid": row.uuid,
            "person": self.person(row.person),
            "status": row.status.value,
            "capacity": row.capacity.value,
            "seat_category": row.seat_category,
            "is_chair": row.is_chair,
            "alternate_for": self.person(row.alternate_for),
            "representing": self.organisation(row.representing),
            "part": row.part,
            "position": row.position,
            "items_attended": [i.uuid for i in attended],
        }

    def _actions(self) -> list[Action]:
        raised = select(Action).where(Action.meeting_id == self.meeting.id)
        reviewed = select(Action).join(ActionUpdate).where(ActionUpdate.meeting_id == self.meeting.id)
        found = {a.id: a for a in self.session.scalars(raised)}
        found.update((a.id, a) for a in self.session.scalars(reviewed))
        return self._allowed(list(found.values()))

    def _action(self, action: Action) -> dict[str, Any]:
        raised_here = action.meeting_id == self.meeting.id
        updates = sorted(action.updates, key=lambda u: (u.meeting.date, u.uuid))
        for update in updates:
            self.readable(update)
        return {
            "uuid": action.uuid,
            "reference": action.reference,
            "raised_at": meeting_ref(action.meeting),
            # The item of an action raised elsewhere belongs to that meeting's package.
            "item": _uuid(action.item) if raised_here else None,
            "owner": action.owner,
            "owner_organisation": self.organisation(action.owner_organisation),
            "owner_person": self.person(action.owner_person),
            "text": action.text,
            "due_date": _day(action.due_date),
            "due_text": action.due_text,
            "due_meeting": action.due_meeting,
            "status": action.status.value,
            "classification": action.classification.value,
            "closed_at": meeting_ref(action.closed_at_meeting),
            "updates": [
                {
                    "uuid": u.uuid,
                    "meeting": meeting_ref(u.meeting),
                    "text": u.text,
                    "status_after": u.status_after.value if u.status_after else None,
                    "shared_group": u.shared_group,
                    "position": u.position,
                }
                for u in updates
            ],
        }


def export_meeting(
    session: Session, meeting: Meeting, level: Classification = Classification.RED
) -> dict[str, Any]:
    """The package of one meeting, leaving out everything above `level`."""
    return _Exporter(session, meeting, level).build()
