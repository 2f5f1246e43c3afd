"""The house style's phrases: patterns and small readers shared by the minutes parser.

Pure: strings in, values out.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from secdesk.vocabulary import DecisionVerb

VERBS = "|".join(v.value for v in DecisionVerb)
MONTHS = "|".join(calendar.month_name[1:])
_MONTH_NUMBER = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}

REFERENCE = r"[A-Z][A-Z0-9]*\d{1,3}\s?/\s?\d{1,3}"
SHORT_REFERENCE = r"(?:[A-Z][A-Z0-9]*)?\d{1,3}\s?/\s?\d{1,3}"
ITEM_HEADING = re.compile(r"^(?P<number>\d{1,2})\.\s+(?P<title>\S.*)$")
INFORMATION_HEADING = re.compile(r"^Items?\s+for\s+Information\s*:?$", re.IGNORECASE)
ACTION = re.compile(
    rf"^ACTIONS?\s*:?\s*(?P<ref>{REFERENCE})\s*[:\-\u2013]?\s*(?P<rest>.*)$", re.IGNORECASE
)
VOICE = r"(?:The\s+)?[A-Z][A-Za-z&\-]*(?:\s+[A-Z][A-Za-z&\-]*){0,3}"
DECISION = re.compile(
    rf"(?:^|(?<=[.!?;:] ))(?P<voice>{VOICE})\s+(?P<verb>{VERBS})\b\s*(?P<rest>.*)$"
)
BLOCK_START = re.compile(rf"^(?P<voice>{VOICE})\s*:$")
VERB_LED = re.compile(rf"^(?:[•\-]\s*)?(?P<verb>{VERBS})\b\s*(?P<rest>.*)$")
NEXT_VERB = re.compile(rf"[,;]?\s+(?:and\s+)?(?=(?:{VERBS})\b)")
POST_MEETING_NOTE = re.compile(r"^Post[\s\-]+Meeting\s+Note\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
REFERENCE_ROW = re.compile(
    rf"^(?P<refs>{REFERENCE}(?:\s*(?:,|&|and)\s*{SHORT_REFERENCE})*)\s*,?\s*(?P<rest>.*)$"
)
MORE_REFERENCES = re.compile(
    rf"^(?:(?:,|&|and)\s*)?(?P<refs>{SHORT_REFERENCE}(?:\s*(?:,|&|and)\s*{SHORT_REFERENCE})*)\s*(?P<rest>.*)$"
)
TABLE_HEADER = re.compile(
    r"^(?:Action\s+)?Ref(?:erence)?\b.*\b(?:Update|Action|Status)\b", re.IGNORECASE
)
# The header's cells on lines of their own once a PDF table is flattened.
TABLE_HEADER_CELL = re.compile(
    r"^(?:Action\s+)?(?:Ref(?:erence)?|Action|Update|Status|Owner)$", re.IGNORECASE
)
STATUS_PHRASE = re.compile(r"\b(?:[Aa]ction\s+)?(?P<status>ONGOING|CLOSED|COMPLETED?|OPEN)\b\.?")
STATUS_ONLY = re.compile(
    r"^(?:Action\s+|Status:?\s*)?(?P<status>ongoing|closed|completed?|open)\.?$", re.IGNORECASE
)
OWNER = re.compile(
    r"^(?P<owner>[A-Z][\w&'’.\-]*(?:\s+[A-Za-z&'’.\-]+){0,5}?)\s+(?:(?:agreed|is|are|was|were|will)\s+)?to\s+[a-z]"
)
CONFIDENTIAL = re.compile(
    r"Further\s+details\s+on\s+this\s+(?:agenda\s+)?item\s+can\s+be\s+found\s+in\s+the\s+confidential\s+minutes\.?",
    re.IGNORECASE,
)
PREVIOUS_MINUTES = re.compile(
    r"[^.]*\bminutes\s+(?:from|of)\s+the\b[^.]*\b(?:agreed|approved)\b[^.]*\.", re.IGNORECASE
)
FULL_DATE = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{MONTHS})\s+(?P<year>\d{{4}})\b",
    re.IGNORECASE,
)
MONTH_YEAR = re.compile(rf"\b(?P<month>{MONTHS})\s+(?P<year>\d{{4}})\b", re.IGNORECASE)
NUMERIC_DATE = re.compile(r"\b(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})\b")
DUE = re.compile(
    rf"\bby\s+(?:the\s+)?(?P<end>end\s+of\s+)?(?P<when>(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{MONTHS})\s+\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{4}})",
    re.IGNORECASE,
)
IDENTIFIER = re.compile(r"\b(?P<code>[A-Z][A-Z0-9]*)_(?P<number>\d+)_(?P<ddmm>\d{4})\b")
MEETING_TITLE = re.compile(
    r"^(?P<name>.*?)\s*Meeting\s+(?:No\.?\s*)?(?P<number>\d+)\s*$", re.IGNORECASE
)
MINUTES_STATUS = re.compile(r"^(?P<status>Final|Draft)\s+Minutes$", re.IGNORECASE)
LABELLED = re.compile(r"^(?P<label>Date|Venue|Location|Time)\s*:\s*(?P<value>.+)$", re.IGNORECASE)
NAME = re.compile(r"^[A-Z][A-Za-z'’\-]+(?:\s+(?:[A-Z][A-Za-z'’\-]+|de|van|von|da|le)){1,3}$")
MARKER = re.compile(
    r"\((?P<marker>alternate(?:\s+for\s+(?P<for>[^)]+))?|observer|part|chair)\)", re.IGNORECASE
)

# Seat categories of the house style; a committee's own ones are passed in as hints.
DEFAULT_CATEGORIES = (
    "SEC Panel Chair",
    "Chair",
    "Large Suppliers",
    "Large Supplier",
    "Small Suppliers",
    "Small Supplier",
    "Electricity Networks",
    "Gas Networks",
    "Other SEC Parties",
    "Other SEC Party",
    "DCC",
    "Consumer Member",
    "Consumer Members",
    "Members",
    "Member",
)


def normalise_reference(text: str) -> str:
    return re.sub(r"\s+", "", text).upper()


def expand_references(text: str) -> list[str]:
    """'SECP20/04, 23/08 & 28/06' -> ['SECP20/04', 'SECP23/08', 'SECP28/06']."""
    parts = [normalise_reference(p) for p in re.split(r"\s*(?:,|&|\band\b)\s*", text) if p.strip()]
    code = re.match(r"[A-Z][A-Z0-9]*?(?=\d{1,3}/)", parts[0])
    prefix = code.group(0) if code else ""
    return [part if re.match(r"[A-Z]", part) else prefix + part for part in parts]


def find_date(text: str, *, end_of_month: bool = False) -> date | None:
    """The first date written out in the text (31st March 2017, March 2017, 31/03/2017)."""
    for pattern in (FULL_DATE, NUMERIC_DATE):
        match = pattern.search(text)
        if match:
            month = match["month"]
            month_number = int(month) if month.isdigit() else _MONTH_NUMBER[month.lower()]
            try:
                return date(int(match["year"]), month_number, int(match["day"]))
            except ValueError:
                return None
    match = MONTH_YEAR.search(text)
    if match:
        year, month_number = int(match["year"]), _MONTH_NUMBER[match["month"].lower()]
        day = calendar.monthrange(year, month_number)[1] if end_of_month else 1
        return date(year, month_number, day)
    return None


def due_date(text: str) -> date | None:
    """'... by 31st March 2017', '... by the end of April 2017' -> the date."""
    match = DUE.search(text)
    if not match:
        return None
    return find_date(match["when"], end_of_month=True)


def action_owner(text: str) -> str:
    """'The DCC to provide ...' -> 'The DCC'; '' when the sentence names nobody."""
    match = OWNER.match(text)
    return match["owner"].strip() if match else ""


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?"))


def join_lines(parts: list[str]) -> str:
    text = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        # A word hyphenated at a line end ("cross-" + "checking") is joined without a space.
        text = (
            f"{text}{part}"
            if text.endswith("-") and not text.endswith(" -")
            else f"{text} {part}".strip()
        )
    return text


def tidy_decision_text(text: str) -> str:
    text = re.sub(r"(?:[;,]\s*(?:and|or)?|\s+and)\s*$", "", text.strip())
    return text.rstrip(" .;,").strip()


def find_decision(text: str) -> re.Match[str] | None:
    """'The TABASC NOTED ...' anywhere a sentence starts in the line."""
    match = DECISION.search(text)
    if match and match["voice"].split()[-1] not in ("ACTION", "Action"):
        return match
    return None
