"""Issue 18, accessibility: every screen walked as a screen reader and a keyboard-only user meet it.

For each screen: every widget that takes the focus has a name a screen reader can say
(its own text, its buddy label or an accessible name), no table or list keeps Tab for
its cells, and Tab pressed from the first widget reaches every widget that takes the
focus by Tab and comes back round, so nothing is unreachable and nothing traps it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTextEdit,
    QWidget,
)

from secdesk.gui import registers, security
from secdesk.gui.live import open_actions_log, open_live
from secdesk.gui.pack_dialog import open_pack_dialog
from secdesk.services.meetings import resolve_meeting
from tests.gui.conftest import read, settle

pytestmark = pytest.mark.gui

INTERACTIVE = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit, QComboBox, QAbstractItemView, QAbstractSpinBox)


def takes_focus(widget: QWidget, root: QWidget) -> bool:
    if not widget.isVisibleTo(root) or not widget.isEnabled():
        return False
    if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
        return False  # the editor inside a combo or spin box: the box is what is named and reached
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and isinstance(widget, INTERACTIVE)


def spoken(widget: QWidget, buddies: set[QWidget]) -> str:
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return widget.text()
    return "(buddy)" if widget in buddies else ""


def unnamed(root: QWidget) -> list[str]:
    buddies = {label.buddy() for label in root.findChildren(QLabel) if label.buddy() is not None}
    return [f"{type(w).__name__} {w.objectName()!r}" for w in root.findChildren(QWidget)
            if takes_focus(w, root) and not spoken(w, buddies)]


def tab_traps(root: QWidget) -> list[str]:
    return [f"{type(v).__name__} {v.objectName()!r}" for v in root.findChildren(QAbstractItemView)
            if v.isVisibleTo(root) and v.tabKeyNavigation()]


def unreached_by_tab(qtbot: Any, root: QWidget) -> list[str]:
    """Press Tab from the first focusable widget until the focus comes back round; what was never reached."""
    wanted = [w for w in root.findChildren(QWidget) if takes_focus(w, root)]
    if not wanted:
        return []
    root.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is root)
    wanted[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wanted[0])
    seen: list[QWidget] = []
    for _ in range(5 * len(wanted) + 10):
        widget = QApplication.focusWidget()
        if widget is None or (len(seen) > 1 and widget is seen[0] and seen[-1] is not widget):
            break
        if not seen or seen[-1] is not widget:  # a date field takes Tab for its day, month and year first
            seen.append(widget)
        qtbot.keyClick(widget, Qt.Key_Tab)
    reached = set(seen)
    # Radio buttons of one group are one Tab stop (the arrow keys choose among them), as on every desktop.
    for widget in seen:
        if isinstance(widget, QRadioButton) and widget.autoExclusive() and widget.parent() is not None:
            reached |= {r for r in widget.parent().findChildren(QRadioButton) if r.autoExclusive()}
    return [f"{type(w).__name__} {w.objectName()!r}" for w in wanted if w not in reached]


def check(qtbot: Any, root: QWidget, where: str) -> None:
    settle()
    assert unnamed(root) == [], f"{where}: widgets a screen reader cannot name: {unnamed(root)}"
    assert tab_traps(root) == [], f"{where}: views that keep Tab for their cells: {tab_traps(root)}"
    missed = unreached_by_tab(qtbot, root)
    assert missed == [], f"{where}: widgets Tab never reaches: {missed}"


def screens(window: Any, meeting_id: int, committee_id: int) -> list[tuple[str, Callable[[], QWidget]]]:
    def meeting_page() -> QWidget:
        assert window.select("meeting", meeting_id)
        settle()
        window.meeting_page.ui.tabs.setCurrentIndex(0)
        window.meeting_page.select_item(window.meeting_page.meeting.items[2].id)
        return window

    def attendance_tab() -> QWidget:
        meeting_page()
        window.meeting_page.ui.tabs.setCurrentIndex(1)
        return window

    def committee_page() -> QWidget:
        assert window.select("committee", committee_id)
        return window

    def live() -> QWidget:
        meeting_page()
        screen = open_live(window, meeting_id)
        assert screen is not None
        return screen

    def register_tab(tab: int) -> QWidget:
        screen = registers.open_register(window, committee_id)
        assert screen is not None
        settle()
        screen.tabs.setCurrentIndex(tab)
        return screen

    def dialog(open_it: Callable[[], object]) -> Callable[[], QWidget]:
        def opened() -> QWidget:
            meeting_page()
            open_it()
            settle()
            shown = window.dialog if window.dialog is not None else None
            assert shown is not None and shown.isVisible()
            return shown
        return opened

    return [
        ("meeting page", meeting_page),
        ("attendance", attendance_tab),
        ("committee page", committee_page),
        ("live screen", live),
        ("actions log", lambda: open_actions_log(window)),
        ("risk register", lambda: registers.open_register(window, committee_id)),
        ("activity planner", lambda: registers.open_planner(window, committee_id)),
        ("risk reviews", lambda: register_tab(1)),
        ("risk thresholds", lambda: register_tab(2)),
        ("find", dialog(window.find)),
        ("preferences", dialog(window.preferences)),
        ("new committee", dialog(window.new_committee)),
        ("new meeting", dialog(lambda: window.new_meeting(committee_id))),
        ("security", dialog(lambda: security.show_security(window))),
        ("audit trail", dialog(lambda: security.show_audit(window, meeting_id))),
        ("pack", dialog(lambda: open_pack_dialog(window))),
    ]


@pytest.mark.parametrize("index", range(16))
def test_every_screen_names_its_widgets_and_tab_goes_round_all_of_them(
    window: Any, qtbot: Any, index: int
) -> None:
    meeting_id, committee_id = read(window.store, lambda s: (resolve_meeting(s, "TABASC 46").id,
                                                             resolve_meeting(s, "TABASC 46").committee_id))
    where, open_screen = screens(window, meeting_id, committee_id)[index]
    root = open_screen()
    settle()
    try:
        check(qtbot, root, where)
    finally:
        if root is not window:
            root.close()
            settle()
        window.dialog = None


def test_each_alt_key_on_the_meeting_page_has_one_owner(window: Any) -> None:
    """An Alt key two visible labels, buttons, tabs or menus claim goes to neither (Qt calls it ambiguous)."""
    import re
    from collections import Counter

    from PySide6.QtWidgets import QTabBar

    meeting_id = read(window.store, lambda s: resolve_meeting(s, "TABASC 46").id)
    assert window.select("meeting", meeting_id)
    settle()
    for tab in (0, 1):
        window.meeting_page.ui.tabs.setCurrentIndex(tab)
        settle()
        claimed: list[tuple[str, str]] = []
        for widget in window.findChildren(QWidget):
            if not widget.isVisibleTo(window):
                continue
            texts = [widget.text()] if isinstance(widget, (QAbstractButton, QLabel)) else []
            if isinstance(widget, QTabBar):
                texts = [widget.tabText(i) for i in range(widget.count())]
            claimed += [(m.group(1).lower(), text) for text in texts if (m := re.search(r"&([^&\s])", text))]
        claimed += [(m.group(1).lower(), action.text()) for action in window.menuBar().actions()
                    if (m := re.search(r"&([^&\s])", action.text()))]
        twice = {key: [text for k, text in claimed if k == key] for key, n in Counter(k for k, _ in claimed).items()
                 if n > 1}
        assert twice == {}, (tab, twice)
