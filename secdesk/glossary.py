"""The names SecDesk shows for the things it keeps: one glossary for the window, the command line and the documents.

Plain Python that imports nothing (not even `secdesk.vocabulary`, whose labels read it), so any
part of SecDesk can use it. Tables are keyed by the vocabularies' values. Where one thing is
written two ways, the entry says why; a word that is not here is not a name of something.
tests/test_glossary.py keeps the old spellings out of the package.
"""

from __future__ import annotations

# --- the action log ---------------------------------------------------------------------------
# Every action of every committee, its owner, due date, status and latest update. One name, "action
# log": the seeds never name it, JOURNEYS.md says "action log" (DOMAIN.md once "actions log"), and the
# command (`action-log`), the documents' titles, the packs' sections and the file names scripts and
# users already keep all say it so; "Actions log" was the window's spelling alone. Not to be confused
# with "Actions Outstanding", item 1's review of the open actions at a meeting.
ACTION_LOG = "action log"  # in a sentence: "Exporting the action log..."
ACTION_LOG_LABEL = "Action log"  # the window's menu entry and headings: sentence case, as its menus are
ACTION_LOG_TITLE = "Action Log"  # a document's title, in title case as "Risk Register" and "Draft Minutes"
ACTION_LOG_FILE = "Action_Log"  # in a file name: TABASC_Action_Log_Open_WHITE.pdf
ACTION_LOG_COMMAND = "action-log"  # `secdesk action-log`
ACTIONS_OUTSTANDING = "Actions Outstanding"

# --- meeting statuses -------------------------------------------------------------------------
# The meeting page, tooltips, dialogs and the command line say the status in full; the navigator,
# one line per meeting, says it short. Neither carries parentheses of its own, so "(held, minutes in
# draft)" never becomes "(Held (draft minutes))" where a caller puts a status in brackets.
MEETING_STATUS = {
    "planned": "Planned",
    "agenda_issued": "Agenda issued",
    "held": "Held, minutes in draft",
    "draft_circulated": "Draft circulated",
    "final": "Final",
}
MEETING_STATUS_SHORT = {
    "planned": "Planned",
    "agenda_issued": "Agenda issued",
    "held": "Draft minutes",
    "draft_circulated": "Draft circulated",
    "final": "Final",
}

# --- purposes of an item or a paper -----------------------------------------------------------
# "For Decision", as the papers and DOMAIN.md write it, in lists and documents alike: a bare
# "Decision" in an agenda's Purpose column reads as one of the item's decisions.
PURPOSE = {
    "decision": "For Decision",
    "discussion": "For Discussion",
    "information": "For Information",
}

# --- risk ratings (RAG) -----------------------------------------------------------------------
# A risk's RAG status is Red, Amber or Green; a document's classification is White, Green, Amber or
# Red. Two scales share three words, so a RAG rating is always written with "RAG" before it ("RAG
# Amber") except in a cell under a "RAG" heading, where the heading says it ("Amber"). A
# classification is written bare ("Amber") or as "Classification of Amber".
RAG = "RAG"
RAG_COLOUR = {"red": "Red", "amber": "Amber", "green": "Green"}


def rag_label(value: str) -> str:
    """A RAG rating in a sentence, a tooltip or a list entry: "RAG Amber"."""
    return f"{RAG} {RAG_COLOUR[value]}"


# --- mnemonics ----------------------------------------------------------------------------------
def mnemonic(text: str, letter: str) -> str:
    """`text` with an '&' before the first `letter` (Alt+letter), for menu entries built from a name."""
    at = text.find(letter)
    if at < 0:
        raise ValueError(f"{letter!r} is not in {text!r}")
    return f"{text[:at]}&{text[at:]}"
