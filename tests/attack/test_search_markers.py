"""The search index against the marker attack: confidential text is found, and never reaches the file.

A unique marker in every confidential field that search covers; the markers are searched
(so the in-memory index holds them), then the database file is read byte by byte, and
each full-text table is asked for them. Text that was White and is made Amber leaves
no trace either: the FTS table is rewritten when a field is sealed, and SQLite's
secure_delete zeroes the pages that frees.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select, text

from secdesk.model import ActionStatus, AgendaItem, Classification, Decision, DecisionVerb
from secdesk.services import actions, agenda, find
from secdesk.services.action_filter import ConfidentialText, LogFilter, page
from secdesk.services.search import SOURCES, ConfidentialIndex
from tests import factories

AMBER = Classification.AMBER
FIELDS = ("ITEMTITLE", "MINUTES", "NOTE", "DECISION", "ACTIONTEXT", "ACTIONOWNER", "UPDATE", "PAPERTITLE")


def _marker(field: str) -> str:
    return f"QZSRCH{field}"


def _file_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists())


def _markers_in_index(session, markers: list[str]) -> list[str]:
    found = []
    for source in SOURCES.values():
        for marker in markers:
            query = text(f"SELECT count(*) FROM {source.full_text} WHERE {source.full_text} MATCH :q")
            if session.execute(query, {"q": f'"{marker}"'}).scalar_one():
                found.append(f"{source.table}: {marker}")
    return found


def _trigrams_in_index(session, marker: str) -> list[str]:
    """The marker's tokens (trigrams with its '#') found in the pages of the agenda items' index."""
    blocks = b"".join(session.execute(text("SELECT block FROM search_agenda_item_data")).scalars())
    lowered = marker.lower()
    grams = {lowered[i : i + 3] for i in range(len(lowered) - 2)}
    return sorted(g for g in grams if "#" in g and g.encode() in blocks)


def test_amber_text_is_searchable_and_never_written_to_the_database(db_path: Path, store) -> None:
    with store.write() as session:
        tabasc = factories.committee(session)
        meeting = factories.held_meeting(session, tabasc, 16, date(2027, 3, 20))
        later = factories.held_meeting(session, tabasc, 17, date(2027, 4, 17))
        item = agenda.add_item(session, meeting, _marker("ITEMTITLE"), public_title="Supplier matter",
                               classification=AMBER)
        item.minutes, item.post_meeting_note = _marker("MINUTES"), _marker("NOTE")
        session.add(Decision(item=item, verb=DecisionVerb.NOTED, text=_marker("DECISION"),
                             classification=Classification.WHITE))  # Amber by its item
        white_item = agenda.add_item(session, meeting, "Public item")
        action = actions.raise_action(session, meeting, _marker("ACTIONTEXT"), owner=_marker("ACTIONOWNER"),
                                      item=white_item, classification=AMBER)
        agenda.add_paper(session, item, _marker("PAPERTITLE"))
        session.flush()
        actions.record_update(session, [action], later, _marker("UPDATE"), ActionStatus.ONGOING)
    markers = [_marker(f) for f in FIELDS]
    with store.read() as session:
        index = ConfidentialIndex(session)
        for marker in markers:  # the search works: each marker is found, in memory
            assert find.find(session, marker.lower(), confidential=index), marker
        assert [r.owner for r in page(session, LogFilter(text=_marker("ACTIONOWNER"), status=None),
                                      ConfidentialText(session))] == [_marker("ACTIONOWNER")]
        assert _markers_in_index(session, markers) == []
        assert _markers_in_index(session, ["Supplier matter"]) == ["agenda_item: Supplier matter"]  # public
    store.close()
    on_disk = _file_bytes(db_path)
    assert b"Supplier matter" in on_disk  # the search of the bytes is known to work
    assert [m for m in markers if m.encode() in on_disk or m.lower().encode() in on_disk] == []


def test_text_made_amber_leaves_the_index_and_the_file(db_path: Path, store) -> None:
    was_white = "QZ#WASWHITE"  # '#' is never in ciphertext (base64), so its trigrams are this text's alone
    with store.write() as session:
        meeting = factories.held_meeting(session, factories.committee(session), 16, date(2027, 3, 20))
        # The database's key is made by its first sealed value (reclassifying is not one, yet).
        agenda.add_item(session, meeting, "Already confidential", classification=AMBER).minutes = "Sealed"
        for number in range(40):  # enough rows that the index has more than one page
            agenda.add_item(session, meeting, f"Routine item {number} about the register")
        item = agenda.add_item(session, meeting, "Supplier item")
        item.minutes = f"The {was_white} supplier failed its audit."
        session.flush()
        item_id = item.id
    with store.read() as session:
        assert _markers_in_index(session, [was_white]) == [f"agenda_item: {was_white}"]
        assert _trigrams_in_index(session, was_white)  # this check can see the text's tokens
    with store.write() as session:
        session.get(AgendaItem, item_id).classification = AMBER
    with store.read() as session:
        assert _markers_in_index(session, [was_white]) == []
        # Deleting from an FTS index only marks the tokens deleted; they would stay in its pages until a merge.
        assert _trigrams_in_index(session, was_white) == []
        assert [h.item_id for h in find.find(session, was_white)] == [item_id]  # still found, in memory
        minutes = session.scalars(select(AgendaItem.minutes).where(AgendaItem.id == item_id)).one()
        assert was_white not in minutes  # stored sealed
    store.close()
    on_disk = _file_bytes(db_path)
    assert b"Routine item 3" in on_disk
    assert was_white.encode() not in on_disk and was_white.lower().encode() not in on_disk
