"""`secdesk block`: an item's minutes arranged from the command line, as the exports print them."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from tests.cli_run import run


def test_blocks_are_listed_added_moved_and_removed_and_print_in_that_order(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(demo_file)
    code, out, _ = run(capsys, "--db", db, "block", "list", "TABASC 46", "3", "--json")
    assert code == 0
    before = json.loads(out)
    assert before[0]["kind"] == "text" and before[-1]["kind"] == "note"  # never arranged: the usual order
    code, out, err = run(capsys, "--db", db, "block", "add", "TABASC 46", "3", "table", "--at", "2",
                         "--text", "Stage | By\nDesign | May 2027")
    assert (code, err) == (0, "") and "table added as block 2" in out
    code, out, _ = run(capsys, "--db", db, "block", "add", "TABASC 46", "3", "paragraph",
                       "--text", "See the [plan](https://example.org/plan) for **dates**.")
    assert code == 0
    listed = json.loads(run(capsys, "--db", db, "block", "list", "TABASC 46", "3", "--json")[1])
    last = len(listed)
    assert listed[1]["kind"] == "table" and listed[-1]["kind"] == "paragraph"
    assert run(capsys, "--db", db, "block", "move", "TABASC 46", "3", str(last), "--to", "1")[0] == 0
    code, _, err = run(capsys, "--db", db, "block", "remove", "TABASC 46", "3", "3")  # the table, now third
    assert code == 0, err
    code, _, err = run(capsys, "--db", db, "block", "remove", "TABASC 46", "3", "2")  # the item's text
    assert code == 1 and "remove the text itself" in err
    code, _, err = run(capsys, "--db", db, "block", "add", "TABASC 46", "3", "table", "--text", "A | B\nC")
    assert code == 1 and "same number of cells" in err
    target = tmp_path / "m.docx"
    assert run(capsys, "--db", db, "minutes", "TABASC 46", "-o", str(target))[0] == 0
    document = docx.Document(str(target))
    texts = [p.text for p in document.paragraphs]
    assert "See the plan for dates." in texts
    assert "Stage" not in "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert 'https://example.org/plan' in [r.target_ref for r in document.part.rels.values() if r.is_external]


def test_block_text_and_set_round_trip_the_items_minutes_and_refuse_a_decision_of_another_item(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(demo_file)
    code, text, _ = run(capsys, "--db", db, "block", "text", "TABASC 46", "3")
    assert code == 0 and "{decision " in text
    first_place = text.index("{decision ")
    edited = text[:first_place] + "## Timescales\n\n| Stage | By |\n| Build | June 2027 |\n\n" + text[first_place:]
    source = tmp_path / "minutes.txt"
    source.write_text(edited, encoding="utf-8")
    code, out, err = run(capsys, "--db", db, "block", "set", "TABASC 46", "3", "--file", str(source))
    assert (code, err) == (0, "") and "blocks" in out
    assert run(capsys, "--db", db, "block", "text", "TABASC 46", "3")[1] == edited
    listed = json.loads(run(capsys, "--db", db, "block", "list", "TABASC 46", "3", "--json")[1])
    assert [row["kind"] for row in listed][1:3] == ["heading", "table"]

    source.write_text(edited + "\n\n{decision 999999}\n", encoding="utf-8")
    code, _, err = run(capsys, "--db", db, "block", "set", "TABASC 46", "3", "--file", str(source))
    assert code == 1 and "has no decision 999999" in err
    assert run(capsys, "--db", db, "block", "text", "TABASC 46", "3")[1] == edited  # nothing changed
    code, _, err = run(capsys, "--db", db, "block", "set", "TABASC 46", "3", "--file", str(tmp_path / "none.txt"))
    assert code == 1 and "Cannot read" in err
