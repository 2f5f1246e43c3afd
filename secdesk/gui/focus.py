"""Tab order, set deliberately on every screen rather than left to the order widgets were made."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtWidgets import QWidget


def tab_order(*widgets: QWidget) -> None:
    """Tab goes through these in this order; hidden or disabled ones are skipped."""
    for first, then in pairwise(widgets):
        QWidget.setTabOrder(first, then)
