"""The main window's menus and toolbar, all present at the first paint.

An entry imports the screen behind it when first used, so the window appears
before SQLAlchemy, the exports and the register screens have loaded. Entries
that need the database are listed in `window.database_actions` and stay
disabled until it is open.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QStyle, QToolBar, QToolButton

from secdesk import glossary
from secdesk.vocabulary import Classification

if TYPE_CHECKING:
    from secdesk.gui.main_window import MainWindow

Shortcut = QKeySequence.StandardKey | str | None
# What the main window exports for the meeting shown, each at White or Amber, as PDF or Word.
EXPORTS = (("minutes", "Export &minutes"), ("agenda", "Export a&genda"),
           ("action_log", glossary.mnemonic(f"Export {glossary.ACTION_LOG}", "l")))
EXPORT_LEVELS = (Classification.WHITE, Classification.AMBER)
EXPORT_FORMATS = (("pdf", "PDF"), ("docx", "Word"))


def make_action(window: MainWindow, text: str, slot: Callable[[], Any], shortcut: Shortcut = None,
                icon: QStyle.StandardPixmap | None = None) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if icon is not None:
        action.setIcon(window.style().standardIcon(icon))
    action.triggered.connect(lambda _checked=False: slot())
    return action


def feature(window: MainWindow, module: str, function: str) -> Callable[[], Any]:
    """A slot that imports `module` when first triggered and calls `function(window)`."""
    return lambda: getattr(importlib.import_module(module), function)(window)


def _fill(menu: QMenu | QToolBar, entries: Sequence[QAction | None]) -> None:
    """The entries in order; None is a separator."""
    for action in entries:
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)


def build(window: MainWindow) -> None:
    """Every menu and the toolbar; sets the window's `*_action(s)` attributes."""
    act = partial(make_action, window)
    _file_menu(window, act)
    _edit_menu(window, act)
    _meeting_menu(window, act)
    _registers_menu(window, act)
    help_menu = window.menuBar().addMenu("&Help")
    window.about_action = act("&About SecDesk", window.about)
    window.about_action.setMenuRole(QAction.AboutRole)
    _fill(help_menu, (window.security_actions["status"], window.about_action))

    toolbar = window.addToolBar("Main")
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
    _fill(toolbar, (window.new_meeting_action, window.undo_action, window.redo_action, window.find_action,
                    window.export_menu.menuAction()))
    export_button = toolbar.widgetForAction(window.export_menu.menuAction())
    if isinstance(export_button, QToolButton):
        export_button.setPopupMode(QToolButton.InstantPopup)  # a click opens the menu: there is no default

    # Undo and Redo are not listed: they follow the undo stack, once there is one.
    window.database_actions = [
        window.new_meeting_action, window.new_committee_action, window.import_action, window.find_action,
        window.delete_action,
        *window.security_actions.values(), *window.live_actions.values(), window.build_pack_action,
        *window.register_actions.values(), *window.export_actions.values(),
    ]


def _file_menu(window: MainWindow, act: Callable[..., QAction]) -> None:
    security = "secdesk.gui.security"
    window.new_meeting_action = act("&New meeting...", window.new_meeting, QKeySequence.New, QStyle.SP_FileIcon)
    window.new_committee_action = act("New &committee...", window.new_committee)
    window.import_action = act("&Import minutes...", window.import_minutes)
    window.quit_action = act("&Quit", window.close, QKeySequence.Quit)
    window.quit_action.setMenuRole(QAction.QuitRole)
    window.security_actions = {
        "passphrase": act("Unlock with &passphrase...", feature(window, security, "unlock_with_passphrase")),
        "unlock": act("&Unlock with recovery file...", feature(window, security, "unlock_with_recovery_file")),
        "export": act("&Export key recovery file...", feature(window, security, "export_recovery_file")),
        "status": act("&Security and key status...", feature(window, security, "show_security")),
        "audit": act("Audit &trail...", feature(window, security, "show_audit")),
    }
    _fill(window.menuBar().addMenu("&File"), (
        window.new_meeting_action, window.new_committee_action, None,
        window.import_action, None,
        window.security_actions["passphrase"], window.security_actions["unlock"], window.security_actions["export"],
        None, window.quit_action,
    ))


def _edit_menu(window: MainWindow, act: Callable[..., QAction]) -> None:
    # Own actions rather than QUndoStack.createUndoAction: typing still waiting for its
    # pause is committed first, so Undo takes back what was just typed.
    window.undo_action = act("&Undo", window.undo, QKeySequence.Undo, QStyle.SP_ArrowBack)
    window.redo_action = act("&Redo", window.redo, QKeySequence.Redo, QStyle.SP_ArrowForward)
    window.undo_action.setEnabled(False)
    window.redo_action.setEnabled(False)
    window.find_action = act("&Find...", window.find, QKeySequence.Find, QStyle.SP_FileDialogContentsView)
    # Delete on its own would take the key from text boxes: the navigator has it as its own shortcut.
    window.delete_action = act("&Delete meeting or committee...", feature(window, "secdesk.gui.deleting",
                                                                         "delete_chosen"))
    window.preferences_action = act("&Preferences...", window.preferences, QKeySequence.Preferences)
    window.preferences_action.setMenuRole(QAction.PreferencesRole)
    _fill(window.menuBar().addMenu("&Edit"), (
        window.undo_action, window.redo_action, None,
        window.delete_action, None,
        window.find_action, None,
        window.preferences_action,
    ))


def _meeting_menu(window: MainWindow, act: Callable[..., QAction]) -> None:
    live = "secdesk.gui.live"
    window.live_actions = {
        "start": act("&Start meeting (live minutes)", feature(window, live, "open_live"), "F5"),
        "log": act(f"&{glossary.ACTION_LOG_LABEL}", feature(window, live, "open_actions_log"), "Ctrl+L"),
    }
    window.build_pack_action = act(
        "&Build pack...", feature(window, "secdesk.gui.pack_dialog", "open_pack_dialog"), "Ctrl+Shift+P")
    # The minutes lifecycle of the meeting shown; enabled by secdesk.gui.finalise_dialog when they apply.
    lifecycle = "secdesk.gui.finalise_dialog"
    window.minutes_actions = {
        "final": act("A&gree minutes as final...", feature(window, lifecycle, "agree_final")),
        "circulated": act("Mark draft as &circulated", feature(window, lifecycle, "mark_circulated")),
        "reopen": act("Re&open minutes...", feature(window, lifecycle, "reopen_minutes")),
    }
    for action in window.minutes_actions.values():
        action.setEnabled(False)
    meeting_menu = window.menuBar().addMenu("&Meeting")
    _fill(meeting_menu, (window.live_actions["start"], window.live_actions["log"], None,
                         window.minutes_actions["final"], window.minutes_actions["circulated"],
                         window.minutes_actions["reopen"], None))
    _export_menu(window, meeting_menu, act)
    _fill(meeting_menu, (window.build_pack_action, window.security_actions["audit"]))


def _export_menu(window: MainWindow, parent: QMenu, act: Callable[..., QAction]) -> None:
    """Meeting > Export: the meeting shown, at a level, as PDF or Word, without starting it (also on the toolbar)."""
    window.export_menu = parent.addMenu("&Export")
    window.export_menu.menuAction().setIcon(window.style().standardIcon(QStyle.SP_DialogSaveButton))
    window.export_actions = {}
    for kind, title in EXPORTS:
        submenu = window.export_menu.addMenu(title)
        for level in EXPORT_LEVELS:
            for file_format, name in EXPORT_FORMATS:
                # Ctrl+E as on the live screen: the public minutes as PDF.
                shortcut = "Ctrl+E" if (kind, level, file_format) == ("minutes", Classification.WHITE, "pdf") else None
                action = act(f"{level.label} ({name})...",
                             partial(window.export_document, kind, level, file_format), shortcut)
                submenu.addAction(action)
                window.export_actions[kind, level, file_format] = action
    parent.addSeparator()


def _registers_menu(window: MainWindow, act: Callable[..., QAction]) -> None:
    registers = "secdesk.gui.registers"
    window.register_actions = {
        "risk": act("&Risk register", feature(window, registers, "open_register")),
        "planner": act("&Activity planner", feature(window, registers, "open_planner")),
        "roll": act("Roll &untaken planned items to next month", feature(window, registers, "roll_untaken")),
    }
    window.register_actions["roll"].setToolTip(
        "For the meeting shown: its month's planned items not on its agenda move to the next month")
    _fill(window.menuBar().addMenu("&Registers"), (
        window.register_actions["risk"], window.register_actions["planner"], None,
        window.register_actions["roll"],
    ))
