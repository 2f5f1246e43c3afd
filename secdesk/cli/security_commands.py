"""Subcommands for the database key, the audit trail and purging old traces."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

from secdesk.atomic import write_atomically
from secdesk.cli.common import add_meeting_argument, print_json, print_table, store_from
from secdesk.errors import SecDeskError, ValidationError
from secdesk.security.keys import (
    FILE_MODE,
    KeyUnavailableError,
    passphrase_from_environment,
    read_recovery_file,
    seal_key,
)
from secdesk.services import audit, meetings


def register(commands: argparse._SubParsersAction) -> None:
    key = commands.add_parser("key", help="the database key for confidential content: status, recovery files")
    actions = key.add_subparsers(dest="key_command", metavar="ACTION", required=True)
    status = actions.add_parser("status", help="where the key is kept and whether this computer has it")
    status.set_defaults(handler=run_key_status)
    export = actions.add_parser("export", help="write a passphrase-protected recovery file of the key")
    export.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    export.add_argument("--passphrase-file", type=Path, metavar="FILE", help="read the passphrase from FILE")
    export.set_defaults(handler=run_key_export)
    restore = actions.add_parser("import", help="unlock this database on this computer from a recovery file")
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.add_argument("--passphrase-file", type=Path, metavar="FILE", help="read the passphrase from FILE")
    restore.set_defaults(handler=run_key_import)

    trail = commands.add_parser(
        "audit", help="the audit trail of a meeting in words, a burst of saves of one thing as one entry"
    )
    add_meeting_argument(trail)
    trail.add_argument("--every-change", action="store_true", help="one line per recorded change")
    trail.add_argument("--json", action="store_true", help="print JSON")
    trail.add_argument("--csv", action="store_true", help="print every change as CSV (the full record)")
    trail.add_argument("-o", "--output", type=Path, metavar="FILE",
                       help="write every change as CSV (the full record) to FILE")
    trail.set_defaults(handler=run_audit)

    purge = commands.add_parser("purge", help="rewrite the database so deleted or downgraded text leaves no trace")
    purge.set_defaults(handler=run_purge)


def _recovery_passphrase(args: argparse.Namespace, confirm: bool) -> str:
    if args.passphrase_file:
        try:
            return args.passphrase_file.read_text(encoding="utf-8").rstrip("\r\n")
        except UnicodeDecodeError as error:
            raise ValidationError(
                f"{args.passphrase_file} is not UTF-8 text; it cannot hold the passphrase."
            ) from error
    found = passphrase_from_environment()
    if found:
        return found
    if not sys.stdin.isatty():
        raise ValidationError(
            "Give the recovery passphrase with --passphrase-file, SECDESK_PASSPHRASE or at a terminal."
        )
    first = getpass.getpass("Recovery file passphrase: ")
    if confirm and getpass.getpass("Again: ") != first:
        raise ValidationError("The two passphrases differ; nothing was written.")
    return first


def _keys(store):
    if store.keys is None:
        raise SecDeskError("Encryption is off for this database.")
    return store.keys


def run_key_status(args: argparse.Namespace) -> int:
    store = store_from(args, backup=False)
    keys = _keys(store)
    keys.report = lambda problem: None  # said below, with the rest of the status
    expected = keys.expected_key_id()
    print(f"Database: {store.label}")
    print(f"Database UUID: {keys.database_uuid}")
    if expected is None:
        print("Key: none yet (created when confidential content is first saved)")
        print(f"It will be kept in {keys.where()}.")
        return 0
    present = keys.cipher() is not None
    print(f"Key fingerprint: {expected}")
    print(f"This computer {'holds' if present else 'does NOT hold'} the key; kept in {keys.where()}.")
    if keys.keyring_problem:
        print(f"Keyring: {keys.keyring_problem}")
    if keys.key_file_problem:
        print(f"Key file: {keys.key_file_problem}")
    return 0 if present else 1


def run_key_export(args: argparse.Namespace) -> int:
    store = store_from(args, backup=False)
    keys = _keys(store)
    if keys.expected_key_id() is None:
        raise KeyUnavailableError("This database has no key yet: there is nothing confidential to recover.")
    document = seal_key(keys.current_key(), keys.database_uuid, _recovery_passphrase(args, confirm=True))
    write_atomically(args.output, json.dumps(document, indent=2), mode=FILE_MODE)
    print(f"Recovery file written: {args.output}. Keep it and its passphrase apart, somewhere safe.")
    return 0


def run_key_import(args: argparse.Namespace) -> int:
    sealed = read_recovery_file(args.file)  # checked before a passphrase is asked for or scrypt runs
    key = sealed.open(_recovery_passphrase(args, confirm=False), f"The passphrase does not open {args.file}.")
    store = store_from(args, backup=False)
    keys = _keys(store)
    keys.install(sealed.database_uuid, key)
    print(f"The key is now kept in {keys.where()}; confidential content is unlocked on this computer.")
    return 0


def run_audit(args: argparse.Namespace) -> int:
    store = store_from(args, backup=False)
    with store.read() as session:
        trail = audit.read(session, meetings.resolve_meeting(session, args.meeting))
    if args.output or args.csv:
        text = audit.as_csv(trail.entries, trail.names)
        if not args.output:
            sys.stdout.write(text)
            return 0
        write_atomically(args.output, text)
        print(f"Audit trail written: {args.output} ({len(trail.entries)} changes)")
        return 0
    if args.every_change:
        if args.json:
            print_json([_change_json(burst) for burst in trail.every_change()])
            return 0
        rows = [[f"{b.first:%Y-%m-%d %H:%M:%S}", b.user, b.what, audit.describe_changes(b.entries[0].details)]
                for b in trail.every_change()]
        print_table(rows, ["When (UTC)", "Who", "What", "Changes"])
        return 0
    bursts = trail.bursts()
    if args.json:
        print_json([burst.as_json() for burst in bursts])
        return 0
    if not bursts:
        print(f"{trail.identifier}: nothing recorded.")
        return 0
    print_table([[b.when, b.user, b.what + b.saves_said] for b in bursts], ["When (UTC)", "Who", "What"])
    return 0


def _change_json(burst: audit.Burst) -> dict[str, object]:
    [entry] = burst.entries
    return {
        "at": entry.at.isoformat(timespec="seconds"), "user": entry.user, "operation": entry.operation,
        "what": burst.what, "record": burst.record, "details": entry.details,
    }


def run_purge(args: argparse.Namespace) -> int:
    from secdesk.papers.attach import settle_files

    store = store_from(args, backup=False)
    settled = settle_files(store)
    store.purge()
    print(f"{store.label} was rewritten; no deleted or downgraded text remains in it or its WAL.")
    if settled is not None:
        print(
            f"Paper files: {settled.sealed} sealed, {settled.unsealed} unsealed, "
            f"{len(settled.removed)} copies no paper needs removed."
        )
    print("Older backups still hold what they held when written; delete them if they must not.")
    return 0
