"""Assembling a pack: the combined PDF, the numbered documents folder, the manifest and the zip.

Everything is written into a hidden staging folder beside the target and renamed
into place only when complete, so a cancelled or failed pack leaves nothing behind.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    Destination,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    TreeObject,
)

from secdesk import scratch
from secdesk.documents.common import marking_for
from secdesk.documents.model import Marking
from secdesk.errors import ValidationError
from secdesk.model import Classification
from secdesk.packs import pages
from secdesk.packs.convert import checked_pdf, to_pdf
from secdesk.packs.errors import PackCancelled, PaperProblem
from secdesk.packs.plan import FileEntry, PackKind, PackPlan, PaperEntry, Withheld, plan_pack
from secdesk.papers.attach import file_store, reading_cipher
from secdesk.papers.files import FileStore, PaperFileError
from secdesk.security.cipher import FieldCipher
from secdesk.services.meetings import resolve_meeting
from secdesk.store import Store
from secdesk.writers.pdf_writer import write_pdf

Progress = Callable[[int, int, str], None]
DOCUMENTS = "documents"
MANIFEST = "manifest.csv"
MAIN_LABEL = "Paper"
_UNSAFE = re.compile(r"[^A-Za-z0-9.-]+")


@dataclass(frozen=True)
class PackResult:
    folder: Path
    combined: Path
    archive: Path
    manifest: Path
    pages: int
    files: tuple[str, ...]  # the documents folder, in order
    notices: tuple[str, ...]  # what the combined PDF shows only as a notice page


@dataclass
class _Part:
    """Pages of the combined PDF under one bookmark."""

    title: str
    pdf: bytes
    left: str = ""  # stamp text at the foot, left
    marking: Marking | None = None  # stamped on pages SecDesk did not draw
    reader: PdfReader | None = None

    def pdf_reader(self) -> PdfReader:
        """The part's PDF, read once."""
        if self.reader is None:
            self.reader = PdfReader(BytesIO(self.pdf))
        return self.reader


@dataclass
class _Group:
    """A numbered entry of the contents: a section or a paper with its files."""

    number: int
    title: str
    below: str = ""
    detail: str = ""
    parts: list[_Part] = field(default_factory=list)


@dataclass
class _Steps:
    total: int
    progress: Progress | None
    cancelled: Callable[[], bool] | None
    done: int = 0

    def next(self, label: str) -> None:
        if self.cancelled is not None and self.cancelled():
            raise PackCancelled()
        if self.progress is not None:
            self.progress(self.done, self.total, label)
        self.done += 1


def safe_name(text: str) -> str:
    return _UNSAFE.sub("_", text).strip("_") or "file"


def pack_target(output: Path | None, plan: PackPlan, replace: bool) -> Path:
    """-o names the pack's own folder (default: the standard name in the current folder)."""
    target = output if output is not None else Path.cwd() / plan.stem
    if not target.parent.is_dir():
        raise ValidationError(f"The folder {target.parent} does not exist.")
    if target.exists():
        if not target.is_dir():
            raise ValidationError(f"{target} is a file; name a folder for the pack.")
        if any(target.iterdir()) and not replace:
            raise ValidationError(f"{target} already exists and is not empty; choose another folder or replace it.")
    return target


def build_pack(
    store: Store,
    meeting: str | list[str],
    kind: PackKind,
    level: Classification,
    output: Path | None,
    *,
    replace: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> PackResult:
    with store.read() as session:
        plan = plan_pack(session, resolve_meeting(session, meeting), kind, level)
    target = pack_target(output, plan, replace)
    steps = _Steps(len(plan.sections) + len(plan.papers) + 3, progress, cancelled)
    # Journalled: a pack killed midway leaves decrypted content that the next start removes.
    staging = scratch.make_folder(f".{target.name}.partial-", target.parent)
    try:
        result = _assemble(plan, _files_of(store, plan), reading_cipher(store), staging, steps)
        steps.next("Moving the pack into place")
        _move_into_place(staging, target)
    except BaseException:
        scratch.release(staging)
        raise
    scratch.forget(staging)
    if progress is not None:
        progress(steps.total, steps.total, "Done")
    return PackResult(
        folder=target,
        combined=target / result.combined.name,
        archive=target / result.archive.name,
        manifest=target / MANIFEST,
        pages=result.pages,
        files=result.files,
        notices=result.notices,
    )


def _files_of(store: Store, plan: PackPlan) -> FileStore | None:
    """The file store, needed only when some paper has a stored file."""
    stored = any(isinstance(p, PaperEntry) and any(f.sha256 for f in p.files) for p in plan.papers)
    return file_store(store) if stored else None


def _move_into_place(staging: Path, target: Path) -> None:
    if target.exists():
        retired = target.with_name(f".{target.name}.replaced-{os.getpid()}")
        scratch.track(retired)
        os.replace(target, retired)
        os.replace(staging, target)
        scratch.release(retired)
    else:
        os.replace(staging, target)


def _assemble(
    plan: PackPlan, files: FileStore | None, cipher: FieldCipher | None, staging: Path, steps: _Steps
) -> PackResult:
    folder = staging / DOCUMENTS
    folder.mkdir()
    groups: list[_Group] = []
    written: list[tuple[str, str, Classification]] = []  # file, description, classification
    notices: list[str] = []
    for section in plan.sections:
        steps.next(f"Writing the {section.title.lower()}")
        number = len(groups) + 1
        name = f"{number:02d}_{safe_name(section.file_label)}.pdf"
        write_pdf(section.document, folder / name)
        written.append((name, section.title, plan.level))
        groups.append(_Group(number, section.title, parts=[_Part(section.title, (folder / name).read_bytes())]))
    for entry in plan.papers:
        steps.next(f"Adding paper {entry.reference}")
        group = _Group(len(groups) + 1, "")
        if isinstance(entry, Withheld):
            _withheld_paper(plan, entry, group)
        else:
            _paper(plan, entry, group, files, cipher, folder, written, notices)
        groups.append(group)

    steps.next("Combining and stamping the pages")
    combined = staging / f"{plan.stem}.pdf"
    page_count = _combine(plan, groups, combined)
    steps.next("Writing the manifest and the zip")
    manifest = staging / MANIFEST
    _write_manifest(plan, manifest, staging, combined, written)
    archive = staging / f"{plan.stem}.zip"
    _write_zip(plan, archive, staging, [name for name, _d, _c in written])
    names = tuple(n for n, _d, _c in written)
    return PackResult(staging, combined, archive, manifest, page_count, names, tuple(notices))


def _withheld_paper(plan: PackPlan, entry: Withheld, group: _Group) -> None:
    level = entry.classification.label
    group.title = f"Paper {entry.reference}"
    group.below = f"Item {entry.item_number}, {entry.item_title}"
    group.detail = f"{level}, not included"
    text = [
        f"This paper is classified {level}, so it is not included in this {plan.level.label} pack.",
        f"Those entitled to see it receive it in the {level} pack from the secretariat.",
    ]
    notice = pages.notice_pdf(plan, group.title, group.below, text)
    group.parts.append(_Part(group.title, notice, f"Paper {entry.reference}"))


def _paper(
    plan: PackPlan,
    entry: PaperEntry,
    group: _Group,
    files: FileStore | None,
    cipher: FieldCipher | None,
    folder: Path,
    written: list[tuple[str, str, Classification]],
    notices: list[str],
) -> None:
    group.title = entry.title
    group.below = f"Item {entry.item_number}, paper {entry.reference}"
    group.detail = entry.purpose + (
        "" if entry.classification is Classification.WHITE else f" ({entry.classification.label})"
    )
    stamp = f"Paper {entry.reference}"
    heading, below = f"Paper {entry.reference}", f"{entry.title} (item {entry.item_number}, {entry.purpose.lower()})"

    def notice(title: str, text: list[str], summary: str) -> None:
        group.parts.append(_Part(title, pages.notice_pdf(plan, heading, below, text), stamp))
        notices.append(f"{entry.reference}: {summary}")

    if not entry.files:
        notice(
            group.title,
            [
                f"Paper {entry.reference} has no file attached in SecDesk.",
                "It may be a verbal update or a paper to follow; ask the secretariat if you expected one.",
            ],
            "no file attached",
        )
    many = len(entry.files) > 1
    for index, attached in enumerate(entry.files, start=1):
        title = attached.label if many else group.title
        if attached.sha256 is None or files is None:
            notice(
                title,
                [
                    (
                        f"The file {attached.filename} ({attached.label}) is listed on this paper "
                        "but was never stored in SecDesk."
                    ),
                    "Ask the secretariat for it.",
                ],
                f"{attached.filename} not stored",
            )
            continue
        data = _read(files, cipher, entry, attached)
        name = _file_name(group.number, index if many else None, entry.reference, attached)
        (folder / name).write_bytes(data)
        written.append((name, f"{entry.reference} {attached.label}: {entry.title}", attached.classification))
        pdf = to_pdf(data, attached.filename, entry.reference, folder.parent)
        if pdf is None:
            notice(
                title,
                [
                    (
                        f"{attached.label} ({attached.filename}) cannot be shown in this PDF: LibreOffice, "
                        "which turns it into PDF, is not installed on the computer that built the pack."
                    ),
                    f"It is in the pack's folder as {DOCUMENTS}/{name}.",
                ],
                f"{attached.filename} only in the folder (no LibreOffice)",
            )
            continue
        reader = checked_pdf(pdf, entry.reference, attached.filename)
        group.parts.append(_Part(title, pdf, stamp, marking_for(attached.classification), reader))
    if entry.withheld_files:
        count = len(entry.withheld_files)
        levels = " or ".join(sorted({c.label for c in entry.withheld_files}))
        text = [
            (
                f"{count} {'file' if count == 1 else 'files'} of this paper, classified {levels}, "
                f"{'is' if count == 1 else 'are'} not included in this {plan.level.label} pack."
            )
        ]
        group.parts.append(_Part("Not included", pages.notice_pdf(plan, heading, below, text), stamp))


def _read(files: FileStore, cipher: FieldCipher | None, entry: PaperEntry, attached: FileEntry) -> bytes:
    try:
        return files.read(attached.sha256 or "", cipher, f"{attached.label} ({attached.filename})")
    except PaperFileError as error:
        raise PaperProblem(entry.reference, str(error).rstrip(".")) from None


def _file_name(group: int, index: int | None, reference: str, attached: FileEntry) -> str:
    number = f"{group:02d}" if index is None else f"{group:02d}.{index}"
    label = "" if attached.label == MAIN_LABEL and index is None else f"_{safe_name(attached.label)}"
    return f"{number}_{safe_name(reference)}{label}{Path(attached.filename).suffix.lower()}"


# --- the combined PDF -----------------------------------------------------------


def _combine(plan: PackPlan, groups: list[_Group], target: Path) -> int:
    body_pages = sum(len(p.pdf_reader().pages) for g in groups for p in g.parts)
    cover, cover_pages = _cover(plan, groups)
    writer = PdfWriter()
    writer.append(cover, import_outline=False)
    writer.add_outline_item(title="Cover and contents", page_number=0)
    for group in groups:
        parent: IndirectObject | None = None
        for part in group.parts:
            start = len(writer.pages)
            reader = part.pdf_reader()
            writer.append(reader, import_outline=False)
            if parent is None:
                parent = writer.add_outline_item(title=group.title, page_number=start)
            under = (
                writer.add_outline_item(title=part.title, page_number=start, parent=parent)
                if len(group.parts) > 1
                else parent
            )
            _copy_outline(writer, reader, reader.outline, under, start)
    _stamp(
        plan,
        writer,
        [pages.Stamp(0, 0, "", None)] * cover_pages
        + [
            pages.Stamp(0, 0, part.left, part.marking)
            for g in groups
            for part in g.parts
            for _ in part.pdf_reader().pages
        ],
    )
    marking = marking_for(plan.level)
    writer.add_metadata(
        {
            "/Title": plan.title,
            "/Author": plan.secretariat,
            "/Subject": f"{plan.committee_name}: {plan.kind.label.lower()}",
            "/Keywords": marking.text,
            "/Creator": "SecDesk",
            "/Producer": "SecDesk",
        }
    )
    writer.page_mode = "/UseOutlines"
    with target.open("wb") as stream:
        writer.write(stream)
    return cover_pages + body_pages


def _copy_outline(
    writer: PdfWriter,
    reader: PdfReader,
    outline: Sequence[Destination | list[Any]],
    parent: TreeObject | IndirectObject | None,
    start: int,
) -> None:
    """A document's own bookmarks (the minutes' items, a paper's sections), nested under its entry."""
    last: IndirectObject | None = None
    for item in outline:
        if isinstance(item, list):
            if last is not None:
                _copy_outline(writer, reader, item, last, start)
            continue
        page = reader.get_destination_page_number(item)
        if page is not None and page >= 0:
            # The reader gives an item without /Title the title "", never None.
            last = writer.add_outline_item(title=item.title or "", page_number=start + page, parent=parent)


def _cover(plan: PackPlan, groups: list[_Group]) -> tuple[PdfReader, int]:
    """The cover with its contents; drawn again if the contents push it onto more pages."""
    entries = sum(1 + (len(g.parts) if len(g.parts) > 1 else 0) for g in groups)
    cover_pages = 1 if entries <= 16 else 2 + (entries - 16) // 40  # a guess, to draw it once as a rule
    for _attempt in range(4):
        page = cover_pages + 1
        lines: list[pages.ContentsLine] = []
        for group in groups:
            lines.append(pages.ContentsLine(str(group.number), group.title, group.below, group.detail, page))
            for part in group.parts if len(group.parts) > 1 else []:
                lines.append(pages.ContentsLine("", part.title, "", "", page))
                page += len(part.pdf_reader().pages)
            if len(group.parts) == 1:
                page += len(group.parts[0].pdf_reader().pages)
        reader = PdfReader(BytesIO(pages.cover_pdf(plan, lines, _cover_notes(plan))))
        if len(reader.pages) == cover_pages:
            return reader, cover_pages
        cover_pages = len(reader.pages)
    return reader, cover_pages


def _cover_notes(plan: PackPlan) -> list[str]:
    notes = []
    papers = sum(isinstance(p, Withheld) for p in plan.papers)
    files = sum(len(p.withheld_files) for p in plan.papers if isinstance(p, PaperEntry))
    left_out = [f"{n} {what}{'s' * (n != 1)}" for n, what in ((papers, "paper"), (files, "appendix file")) if n]
    if left_out:
        verb = "is" if papers + files == 1 else "are"
        notes.append(
            f"This is the {plan.level.label} pack: {' and '.join(left_out)} classified above "
            f"{plan.level.label} {verb} not included, and a page in {'its' if verb == 'is' else 'their'} place says so."
        )
    notes.append(
        "Each document is also in the pack's folder on its own, numbered as above; "
        f"{MANIFEST} lists every file with its SHA-256 checksum."
    )
    return notes


def _stamp(plan: PackPlan, writer: PdfWriter, stamps: list[pages.Stamp]) -> None:
    """Draw every page's stamp as a form XObject painted after the page's own content.

    Cheaper than pypdf's merge_page, which parses and rewrites each page's content stream.
    """
    sized = []
    for page, stamp in zip(writer.pages, stamps, strict=True):
        box = page.mediabox
        sized.append(pages.Stamp(float(box.width), float(box.height), stamp.left, stamp.marking))
    overlay = PdfReader(BytesIO(pages.stamps_pdf(plan, sized)))
    opening = writer._add_object(_stream(b"q\n"))
    for number, (page, stamp_page) in enumerate(zip(writer.pages, overlay.pages, strict=True)):
        name = NameObject(f"/SecDeskStamp{number}")
        box = page.mediabox
        form = _stream(stamp_page.get_contents().get_data())  # type: ignore[union-attr]
        form.update(
            {
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/BBox"): ArrayObject(FloatObject(v) for v in (0, 0, float(box.width), float(box.height))),
                NameObject("/Matrix"): ArrayObject(
                    FloatObject(v) for v in (1, 0, 0, 1, float(box.left), float(box.bottom))
                ),
                NameObject("/Resources"): stamp_page["/Resources"].clone(writer),
            }
        )
        resources = page.setdefault(NameObject("/Resources"), DictionaryObject()).get_object()
        xobjects = resources.setdefault(NameObject("/XObject"), DictionaryObject()).get_object()
        xobjects[name] = writer._add_object(form)
        contents = page.get(NameObject("/Contents"))
        existing = contents.get_object() if contents is not None else ArrayObject()
        parts = list(existing) if isinstance(existing, ArrayObject) else [contents]
        closing = writer._add_object(_stream(b"\nQ q " + name.encode() + b" Do Q\n"))
        page[NameObject("/Contents")] = ArrayObject([opening, *parts, closing])


def _stream(data: bytes) -> DecodedStreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream


# --- manifest and zip ----------------------------------------------------------------


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write_manifest(
    plan: PackPlan, manifest: Path, root: Path, combined: Path, written: list[tuple[str, str, Classification]]
) -> None:
    rows = [(combined.name, f"{plan.title}, all documents in one PDF", plan.level)]
    rows += [(f"{DOCUMENTS}/{name}", description, level) for name, description, level in written]
    with manifest.open("w", newline="", encoding="utf-8") as stream:
        out = csv.writer(stream)
        out.writerow(["File", "Description", "Classification", "Bytes", "SHA-256"])
        for name, description, level in rows:
            path = root / name
            out.writerow([name, description, level.label, path.stat().st_size, _sha256(path)])


def _write_zip(plan: PackPlan, archive: Path, root: Path, names: list[str]) -> None:
    """The documents folder and the manifest, for sending as one attachment."""
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.write(root / MANIFEST, f"{plan.stem}/{MANIFEST}", compress_type=zipfile.ZIP_DEFLATED)
        for name in names:
            # PDFs and Office files are compressed already: stored as they are.
            bundle.write(root / DOCUMENTS / name, f"{plan.stem}/{DOCUMENTS}/{name}", compress_type=zipfile.ZIP_STORED)
