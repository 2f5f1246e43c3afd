"""Subcommands for actions: action add|update|close, through secdesk.services.actions.

`secdesk actions` (core_commands) lists them; these raise one on an item, record the
update a later meeting gives (one update may be shared by several actions, as minutes
write "SECP20/04, 23/08 & 28/06") and close them at a meeting.
"""

from __future__ import annotations

import argparse
from datetime import date

from secdesk import glossary
from secdesk.cli.common import given, set_given, store_from
from secdesk.cli.meeting_commands import MEETING_HELP, item_of
from secdesk.model import Action, ActionStatus, Classification
from secdesk.services import actions, meetings, reviews


def register(commands: argparse._SubParsersAction) -> None:
    action = commands.add_parser("action", help="raise, update or close an action")
    verbs = action.add_subparsers(dest="action_command", metavar="add|edit|update|close|delete", required=True)

    add = verbs.add_parser("add", help="raise an action on an agenda item (its reference is allocated)")
    add.add_argument("meeting", metavar="MEETING", help=MEETING_HELP)
    add.add_argument("item", metavar="ITEM", help="the item's number on the agenda")
    add.add_argument("text", metavar="TEXT", help="what is to be done")
    add.add_argument("--owner", default="", help="usually an organisation or a group: 'SECAS', 'The DCC'")
    add.add_argument("--due", metavar="WHEN", help="a date (YYYY-MM-DD, 31 Mar 2027) or a meeting ('the next "
                     "meeting', 'the April 2027 meeting'); default: what the text gives ('by 31 March 2027')")
    add.add_argument("--classification", default="white", metavar="LEVEL")
    add.add_argument("--reference", metavar="REF", help="a reference already given (e.g. TABASC16/02)")
    add.set_defaults(handler=run_action_add)

    edit = verbs.add_parser("edit", help="correct an action's text, owner, due date or level")
    edit.add_argument("reference", metavar="REF")
    edit.add_argument("--text")
    edit.add_argument("--owner")
    edit.add_argument("--due", metavar="WHEN", help="a date or a meeting, as for add; 'none' to clear it")
    edit.add_argument("--classification", metavar="LEVEL")
    edit.set_defaults(handler=run_action_edit)

    update = verbs.add_parser("update", help="record the update a meeting gives on open actions")
    update.add_argument("references", nargs="+", metavar="REF", help="one or several references sharing the update")
    update.add_argument("--at", required=True, metavar="MEETING", help="the meeting reviewing them, or 'next': the "
                        "committee's next meeting not yet final, as an update typed in the window's "
                        f"{glossary.ACTION_LOG}")
    update.add_argument("--text", required=True, help="the update")
    update.add_argument("--status", choices=[ActionStatus.ONGOING.value, ActionStatus.CLOSED.value],
                        default=ActionStatus.ONGOING.value, help="after the update (default: ongoing)")
    update.set_defaults(handler=run_action_update)

    close = verbs.add_parser("close", help="close actions at a meeting")
    close.add_argument("references", nargs="+", metavar="REF")
    close.add_argument("--at", required=True, metavar="MEETING", help="the meeting closing them, or 'next'")
    close.add_argument("--text", default="", help="the closing update, if any")
    close.set_defaults(handler=run_action_close)

    delete = verbs.add_parser(
        "delete", help="delete an action raised by mistake (refused once reviewed; its reference is not reused)")
    delete.add_argument("reference", metavar="REF")
    delete.set_defaults(handler=run_action_delete)


def run_action_add(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.write() as session:
        item = item_of(session, args.meeting, args.item)
        # As the live screen does: the due date the words give, unless one is typed.
        due = (actions.due_from_typing(args.due, item.meeting.date) if args.due
               else actions.due_in_words(session, item.meeting, args.text))
        action = actions.raise_action(
            session,
            item.meeting,
            args.text,
            owner=args.owner,
            item=item,
            due=due,
            classification=Classification.parse(args.classification),
            reference=args.reference,
        )
        print(_shown(action))
    return 0


def _shown(action: Action) -> str:
    due = actions.due_of(action)
    by = f" by {due:%d %B %Y}" if isinstance(due, date) else f" by {due.words}" if due else ""
    owner = f"{action.owner}: " if action.owner else ""
    return f"ACTION {action.reference}: {owner}{action.text}{by}"


def run_action_edit(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.write() as session:
        action = actions.get_action(session, args.reference)
        fields = (
            ("text", actions.TEXT, given(args.text)),
            ("owner", actions.OWNER, given(args.owner)),
            ("due date", actions.TYPED_DUE, given(args.due)),
            ("classification", actions.CLASSIFICATION, given(args.classification, Classification.parse)),
        )
        set_given(session, action.id, fields, "--text, --owner, --due or --classification")
        print(_shown(action))
    return 0


def _review(args: argparse.Namespace, text: str, status: ActionStatus) -> int:
    store = store_from(args)
    with store.write() as session:
        chosen = []
        for reference in args.references:
            action = actions.get_action(session, reference)
            if action not in chosen:
                chosen.append(action)
        if args.at.strip().lower() == "next":
            meeting = reviews.log_review_meeting(session, chosen[0], date.today())
        else:
            meeting = meetings.resolve_meeting(session, args.at)
        actions.record_update(session, chosen, meeting, text, status)
        said = "Action CLOSED." if status is ActionStatus.CLOSED else "Action ONGOING."
        print(f"{' & '.join(a.reference for a in chosen)} at {meeting.identifier}: {said}")
    return 0


def run_action_update(args: argparse.Namespace) -> int:
    return _review(args, args.text, ActionStatus(args.status))


def run_action_delete(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.write() as session:
        action = actions.get_action(session, args.reference)
        reference = action.reference
        actions.remove_action(session, action)
    print(f"Action {reference} deleted; its reference is not given to another action.")
    return 0


def run_action_close(args: argparse.Namespace) -> int:
    return _review(args, args.text, ActionStatus.CLOSED)
