"""Reading a meeting package into a database, all or nothing.

Rows are matched by uuid. The package is the record of its meeting: items,
papers, files, decisions, attendance, the actions raised at it and the updates
given at it become exactly what the package says. Rows the meeting only refers
to (committee, people, organisations, other meetings' actions and updates) are
created when missing and updated when the package is complete (Red); meetings
named only by reference are created as empty placeholders. A package exported
below Red leaves content out, so it only ever creates rows: it never changes or
removes anything that exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from secdesk.errors import DuplicateError, MinutesLockedError, PackageError
from secdesk.model import (
    Action,
    ActionStatus,
    ActionUpdate,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    AuditRecord,
    BlockKind,
    Capacity,
    Classification,
    Committee,
    Decision,
    DecisionVerb,
    ItemKind,
    Meeting,
    MeetingStatus,
    MemberRole,
    Membership,
    MinuteBlock,
    Organisation,
    Paper,
    PaperFile,
    Person,
    Purpose,
    ReferenceCounter,
    SeatCategory,
    Section,
    StandingItem,
)
from secdesk.model.base import Tracked
from secdesk.packages.export import export_meeting
from secdesk.packages.validate import validate
from secdesk.services.actions import own_numbers

Row = TypeVar("Row", bound=Tracked)
Package = dict[str, Any]


@dataclass(frozen=True)
class ImportResult:
    identifier: str
    created: int
    updated: int
    deleted: int

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text is not None else None


def _clock(text: str | None) -> time | None:
    return time.fromisoformat(text) if text is not None else None


def _is_placeholder(meeting: Meeting) -> bool:
    """A meeting created only because another package referred to it."""
    return not meeting.items and not meeting.attendance


def _same_content(a: Package, b: Package) -> bool:
    return {k: v for k, v in a.items() if k != "exported_by"} == {k: v for k, v in b.items() if k != "exported_by"}


class _Importer:
    def __init__(self, session: Session, package: Package):
        self.session = session
        self.package = package
        self.complete = Classification(package["classification"]) is Classification.RED
        self.people: dict[str, Person] = {}
        self.organisations: dict[str, Organisation] = {}
        self.meetings: dict[str, Meeting] = {}
        self.items: dict[str, AgendaItem] = {}

    # -- helpers ---------------------------------------------------------------

    def find(self, model: type[Row], uuid: str) -> Row | None:
        return self.session.scalar(select(model).where(model.uuid == uuid))

    def fill(self, row: Any, values: dict[str, Any]) -> None:
        """Set only what differs, so an unchanged row is not written (nor audited)."""
        for key, value in values.items():
            if getattr(row, key) != value:
                setattr(row, key, value)

    def upsert(self, model: type[Row], uuid: str, values: dict[str, Any], *, owned: bool = False) -> Row:
        """The row with this uuid, created or brought up to date.

        `owned` rows belong to the imported meeting and always follow the package;
        shared rows follow it only when the package is complete.
        """
        row = self.find(model, uuid)
        if row is None:
            row = model()
            row.uuid = uuid  # as model(uuid=uuid) would; Tracked, the bound, types no constructor
            self.session.add(row)
            self.fill(row, values)
        elif owned or self.complete:
            self.fill(row, values)
        return row

    def remove(self, collection: list[Any], row: Any) -> None:
        """Delete explicitly: the session hooks audit and lock-check explicit deletes.

        No autoflush between the two: the delete loads what it cascades to (a decision's
        place), and a flush then would already have taken the row as an orphan."""
        with self.session.no_autoflush:
            collection.remove(row)
            self.session.delete(row)

    def refuse_taken(self, model: type[Any], uuid: str, what: str, **key: Any) -> None:
        """A natural key (code, reference, number ...) held by a row with another uuid."""
        query = select(model).where(model.uuid != uuid, *(getattr(model, k) == v for k, v in key.items()))
        taken = self.session.scalars(query).first()
        if taken is not None:
            raise DuplicateError(
                f"{what} already exists in this database as a different record (uuid {taken.uuid}); "
                "the package comes from another database. Nothing was imported."
            )

    # -- shared rows -----------------------------------------------------------

    def organisations_and_people(self) -> None:
        for data in self.package["organisations"]:
            row = self.find(Organisation, data["uuid"])
            if row is None:
                # Names are unique: an organisation known under another uuid is the same one.
                row = self.session.scalar(select(Organisation).where(Organisation.name == data["name"]))
            if row is None or (self.complete and row.uuid == data["uuid"]):
                self.refuse_taken(Organisation, data["uuid"], f"Organisation {data['name']!r}", name=data["name"])
                row = self.upsert(Organisation, data["uuid"], {"name": data["name"], "short_name": data["short_name"]})
            self.organisations[data["uuid"]] = row
        self.session.flush()
        for data in self.package["people"]:
            values = {
                "name": data["name"],
                "email": data["email"],
                "organisation": self.organisations.get(data["organisation"] or ""),
            }
            self.people[data["uuid"]] = self.upsert(Person, data["uuid"], values)
        self.session.flush()

    def committee(self) -> Committee:
        data = self.package["committee"]
        parent = None
        if data["parent"] is not None:
            ref = data["parent"]
            parent = self.find(Committee, ref["uuid"])
            if parent is None:
                self.refuse_taken(Committee, ref["uuid"], f"Committee {ref['code']}", code=ref["code"])
                parent = Committee(uuid=ref["uuid"], code=ref["code"], name=ref["name"], voice=ref["voice"])
                self.session.add(parent)
        self.refuse_taken(Committee, data["uuid"], f"Committee {data['code']}", code=data["code"])
        values = {
            "code": data["code"],
            "name": data["name"],
            "voice": data["voice"],
            "parent": parent,
            "quorum": data["quorum"],
            "secretariat": data["secretariat"],
            "default_venue": data["default_venue"],
            # Version 1 packages have none of these: the house defaults.
            "minutes_name": data.get("minutes_name"),
            "chair_category": data.get("chair_category"),
            "confidential_notice": data.get("confidential_notice"),
        }
        known = self.find(Committee, data["uuid"])
        # A parent created from another package's reference holds no data of its own yet.
        placeholder = known is not None and not (known.meetings or known.seat_categories or known.memberships)
        committee = self.upsert(Committee, data["uuid"], values, owned=placeholder)
        self.session.flush()
        for seat in data["seat_categories"]:
            self.refuse_taken(
                SeatCategory, seat["uuid"], f"Seat category {seat['name']!r} of {data['code']}",
                committee_id=committee.id, name=seat["name"],
            )
            values = {
                "committee": committee, "name": seat["name"], "seats": seat["seats"], "position": seat["position"]
            }
            self.upsert(SeatCategory, seat["uuid"], values)
        self.session.flush()
        seats = {s.uuid: s for s in committee.seat_categories}
        for membership in data["memberships"]:
            values = {
                "committee": committee,
                "person": self.people[membership["person"]],
                "seat_category": seats.get(membership["seat_category"] or ""),
                "role": MemberRole(membership["role"]),
                "alternate_for": self.people.get(membership["alternate_for"] or ""),
                "start_date": _day(membership["start_date"]),
                "end_date": _day(membership["end_date"]),
            }
            self.upsert(Membership, membership["uuid"], values)
        for standing in data["standing_items"]:
            values = {
                "committee": committee,
                "title": standing["title"],
                "section": Section(standing["section"]),
                "purpose": Purpose(standing["purpose"]),
                "kind": ItemKind(standing["kind"]),
                "presenter": standing["presenter"],
                "planned_minutes": standing["planned_minutes"],
                "position": standing["position"],
            }
            self.upsert(StandingItem, standing["uuid"], values)
        self.session.flush()
        return committee

    def meeting_for(self, ref: dict[str, Any] | None) -> Meeting | None:
        return self.meetings[ref["uuid"]] if ref is not None else None

    def referenced_meetings(self, committee: Committee, main_uuid: str) -> None:
        """Meetings the package names but does not hold: found, or created as placeholders."""
        refs = [self.package["meeting"]["approved_at_meeting"]]
        for action in self.package["actions"]:
            refs += [action["raised_at"], action["closed_at"]] + [u["meeting"] for u in action["updates"]]
        for ref in refs:
            if ref is None or ref["uuid"] == main_uuid or ref["uuid"] in self.meetings:
                continue
            meeting = self.find(Meeting, ref["uuid"])
            if meeting is None:
                self.refuse_taken(
                    Meeting,
                    ref["uuid"],
                    f"{committee.code} meeting {ref['number']}",
                    committee_id=committee.id,
                    number=ref["number"],
                )
                day = date.fromisoformat(ref["date"])
                status = MeetingStatus.HELD if day <= date.today() else MeetingStatus.PLANNED
                meeting = Meeting(uuid=ref["uuid"], committee=committee, number=ref["number"], date=day, status=status)
                self.session.add(meeting)
                self.session.flush()
            elif meeting.committee_id != committee.id:
                raise PackageError(f"{ref['identifier']}: this database holds that meeting under another committee.")
            self.meetings[ref["uuid"]] = meeting

    # -- the meeting itself ------------------------------------------------------

    def meeting(self, committee: Committee) -> Meeting:
        data = self.package["meeting"]
        self.refuse_taken(
            Meeting,
            data["uuid"],
            f"{committee.code} meeting {data['number']}",
            committee_id=committee.id,
            number=data["number"],
        )
        values = {
            "committee": committee,
            "number": data["number"],
            "date": date.fromisoformat(data["date"]),
            "start_time": _clock(data["start_time"]),
            "end_time": _clock(data["end_time"]),
            "venue": data["venue"],
            "status": MeetingStatus(data["status"]),
            "approved_ex_committee_on": _day(data["approved_ex_committee_on"]),
            # Version 1 knew ex-committee approval only by its date.
            "approved_ex_committee": data.get("approved_ex_committee", data["approved_ex_committee_on"] is not None),
            "month_only": data.get("month_only", False),
            "previous_minutes_note": data["previous_minutes_note"],
        }
        meeting = self.upsert(Meeting, data["uuid"], values, owned=True)
        self.session.flush()
        self.meetings[meeting.uuid] = meeting
        self.referenced_meetings(committee, meeting.uuid)
        meeting.approved_at_meeting = self.meeting_for(data["approved_at_meeting"])
        self.agenda(meeting, data["items"])
        self.attendance(meeting, data["attendance"])
        self.session.flush()
        return meeting

    def agenda(self, meeting: Meeting, items: list[dict[str, Any]]) -> None:
        papers = [p for i in items for p in i["papers"]]
        keep = {i["uuid"] for i in items} | {p["uuid"] for p in papers}
        keep |= {f["uuid"] for p in papers for f in p["files"]} | {d["uuid"] for i in items for d in i["decisions"]}
        for item in list(meeting.items):
            for paper in list(item.papers):
                for attached in list(paper.files):
                    if attached.uuid not in keep:
                        self.remove(paper.files, attached)
                if paper.uuid not in keep:
                    self.remove(item.papers, paper)
            for decision in list(item.decisions):
                if decision.uuid not in keep:
                    self.remove(item.decisions, decision)
            if item.uuid not in keep:
                self.remove(meeting.items, item)
        self.session.flush()
        for data in items:
            values = {
                "meeting": meeting,
                "number": data["number"],
                "position": data["position"],
                "title": data["title"],
                "public_title": data["public_title"],
                "public_summary": data.get("public_summary"),  # version 2
                "section": Section(data["section"]),
                "kind": ItemKind(data["kind"]),
                "presenter": data["presenter"],
                "purpose": Purpose(data["purpose"]),
                "planned_minutes": data["planned_minutes"],
                "classification": Classification(data["classification"]),
                "minutes": data["minutes"],
                "post_meeting_note": data["post_meeting_note"],
            }
            item = self.upsert(AgendaItem, data["uuid"], values, owned=True)
            self.items[item.uuid] = item
            for paper_data in data["papers"]:
                self.refuse_taken(
                    Paper, paper_data["uuid"], f"Paper {paper_data['reference']}", reference=paper_data["reference"]
                )
                values = {
                    "item": item,
                    "reference": paper_data["reference"],
                    "title": paper_data["title"],
                    "purpose": Purpose(paper_data["purpose"]),
                    "classification": Classification(paper_data["classification"]),
                    "position": paper_data["position"],
                }
                paper = self.upsert(Paper, paper_data["uuid"], values, owned=True)
                for file_data in paper_data["files"]:
                    values = {
                        "paper": paper,
                        "label": file_data["label"],
                        "filename": file_data["filename"],
                        "media_type": file_data["media_type"],
                        "sha256": file_data["sha256"],
                        "size": file_data["size"],
                        "classification": Classification(file_data["classification"]),
                        "position": file_data["position"],
                    }
                    self.upsert(PaperFile, file_data["uuid"], values, owned=True)
            for decision_data in data["decisions"]:
                values = {
                    "item": item,
                    "verb": DecisionVerb(decision_data["verb"]),
                    "text": decision_data["text"],
                    "classification": Classification(decision_data["classification"]),
                    "position": decision_data["position"],
                }
                self.upsert(Decision, decision_data["uuid"], values, owned=True)
            self.session.flush()

    def attendance(self, meeting: Meeting, rows: list[dict[str, Any]]) -> None:
        keep = {r["uuid"] for r in rows}
        for row in list(meeting.attendance):
            if row.uuid not in keep:
                self.remove(meeting.attendance, row)
        self.session.flush()
        for data in rows:
            values = {
                "meeting": meeting,
                "person": self.people[data["person"]],
                "status": AttendanceStatus(data["status"]),
                "capacity": Capacity(data["capacity"]),
                "seat_category": data["seat_category"],
                "is_chair": data["is_chair"],
                "alternate_for": self.people.get(data["alternate_for"] or ""),
                "representing": self.organisations.get(data["representing"] or ""),
                "part": data["part"],
                "position": data["position"],
            }
            row = self.upsert(Attendance, data["uuid"], values, owned=True)
            if sorted(i.uuid for i in row.items_attended) != sorted(data["items_attended"]):
                row.items_attended = [self.items[u] for u in data["items_attended"]]

    # -- actions -------------------------------------------------------------------

    def actions(self, committee: Committee, meeting: Meeting) -> None:
        packaged = self.package["actions"]
        keep = {a["uuid"] for a in packaged} | {u["uuid"] for a in packaged for u in a["updates"]}
        for stale in self.session.scalars(select(Action).where(Action.meeting_id == meeting.id)):
            if stale.uuid not in keep:
                self.session.delete(stale)
        for update in self.session.scalars(select(ActionUpdate).where(ActionUpdate.meeting_id == meeting.id)):
            if update.uuid not in keep:
                self.remove(update.action.updates, update)
        self.session.flush()
        for data in packaged:
            raised_at = self.meeting_for(data["raised_at"])
            raised_here = raised_at is meeting
            self.refuse_taken(Action, data["uuid"], f"Action {data['reference']}", reference=data["reference"])
            progress = {
                "status": ActionStatus(data["status"]),
                "closed_at_meeting": self.meeting_for(data["closed_at"]),
            }
            minuted = {
                "committee": committee,
                "reference": data["reference"],
                "meeting": raised_at,
                "item": self.items.get(data["item"] or ""),
                "owner": data["owner"],
                "owner_organisation": self.organisations.get(data["owner_organisation"] or ""),
                "owner_person": self.people.get(data["owner_person"] or ""),
                "text": data["text"],
                "due_date": _day(data["due_date"]),
                "due_text": data.get("due_text"),  # version 2
                "due_meeting": data.get("due_meeting"),
                "classification": Classification(data["classification"]),
            }
            action = self.find(Action, data["uuid"])
            if action is None:
                action = Action(uuid=data["uuid"])
                self.session.add(action)
                self.fill(action, minuted | progress)
            elif raised_here:
                self.fill(action, minuted | progress)
            elif self.complete:
                # What an earlier meeting minuted stays with that meeting's own record.
                self.fill(action, progress)
            self.session.flush()
            for update_data in data["updates"]:
                at = self.meetings[update_data["meeting"]["uuid"]]
                self.refuse_taken(
                    ActionUpdate,
                    update_data["uuid"],
                    f"An update of {data['reference']} at {at.identifier}",
                    action_id=action.id,
                    meeting_id=at.id,
                )
                values = {
                    "action": action,
                    "meeting": at,
                    "text": update_data["text"],
                    "status_after": ActionStatus(update_data["status_after"]) if update_data["status_after"] else None,
                    "shared_group": update_data["shared_group"],
                    "position": update_data.get("position", 0),  # version 2
                }
                self.upsert(ActionUpdate, update_data["uuid"], values, owned=at is meeting)
        self.session.flush()

    def blocks(self, meeting: Meeting) -> None:
        """Each item's arranged blocks (version 2), after its decisions and the actions exist."""
        for data in self.package["meeting"]["items"]:
            item = self.items[data["uuid"]]
            wanted = data.get("blocks", [])
            keep = {b["uuid"] for b in wanted}
            for block in list(item.blocks):
                if block.uuid not in keep:
                    self.remove(item.blocks, block)
            self.session.flush()
            for block_data in wanted:
                values = {
                    "item": item,
                    "position": block_data["position"],
                    "kind": BlockKind(block_data["kind"]),
                    "classification": Classification(block_data["classification"]),
                    "content": block_data["content"],
                    "decision": self.find(Decision, block_data["decision"]) if block_data["decision"] else None,
                    "action": self.find(Action, block_data["action"]) if block_data["action"] else None,
                }
                self.upsert(MinuteBlock, block_data["uuid"], values, owned=True)
        self.session.flush()

    def reference_counter(self, meeting: Meeting) -> None:
        """New actions at the meeting continue after the highest imported sequence."""
        sequences = [0]
        for data in self.package["actions"]:
            numbers = own_numbers(data["reference"], meeting.committee.file_code)
            raised = data["raised_at"]
            if numbers is not None and raised is not None and raised["uuid"] == meeting.uuid:
                sequences.append(numbers[1])
        counter = self.session.get(ReferenceCounter, meeting.id)
        if counter is None:
            self.session.add(ReferenceCounter(meeting_id=meeting.id, last_sequence=max(sequences)))
        elif counter.last_sequence < max(sequences):
            counter.last_sequence = max(sequences)

    def run(self) -> Meeting:
        self.organisations_and_people()
        committee = self.committee()
        meeting = self.meeting(committee)
        self.actions(committee, meeting)
        self.blocks(meeting)
        self.reference_counter(meeting)
        # The lifecycle comes last: a locked meeting accepts no new content.
        data = self.package["meeting"]
        self.fill(meeting, {"locked": data["locked"]})
        self.session.flush()
        return meeting


def import_package(session: Session, package: Any) -> ImportResult:
    """Bring the database in line with the package; raise before changing anything when it is invalid."""
    validate(package)
    data = package["meeting"]
    level = Classification(package["classification"])
    existing = session.scalar(select(Meeting).where(Meeting.uuid == data["uuid"]))
    if existing is not None:
        if existing.committee.uuid != package["committee"]["uuid"]:
            raise PackageError(
                f"meeting.uuid: this database holds {data['identifier']}'s uuid as {existing.identifier} "
                "of another committee. Nothing was imported."
            )
        if _same_content(export_meeting(session, existing, level), package):
            return ImportResult(existing.identifier, 0, 0, 0)
        if level is not Classification.RED and not _is_placeholder(existing):
            raise PackageError(
                f"classification: this {level.value} package leaves confidential content out, so it cannot "
                f"update {existing.identifier}, which this database already holds. Import a Red package. "
                "Nothing was imported."
            )
        if existing.locked:
            raise MinutesLockedError(
                f"The minutes of {existing.identifier} are final and locked here, and the package differs "
                "from them. Reopen them first (secdesk reopen) if they really must change. Nothing was imported."
            )
    before = session.scalar(select(func.max(AuditRecord.id))) or 0
    meeting = _Importer(session, package).run()
    counts = dict(
        session.execute(
            select(AuditRecord.operation, func.count()).where(AuditRecord.id > before).group_by(AuditRecord.operation)
        ).all()
    )
    return ImportResult(
        meeting.identifier,
        created=counts.get("insert", 0),
        updated=counts.get("update", 0) + counts.get("reopen", 0),
        deleted=counts.get("delete", 0),
    )
