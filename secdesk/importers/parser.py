"""Numbered lines of minutes in the house style -> a `ParsedMinutes` tree.

Pure and forgiving: every element carries a confidence (0-1) and the source
lines it came from, so the secretary can check the doubtful ones. Nothing here
touches the database. The heading block and the Actions Outstanding table have
modules of their own (`heading`, `outstanding`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace

from secdesk.importers import MinutesImportError
from secdesk.importers.found import (
    ParsedAction,
    ParsedBlock,
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
from secdesk.services.minute_blocks import inline
from secdesk.services.minutes_text import escape_inline

_LIST_MARK = re.compile(r"^(?:\u2022|-)\s+")
_NUMBER_MARK = re.compile(r"^\d{1,3}[.)]\s+(?=\S)")
# A list entry that goes on to the next one: "...;", "...; and", "..., or".
_LIST_GOES_ON = re.compile(r"(?:[;,]|[;,]\s*(?:and|or))$")


@dataclass
class _Chunk:
    """A paragraph, list entry or heading of narrative, before it becomes a block."""

    kind: str  # "paragraph", "heading", "bullet", "number", or "indent" (a bullet whose sign was lost)
    lines: list[Line] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)  # the text of each line, list signs removed
    markup: str | None = None  # a Word paragraph's own inline markup

    @property
    def text(self) -> str:
        return join_lines(self.parts)


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
        # Empty lines part paragraphs, unless the file puts one after every line.
        blanks = sum(line.blank_before for line in self.lines)
        self.blank_breaks = not self.paragraphs and blanks < 0.9 * len(self.lines)
        # A PDF copy whose bullet glyphs were lost keeps only the space before each entry.
        self.lost_bullets = not self.paragraphs and not any(
            line.text.startswith("\u2022 ") for line in self.lines
        )

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
        """The item's body line by line, each element put in its place in `item.blocks`."""
        narrative: list[Line] = []
        in_table = item.kind == "minutes_and_actions"
        index = 0

        def place(kind: str, lines: list[int], element: ParsedDecision | ParsedAction | None = None) -> None:
            self._narrative(item, narrative)
            narrative.clear()
            item.blocks.append(ParsedBlock(kind, lines=lines, element=element))

        def placed(kind: str) -> bool:
            return any(block.kind == kind for block in item.blocks)

        while index < len(body):
            line = body[index]
            text = line.text
            if not in_table and line.table is not None and line.cell is not None:
                if self._outstanding_header(body, index):
                    in_table = True
                else:
                    index = self._table(item, body, index, narrative)
                    continue
            if TABLE_HEADER.match(text) or (in_table and TABLE_HEADER_CELL.match(text)):
                in_table = True
                if not placed("outstanding"):
                    place("outstanding", [line.number])
                index += 1
                continue
            if in_table and (REFERENCE_ROW.match(text) and (line.cell in (None, 0))):
                if not placed("outstanding"):
                    place("outstanding", [line.number])
                review, index = read_review_row(body, index, self.code, self.result.warnings)
                self.result.reviews.append(review)
                continue
            if line.cell is not None and in_table:
                index += 1  # a header row's other cells
                continue
            action = ACTION.match(text)
            if action:
                index = self._action(item, body, index, action)
                found = item.actions[-1]
                place("action", list(found.lines), found)
                continue
            note = POST_MEETING_NOTE.match(text)
            if note:
                start = index
                index = self._post_meeting_note(item, body, index, note["rest"])
                if not placed("note"):  # an item has one note: a second one joins the first
                    place("note", [body[n].number for n in range(start, index)])
                continue
            decided = len(item.decisions)
            if (
                BLOCK_START.match(text)
                and index + 1 < len(body)
                and VERB_LED.match(body[index + 1].text)
            ):
                index = self._decision_block(item, body, index + 1, first_line=line)
            elif decision := find_decision(text):
                before = text[: decision.start()].strip()
                if before:
                    narrative.append(replace(line, text=before, markup=None))
                elif (
                    not decision["voice"].startswith("The ")
                    and narrative
                    and narrative[-1].text.endswith(" The")
                ):
                    last = narrative[-1]  # "... The" / "Panel AGREED ..." split over two lines
                    narrative[-1] = replace(last, text=last.text[:-4], markup=None)
                index = self._decision(item, body, index, decision)
            else:
                narrative.append(line)
                index += 1
                continue
            for found_decision in item.decisions[decided:]:
                place("decision", list(found_decision.lines), found_decision)
        self._narrative(item, narrative)
        self._finish(item)

    def _outstanding_header(self, body: list[Line], index: int) -> bool:
        """A table whose first row names a reference and an update or status: Actions Outstanding."""
        first = body[index]
        header = [
            line.text
            for line in body[index:]
            if line.table == first.table and line.row == first.row
        ]
        return bool(
            header
            and (
                TABLE_HEADER.match(" ".join(header))
                or (
                    re.match(r"^(?:Action\s+)?Ref(?:erence)?$", header[0], re.IGNORECASE)
                    and any(re.match(r"^(?:Update|Status)$", cell, re.IGNORECASE) for cell in header)
                )
            )
        )

    def _table(self, item: ParsedItem, body: list[Line], index: int, narrative: list[Line]) -> int:
        """A table of the item's own (Word or text): its rows of cells, the first the header."""
        table = body[index].table
        rows: dict[int, dict[int, list[str]]] = {}
        numbers = []
        while index < len(body) and body[index].table == table and body[index].cell is not None:
            line = body[index]
            cell = rows.setdefault(line.row or 0, {}).setdefault(line.cell or 0, [])
            cell.append(line.text)
            numbers.append(line.number)
            index += 1
        width = max(max(cells) + 1 for cells in rows.values())
        table_rows = [
            [" ".join(cells.get(column, [])) for column in range(width)]
            for _row, cells in sorted(rows.items())
        ]
        self._narrative(item, narrative)
        narrative.clear()
        if len(table_rows) < 2:  # a header alone is no table: its cells are paragraphs
            for cell_text in table_rows[0]:
                if cell_text.strip():
                    item.blocks.append(ParsedBlock("paragraph", escape_inline(cell_text), numbers))
            return index
        content = json.dumps(table_rows, ensure_ascii=False)
        item.blocks.append(ParsedBlock("table", content, numbers))
        return index

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
        """Narrative lines become paragraphs, headings and lists, in their place in the item."""
        if not lines:
            return
        chunks = self._word_chunks(lines) if self.paragraphs else self._layout_chunks(lines)
        for chunk in chunks:
            self._take_out_known_sentences(item, chunk)
        self._blocks_of(item, [chunk for chunk in chunks if chunk.text])
        item.lines.extend(line.number for line in lines)
        item.lines.sort()

    @staticmethod
    def _chunk(kind: str, line: Line) -> _Chunk:
        text, markup = line.text, line.markup
        mark = (_LIST_MARK if kind == "bullet" else _NUMBER_MARK if kind == "number" else None)
        if mark is not None:
            text = mark.sub("", text, count=1)
            markup = mark.sub("", markup, count=1) if markup is not None else None
        return _Chunk(kind, [line], [text], markup)

    def _word_chunks(self, lines: list[Line]) -> list[_Chunk]:
        """Word gives one paragraph a line: its style says a heading, its sign a list entry."""
        chunks = []
        for line in lines:
            if line.heading and not (_LIST_MARK.match(line.text) or _NUMBER_MARK.match(line.text)):
                kind = "heading"
            elif _LIST_MARK.match(line.text):
                kind = "bullet"
            elif _NUMBER_MARK.match(line.text):
                kind = "number"
            else:
                kind = "paragraph"
            chunks.append(self._chunk(kind, line))
        return chunks

    def _layout_chunks(self, lines: list[Line]) -> list[_Chunk]:
        """PDF and text lines: a paragraph ends with a short line that ends a sentence (or a ':'),
        a list entry starts at its sign, a short line standing alone is a sub-heading."""
        chunks: list[_Chunk] = []
        current: _Chunk | None = None
        for index, line in enumerate(lines):
            text = line.text
            following = lines[index + 1] if index + 1 < len(lines) else None
            ended = current is None
            last = current.parts[-1] if current is not None else ""
            # A lost bullet follows an entry's end, however long its last line is.
            goes_on = bool(_LIST_GOES_ON.search(last)) or (
                current is not None and current.kind == "indent" and ends_sentence(last)
            )
            # "SECMP0007:" after a sentence: a label line that starts what follows.
            label = ends_sentence(last) and text.endswith(":") and len(text.split()) <= 5
            kind = None
            if _LIST_MARK.match(text):
                kind = "bullet"
            elif ended and _NUMBER_MARK.match(text):
                kind = "number"
            elif line.indented and self.lost_bullets and (ended or goes_on):
                kind = "indent"
            elif label:
                kind = "paragraph"
            elif ended and self._heading_line(line, following, chunks):
                chunks.append(_Chunk("heading", [line], [text]))
                continue
            elif ended:
                kind = "paragraph"
            if kind is not None:
                current = self._chunk(kind, line)
                chunks.append(current)
            else:
                assert current is not None, "a line that starts nothing continues the chunk"
                current.lines.append(line)
                current.parts.append(text)
            if (
                self._paragraph_ended(text)
                or text.endswith(":")
                or (self.blank_breaks and following is not None and following.blank_before)
            ):
                current = None
        return self._lost_bullets(chunks)

    def _heading_line(self, line: Line, following: Line | None, chunks: list[_Chunk]) -> bool:
        text = line.text
        return bool(
            following is not None
            and len(text) < 0.7 * self.width
            and len(text.split()) <= 10
            and (text[0].isupper() or text[0].isdigit())
            and not text.endswith((".", ":", ";", ",", "!", "?", "-", "\u2013"))
            and not _LIST_MARK.match(following.text)
            and (following.text[:1].isupper() or following.text[:1].isdigit())
            and not (chunks and chunks[-1].kind in ("bullet", "indent"))
        )

    @staticmethod
    def _lost_bullets(chunks: list[_Chunk]) -> list[_Chunk]:
        """An indented paragraph is a list entry after a ':' or another entry, or when it reads
        as one ('...; and'); and a short line between two entries is more of the first."""
        kept: list[_Chunk] = []
        merging = False  # a line between entries was taken as more of an entry: the list's last one is too
        for index, chunk in enumerate(chunks):
            before = kept[-1] if kept else None
            if chunk.kind == "indent":
                listed = before is not None and (
                    before.kind == "bullet" or (before.kind == "paragraph" and before.text.endswith(":"))
                )
                chunk.kind = "bullet" if listed or _LIST_GOES_ON.search(chunk.text) else "paragraph"
            following = chunks[index + 1] if index + 1 < len(chunks) else None
            if (
                chunk.kind == "paragraph"
                and len(chunk.lines) == 1
                and before is not None
                and before.kind == "bullet"
                and (merging or (following is not None and following.kind == "bullet"))
                and not chunk.text.endswith(":")
            ):
                before.lines += chunk.lines
                before.parts += chunk.parts
                before.markup = None
                merging = True
                continue
            merging = merging and chunk.kind == "bullet"
            kept.append(chunk)
        return kept

    def _take_out_known_sentences(self, item: ParsedItem, chunk: _Chunk) -> None:
        """The confidential placeholder goes (the item is marked confidential instead), and
        the previous minutes' sentence of item 1 goes to the meeting, which prints it."""
        text = chunk.text
        if CONFIDENTIAL.search(text):
            item.confidential = True
            text = CONFIDENTIAL.sub("", text)
        if item.kind == "minutes_and_actions" and self.result.previous_minutes_note is None:
            previous = PREVIOUS_MINUTES.search(text)
            if previous:
                self.result.previous_minutes_note = previous.group(0).strip()
                text = text[: previous.start()] + text[previous.end():]
        text = re.sub(r"\s+", " ", text).strip()
        if text != chunk.text:
            chunk.parts = [text] if text else []
            chunk.markup = None

    def _blocks_of(self, item: ParsedItem, chunks: list[_Chunk]) -> None:
        for chunk in chunks:
            numbers = [line.number for line in chunk.lines]
            marked = chunk.markup if chunk.markup is not None else escape_inline(chunk.text)
            last = item.blocks[-1] if item.blocks else None
            if chunk.kind in ("bullet", "number"):
                kind = "bullets" if chunk.kind == "bullet" else "numbered"
                if last is not None and last.kind == kind:
                    last.content += "\n" + marked
                    last.lines += numbers
                else:
                    item.blocks.append(ParsedBlock(kind, marked, numbers))
            elif chunk.kind == "heading":
                item.blocks.append(ParsedBlock("heading", chunk.text, numbers))
            else:
                item.blocks.append(ParsedBlock("paragraph", marked, numbers))

    def _finish(self, item: ParsedItem) -> None:
        """The item's minutes as one plain text (what --json and the review table show)."""
        texts = []
        for block in item.blocks:
            if block.kind in ("paragraph", "heading"):
                texts.append(_plain(block.content) if block.kind == "paragraph" else block.content)
            elif block.kind == "bullets":
                texts.append("\n".join(f"\u2022 {_plain(entry)}" for entry in block.content.splitlines()))
            elif block.kind == "numbered":
                texts.append(
                    "\n".join(f"{n}. {_plain(e)}" for n, e in enumerate(block.content.splitlines(), start=1))
                )
            elif block.kind == "table":
                texts.append("\n".join(" | ".join(row) for row in json.loads(block.content)))
        item.minutes = "\n\n".join(text for text in texts if text)
        if not item.confidential and CONFIDENTIAL.search(re.sub(r"\s+", " ", item.minutes)):
            item.confidential = True  # the placeholder broken over two paragraphs


def _plain(markup: str) -> str:
    """The text a paragraph's markup prints."""
    return "".join(piece for piece, *_marks in inline(markup))


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
