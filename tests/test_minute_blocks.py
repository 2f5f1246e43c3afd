"""An item's minutes as blocks in their order: paragraphs, sub-headings, lists, tables, page breaks,
and the places of the item's text, decisions, actions and post-meeting note."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from sqlalchemy import select, text

from secdesk.documents.minutes import build_minutes
from secdesk.documents.model import Bullets, Heading, PageBreak, Paragraph, Table
from secdesk.errors import ValidationError
from secdesk.model import BlockKind, Classification, DecisionVerb, MinuteBlock, Section
from secdesk.services import actions, agenda, decisions, minute_blocks
from secdesk.services.rows import put_back
from secdesk.writers import write
from tests import factories

WHITE, AMBER = Classification.WHITE, Classification.AMBER


def _item(session):
    meeting = factories.held_meeting(session, factories.committee(session, "SECP"), 30, date(2026, 3, 11))
    item = agenda.add_item(session, meeting, "Any Other Business", section=Section.AOB,
                           minutes="The Panel heard two points.",
                           post_meeting_note="The letter was sent on 14 March.")
    decisions.add(session, item, DecisionVerb.NOTED, "the points raised")
    actions.raise_action(session, meeting, "SECAS to write to the DCC.", item=item)
    return meeting, item


def _said(document) -> list[str]:
    said = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            said.append("".join(r.text for r in block.runs))
        elif isinstance(block, Heading):
            said.append(block.text)
        elif isinstance(block, Bullets):
            said.extend("".join(r.text for r in line) for line in block.items)
        elif isinstance(block, Table):
            said.append(" | ".join(block.headers))
        elif isinstance(block, PageBreak):
            said.append("<page>")
    return said


def test_blocks_print_where_the_secretary_put_them_and_white_leaves_out_amber_ones(store, tmp_path: Path) -> None:
    with store.write() as session:
        meeting, item = _item(session)
        # As real minutes have it: a timescale table inside the item, the note in the middle,
        # the closing line after the decision, a confidential aside.
        minute_blocks.add_block(session, item, BlockKind.TABLE, "Stage | By\nDesign | May 2026\nBuild | July 2026",
                                at=2)
        minute_blocks.move_block(session, item, place=5, to=3)  # the note, after the table
        minute_blocks.add_block(session, item, BlockKind.PARAGRAPH,
                                "With no further business, the **Chair** closed the meeting.")
        minute_blocks.add_block(session, item, BlockKind.PARAGRAPH, "The supplier named was Acme Ltd.",
                                classification=AMBER, at=2)
        minute_blocks.add_block(session, item, BlockKind.NUMBERED, "First point\nSecond point", at=3)
        white = build_minutes(session, meeting, WHITE)
        amber = build_minutes(session, meeting, AMBER)
    said = _said(white)
    start = said.index("The Panel heard two points.")
    assert said[start:start + 8] == [
        "The Panel heard two points.",
        "First point", "Second point",
        "Stage | By",
        "Post Meeting Note: The letter was sent on 14 March.",
        "The SECP NOTED the points raised.",
        "ACTION SECP30/01: SECAS to write to the DCC.",
        "With no further business, the Chair closed the meeting.",
    ]
    assert "Acme" not in white.text() and "The supplier named was Acme Ltd." in _said(amber)
    assert white.text().count("closed the meeting") == 1  # the item's own line: no second closing line
    numbered = next(b for b in white.blocks if isinstance(b, Bullets) and b.numbered)
    assert len(numbered.items) == 2
    bold = next(b for b in white.blocks if isinstance(b, Paragraph) and "closed the meeting" in "".join(
        r.text for r in b.runs))
    assert [r.text for r in bold.runs if r.bold] == ["Chair"]
    # The order survives into Word and PDF.
    for fmt in ("docx", "pdf"):
        path = write(white, fmt, tmp_path / f"white.{fmt}")
        if fmt == "docx":
            written = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        else:
            written = "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
        places = [written.index(s) for s in ("two points", "Second point", "letter was sent", "NOTED", "SECP30/01",
                                             "closed the meeting")]
        assert places == sorted(places), fmt


def test_an_amber_block_is_sealed_at_rest(store, db_path: Path) -> None:
    with store.write() as session:
        _meeting, item = _item(session)
        minute_blocks.add_block(session, item, BlockKind.PARAGRAPH, "QZSECRETBLOCK", classification=AMBER)
    with store.read() as session:
        stored = session.execute(text("SELECT content, sealed_fields FROM minute_block WHERE kind = 'paragraph'")).one()
    assert "QZSECRETBLOCK" not in stored[0] and stored[1] == "content"
    assert b"QZSECRETBLOCK" not in db_path.read_bytes()


def test_a_decision_made_later_takes_its_place_before_the_closing_note_and_goes_with_its_decision(store) -> None:
    with store.write() as session:
        _meeting, item = _item(session)
        minute_blocks.add_block(session, item, BlockKind.HEADING, "Timescales", at=2)
        later = decisions.add(session, item, DecisionVerb.AGREED, "to write to the DCC")
        kinds = [place.kind for place in minute_blocks.sequence(item)]
        assert kinds[-2:] == [BlockKind.DECISION, BlockKind.NOTE] and kinds.count(BlockKind.DECISION) == 2
        taken = decisions.remove(session, later)
        assert [p.kind for p in minute_blocks.sequence(item)].count(BlockKind.DECISION) == 1
        put_back(session, taken)
        session.expire_all()
        assert [p.kind for p in minute_blocks.sequence(item)].count(BlockKind.DECISION) == 2
        assert session.scalar(select(MinuteBlock).where(MinuteBlock.decision_id == later.id)) is not None


def test_blocks_that_cannot_be_are_refused(store) -> None:
    with store.write() as session:
        _meeting, item = _item(session)
        with pytest.raises(ValidationError, match="same number of cells"):
            minute_blocks.add_block(session, item, BlockKind.TABLE, "A | B\nonly one")
        with pytest.raises(ValidationError, match="comes with its decision"):
            minute_blocks.add_block(session, item, BlockKind.DECISION)
        with pytest.raises(ValidationError, match="needs its text"):
            minute_blocks.add_block(session, item, BlockKind.PARAGRAPH, "   ")
        with pytest.raises(ValidationError, match="no block 40"):
            minute_blocks.move_block(session, item, place=40, to=1)
        place = minute_blocks.block_at(session, item, 2)  # the decision's place
        with pytest.raises(ValidationError, match="remove the decision itself"):
            minute_blocks.remove_block(session, place)


def test_arranged_blocks_travel_in_a_package_and_white_packages_hold_no_amber_block(store, tmp_path: Path) -> None:
    from secdesk.packages import dumps, export_meeting, import_package, loads
    from secdesk.store import open_store

    with store.write() as session:
        meeting, item = _item(session)
        minute_blocks.add_block(session, item, BlockKind.BULLETS, "One\nTwo", at=2)
        minute_blocks.add_block(session, item, BlockKind.PARAGRAPH, "QZAMBERBLOCK", classification=AMBER)
        minute_blocks.move_block(session, item, place=5, to=1)  # the note first
        amber_text = dumps(export_meeting(session, meeting, AMBER))
        white_text = dumps(export_meeting(session, meeting, WHITE))
        wanted = {level: _said(build_minutes(session, meeting, level)) for level in (WHITE, AMBER)}
    assert "QZAMBERBLOCK" not in white_text and "QZAMBERBLOCK" in amber_text
    for level, text_of in ((AMBER, amber_text), (WHITE, white_text)):
        target = open_store(tmp_path / f"{level.value}.sqlite", backup=False)
        with target.write() as session:
            import_package(session, loads(text_of))
            imported = session.scalar(select(type(meeting)))
            assert _said(build_minutes(session, imported, level)) == wanted[level]
        target.close()


def test_find_finds_an_item_by_the_text_of_its_blocks_amber_only_while_the_key_is_here(store) -> None:
    from secdesk.services import find

    with store.write() as session:
        _meeting, item = _item(session)
        minute_blocks.add_block(session, item, BlockKind.TABLE, "Stage | By\nProcurement | June 2026")
        minute_blocks.add_block(session, item, BlockKind.PARAGRAPH, "The bidder was Zephyrcorp.", classification=AMBER)
    with store.read() as session:
        procurement = find.find(session, "procurement")
        assert [(h.item_id, h.classification) for h in procurement] == [(item.id, AMBER)]  # its snippet may say more
        assert [h.item_id for h in find.find(session, "zephyrcorp")] == [item.id]
