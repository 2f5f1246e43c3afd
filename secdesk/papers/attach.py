"""Attaching files to papers, reading them back, and handing a copy to a viewer.

Every function here works inside the caller's session, so attaching a file is
part of the same user action (and undo) as creating its paper.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk import scratch
from secdesk.atomic import write_atomically
from secdesk.errors import NotFoundError, ValidationError
from secdesk.model import AgendaItem, Classification, Paper, PaperFile, Purpose, effective_level
from secdesk.papers import sealing
from secdesk.papers.files import FileStore, PaperFileError, media_type_of
from secdesk.papers.sealing import Settlement
from secdesk.security.cipher import FieldCipher
from secdesk.services import agenda
from secdesk.services.meetings import resolve_meeting
from secdesk.store import Store

MAIN_LABEL = "Paper"


@dataclass(frozen=True)
class Attached:
    paper_reference: str
    paper_created: bool
    file_id: int
    label: str
    filename: str
    sha256: str
    size: int
    sealed: bool


def file_store(store: Store) -> FileStore:
    return FileStore.beside(store.path)


def reading_cipher(store: Store) -> FieldCipher | None:
    return store.keys.cipher() if store.keys is not None else None


def read_source(source: Path) -> bytes:
    try:
        return source.read_bytes()
    except OSError as error:
        raise PaperFileError(f"{source} cannot be read: {error.strerror}.") from error


def keep_file(
    store: Store,
    session: Session,
    paper: Paper,
    source: Path,
    *,
    label: str = MAIN_LABEL,
    classification: Classification | None = None,
) -> PaperFile:
    """Store `source` and record it as a file of `paper` (classified like the paper unless told).

    A file already listed on the paper under this label but never stored (as in the demo) gets this content.
    """
    media_type = media_type_of(source.name)
    data = read_source(source)
    level = classification or paper.classification
    label = label.strip() or MAIN_LABEL
    attached = next((f for f in paper.files if f.label == label and f.sha256 is None), None)
    if attached is None:
        attached = agenda.add_paper_file(session, paper, label, source.name, level, media_type=media_type)
    else:
        attached.filename, attached.classification, attached.media_type = source.name, level, media_type
    confidential = effective_level(attached) is not Classification.WHITE
    cipher = store.keys.cipher_for_writing() if confidential and store.keys is not None else None
    stored = file_store(store).put(data, cipher)
    attached.sha256, attached.size = stored.sha256, stored.size
    session.flush()
    return attached


def attach(
    store: Store,
    meeting: str | list[str],
    item_number: int,
    source: Path,
    *,
    title: str | None = None,
    reference: str | None = None,
    purpose: Purpose | None = None,
    classification: Classification | None = None,
    label: str = MAIN_LABEL,
    paper_reference: str | None = None,
) -> Attached:
    """`secdesk attach`: a new paper on the item with this file, or (paper_reference) one more file of a paper."""
    with store.write() as session:
        found = resolve_meeting(session, meeting)
        item = session.scalar(
            select(AgendaItem).where(AgendaItem.meeting_id == found.id, AgendaItem.number == item_number)
        )
        if item is None:
            raise NotFoundError(f"Meeting {found.identifier} has no item {item_number}.")
        if paper_reference:
            paper = session.scalar(select(Paper).where(Paper.reference == paper_reference.strip()))
            if paper is None or paper.agenda_item_id != item.id:
                raise NotFoundError(f"Item {item_number} of {found.identifier} has no paper {paper_reference}.")
            created = False
        else:
            if not (title or "").strip():
                raise ValidationError("A new paper needs a title (--title).")
            paper = agenda.add_paper(
                session, item, title or "", reference=reference,
                purpose=purpose or item.purpose, classification=classification or Classification.WHITE,
            )
            created = True
        attached = keep_file(
            store, session, paper, source, label=label,
            classification=classification if not created else paper.classification,
        )
        return Attached(
            paper_reference=paper.reference,
            paper_created=created,
            file_id=attached.id,
            label=attached.label,
            filename=attached.filename,
            sha256=attached.sha256 or "",
            size=attached.size or 0,
            sealed=effective_level(attached) is not Classification.WHITE,
        )


def settle_files(store: Store) -> Settlement | None:
    """Seal, unseal and remove stored copies so each file matches its papers (None: no file store)."""
    if store.path is None:
        return None
    with store.read() as session:
        return sealing.settle_all(session, file_store(store))


def describe(attached: PaperFile) -> str:
    """`TABASC_46_1910_03 (Confidential Appendix A, appendix.pdf)` for messages."""
    return f"{attached.paper.reference} ({attached.label}, {attached.filename})"


def file_bytes(store: Store, attached: PaperFile) -> bytes:
    if not attached.sha256:
        raise PaperFileError(f"Paper {describe(attached)}: the file is listed but was never stored in SecDesk.")
    return file_store(store).read(attached.sha256, reading_cipher(store), f"Paper {describe(attached)}")


def viewing_copy(store: Store, file_id: int) -> Path:
    """A copy of the file under its own name in a new temporary folder, for the system's viewer.

    Confidential files are decrypted into that copy: the viewer cannot read the sealed original.
    """
    with store.read() as session:
        attached = session.get(PaperFile, file_id)
        if attached is None:
            raise NotFoundError("That paper file no longer exists.")
        data = file_bytes(store, attached)
        name = Path(attached.filename).name
    # Journalled: the next start after SecDesk exits removes the decrypted copy.
    folder = scratch.make_folder("secdesk-paper-")
    target = folder / name
    target.write_bytes(data)
    return target


def copy_out(store: Store, reference: str, label: str | None, output: Path) -> Path:
    """`secdesk paper-file`: write one stored file of a paper to `output` (a file, or a folder for its own name)."""
    with store.read() as session:
        paper = session.scalar(select(Paper).where(Paper.reference == reference.strip()))
        if paper is None:
            raise NotFoundError(f"No paper {reference}.")
        chosen = [f for f in paper.files if label is None or f.label.lower() == label.strip().lower()]
        if not chosen:
            labels = ", ".join(f.label for f in paper.files) or "none"
            raise NotFoundError(f"Paper {paper.reference} has no file labelled {label!r} (its files: {labels}).")
        data = file_bytes(store, chosen[0])
        name = Path(chosen[0].filename).name
    target = output / name if output.is_dir() else output
    write_atomically(target, data)
    return target


def add_paper_with_file(
    store: Store,
    session: Session,
    item: AgendaItem,
    title: str,
    reference: str,
    purpose: Purpose,
    classification: Classification,
    source: Path | None,
) -> Paper:
    """The window's "Attach paper": the paper and, when one was chosen, its file, in one undoable step."""
    paper = agenda.add_paper(session, item, title, reference=reference, purpose=purpose, classification=classification)
    if source is not None:
        keep_file(store, session, paper, source)
    return paper


def first_stored_file(session: Session, paper_id: int) -> int | None:
    paper = session.get(Paper, paper_id)
    return next((f.id for f in paper.files if f.sha256), None) if paper is not None else None
