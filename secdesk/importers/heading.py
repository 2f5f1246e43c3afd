"""The block before item 1: the heading (committee, meeting, identifier, date, venue)
and who attended, by category: members, alternates, observers, part attendance,
apologies, other participants and the secretariat.
"""

from __future__ import annotations

import re

from secdesk.importers.found import ParsedAttendee, ParsedHeading
from secdesk.importers.phrases import (
    DEFAULT_CATEGORIES,
    FULL_DATE,
    IDENTIFIER,
    LABELLED,
    MARKER,
    MEETING_TITLE,
    MINUTES_STATUS,
    NAME,
    find_date,
)
from secdesk.importers.text_extract import Line


def read_heading(
    lines: list[Line], categories: list[str], secretariat: str = "SECAS"
) -> tuple[ParsedHeading, list[ParsedAttendee]]:
    """The heading block and the attendance found in the lines before item 1."""
    reader = _HeadingReader(categories, secretariat)
    reader.read(lines)
    return reader.heading, reader.attendees


class _HeadingReader:
    def __init__(self, categories: list[str], secretariat: str) -> None:
        self.heading = ParsedHeading()
        self.attendees: list[ParsedAttendee] = []
        # Longest first, so "SEC Panel Chair" wins over "Chair".
        self.categories = sorted({*categories, *DEFAULT_CATEGORIES}, key=len, reverse=True)
        self.secretariat = secretariat

    def read(self, lines: list[Line]) -> None:
        heading = self.heading
        mode = None
        category: str | None = None
        organisation: str | None = None
        venue_next = False
        found = 0
        for line in lines:
            text = line.text
            if mode is None:
                found += self._heading_line(heading, line, venue_next)
                venue_next = (
                    bool(IDENTIFIER.search(text) or find_date(text)) and heading.venue is None
                )
            lowered = text.lower().rstrip(":").strip()
            if lowered in ("attendees", "present", "attendance", "in attendance"):
                mode, category = "present", None
                continue
            if lowered == "apologies":
                mode, category = "apologies", None
                continue
            if mode is None:
                continue
            if re.match(r"^category\b", lowered) or re.fullmatch(r"[\w\- ]*\bmembers", lowered):
                continue  # the header row of the attendance table
            if "other participants" in lowered or lowered in ("representing", "observers"):
                mode, organisation = "participants", None
                continue
            secretary = re.match(r"^Meeting\s+Secretary\s*:?\s*(?P<name>.*)$", text, re.IGNORECASE)
            if secretary:
                mode = "secretariat"
                if secretary["name"]:
                    self._attendee(
                        secretary["name"], "meeting_secretary", line, organisation=self.secretariat
                    )
                continue
            if lowered in (self.secretariat.lower(), "secretariat", "the secretariat"):
                mode = "secretariat"
                continue
            if mode in ("present", "apologies"):
                category = self._member_line(text, line, mode, category)
            elif mode == "participants":
                organisation = self._participant_line(text, line, organisation)
            elif mode == "secretariat":
                self._attendee(text, "secretariat", line, organisation=self.secretariat)
        heading.confidence = round(min(1.0, 0.3 * found), 2)

    def _heading_line(self, heading: ParsedHeading, line: Line, venue_next: bool) -> int:
        text = line.text
        found = 0
        title = MEETING_TITLE.match(text)
        if title and heading.number is None:
            heading.committee_name = title["name"].strip() or None
            heading.number = int(title["number"])
            found += 1
        identifier = IDENTIFIER.search(text)
        if identifier and heading.identifier is None:
            heading.identifier = identifier.group(0)
            heading.number = heading.number or int(identifier["number"])
            found += 1
        labelled = LABELLED.match(text)
        if labelled and labelled["label"].lower() in ("venue", "location"):
            heading.venue = labelled["value"].strip()
            found += 1
        elif heading.date is None and find_date(text) and FULL_DATE.search(text):
            heading.date = find_date(text)
            found += 1
        elif (
            venue_next and heading.venue is None and not MINUTES_STATUS.match(text) and "," in text
        ):
            heading.venue = text
            found += 1
        status = MINUTES_STATUS.match(text)
        if status:
            heading.minutes_status = status["status"].lower()
        if found:
            heading.lines.append(line.number)
        return found

    def _member_line(self, text: str, line: Line, mode: str, category: str | None) -> str | None:
        chair = re.match(r"^(?P<seat>(?:[A-Z][\w-]*\s+){0,3}Chair)\b\s*(?P<name>.*)$", text)
        if chair:
            if chair["name"]:
                self._attendee(chair["name"], "member", line, status=mode, category=chair["seat"])
            return chair["seat"]
        for name in self.categories:
            if text.lower() == name.lower():
                return name
            if text.lower().startswith(name.lower() + " "):
                rest = text[len(name) :].strip()
                if rest.lower().startswith("members"):  # "Category SEC Panel Members" style headers
                    return category
                self._attendee(rest, "member", line, status=mode, category=name)
                return name
        self._attendee(text, "member", line, status=mode, category=category)
        return category

    def _participant_line(self, text: str, line: Line, organisation: str | None) -> str | None:
        """'Ofgem (the Authority)', 'Joel Pritchard', or both on one line when the table was flattened."""
        bare = MARKER.sub("", text).strip()
        for size in (2, 3):
            words = bare.split()
            name, prefix = " ".join(words[-size:]), " ".join(words[:-size])
            if prefix and NAME.match(name) and self._is_organisation(prefix):
                self._attendee(text[len(prefix) :], "participant", line, organisation=prefix)
                return prefix
        if self._is_organisation(text):
            return text
        self._attendee(text, "participant", line, organisation=organisation)
        return organisation

    @staticmethod
    def _is_organisation(text: str) -> bool:
        bare = MARKER.sub("", text).strip()
        if "(" in bare or NAME.match(bare) is None:
            return True
        return any(re.fullmatch(r"[A-Z]{2,}", word) for word in bare.split())

    def _attendee(
        self,
        text: str,
        capacity: str,
        line: Line,
        *,
        status: str = "present",
        category: str | None = None,
        organisation: str | None = None,
    ) -> None:
        name = text.strip()
        attendee = ParsedAttendee(
            name="",
            capacity=capacity,
            status="present" if status == "present" else "apologies",
            seat_category=category,
            representing=organisation if capacity == "participant" else None,
            lines=[line.number],
        )
        for marker in MARKER.finditer(name):
            kind = marker["marker"].lower()
            if kind.startswith("alternate"):
                attendee.capacity = "alternate"
                attendee.alternate_for = marker["for"].strip() if marker["for"] else None
            elif kind == "observer":
                attendee.capacity = "observer"
            elif kind == "part":
                attendee.part = True
            elif kind == "chair":
                attendee.is_chair = True
        name = MARKER.sub("", name).strip(" ,;")
        attendee.name = name
        if category and "chair" in category.lower():
            attendee.is_chair = True
        attendee.confidence = 0.9 if NAME.match(name) else 0.4
        if capacity == "participant" and not organisation:
            attendee.confidence = min(attendee.confidence, 0.5)
        if name:
            self.attendees.append(attendee)
