"""Importing minutes fills each item's blocks in the order the file gives them: paragraphs,
sub-headings, lists, tables, decisions, actions and the post-meeting note where they stand."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from secdesk.documents.minutes import build_minutes
from secdesk.documents.model import Bullets, Heading, Paragraph, Table
from secdesk.importers.apply import import_minutes, parse_for_committee
from secdesk.importers.parser import parse
from secdesk.importers.text_extract import extract
from secdesk.model import BlockKind, Classification
from secdesk.services import committees, meetings, minute_blocks
from secdesk.store import Store

HEADING = "Harbour Board Meeting 12"


@pytest.fixture
def board(store: Store) -> Store:
    with store.write() as session:
        committees.create_committee(session, "HB", "Harbour Board", "The Board")
    return store


def _link(paragraph, text: str, url: str) -> None:
    """A web link in a Word paragraph (python-docx has no call for it)."""
    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def _heading_block(document) -> None:
    for line in (HEADING, "Meeting HB_12_0405, 4th May 2026", "Pier Office, Quay Road", "Final Minutes"):
        document.add_paragraph(line)


def _word_minutes(path: Path) -> Path:
    """Minutes in Word whose second item says things in an order of its own."""
    document = docx.Document()
    _heading_block(document)
    document.add_paragraph("1. Welcome")
    document.add_paragraph("The Chair welcomed the members to the spring meeting.")
    document.add_paragraph("2. Dredging Programme")
    intro = document.add_paragraph("The engineer presented the ")
    intro.add_run("revised").bold = True
    intro.add_run(" dredging plan, noting the ")
    intro.add_run("tidal window").italic = True
    intro.add_run(" and the survey at ")
    _link(intro, "the survey page", "https://harbour.example/survey")
    intro.add_run(". Depths are quoted * as charted *.")
    document.add_heading("Timescales", level=2)
    table = document.add_table(rows=3, cols=2)
    for row, cells in enumerate((("Stage", "By"), ("Survey", "June 2026"), ("Dredge", "September 2026"))):
        for column, cell_text in enumerate(cells):
            table.cell(row, column).text = cell_text
    document.add_paragraph("The members raised three points:")
    for point in ("noise at night;", "the silt barge route; and", "the cost of a second survey."):
        document.add_paragraph(point, style="List Bullet")
    document.add_paragraph("The Board APPROVED the dredging plan.")
    document.add_paragraph("Post Meeting Note: The survey vessel was booked on 6 May.")
    document.add_paragraph("The next steps agreed were:")
    for step in ("publish the notice to mariners", "brief the moorings holders"):
        document.add_paragraph(step, style="List Number")
    document.add_paragraph("ACTION HB12/01: The engineer to publish the notice to mariners by 31st May 2026.")
    document.add_paragraph("3. Any Other Business")
    document.add_paragraph("The Board NOTED the date of the regatta.")
    document.add_paragraph("ACTION HB12/02: The secretary to write to the regatta club.")
    document.add_paragraph("There was no further business and the Chair closed the meeting.")
    document.save(str(path))
    return path


def _import(store: Store, path: Path, code: str = "HB"):
    return import_minutes(store, parse_for_committee(store, path, code), code)


def _places(store: Store, number: int, item_number: int) -> list[tuple[BlockKind, str]]:
    """(kind, what it holds) of each place of an item, in order, read back from the database."""
    with store.read() as session:
        meeting = meetings.resolve_meeting(session, ["HB", str(number)])
        item = next(i for i in meeting.items if i.number == item_number)
        said = []
        for place in minute_blocks.sequence(item):
            if place.decision is not None:
                said.append((place.kind, f"{place.decision.verb.value} {place.decision.text}"))
            elif place.action is not None:
                said.append((place.kind, place.action.reference))
            elif place.kind is BlockKind.TEXT:
                said.append((place.kind, item.minutes))
            elif place.kind is BlockKind.NOTE:
                said.append((place.kind, item.post_meeting_note or ""))
            else:
                assert place.block is not None
                said.append((place.kind, place.block.content))
        return said


def _printed(store: Store, number: int, level: Classification = Classification.AMBER) -> list[str]:
    """The minutes as built for export, one string a block (a list's entries, a table's rows)."""
    with store.read() as session:
        document = build_minutes(session, meetings.resolve_meeting(session, ["HB", str(number)]), level)
    said = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            said.append("".join(run.text for run in block.runs))
        elif isinstance(block, Heading):
            said.append(block.text)
        elif isinstance(block, Bullets):
            said.extend(("# " if block.numbered else "- ") + "".join(r.text for r in line) for line in block.items)
        elif isinstance(block, Table):
            said.append(" | ".join(block.headers))
            said.extend(
                " | ".join("".join(r.text for line in cell.lines for r in line) for cell in row) for row in block.rows
            )
    return said


# ---------------------------------------------------------------- Word


def test_a_word_item_keeps_its_order_its_table_its_lists_and_its_emphasis(board: Store, tmp_path: Path):
    report = _import(board, _word_minutes(tmp_path / "hb12.docx"))
    assert report.meeting == "HB_12_0405" and report.warnings == []
    places = _places(board, 12, 2)
    assert [kind for kind, _content in places] == [
        BlockKind.TEXT,  # nothing typed: the item starts with marked-up text
        BlockKind.PARAGRAPH,
        BlockKind.HEADING,
        BlockKind.TABLE,
        BlockKind.PARAGRAPH,
        BlockKind.BULLETS,
        BlockKind.DECISION,
        BlockKind.NOTE,  # where the file has it, not at the end
        BlockKind.PARAGRAPH,
        BlockKind.NUMBERED,
        BlockKind.ACTION,
    ]
    contents = [content for _kind, content in places]
    assert contents[0] == ""
    # Bold and italic runs and the link are kept as a paragraph block stores them; the
    # asterisks the file has as text are escaped, so they print as written.
    assert contents[1] == (
        "The engineer presented the **revised** dredging plan, noting the *tidal window* and the survey at "
        "[the survey page](https://harbour.example/survey). Depths are quoted \\* as charted \\*."
    )
    assert contents[2] == "Timescales"
    assert json.loads(contents[3]) == [["Stage", "By"], ["Survey", "June 2026"], ["Dredge", "September 2026"]]
    assert contents[5].splitlines() == ["noise at night;", "the silt barge route; and", "the cost of a second survey."]
    assert contents[6] == "APPROVED the dredging plan"
    assert contents[7] == "The survey vessel was booked on 6 May."
    assert contents[9].splitlines() == ["publish the notice to mariners", "brief the moorings holders"]
    assert contents[10] == "HB12/01"


def test_the_export_prints_the_item_in_the_file_s_order(board: Store, tmp_path: Path):
    _import(board, _word_minutes(tmp_path / "hb12.docx"))
    printed = _printed(board, 12)
    start = printed.index("2. Dredging Programme")
    assert printed[start + 1 : start + 19] == [
        (
            "The engineer presented the revised dredging plan, noting the tidal window and the survey at "
            "the survey page. Depths are quoted * as charted *."
        ),
        "Timescales",
        "Stage | By",
        "Survey | June 2026",
        "Dredge | September 2026",
        "The members raised three points:",
        "- noise at night;",
        "- the silt barge route; and",
        "- the cost of a second survey.",
        "The Board APPROVED the dredging plan.",
        "Post Meeting Note: The survey vessel was booked on 6 May.",
        "The next steps agreed were:",
        "# publish the notice to mariners",
        "# brief the moorings holders",
        "ACTION HB12/01: The engineer to publish the notice to mariners by 31st May 2026.",
        "3. Any Other Business",
        "The Board NOTED the date of the regatta.",
        "ACTION HB12/02: The secretary to write to the regatta club.",
    ]
    # The closing line the minutes wrote stays after the action, and is not printed twice.
    assert printed[start + 19] == "There was no further business and the Chair closed the meeting."
    assert sum("closed the meeting" in line for line in printed) == 1


def test_the_runs_print_bold_and_italic_and_the_link_goes_where_it_went(board: Store, tmp_path: Path):
    _import(board, _word_minutes(tmp_path / "hb12.docx"))
    with board.read() as session:
        document = build_minutes(session, meetings.resolve_meeting(session, ["HB", "12"]), Classification.WHITE)
    paragraph = next(
        b for b in document.blocks
        if isinstance(b, Paragraph) and b.runs[0].text.startswith("The engineer presented")
    )
    marked = {(r.text, r.bold, r.italic, r.link) for r in paragraph.runs if r.bold or r.italic or r.link}
    assert marked == {
        ("revised", True, False, None),
        ("tidal window", False, True, None),
        ("the survey page", False, False, "https://harbour.example/survey"),
    }


def test_an_item_in_the_usual_order_stays_unarranged(board: Store, tmp_path: Path):
    _import(board, _word_minutes(tmp_path / "hb12.docx"))
    with board.read() as session:
        meeting = meetings.resolve_meeting(session, ["HB", "12"])
        welcome, dredging, business = sorted(meeting.items, key=lambda i: i.number)
        # Item 1 is text alone; item 3 ends with a paragraph after its action, so it has rows.
        assert welcome.blocks == [] and welcome.minutes == "The Chair welcomed the members to the spring meeting."
        assert dredging.blocks and business.blocks
    assert [kind for kind, _content in _places(board, 12, 3)] == [
        BlockKind.TEXT, BlockKind.DECISION, BlockKind.ACTION, BlockKind.PARAGRAPH, BlockKind.NOTE
    ]


def test_plain_text_then_decisions_then_actions_stays_as_typed_text(board: Store, tmp_path: Path):
    path = tmp_path / "plain.txt"
    path.write_text(
        f"{HEADING}\n\nMeeting HB_12_0405, 4th May 2026\n\nFinal Minutes\n\n1. Moorings\n\n"
        "The harbour master reported on the winter moorings.\n\n"
        "- two buoys need new chains\n- one pontoon was damaged\n\n"
        "Members asked for a costed plan.\n\n"
        "The Board NOTED the report.\n\n"
        "ACTION HB12/01: The harbour master to cost the repairs.\n\n"
        "Post Meeting Note: The chains were ordered on 8 May.\n",
        encoding="utf-8",
    )
    _import(board, path)
    with board.read() as session:
        item = meetings.resolve_meeting(session, ["HB", "12"]).items[0]
        assert item.blocks == []  # SecDesk's usual order: nothing to arrange
        assert item.minutes == (
            "The harbour master reported on the winter moorings.\n\n"
            "\u2022 two buoys need new chains\n\u2022 one pontoon was damaged\n\n"
            "Members asked for a costed plan."
        )
    printed = _printed(board, 12)
    assert printed[printed.index("1. Moorings") + 1 :] == [
        "The harbour master reported on the winter moorings.",
        "- two buoys need new chains",
        "- one pontoon was damaged",
        "Members asked for a costed plan.",
        "The Board NOTED the report.",
        "ACTION HB12/01: The harbour master to cost the repairs.",
        "Post Meeting Note: The chains were ordered on 8 May.",
        "With no further business raised, the Chair closed the meeting.",
    ]


def test_a_pipe_table_in_a_text_file_is_a_table_with_its_header(board: Store, tmp_path: Path):
    path = tmp_path / "table.txt"
    path.write_text(
        f"{HEADING}\n\nMeeting HB_12_0405, 4th May 2026\n\nFinal Minutes\n\n1. Fees\n\n"
        "The treasurer set out the fees for next year.\n\n"
        "| Berth | Fee |\n| --- | --- |\n| Visitor | 30 a night |\n| Resident | 900 a year |\n\n"
        "The Board AGREED the fees.\n",
        encoding="utf-8",
    )
    _import(board, path)
    places = _places(board, 12, 1)
    assert [kind for kind, _ in places] == [BlockKind.TEXT, BlockKind.TABLE, BlockKind.DECISION, BlockKind.NOTE]
    assert json.loads(places[1][1]) == [["Berth", "Fee"], ["Visitor", "30 a night"], ["Resident", "900 a year"]]


def test_a_pdf_copy_whose_bullets_were_lost_keeps_its_list_and_sub_heading(tmp_path: Path):
    # A PDF copied out as text: every line followed by an empty one, the bullet glyphs
    # gone and only the space before each entry left, a sub-heading on a short line.
    body = [
        "1. Harbour Works",
        "The engineer set out the works planned for the summer, which are:",
        " the repair of the north wall;",
        " the new lighting on the pier; and",
        " the slipway resurfacing.",
        "Members welcomed the plan and asked for a timetable to be published on the",
        "website before the season starts.",
        "Funding",
        "The treasurer confirmed that the works fall within this year's budget.",
        "The Board NOTED the plan.",
    ]
    path = tmp_path / "copied.txt"
    path.write_text("\n\n".join(body) + "\n", encoding="utf-8")
    parsed = parse(extract(path), voice="The Board", code="HB")
    blocks = parsed.items[0].blocks
    assert [(b.kind, b.content) for b in blocks[:5]] == [
        ("paragraph", "The engineer set out the works planned for the summer, which are:"),
        ("bullets", "the repair of the north wall;\nthe new lighting on the pier; and\nthe slipway resurfacing."),
        ("paragraph", (
            "Members welcomed the plan and asked for a timetable to be published on the "
            "website before the season starts."
        )),
        ("heading", "Funding"),
        ("paragraph", "The treasurer confirmed that the works fall within this year's budget."),
    ]
    assert blocks[5].kind == "decision" and blocks[5].element is parsed.items[0].decisions[0]


def test_the_json_names_each_place_and_a_row_left_out_leaves_its_place_out(board: Store, tmp_path: Path):
    path = _word_minutes(tmp_path / "hb12.docx")
    parsed = parse_for_committee(board, path, "HB")
    found = json.loads(json.dumps(parsed.to_json()))
    places = [(b["kind"], b.get("decision"), b.get("action")) for b in found["items"][1]["blocks"]]
    assert ("decision", 0, None) in places and ("action", None, "HB12/01") in places
    assert places.index(("decision", 0, None)) < places.index(("note", None, None))
    # The review table unticks the decision: the import leaves out the decision and its place.
    item = parsed.items[1]
    without = dataclasses.replace(
        parsed,
        items=[parsed.items[0], dataclasses.replace(item, decisions=[]), *parsed.items[2:]],
    )
    report = import_minutes(board, without, "HB")
    assert report.decisions == 1  # item 3's only
    kinds = [kind for kind, _ in _places(board, 12, 2)]
    assert BlockKind.DECISION not in kinds and kinds.index(BlockKind.NOTE) == 6


def test_reimporting_replaces_the_blocks_and_duplicates_nothing(board: Store, tmp_path: Path):
    path = _word_minutes(tmp_path / "hb12.docx")
    _import(board, path)
    first = _places(board, 12, 2)
    _import(board, path)
    assert _places(board, 12, 2) == first


def test_a_confidential_item_s_blocks_are_at_its_level(board: Store, tmp_path: Path):
    document = docx.Document()
    _heading_block(document)
    document.add_paragraph("1. Security Review")
    document.add_paragraph(
        "The Board received a confidential report. Further details on this agenda item can be found in "
        "the confidential minutes."
    )
    document.add_heading("Findings", level=2)
    document.add_paragraph("The Board NOTED the report.")
    document.add_paragraph("There was no further business.")
    document.save(str(tmp_path / "secret.docx"))
    _import(board, tmp_path / "secret.docx")
    with board.read() as session:
        item = meetings.resolve_meeting(session, ["HB", "12"]).items[0]
        assert item.classification is Classification.AMBER
        assert {block.classification for block in item.blocks if block.kind in minute_blocks.ADDED_KINDS} == {
            Classification.AMBER
        }
    white = _printed(board, 12, Classification.WHITE)
    assert "Findings" not in white and "There was no further business." not in white


def test_item_one_prints_the_previous_minutes_once_then_its_text_and_table(board: Store, tmp_path: Path):
    document = docx.Document()
    _heading_block(document)
    document.add_paragraph("1. Minutes and Actions Outstanding")
    document.add_paragraph(
        "The draft minutes from the April 2026 Board meeting were agreed as final. The following updates "
        "were provided:"
    )
    table = document.add_table(rows=2, cols=3)
    for column, cell_text in enumerate(("Action Reference", "Action", "Update")):
        table.cell(0, column).text = cell_text
    for column, cell_text in enumerate(
        ("HB11/02", "The secretary to renew the insurance.", "Renewed in April. Action CLOSED.")
    ):
        table.cell(1, column).text = cell_text
    document.add_paragraph("2. Any Other Business")
    document.add_paragraph("There was no further business.")
    document.save(str(tmp_path / "item1.docx"))
    _import(board, tmp_path / "item1.docx")
    printed = _printed(board, 12)
    start = printed.index("1. Minutes and Actions Outstanding")
    assert printed[start + 1 : start + 5] == [
        "The draft minutes from the April 2026 Board meeting were agreed as final.",
        "The following updates were provided:",
        "Action Reference | Action | Update",
        "HB11/02 | The secretary to renew the insurance. | Renewed in April.Action CLOSED.",
    ]
    assert sum("were agreed as final" in line for line in printed) == 1
    with board.read() as session:
        assert meetings.resolve_meeting(session, ["HB", "12"]).items[0].blocks == []


def test_word_styles_make_headings_and_a_bold_line_is_one(tmp_path: Path):
    document = docx.Document()
    _heading_block(document)
    if "Body Text" not in [s.name for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH]:
        document.styles.add_style("Body Text", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("1. Budget")
    document.add_paragraph("Capital works").runs[0].bold = True
    document.add_paragraph("The treasurer presented the capital budget.", style="Body Text")
    document.add_paragraph("The Board APPROVED the budget.")
    document.save(str(tmp_path / "budget.docx"))
    parsed = parse(extract(tmp_path / "budget.docx"), voice="The Board", code="HB")
    assert [(b.kind, b.content) for b in parsed.items[0].blocks] == [
        ("heading", "Capital works"),
        ("paragraph", "The treasurer presented the capital budget."),
        ("decision", ""),
    ]
