"""Paper and pack subcommands: attach a file to a paper, copy one out, build a meeting pack."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from secdesk import glossary
from secdesk.cli.common import add_meeting_argument, store_from
from secdesk.model import Classification, Purpose


def register(commands: argparse._SubParsersAction) -> None:
    pack = commands.add_parser(
        "pack",
        help="build a meeting pack: one bookmarked PDF, a numbered folder, a manifest and a zip",
    )
    add_meeting_argument(pack)
    pack.add_argument("--kind", default="pre", metavar="pre|post",
                      help="pre: agenda, previous minutes, actions outstanding, papers (the default); "
                      f"post: minutes, {glossary.ACTION_LOG}, papers")
    pack.add_argument("--classification", default="white", metavar="LEVEL",
                      help="white (the default) or amber; papers and appendices above it are left out")
    pack.add_argument("-o", "--output", type=Path, metavar="DIR",
                      help="the pack's folder, created when complete (default: the standard name, e.g. "
                      "TABASC_46_1910_Pre_Meeting_Pack_WHITE, in the current folder)")
    pack.add_argument("--replace", action="store_true", help="replace that folder if it already holds something")
    pack.add_argument("--quiet", action="store_true", help="print only the pack's folder")
    pack.set_defaults(handler=run_pack)

    attach = commands.add_parser(
        "attach", help="attach a file (PDF, Word, Excel, picture) to an agenda item as a paper"
    )
    attach.add_argument("meeting", metavar="MEETING", help="the meeting: TABASC_46_1910, or 'TABASC 46' in quotes")
    attach.add_argument("item", type=int, metavar="ITEM_NUMBER", help="the agenda item's number")
    attach.add_argument("file", type=Path, metavar="FILE")
    attach.add_argument("--title", help="the new paper's title")
    attach.add_argument("--reference", metavar="R", help="the paper reference (default: the next in the house format)")
    attach.add_argument("--purpose", choices=[p.value for p in Purpose], help="default: the item's purpose")
    attach.add_argument(
        "--classification",
        metavar="LEVEL",
        help="of the new paper, or of this file with --paper (default: white / the paper's)",
    )
    attach.add_argument("--label", default="Paper", help='what the file is, e.g. "Appendix A" (default: Paper)')
    attach.add_argument("--paper", metavar="REF", help="add the file to this existing paper instead of a new one")
    attach.set_defaults(handler=run_attach)

    copy = commands.add_parser("paper-file", help="write a copy of a paper's stored file (decrypted if confidential)")
    copy.add_argument("reference", metavar="REF", help="the paper reference")
    copy.add_argument("--label", default=None, help="which file of the paper (default: its first)")
    copy.add_argument("-o", "--output", type=Path, default=Path.cwd(), metavar="PATH", help="file or folder")
    copy.set_defaults(handler=run_paper_file)

    demo = commands.add_parser("demo-papers", help="give the demo's papers small generated PDF files")
    demo.set_defaults(handler=run_demo_papers)


def run_pack(args: argparse.Namespace) -> int:
    from secdesk.packs.build import build_pack
    from secdesk.packs.plan import PackKind

    kind = PackKind.parse(args.kind)
    level = Classification.parse(args.classification)
    store = store_from(args, backup=False)
    try:
        result = build_pack(store, args.meeting, kind, level, args.output, replace=args.replace)
    finally:
        store.close()
    if args.quiet:
        print(result.folder)
        return 0
    print(f"{result.folder}")
    print(f"  {result.combined.name}: {result.pages} pages")
    print(f"  {result.archive.name}, {result.manifest.name}, and {len(result.files)} documents in documents/")
    for notice in result.notices:
        print(f"  note: {notice}", file=sys.stderr)
    return 0


def run_attach(args: argparse.Namespace) -> int:
    from secdesk.papers.attach import attach

    store = store_from(args)
    try:
        attached = attach(
            store,
            args.meeting,
            args.item,
            args.file,
            title=args.title,
            reference=args.reference,
            purpose=Purpose(args.purpose) if args.purpose else None,
            classification=Classification.parse(args.classification) if args.classification else None,
            label=args.label,
            paper_reference=args.paper,
        )
    finally:
        store.close()
    what = "New paper" if attached.paper_created else "Paper"
    sealed = ", encrypted at rest" if attached.sealed else ""
    print(
        f"{what} {attached.paper_reference}: {attached.label} {attached.filename} "
        f"({attached.size} bytes, SHA-256 {attached.sha256[:12]}...{sealed})"
    )
    return 0


def run_paper_file(args: argparse.Namespace) -> int:
    from secdesk.papers.attach import copy_out

    store = store_from(args, backup=False)
    try:
        print(copy_out(store, args.reference, args.label, args.output))
    finally:
        store.close()
    return 0


def run_demo_papers(args: argparse.Namespace) -> int:
    from secdesk.papers.demo_files import attach_demo_files

    store = store_from(args)
    try:
        count = attach_demo_files(store)
    finally:
        store.close()
    print(f"{count} demo paper files generated and stored.")
    return 0
