"""The Actions Outstanding table of item 1: reference(s) | action | update | status.

In Word the cells are known; from PDF or text they run together, so the
action's own sentence ("SECAS to ... .") is told from the update by its shape.
"""

from __future__ import annotations

import re

from secdesk.importers.found import ParsedReview
from secdesk.importers.phrases import (
    ACTION,
    MORE_REFERENCES,
    REFERENCE_ROW,
    STATUS_ONLY,
    STATUS_PHRASE,
    action_owner,
    ends_sentence,
    expand_references,
    find_decision,
    join_lines,
)
from secdesk.importers.text_extract import Line


def read_review_row(
    body: list[Line], index: int, code: str, warnings: list[str]
) -> tuple[ParsedReview, int]:
    """The table row starting at body[index], and the index of the line after it."""
    first = body[index]
    match = REFERENCE_ROW.match(first.text)
    assert match is not None, "the caller found a reference row here"
    references_text, rest = match["refs"], match["rest"]
    numbers = [first.number]
    index += 1
    # "SECP20/04, 23/08" + "& 28/06": the reference cell wrapped.
    while index < len(body) and (references_text.rstrip().endswith(",") or not rest):
        more = MORE_REFERENCES.match(body[index].text)
        if not more or (first.cell is not None and body[index].cell not in (None, 0)):
            break
        references_text += f", {more['refs']}"
        rest = more["rest"]
        numbers.append(body[index].number)
        index += 1
    cells: dict[int, list[str]] = {}
    loose: list[str] = [rest] if rest else []
    while index < len(body):
        line = body[index]
        if REFERENCE_ROW.match(line.text) and line.cell in (None, 0):
            break
        if first.cell is not None and line.cell is None:
            break  # the table ended; what follows is narrative again
        if first.cell is None and (ACTION.match(line.text) or find_decision(line.text)):
            break
        if line.cell is not None:
            cells.setdefault(line.cell, []).append(line.text)
        else:
            loose.append(line.text)
        numbers.append(line.number)
        index += 1
    references = expand_references(references_text)
    status_word = _take_status_lines([loose, *cells.values()])
    if cells:
        action_text, update = _split_cells(cells)
        confidence = 0.9
    else:
        action_text, update = _split_run_together(loose)
        confidence = 0.8
    if status_word is None:
        # Run together with the update: the last "Action ONGOING." (in capitals) is the status.
        phrases = list(STATUS_PHRASE.finditer(update))
        if phrases:
            status_word = phrases[-1]["status"]
            update = join_lines([update[: phrases[-1].start()], update[phrases[-1].end() :]])
    if status_word is None:
        status = ""  # some committees' tables state none: none is invented
        confidence = 0.5
        warnings.append(
            f"No status for {', '.join(references)} (lines {numbers[0]}-{numbers[-1]}); "
            "recorded without one, the action left open."
        )
    else:
        status = "closed" if status_word.upper().startswith(("CLOSED", "COMPLETE")) else "ongoing"
    if code and any(not ref.startswith(code) for ref in references):
        confidence = 0.4
    review = ParsedReview(
        references=references,
        action_text=action_text,
        update=update.strip(),
        status=status,
        confidence=confidence,
        lines=numbers,
    )
    return review, index


def _take_status_lines(columns: list[list[str]]) -> str | None:
    """Remove lines that only state the status ("Action CLOSED."); the last one's word."""
    status_word = None
    for column in columns:
        for text in list(column):
            only = STATUS_ONLY.match(text)
            if only:
                status_word = only["status"]
                column.remove(text)
    return status_word


def _split_cells(cells: dict[int, list[str]]) -> tuple[str, str]:
    columns = [text for text in (join_lines(cells[c]) for c in sorted(cells)) if text]
    if len(columns) >= 2 and action_owner(columns[0]):
        return columns[0], " ".join(columns[1:])
    return "", " ".join(columns)  # a two-column table: reference and update


def _split_run_together(parts: list[str]) -> tuple[str, str]:
    """The action's own sentence ('X to do Y.') comes first, then the update."""
    parts = [p for p in parts if p]
    if not parts or not action_owner(parts[0]):
        return "", join_lines(parts)
    within_first = re.search(r"\.\s+(?=[A-Z])", parts[0])
    if within_first:  # both cells on one line
        joined = join_lines(parts)
        return joined[: within_first.start() + 1], joined[within_first.end() :]
    for count, part in enumerate(parts, start=1):
        if ends_sentence(part):
            return join_lines(parts[:count]), join_lines(parts[count:])
    return join_lines(parts), ""
