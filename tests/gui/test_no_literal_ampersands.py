"""Issue 18 item 11: no label shows a literal '&' ("&File:") where no mnemonic is processed.

A '&' marks a mnemonic only in a label with a buddy, a button, a menu entry or a tab; in a
label without a buddy (a form row whose field is a layout), a window title, a table heading or
a tooltip it is drawn as it is. Every screen the accessibility test walks, and the dialogs it
does not (Attach paper, Import minutes), is read for such text.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QTreeView,
    QWidget,
)

from secdesk.gui.dialogs import PaperDialog
from secdesk.gui.import_dialog import ImportMinutesDialog
from secdesk.model import Classification, Purpose
from secdesk.services.meetings import resolve_meeting
from tests.gui.conftest import read, settle
from tests.gui.test_accessibility import screens

pytestmark = pytest.mark.gui

MNEMONIC = re.compile(r"&(?!&)")
MARKUP = re.compile(r"<[a-zA-Z/][^>]*>|&[a-z]+;|&#\d+;")


def might_be_rich(text: str) -> bool:
    """Qt's own guess (Qt::mightBeRichText, not in PySide6) near enough: markup or an entity in it."""
    return bool(MARKUP.search(text))


def shown_with_ampersand(text: str, rich: bool) -> bool:
    """True when `text` would show a '&' meant as a mnemonic (an '&&' is a '&' on purpose)."""
    if rich:
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    return bool(MNEMONIC.search(text.replace("&&", "")))


def literal_ampersands(root: QWidget) -> list[str]:
    found: list[str] = []
    for label in root.findChildren(QLabel):
        rich = label.textFormat() == Qt.TextFormat.RichText or (
            label.textFormat() == Qt.TextFormat.AutoText and might_be_rich(label.text()))
        if label.buddy() is None and shown_with_ampersand(label.text(), rich):
            found.append(f"label {label.text()!r} (no buddy)")
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.isWindow() and "&" in widget.windowTitle():
            found.append(f"window title {widget.windowTitle()!r}")
        tip = widget.toolTip()
        if tip and shown_with_ampersand(tip, might_be_rich(tip)):
            found.append(f"tooltip {tip!r} of {type(widget).__name__}")
    for view in root.findChildren(QAbstractItemView):
        header = view.horizontalHeader() if isinstance(view, QTableView) else (
            view.header() if isinstance(view, QTreeView) else None)
        if header is None or view.model() is None:
            continue
        for section in range(header.count()):
            heading = view.model().headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            if isinstance(heading, str) and "&" in heading:
                found.append(f"heading {heading!r} of {type(view).__name__} {view.objectName()!r}")
    return found


def test_the_check_finds_a_form_row_label_with_a_layout_for_its_field(qtbot: Any) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    form = QFormLayout(root)
    row = QHBoxLayout()
    row.addWidget(QLineEdit())
    form.addRow("&File:", row)
    form.addRow("&Name:", QLineEdit())  # a widget field is the label's buddy: Alt+N, no '&' shown
    root.setWindowTitle("Import & export")
    assert literal_ampersands(root) == ["label '&File:' (no buddy)", "window title 'Import & export'"]


def test_the_attach_paper_dialog_has_no_literal_ampersand(qtbot: Any) -> None:
    dialog = PaperDialog("TABASC_46_1910_01", Purpose.DECISION, Classification.WHITE)
    qtbot.addWidget(dialog)
    assert literal_ampersands(dialog) == []
    file_label = next(label for label in dialog.findChildren(QLabel) if label.text() == "&File:")
    assert file_label.buddy() is dialog.file


def test_the_import_dialog_has_no_literal_ampersand(qtbot: Any, window: Any) -> None:
    dialog = ImportMinutesDialog(window.store, messages=window.messages, worker=window.worker,
                                  choose_file=lambda _parent: None)
    qtbot.addWidget(dialog)
    settle()
    assert literal_ampersands(dialog) == []


@pytest.mark.parametrize("index", range(16))
def test_no_screen_shows_a_literal_ampersand(window: Any, index: int) -> None:
    meeting_id, committee_id = read(window.store, lambda s: (resolve_meeting(s, "TABASC 46").id,
                                                             resolve_meeting(s, "TABASC 46").committee_id))
    where, open_screen = screens(window, meeting_id, committee_id)[index]
    root = open_screen()
    settle()
    try:
        assert literal_ampersands(root) == [], where
    finally:
        if root is not window:
            root.close()
            settle()
        window.dialog = None
