"""What a screen reader says of each widget, and Tab that never gets trapped.

Every window opens no larger than its screen (`fit_to_screen`) and can be made smaller
than a 1366x768 laptop at 150 % gives.

Qt names a widget from its buddy label or its own text; a table, a list, a time field
beside a bare "to" or a box under a heading has neither, so each screen names those
here, at the place it builds them. Qt's item views move between their cells with Tab
by default and so keep the focus for ever: `free_tab` hands Tab back to the window
(arrow keys still move inside).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QWidget


def name(pairs: Iterable[tuple[QWidget, str]]) -> None:
    for widget, spoken in pairs:
        widget.setAccessibleName(spoken)


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """The size a window opens at, never larger than the screen it opens on (a 1366x768 laptop at 150 %
    has 910x512 to offer)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        space = screen.availableGeometry()
        width, height = min(width, int(space.width() * 0.96)), min(height, int(space.height() * 0.92))
    window.resize(width, height)


def smaller(widget: QWidget) -> None:
    """A step below the user's own font size (a hint under a field), never a fixed pixel size."""
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    widget.setFont(font)


def free_tab(root: QWidget) -> None:
    """Every item view under `root` leaves on Tab (and Shift+Tab) instead of moving from cell to cell."""
    views = root.findChildren(QAbstractItemView)
    if isinstance(root, QAbstractItemView):
        views.append(root)
    for view in views:
        view.setTabKeyNavigation(False)
