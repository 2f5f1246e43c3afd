"""The levels the window offers are the levels the exports support, shown in the colours they print."""

from __future__ import annotations

from typing import Any

from secdesk.documents.common import marking_for
from secdesk.gui import levels, palette
from secdesk.gui.registers import open_planner, open_register
from secdesk.model import Classification, Committee
from tests.gui.conftest import read, settle


def test_every_exportable_level_is_offered_and_coloured_as_printed(window: Any) -> None:
    committee_id = read(window.store, lambda s: s.query(Committee).filter_by(code="TABASC").one().id)
    exported = [level.value for level in Classification]
    for screen in (open_planner(window, committee_id), open_register(window, committee_id)):
        settle()
        offered = [screen.level.itemData(i) for i in range(screen.level.count())]
        assert offered == exported
        assert screen.level.itemText(exported.index("amber")) == "Amber (limited circulation)"
        screen.close()
    for level in Classification:
        marking = marking_for(level)
        fill, ink = levels.colours(level.value)
        assert fill == f"#{marking.fill}"  # the fill the documents print
        # The documents' ink, or black or white where it would not read on the fill (Red's white: 3.7:1).
        assert ink == palette.readable(f"#{marking.ink}", fill) and palette.contrast(ink, fill) >= 4.5
        assert levels.tag(level.value) == ("" if level is Classification.WHITE else f"[{level.label.upper()}]")
