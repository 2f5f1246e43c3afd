"""The due date an action's own words give ("... by 31st March 2017", "... at the April meeting").

Two kinds of phrase are understood, the meeting kind first:

- a meeting: "at the April 2017 meeting", "to the September TABASC meeting",
  "at the next meeting". The due date is the committee's meeting in that month
  (or its next meeting) when one is already in the database. When none is, it is
  the day the committee would meet by its usual pattern: the same weekday in
  the same week of the month as the meeting that raised the action (a meeting
  on the 2nd Friday of March is followed by one on the 2nd Friday of April).
- a date after "by", "before", "no later than", "due", "until", "within":
  "by 31st March 2017", "by 6 November" (the next 6 November from the
  meeting), "by the end of March" and "by March" (the last day of the month),
  "within two weeks" (counted from the meeting).

Anything else gives None: the minute-taker types the date by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta

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


def understand_due(text: str, meeting_date: date, meeting_dates: Iterable[date] = ()) -> date | None:
    """The due date in `text`, for an action raised at a meeting on `meeting_date`.

    `meeting_dates` are the committee's meetings (any order) used to resolve
    "the April meeting" and "the next meeting".
    """
    if not text or not text.strip():
        return None
    known = sorted(set(meeting_dates))
    match = MEETING_PHRASE.search(text)
    if match:
        return _meeting_due(match, meeting_date, known)
    for found in DATE_PHRASE.finditer(text):
        due = _phrase_date(found["phrase"], meeting_date)
        if due is not None:
            return due
    return None


def _meeting_due(match: re.Match[str], base: date, known: list[date]) -> date:
    if match["next"]:
        later = [d for d in known if d > base]
        return later[0] if later else usual_meeting_day(base, *_next_month(base.year, base.month))
    month = _month_number(match["month"])
    if match["year"]:
        year = int(match["year"])
    else:  # the next such month after the meeting
        year = base.year if month > base.month else base.year + 1
    in_month = [d for d in known if (d.year, d.month) == (year, month)]
    return in_month[0] if in_month else usual_meeting_day(base, year, month)


def usual_meeting_day(base: date, year: int, month: int) -> date:
    """The same weekday in the same week of `month` as `base` (its last such day if the month is short)."""
    week = (base.day - 1) // 7
    first = date(year, month, 1)
    offset = (base.weekday() - first.weekday()) % 7
    day = first + timedelta(days=offset + 7 * week)
    while day.month != month:
        day -= timedelta(days=7)
    return day


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


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)
