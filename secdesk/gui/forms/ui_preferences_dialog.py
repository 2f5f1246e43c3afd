# Generated from ui/preferences_dialog.ui by ui/build_forms.py: DO NOT EDIT; edit the form and rebuild.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'preferences_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QSizePolicy,
    QSpacerItem, QSpinBox, QVBoxLayout, QWidget)

class Ui_PreferencesDialog(object):
    def setupUi(self, PreferencesDialog):
        if not PreferencesDialog.objectName():
            PreferencesDialog.setObjectName(u"PreferencesDialog")
        PreferencesDialog.resize(440, 200)
        self.outer = QVBoxLayout(PreferencesDialog)
        self.outer.setObjectName(u"outer")
        self.reopenLast = QCheckBox(PreferencesDialog)
        self.reopenLast.setObjectName(u"reopenLast")

        self.outer.addWidget(self.reopenLast)

        self.confirmRemove = QCheckBox(PreferencesDialog)
        self.confirmRemove.setObjectName(u"confirmRemove")

        self.outer.addWidget(self.confirmRemove)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.delayLabel = QLabel(PreferencesDialog)
        self.delayLabel.setObjectName(u"delayLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.delayLabel)

        self.saveDelay = QSpinBox(PreferencesDialog)
        self.saveDelay.setObjectName(u"saveDelay")
        self.saveDelay.setMinimum(100)
        self.saveDelay.setMaximum(1000)
        self.saveDelay.setSingleStep(100)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.saveDelay)


        self.outer.addLayout(self.form)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer.addItem(self.spacer)

        self.buttons = QDialogButtonBox(PreferencesDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.outer.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.delayLabel.setBuddy(self.saveDelay)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PreferencesDialog)

        QMetaObject.connectSlotsByName(PreferencesDialog)
    # setupUi

    def retranslateUi(self, PreferencesDialog):
        PreferencesDialog.setWindowTitle(QCoreApplication.translate("PreferencesDialog", u"Preferences", None))
        self.reopenLast.setText(QCoreApplication.translate("PreferencesDialog", u"&Reopen the last meeting at start", None))
        self.confirmRemove.setText(QCoreApplication.translate("PreferencesDialog", u"&Confirm before removing agenda items and attendees", None))
        self.delayLabel.setText(QCoreApplication.translate("PreferencesDialog", u"&Save typing after:", None))
        self.saveDelay.setSuffix(QCoreApplication.translate("PreferencesDialog", u" ms", None))
    # retranslateUi

