"""Export every document of a database, with whichever SecDesk is first on PYTHONPATH.

tests/test_migration_exports.py runs this twice: with the SecDesk of schema 0006 (extracted
from git) on the demo database it makes, and with today's SecDesk on a copy of that file,
which opening migrates. It only uses what both have: the `secdesk` command line, the
store and the model's names.

    python migration_exports_run.py DB OUT [--demo]

writes OUT/documents/<kind>_<subject>_<level>.<format> for every document (meeting
packages, audit trails and papers' stored files too), OUT/content.json, the database's
content as `dump` reads it (confidential text decrypted), and OUT/find.json, what
`secdesk find` says to FINDS. With --demo the old SecDesk first makes the demo, then
reopens the minutes of TABASC 44 and agrees them again, ex-committee, so the audit trail
holds more than the demo's inserts.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path
from typing import Any

LEVELS = ("white", "amber")
# Words in titles, minutes, decisions, actions and their updates, post-meeting notes,
# papers and people's names, at White and Amber (the search index is rebuilt by 0009, 0011).
FINDS = ("glossary", "support sessions", "teleconference", "Whitcombe", "versioning", "following the meeting",
         "Modification Status Report", "gap analysis", "TABASC45/03")
# The action log judges overdue against this day, so the two runs print the same.
TODAY = "2026-11-01"


# Minutes typed before blocks existed that look like the block form's markup, and text
# that any escaping or encryption must carry: printed as typed, before and after.
TYPED = """SECAS noted the following points:
- a line that starts with a dash
* a line that starts with a star
1. a line that starts with a number
## not a heading, just hashes
| a pipe | table-looking | line |
{decision 1} and {note} and {page break} and {amber} as typed
Some *stars* and **double stars**, _underscores_ and __double__, a back\\slash and \\\\ two, \
a [link](https://example.org), <b>angle brackets</b> & an ampersand &amp; entity.

A second paragraph after a blank line.
A line straight after it.
   Indented line with    spaces.
Tabs\tbetween\twords.
Unicode: naïve café – “quotes” — £100 € ✓
"""


def dump(session: Any) -> dict[str, Any]:
    """Meetings, their items, decisions, actions and attendance, in order, as plain values."""
    from sqlalchemy import select

    from secdesk.model import Action, Committee, Meeting

    def value(thing: Any) -> Any:
        return getattr(thing, "value", thing) if thing is not None else None

    meetings = []
    for meeting in session.scalars(select(Meeting).order_by(Meeting.id)):
        items = []
        for item in sorted(meeting.items, key=lambda i: (i.position, i.id)):
            items.append({
                "number": item.number, "title": item.title, "public_title": item.public_title,
                "section": value(item.section), "classification": value(item.classification),
                "minutes": item.minutes, "post_meeting_note": item.post_meeting_note,
                "decisions": [[value(d.verb), d.text, value(d.classification)]
                              for d in sorted(item.decisions, key=lambda d: (d.position, d.id))],
                "papers": [[p.reference, p.title, value(p.classification), [[f.label, f.sha256] for f in p.files]]
                           for p in item.papers],
            })
        meetings.append({
            "identifier": meeting.identifier, "date": str(meeting.date), "status": value(meeting.status),
            "locked": meeting.locked, "items": items,
            "attendance": sorted([a.person.name, value(a.status), value(a.capacity)] for a in meeting.attendance),
        })
    actions = []
    for action in session.scalars(select(Action).order_by(Action.reference)):
        actions.append({
            "reference": action.reference, "text": action.text, "owner": action.owner,
            "due_date": str(action.due_date), "status": value(action.status),
            "classification": value(action.classification),
            "meeting": action.meeting.identifier if action.meeting else None,
            "updates": [[u.meeting.identifier, u.text, value(u.status_after)]
                        for u in sorted(action.updates, key=lambda u: u.id)],
        })
    committees = [c.code for c in session.scalars(select(Committee).order_by(Committee.code))]
    return {"committees": committees, "meetings": meetings, "actions": actions}


def documents(content: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """(name, command line) of every document SecDesk exports for the database's meetings
    and committees, each at White and Amber, in every format the command offers."""
    found: list[tuple[str, list[str]]] = []
    for level in LEVELS:
        for meeting in content["meetings"]:
            for kind in ("minutes", "agenda"):
                found.append((f"{kind}_{meeting['identifier']}_{level}",
                              [kind, meeting["identifier"], "--classification", level, "--format", "docx,pdf"]))
        found.append((f"action-log_ALL_{level}",
                      ["action-log", "--today", TODAY, "--classification", level, "--format", "docx,pdf,csv,xlsx"]))
        for code in content["committees"]:
            found.append((f"risk-register_{code}_{level}",
                          ["risk-register", code, "--classification", level, "--format", "docx,pdf,xlsx"]))
            found.append((f"planner_{code}_{level}",
                          ["planner", code, "--from", "2026-08", "--months", "6", "--classification", level,
                           "--format", "docx,pdf,xlsx"]))
    return found


def files(content: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """(file name, command line) of what is written to one named file: meeting packages, audit
    trails and the papers' stored files (decrypted when confidential)."""
    found: list[tuple[str, list[str]]] = []
    for meeting in content["meetings"]:
        identifier = meeting["identifier"]
        for level in (*LEVELS, "red"):  # a package carries Red content too
            found.append((f"package_{identifier}_{level}.json",
                          ["export-meeting", identifier, "--classification", level, "-o"]))
        found.append((f"audit_{identifier}.csv", ["audit", identifier, "-o"]))
        for item in meeting["items"]:
            for reference, _title, _level, stored in item["papers"]:
                for number, (label, sha256) in enumerate(stored):
                    if sha256:  # the demo lists some files it never stored
                        found.append((f"paper_{reference}_{number}.file",
                                      ["paper-file", reference, "--label", label, "-o"]))
    return found


def run(db: str, out: Path, demo: bool) -> None:
    from secdesk.cli.main import main
    from secdesk.store import open_store

    def secdesk(*argv: str) -> str:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            code = main(["--db", db, *argv])
        if code != 0:
            raise SystemExit(f"secdesk {' '.join(argv)} exited with {code}")
        return printed.getvalue()

    if demo:
        secdesk("demo")
        typed = out.with_name("typed-minutes.txt")
        typed.write_text(TYPED, encoding="utf-8")
        meeting = "TABASC_46_1910"
        # three items of legacy typed minutes at the end of the main section (items 10 to 12,
        # before Any Other Business), White, Amber (with a public title) and Red, each with a
        # post-meeting note, a decision and an action; item 10 has an Amber decision too
        for number, level in ((10, "white"), (11, "amber"), (12, "red")):
            secdesk("item", "add", meeting, f"Typed minutes ({level})", "--classification", level,
                    "--public-title", f"Public title {number}", "--minutes-file", str(typed),
                    "--note", f"A *note* - with \\ signs ({level}).")
            secdesk("decision", "add", meeting, str(number), "agreed", f"the {level} wording, * - \\ as typed",
                    "--classification", level)
            secdesk("action", "add", meeting, str(number), f"SECAS to check the {level} wording by 1 March 2027",
                    "--owner", "SECAS", "--due", "2027-03-01", "--classification", level)
        secdesk("decision", "add", meeting, "10", "noted", "an Amber remark on a White item", "--classification",
                "amber")
        secdesk("reopen", "TABASC_44_1708")
        # agreed ex-committee this time: 0009 marks such meetings, and the old SecDesk rewrites
        # the previous-minutes sentence of TABASC 45 (already final) to say so
        secdesk("finalise", "TABASC_44_1708", "--ex-committee", "2026-09-01")
    store = open_store(db, backup=False)
    try:
        with store.read() as session:
            content = dump(session)
    finally:
        store.close()
    written = out / "documents"
    written.mkdir(parents=True)
    for name, argv in documents(content):
        folder = written / name
        folder.mkdir()
        secdesk(*argv, "-o", str(folder))
        # the folder holds one file per format, named by the command (a register's name
        # carries today's date); each is renamed after the document
        for each in sorted(folder.iterdir()):
            each.rename(written / f"{name}{each.suffix}")
        folder.rmdir()
    for name, argv in files(content):
        secdesk(*argv, str(written / name))
    found = {f"{words} ({level})": json.loads(secdesk("find", *words.split(), "--classification", level, "--json"))
             for words in FINDS for level in LEVELS}
    (out / "content.json").write_text(json.dumps(content, indent=1), encoding="utf-8")
    (out / "find.json").write_text(json.dumps(found, indent=1), encoding="utf-8")


if __name__ == "__main__":
    run(sys.argv[1], Path(sys.argv[2]), "--demo" in sys.argv[3:])
