"""Preferences: a few choices, kept in the window settings."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from secdesk.gui.forms.ui_preferences_dialog import Ui_PreferencesDialog
from secdesk.gui.settings import Settings


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.ui = Ui_PreferencesDialog()
        self.ui.setupUi(self)
        self.ui.reopenLast.setChecked(settings.reopen_last)
        self.ui.confirmRemove.setChecked(settings.confirm_removals)
        self.ui.saveDelay.setValue(settings.save_delay)
        self.ui.buttons.accepted.connect(self.accept)
        self.ui.buttons.rejected.connect(self.reject)

    def accept(self) -> None:
        self.settings.reopen_last = self.ui.reopenLast.isChecked()
        self.settings.confirm_removals = self.ui.confirmRemove.isChecked()
        self.settings.save_delay = self.ui.saveDelay.value()
        self.settings.sync()
        super().accept()
