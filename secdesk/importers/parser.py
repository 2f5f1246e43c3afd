"""Numbered lines of minutes in the house style -> a `ParsedMinutes` tree.

Pure and forgiving: every element carries a confidence (0-1) and the source
lines it came from, so the secretary can check the doubtful ones. Nothing here
touches the database. The heading block and the Actions Outstanding table have
modules of their own (`heading`, `outstanding`).
"""

from __future__ import annotations

import re

from secdesk.importers import MinutesImportError
from secdesk.importers.found import (
    ParsedAction,
    ParsedDecision,
    ParsedHeading,
    ParsedItem,
    ParsedMinutes,
)
from secdesk.importers.heading import read_heading
from secdesk.importers.outstanding import read_review_row
from secdesk.importers.phrases import (
    ACTION,
    BLOCK_START,
    CONFIDENTIAL,
    INFORMATION_HEADING,
    ITEM_HEADING,
    MONTHS,
    NEXT_VERB,
    POST_MEETING_NOTE,
    PREVIOUS_MINUTES,
    REFERENCE_ROW,
    TABLE_HEADER,
    TABLE_HEADER_CELL,
    VERB_LED,
    action_owner,
    due_date,
    ends_sentence,
    find_decision,
    join_lines,
    normalise_reference,
    tidy_decision_text,
)
from secdesk.importers.text_extract import ExtractedText, Line


class _Parser:
    """One pass over the lines: item headings first, then each item's body, line by line."""

    def __init__(
        self,
        extracted: ExtractedText,
        voice: str | None,
        code: str | None,
        categories: list[str],
        secretariat: str,
    ):
        self.extracted = extracted
        self.lines = extracted.lines
        self.paragraphs = extracted.layout == "paragraphs"
        self.voice = (voice or "").lower().removeprefix("the ").strip()
        self.code = (code or "").replace(" ", "").upper()
        self.categories = categories
        self.secretariat = secretariat
        lengths = sorted(len(line.text) for line in self.lines) or [80]
        self.width = lengths[int(len(lengths) * 0.9)] if len(lengths) > 10 else max(lengths)
        self.result = ParsedMinutes(source=extracted.source, heading=ParsedHeading())

    # ---- structure of the whole document

    def parse(self) -> ParsedMinutes:
        starts = self._item_starts()
        if not starts and not any(ACTION.match(line.text) for line in self.lines):
            raise MinutesImportError(
                f"{self.extracted.source} does not look like minutes: no numbered agenda items "
                "and no actions were found."
            )
        first = starts[0][0] if starts else len(self.lines)
        self.result.heading, self.result.attendees = read_heading(
            self.lines[:first], self.categories, self.secretariat
        )
        self.result.heading.classification = self.extracted.classification
        for index, (start, number, title, section, title_end) in enumerate(starts):
            end = starts[index + 1][0] if index + 1 < len(starts) else len(self.lines)
            # The "Items for Information" heading belongs to no item.
            body = [line for line in self.lines[title_end:end] if not INFORMATION_HEADING.match(line.text)]
            item = self._item(number, title, section, self.lines[start:title_end], body)
            self.result.items.append(item)
        if not starts:
            self.result.warnings.append(
                "No numbered agenda items were found; actions are listed without items."
            )
            loose = ParsedItem(number=1, title="Imported actions", confidence=0.3)
            self._body(loose, self.lines[first:])
            self.result.items.append(loose)
        self._check_is_minutes()
        return self.result

    def _check_is_minutes(self) -> None:
        """Numbered sections alone do not make minutes: a paper has them too."""
        found = self.result
        if (
            found.decisions
            or found.actions
            or found.reviews
            or found.attendees
            or found.heading.minutes_status
        ):
            return
        paper = any(
            re.match(r"^Paper\s+Reference\s*:", line.text, re.IGNORECASE) for line in self.lines
        )
        kind = "a paper" if paper else "not minutes"
        raise MinutesImportError(
            f"{self.extracted.source} looks like {kind}: it has numbered sections but no decisions, actions, "
            "attendance or Actions Outstanding."
        )

    def _item_starts(self) -> list[tuple[int, int, str, str, int]]:
        """(line index, number, title, section, index after the title) of each agenda item."""
        starts: list[tuple[int, int, str, str, int]] = []
        expected: int | None = None
        section = "main"
        index = 0
        while index < len(self.lines):
            text = self.lines[index].text
            if INFORMATION_HEADING.match(text) and starts:
                section = "information"
                index += 1
                continue
            match = ITEM_HEADING.match(text)
            if match and self._looks_like_title(match["title"]):
                number = int(match["number"])
                if (expected is None and number <= 3) or number == expected:
                    title, after = self._title(match["title"], index + 1)
                    item_section = section
                    if re.search(r"\bany\s+other\s+business\b", title, re.IGNORECASE):
                        item_section = "aob"
                    starts.append((index, number, title, item_section, after))
                    expected = number + 1
                    index = after
                    continue
            index += 1
        return starts

    @staticmethod
    def _looks_like_title(title: str) -> bool:
        return (
            len(title) <= 120
            and (title[0].isupper() or title[0].isdigit())
            and not title.endswith(",")
        )

    def _title(self, title: str, index: int) -> tuple[str, int]:
        """A title wrapped over lines ('... Update – February' + '2017', or a list after ':')."""
        while index < len(self.lines) and not self.paragraphs:
            following = self.lines[index].text
            if ITEM_HEADING.match(following) or ACTION.match(following):
                break
            open_end = title.rstrip().endswith((":", ";", "\u2013", "-", "&", " and", " of"))
            short_tail = re.fullmatch(rf"(?:(?:{MONTHS})\s+)?\d{{4}}|\(?[A-Z]{{2,}}\)?", following)
            listed = following.startswith(("- ", "• ")) and len(following) < 80
            if not (open_end or short_tail) or (open_end and not (listed or len(following) < 60)):
                break
            title = f"{title.rstrip()} {following.removeprefix('• ')}"
            index += 1
        while (
            index < len(self.lines)
            and self.paragraphs
            and title.rstrip().endswith((":", ";", " and"))
        ):
            following = self.lines[index].text
            if not following.startswith(("- ", "• ")):
                break
            title = f"{title.rstrip()} {following.removeprefix('• ')}"
            index += 1
        return re.sub(r"\s+", " ", title).strip(), index

    # ---- one agenda item

    def _item(
        self, number: int, title: str, section: str, title_lines: list[Line], body: list[Line]
    ) -> ParsedItem:
        item = ParsedItem(
            number=number, title=title, section=section, lines=[line.number for line in title_lines]
        )
        if re.search(r"minutes|actions\s+outstanding|matters\s+arising", title, re.IGNORECASE):
            item.kind = "minutes_and_actions"
        elif re.search(r"risk\s+register", title, re.IGNORECASE):
            item.kind = "risk_register"
        elif re.search(r"(activity|forward)\s+plann", title, re.IGNORECASE):
            item.kind = "activity_planner"
        item.confidence = 0.95 if len(title) < 90 else 0.7
        self._body(item, body)
        return item

    def _starts_structure(self, text: str) -> bool:
        return bool(
            ACTION.match(text)
            or POST_MEETING_NOTE.match(text)
            or BLOCK_START.match(text)
            or find_decision(text)
        )

    def _body(self, item: ParsedItem, body: list[Line]) -> None:
        narrative: list[Line] = []
        in_table = item.kind == "minutes_and_actions"
        index = 0
        while index < len(body):
            line = body[index]
            text = line.text
            if TABLE_HEADER.match(text) or (in_table and TABLE_HEADER_CELL.match(text)):
                in_table = True
                index += 1
                continue
            if in_table and (REFERENCE_ROW.match(text) and (line.cell in (None, 0))):
                review, index = read_review_row(body, index, self.code, self.result.warnings)
                self.result.reviews.append(review)
                continue
            if line.cell is not None and in_table:
                index += 1  # a header row's other cells
                continue
            action = ACTION.match(text)
            if action:
                index = self._action(item, body, index, action)
                continue
            note = POST_MEETING_NOTE.match(text)
            if note:
                index = self._post_meeting_note(item, body, index, note["rest"])
                continue
            if (
                BLOCK_START.match(text)
                and index + 1 < len(body)
                and VERB_LED.match(body[index + 1].text)
            ):
                index = self._decision_block(item, body, index + 1, first_line=line)
                continue
            decision = find_decision(text)
            if decision:
                before = text[: decision.start()].strip()
                if before:
                    narrative.append(Line(line.number, before, line.page, line.cell))
                elif (
                    not decision["voice"].startswith("The ")
                    and narrative
                    and narrative[-1].text.endswith(" The")
                ):
                    last = narrative[-1]  # "... The" / "Panel AGREED ..." split over two lines
                    narrative[-1] = Line(last.number, last.text[:-4], last.page, last.cell)
                index = self._decision(item, body, index, decision)
                continue
            narrative.append(line)
            index += 1
        self._narrative(item, narrative)

    def _continuation(
        self, body: list[Line], index: int, text: str
    ) -> tuple[list[str], list[int], int]:
        """Lines that continue a sentence started on body[index], up to its full stop."""
        parts, numbers = [text], [body[index].number]
        index += 1
        while index < len(body) and not self.paragraphs and not ends_sentence(parts[-1]):
            following = body[index].text
            if self._starts_structure(following) or following.startswith("• "):
                break
            parts.append(following)
            numbers.append(body[index].number)
            index += 1
        return parts, numbers, index

    def _action(self, item: ParsedItem, body: list[Line], index: int, match: re.Match[str]) -> int:
        parts, numbers, index = self._continuation(body, index, match["rest"])
        text = join_lines(parts)
        reference = normalise_reference(match["ref"])
        owner = action_owner(text)
        confidence = 0.95
        if not owner:
            confidence = 0.6
        if self.code and not reference.startswith(self.code):
            confidence = 0.4
        item.actions.append(
            ParsedAction(
                reference=reference,
                owner=owner,
                text=text,
                due=due_date(text),
                confidence=confidence,
                lines=numbers,
            )
        )
        return index

    def _voice_confidence(self, voice: str) -> float:
        spoken = voice.lower().removeprefix("the ").strip()
        if self.voice and spoken in (self.voice, self.code.lower()):
            return 0.95
        if spoken in ("panel", "committee", "sub-committee", "board", "group") or not self.voice:
            return 0.85
        return 0.6

    def _decision(
        self, item: ParsedItem, body: list[Line], index: int, match: re.Match[str]
    ) -> int:
        parts, numbers, index = self._continuation(body, index, f"{match['verb']} {match['rest']}")
        confidence = self._voice_confidence(match["voice"])
        self._add_decisions(item, join_lines(parts), confidence, numbers)
        return index

    def _add_decisions(
        self, item: ParsedItem, text: str, confidence: float, numbers: list[int]
    ) -> None:
        """'NOTED the paper and APPROVED the plan' -> two decisions."""
        pieces = NEXT_VERB.split(text)
        for piece in pieces:
            verb = VERB_LED.match(piece)
            if verb is None:
                continue
            wording = tidy_decision_text(verb["rest"])
            if wording:
                item.decisions.append(
                    ParsedDecision(
                        verb=verb["verb"], text=wording, confidence=confidence, lines=list(numbers)
                    )
                )

    def _decision_block(
        self, item: ParsedItem, body: list[Line], index: int, first_line: Line
    ) -> int:
        """'The Panel:' followed by bulleted 'NOTED ...; and' lines."""
        start = BLOCK_START.match(first_line.text)
        assert start is not None, "the caller found the block's start here"
        confidence = round(self._voice_confidence(start["voice"]) - 0.05, 2)
        while index < len(body):
            verb = VERB_LED.match(body[index].text)
            if verb is None:
                break
            parts, numbers = (
                [body[index].text.removeprefix("• ")],
                [first_line.number, body[index].number],
            )
            index += 1
            while index < len(body) and not self.paragraphs:
                following = body[index].text
                if (
                    VERB_LED.match(following)
                    or following.startswith("• ")
                    or self._starts_structure(following)
                    or ends_sentence(parts[-1])
                ):
                    break
                parts.append(following)
                numbers.append(body[index].number)
                index += 1
            self._add_decisions(item, join_lines(parts), confidence, numbers)
        return index

    def _post_meeting_note(self, item: ParsedItem, body: list[Line], index: int, rest: str) -> int:
        parts, numbers = [rest], [body[index].number]
        index += 1
        while index < len(body) and not self.paragraphs:
            following = body[index].text
            if self._starts_structure(following) or self._paragraph_ended(parts[-1]):
                break
            parts.append(following)
            numbers.append(body[index].number)
            index += 1
        note = join_lines(parts)
        item.post_meeting_note = (
            f"{item.post_meeting_note}\n{note}" if item.post_meeting_note else note
        )
        item.lines.extend(numbers)
        return index

    def _paragraph_ended(self, text: str) -> bool:
        return self.paragraphs or (ends_sentence(text) and len(text) < 0.8 * self.width)

    # ---- narrative

    def _narrative(self, item: ParsedItem, lines: list[Line]) -> None:
        paragraphs: list[list[str]] = []
        current: list[str] = []
        for line in lines:
            text = line.text
            if text.startswith(("• ", "- ")) and current:
                paragraphs.append(current)
                current = []
            current.append(text)
            if self._paragraph_ended(text) or text.endswith(":"):
                paragraphs.append(current)
                current = []
        if current:
            paragraphs.append(current)
        text = "\n\n".join(join_lines(p) for p in paragraphs if join_lines(p))
        if CONFIDENTIAL.search(re.sub(r"\s+", " ", text)):
            item.confidential = True
            text = CONFIDENTIAL.sub("", re.sub(r"[ \t]+", " ", text)).strip()
            text = re.sub(r"\s+\n", "\n", text)
        if item.kind == "minutes_and_actions" and self.result.previous_minutes_note is None:
            previous = PREVIOUS_MINUTES.search(re.sub(r"\s+", " ", text))
            if previous:
                self.result.previous_minutes_note = previous.group(0).strip()
        item.minutes = text
        item.lines.extend(line.number for line in lines)
        item.lines.sort()


def parse(
    extracted: ExtractedText,
    *,
    voice: str | None = None,
    code: str | None = None,
    categories: list[str] | None = None,
    secretariat: str = "SECAS",
) -> ParsedMinutes:
    """Find the heading, attendance, items, decisions, actions and the outstanding table.

    The committee's voice ("The TABASC"), code, seat categories and secretariat are
    hints: they raise confidence and help tell a seat category from a name.
    """
    if not extracted.lines:
        raise MinutesImportError(f"{extracted.source} is empty: there is no text to import.")
    return _Parser(extracted, voice, code, categories or [], secretariat).parse()
