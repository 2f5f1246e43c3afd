"""When an action's own words make it due ("... by 31st March 2017", "... at the April meeting").

Two kinds of phrase are understood, the meeting kind first:

- a meeting: "at the April 2017 meeting", "to the September TABASC meeting",
  "at the next meeting" (`meeting_due_in`). The action is due at that meeting,
  kept as written with what it names ('next' or the month); its due date is that
  meeting's once the committee has scheduled it, never a day guessed before.
- a date after "by", "before", "no later than", "due", "until", "within"
  (`understand_due`): "by 31st March 2017", "by 6 November" (the next 6 November
  from the meeting), "by the end of March" and "by March" (the last day of the
  month), "within two weeks" (counted from the meeting).

Anything else gives None: the minute-taker types the date by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
MEETING_PHRASE = re.compile(
    r"\b(?:at|to|for|by|before|until)\s+the\s+"
    rf"(?:(?P<next>next)|(?P<month>{_MONTHS})(?:\s+(?P<year>\d{{4}}))?)"
    r"(?:\s+[\w-]+){0,3}?\s+meeting\b",
    re.IGNORECASE,
)
# A lookahead, so "by the DCC by 14/04/2017" also tries the second "by".
DATE_PHRASE = re.compile(
    r"(?=\b(?:by|before|no later than|due(?:\s+(?:on|by))?|until|within)\s+(?:the\s+)?(?P<phrase>[^.;:,()\n]{1,48}))",
    re.IGNORECASE,
)
END_OF = re.compile(r"^(?:the\s+)?end\s+of\s+(?:the\s+)?", re.IGNORECASE)
MONTH_ONLY = re.compile(rf"^(?:{_MONTHS})(?:\s+\d{{4}})?$", re.IGNORECASE)
MAX_PHRASE_WORDS = 5


@dataclass(frozen=True)
class MeetingDue:
    """Due at a meeting rather than by a date: what it names and the words as written."""

    meeting: str  # "next", or the month of the meeting "2017-04"
    words: str  # "the April 2017 SEC Panel meeting"

    def __post_init__(self) -> None:
        if not MEETING_SPEC.match(self.meeting):
            raise ValueError(f"a due meeting is 'next' or a month YYYY-MM, not {self.meeting!r}")

    def names(self, raised_on: date, meeting_on: date) -> bool:
        """Whether a meeting on `meeting_on` is the one meant, for an action raised on `raised_on`."""
        if self.meeting == "next":
            return meeting_on > raised_on
        return f"{meeting_on:%Y-%m}" == self.meeting


def meeting_words(meeting: str) -> str:
    """Words for a due meeting when its own words cannot be shown (sealed): "the April 2017 meeting"."""
    if meeting == "next":
        return "the next meeting"
    return f"the {date.fromisoformat(meeting + '-01'):%B %Y} meeting"


MEETING_SPEC = re.compile(r"^(next|\d{4}-(0[1-9]|1[0-2]))$")


def meeting_due_in(text: str, raised_on: date) -> MeetingDue | None:
    """The meeting an action's words make it due at ("by the April 2017 SEC Panel meeting", "at the next
    meeting"), for an action raised on `raised_on`; None when they name no meeting."""
    match = MEETING_PHRASE.search(text or "")
    if match is None:
        return None
    words = " ".join(match.group(0).split()[1:])  # without "at" / "by": "the April 2017 SEC Panel meeting"
    if match["next"]:
        return MeetingDue("next", words)
    month = _month_number(match["month"])
    year = int(match["year"]) if match["year"] else raised_on.year if month > raised_on.month else raised_on.year + 1
    return MeetingDue(f"{year:04d}-{month:02d}", words)


def understand_due(text: str, meeting_date: date) -> date | None:
    """The date in `text` by which an action raised at a meeting on `meeting_date` is due; None when
    there is none, or when the words name a meeting instead (`meeting_due_in` reads those)."""
    if not text or not text.strip() or MEETING_PHRASE.search(text):
        return None
    for found in DATE_PHRASE.finditer(text):
        due = _phrase_date(found["phrase"], meeting_date)
        if due is not None:
            return due
    return None


def _phrase_date(phrase: str, base: date) -> date | None:
    words = phrase.split()[:MAX_PHRASE_WORDS]
    # The date is at the start of the phrase; what follows it is other words.
    for length in range(len(words), 0, -1):
        candidate = " ".join(words[:length])
        due = _parse(candidate, base)
        if due is not None:
            return due
    return None


def _parse(candidate: str, base: date) -> date | None:
    import dateparser  # ~0.2 s to import; only needed once an action is typed

    stripped = END_OF.sub("", candidate).strip()
    month_only = bool(MONTH_ONLY.match(stripped))
    if stripped != candidate.strip() and not month_only:
        return None  # "end of" something that is not a month
    if not re.search(r"\d|" + _MONTHS + r"|week|month|day|fortnight", stripped, re.IGNORECASE):
        return None  # dateparser reads too much into plain words ("SECAS", "members")
    settings = {
        "PREFER_DATES_FROM": "future",
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "last",
        "REQUIRE_PARTS": [] if _is_relative(stripped) else ["month"],
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    try:
        parsed = dateparser.parse(stripped, languages=["en"], settings=settings)
    except (ValueError, OverflowError):
        return None
    return parsed.date() if parsed is not None else None


def _is_relative(text: str) -> bool:
    return bool(re.search(r"\b(?:days?|weeks?|months?|fortnight)\b", text, re.IGNORECASE))


def _month_number(name: str) -> int:
    return datetime.strptime(name[:3].title(), "%b").month
