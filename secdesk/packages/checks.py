"""Checks a package must pass beyond its schema: references that resolve, no duplicates,
dates that can happen, and nothing above the package's classification.

Each problem is 'path: message'. They run on a schema-valid package only.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from secdesk.errors import ValidationError
from secdesk.packages.schema import join
from secdesk.services.actions import parse_reference
from secdesk.services.meetings import check_number
from secdesk.vocabulary import Classification, file_code, meeting_identifier

Package = dict[str, Any]


class _Checker:
    def __init__(self, package: Package):
        self.package = package
        self.problems: list[str] = []
        self.level = Classification(package["classification"])
        committee = package["committee"]
        self.file_code = file_code(committee["code"])
        self.people = {p["uuid"] for p in package["people"]}
        self.organisations = {o["uuid"] for o in package["organisations"]}
        self.seats = {s["uuid"] for s in committee["seat_categories"]}
        self.items = {i["uuid"] for i in package["meeting"]["items"]}
        self.item_levels = {i["uuid"]: i["classification"] for i in package["meeting"]["items"]}
        # Every meeting the package names, by uuid: (number, date, where first seen).
        self.meetings: dict[str, tuple[int, str, str]] = {}

    def report(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def run(self) -> list[str]:
        self._unique_uuids()
        self._committee()
        self._people()
        self._meeting()
        self._actions()
        return self.problems

    def _unique_uuids(self) -> None:
        seen: dict[str, str] = {}
        committee = self.package["committee"]
        meeting = self.package["meeting"]
        defined = [("committee", committee), ("meeting", meeting)]
        for key in ("seat_categories", "memberships", "standing_items"):
            defined += [(join(join("committee", key), n), row) for n, row in enumerate(committee[key])]
        for key in ("organisations", "people", "actions"):
            defined += [(join(key, n), row) for n, row in enumerate(self.package[key])]
        for n, item in enumerate(meeting["items"]):
            item_path = join("meeting.items", n)
            defined.append((item_path, item))
            for m, paper in enumerate(item["papers"]):
                paper_path = join(join(item_path, "papers"), m)
                defined.append((paper_path, paper))
                defined += [(join(join(paper_path, "files"), k), f) for k, f in enumerate(paper["files"])]
            defined += [(join(join(item_path, "decisions"), m), d) for m, d in enumerate(item["decisions"])]
        defined += [(join("meeting.attendance", n), row) for n, row in enumerate(meeting["attendance"])]
        for n, action in enumerate(self.package["actions"]):
            defined += [
                (join(join(join("actions", n), "updates"), m), u) for m, u in enumerate(action["updates"])
            ]
        for path, row in defined:
            if row["uuid"] in seen:
                self.report(join(path, "uuid"), f"{row['uuid']} is already used by {seen[row['uuid']]}")
            else:
                seen[row["uuid"]] = path

    def _known(self, path: str, value: str | None, known: set[str], what: str) -> None:
        if value is not None and value not in known:
            self.report(path, f"{value} is not {what} of this package")

    def _no_duplicates(self, rows: list[Any], key: Any, path: str, field: str, what: str) -> None:
        seen: set[Any] = set()
        for n, row in enumerate(rows):
            value = key(row)
            if value in seen:
                self.report(join(join(path, n), field), f"{what} {value!r} appears twice")
            seen.add(value)

    def _committee(self) -> None:
        committee = self.package["committee"]
        parent = committee["parent"]
        if parent is not None and (parent["uuid"] == committee["uuid"] or parent["code"] == committee["code"]):
            self.report("committee.parent", "a committee cannot be its own parent")
        self._no_duplicates(
            committee["seat_categories"], lambda s: s["name"], "committee.seat_categories", "name", "seat category"
        )
        for n, membership in enumerate(committee["memberships"]):
            path = join("committee.memberships", n)
            self._known(join(path, "person"), membership["person"], self.people, "a person")
            self._known(join(path, "alternate_for"), membership["alternate_for"], self.people, "a person")
            self._known(join(path, "seat_category"), membership["seat_category"], self.seats, "a seat category")
            start, end = membership["start_date"], membership["end_date"]
            if start and end and end < start:
                self.report(join(path, "end_date"), f"{end} is before the start date {start}")

    def _people(self) -> None:
        self._no_duplicates(self.package["organisations"], lambda o: o["name"], "organisations", "name", "organisation")
        for n, person in enumerate(self.package["people"]):
            self._known(
                join(join("people", n), "organisation"), person["organisation"], self.organisations, "an organisation"
            )
            if person["email"] is not None and not self.level.allows(Classification.AMBER):
                self.report(
                    join(join("people", n), "email"),
                    f"e-mail addresses are not allowed in a {self.level.value} package",
                )

    def _ref(self, path: str, ref: dict[str, Any] | None) -> None:
        """A meeting reference must agree with its identifier and with every other mention."""
        if ref is None:
            return
        day = date.fromisoformat(ref["date"])
        expected = meeting_identifier(self.file_code, ref["number"], day)
        # A meeting known only by its month has no day in its identifier (TABASC_9).
        if ref["identifier"] not in (expected, meeting_identifier(self.file_code, ref["number"], None)):
            self.report(
                join(path, "identifier"),
                f"{ref['identifier']!r} does not match the committee, number and date ({expected})",
            )
        earlier = self.meetings.get(ref["uuid"])
        if earlier is None:
            try:
                check_number(ref["number"])
            except ValidationError as error:
                self.report(join(path, "number"), str(error))
            same_number = next((u for u, m in self.meetings.items() if m[0] == ref["number"]), None)
            if same_number is not None:
                self.report(
                    path,
                    f"meeting {ref['number']} is named with two different uuids (see {self.meetings[same_number][2]})",
                )
            self.meetings[ref["uuid"]] = (ref["number"], ref["date"], path)
        elif earlier[:2] != (ref["number"], ref["date"]):
            self.report(path, f"does not agree with {earlier[2]} about this meeting's number and date")

    def _meeting(self) -> None:
        meeting = self.package["meeting"]
        self._ref("meeting", meeting)
        day = meeting["date"]
        start, end = meeting["start_time"], meeting["end_time"]
        if start and end and time.fromisoformat(end) <= time.fromisoformat(start):
            self.report("meeting.end_time", f"{end} is not after the start time {start}")
        approved = meeting["approved_at_meeting"]
        self._ref("meeting.approved_at_meeting", approved)
        if approved is not None and approved["date"] <= day:
            self.report("meeting.approved_at_meeting", "minutes can only be agreed at a later meeting")
        ex_committee = meeting["approved_ex_committee_on"]
        if ex_committee is not None and ex_committee < day:
            self.report("meeting.approved_ex_committee_on", f"{ex_committee} is before the meeting ({day})")
        if meeting["locked"] and meeting["status"] != "final":
            self.report("meeting.locked", "only final minutes can be locked")
        self._no_duplicates(meeting["items"], lambda i: i["number"], "meeting.items", "number", "item number")
        papers = []
        for n, item in enumerate(meeting["items"]):
            self._item(join("meeting.items", n), item)
            papers += [(join(join(join("meeting.items", n), "papers"), m), p) for m, p in enumerate(item["papers"])]
        seen: set[str] = set()
        for path, paper in papers:
            if paper["reference"] in seen:
                self.report(join(path, "reference"), f"paper {paper['reference']!r} appears twice")
            seen.add(paper["reference"])
        self._no_duplicates(
            meeting["attendance"],
            lambda a: (a["person"], a["capacity"]),
            "meeting.attendance",
            "capacity",
            "person and capacity",
        )
        for n, row in enumerate(meeting["attendance"]):
            path = join("meeting.attendance", n)
            self._known(join(path, "person"), row["person"], self.people, "a person")
            self._known(join(path, "alternate_for"), row["alternate_for"], self.people, "a person")
            self._known(join(path, "representing"), row["representing"], self.organisations, "an organisation")
            for m, item in enumerate(row["items_attended"]):
                self._known(join(join(path, "items_attended"), m), item, self.items, "an item")
            if len(set(row["items_attended"])) != len(row["items_attended"]):
                self.report(join(path, "items_attended"), "names an item twice")

    def _above(self, path: str, row: dict[str, Any]) -> bool:
        if self.level.allows(Classification(row["classification"])):
            return False
        self.report(join(path, "classification"), f"{row['classification']} content in a {self.level.value} package")
        return True

    def _item(self, path: str, item: dict[str, Any]) -> None:
        if not self.level.allows(Classification(item["classification"])):
            # A confidential item keeps its place and public title only.
            if (item["minutes"] or item["papers"] or item["decisions"] or item["presenter"] or item["post_meeting_note"]
                    or item.get("blocks")):
                self.report(
                    path,
                    f"a {item['classification']} item in a {self.level.value} package may keep only its number "
                    "and public title",
                )
            return
        for m, paper in enumerate(item["papers"]):
            paper_path = join(join(path, "papers"), m)
            self._above(paper_path, paper)
            for k, attached in enumerate(paper["files"]):
                self._above(join(join(paper_path, "files"), k), attached)
        for m, decision in enumerate(item["decisions"]):
            self._above(join(join(path, "decisions"), m), decision)
        # A block's decision is one of this item's; its action one the package holds.
        own_decisions = {d["uuid"] for d in item["decisions"]}
        package_actions = {a["uuid"] for a in self.package["actions"]}
        for m, block in enumerate(item.get("blocks", [])):
            block_path = join(join(path, "blocks"), m)
            self._above(block_path, block)
            self._known(join(block_path, "decision"), block["decision"], own_decisions, "a decision of this item")
            self._known(join(block_path, "action"), block["action"], package_actions, "an action")

    def _reference(self, path: str, reference: str) -> None:
        """This committee's, in the house format, and written as every other door stores it."""
        try:
            parse_reference(reference, self.file_code)
        except ValidationError as error:
            self.report(path, str(error))
            return
        if reference != reference.strip().upper():
            self.report(path, f"{reference!r} is written {reference.strip().upper()!r} in SecDesk")

    def _actions(self) -> None:
        meeting = self.package["meeting"]
        self._no_duplicates(self.package["actions"], lambda a: a["reference"], "actions", "reference", "action")
        for n, action in enumerate(self.package["actions"]):
            path = join("actions", n)
            self._reference(join(path, "reference"), action["reference"])
            self._above(path, action)
            raised = action["raised_at"]
            self._ref(join(path, "raised_at"), raised)
            self._ref(join(path, "closed_at"), action["closed_at"])
            raised_here = raised is not None and raised["uuid"] == meeting["uuid"]
            if action["item"] is not None:
                if not raised_here:
                    self.report(join(path, "item"), "only an action raised at this meeting can name one of its items")
                self._known(join(path, "item"), action["item"], self.items, "an item")
                # An action is as confidential as the item that raised it.
                item_level = self.item_levels.get(action["item"])
                if item_level is not None and not self.level.allows(Classification(item_level)):
                    self.report(
                        join(path, "item"),
                        f"an action of a {item_level} item in a {self.level.value} package",
                    )
            self._known(join(path, "owner_person"), action["owner_person"], self.people, "a person")
            self._known(
                join(path, "owner_organisation"), action["owner_organisation"], self.organisations, "an organisation"
            )
            closed = action["closed_at"]
            if raised is not None and closed is not None and closed["date"] <= raised["date"]:
                self.report(join(path, "closed_at"), "an action is closed at a meeting after the one that raised it")
            reviewed_here = False
            seen: set[str] = set()
            for m, update in enumerate(action["updates"]):
                update_path = join(join(path, "updates"), m)
                self._ref(join(update_path, "meeting"), update["meeting"])
                at = update["meeting"]
                reviewed_here = reviewed_here or at["uuid"] == meeting["uuid"]
                if at["uuid"] in seen:
                    self.report(join(update_path, "meeting"), "the action has two updates from this meeting")
                seen.add(at["uuid"])
                if raised is not None and at["date"] <= raised["date"]:
                    self.report(
                        join(update_path, "meeting"), "an action is reviewed at a meeting after the one that raised it"
                    )
            if not raised_here and not reviewed_here:
                self.report(path, "the action was neither raised nor reviewed at this meeting")


def semantic_problems(package: Package) -> list[str]:
    return _Checker(package).run()
