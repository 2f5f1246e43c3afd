# Generated from ui/new_meeting_dialog.ui by ui/build_forms.py: DO NOT EDIT; edit the form and rebuild.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'new_meeting_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDateEdit,
    QDialog, QDialogButtonBox, QFormLayout, QGroupBox,
    QHBoxLayout, QLabel, QRadioButton, QSizePolicy,
    QSpacerItem, QSpinBox, QTimeEdit, QVBoxLayout,
    QWidget)

class Ui_NewMeetingDialog(object):
    def setupUi(self, NewMeetingDialog):
        if not NewMeetingDialog.objectName():
            NewMeetingDialog.setObjectName(u"NewMeetingDialog")
        NewMeetingDialog.resize(600, 280)
        self.outer = QVBoxLayout(NewMeetingDialog)
        self.outer.setObjectName(u"outer")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.committeeLabel = QLabel(NewMeetingDialog)
        self.committeeLabel.setObjectName(u"committeeLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.committeeLabel)

        self.committee = QLabel(NewMeetingDialog)
        self.committee.setObjectName(u"committee")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.committee)

        self.numberLabel = QLabel(NewMeetingDialog)
        self.numberLabel.setObjectName(u"numberLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.numberLabel)

        self.number = QSpinBox(NewMeetingDialog)
        self.number.setObjectName(u"number")
        self.number.setMinimum(1)
        self.number.setMaximum(9999)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.number)

        self.dateLabel = QLabel(NewMeetingDialog)
        self.dateLabel.setObjectName(u"dateLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.dateLabel)

        self.date = QDateEdit(NewMeetingDialog)
        self.date.setObjectName(u"date")
        self.date.setCalendarPopup(True)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.date)

        self.timesLabel = QLabel(NewMeetingDialog)
        self.timesLabel.setObjectName(u"timesLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.timesLabel)

        self.times = QHBoxLayout()
        self.times.setObjectName(u"times")
        self.start = QTimeEdit(NewMeetingDialog)
        self.start.setObjectName(u"start")

        self.times.addWidget(self.start)

        self.toLabel = QLabel(NewMeetingDialog)
        self.toLabel.setObjectName(u"toLabel")

        self.times.addWidget(self.toLabel)

        self.end = QTimeEdit(NewMeetingDialog)
        self.end.setObjectName(u"end")

        self.times.addWidget(self.end)

        self.timesSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.times.addItem(self.timesSpacer)


        self.form.setLayout(3, QFormLayout.ItemRole.FieldRole, self.times)

        self.venueLabel = QLabel(NewMeetingDialog)
        self.venueLabel.setObjectName(u"venueLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.venueLabel)

        self.venue = QComboBox(NewMeetingDialog)
        self.venue.setObjectName(u"venue")
        self.venue.setEditable(True)
        self.venue.setInsertPolicy(QComboBox.NoInsert)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.venue)

        self.identifierLabel = QLabel(NewMeetingDialog)
        self.identifierLabel.setObjectName(u"identifierLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.identifierLabel)

        self.identifier = QLabel(NewMeetingDialog)
        self.identifier.setObjectName(u"identifier")
        self.identifier.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.identifier)


        self.outer.addLayout(self.form)

        self.startFrom = QGroupBox(NewMeetingDialog)
        self.startFrom.setObjectName(u"startFrom")
        self.startFromLayout = QVBoxLayout(self.startFrom)
        self.startFromLayout.setObjectName(u"startFromLayout")
        self.fromTemplate = QRadioButton(self.startFrom)
        self.fromTemplate.setObjectName(u"fromTemplate")
        self.fromTemplate.setChecked(True)

        self.startFromLayout.addWidget(self.fromTemplate)

        self.fromPrevious = QRadioButton(self.startFrom)
        self.fromPrevious.setObjectName(u"fromPrevious")

        self.startFromLayout.addWidget(self.fromPrevious)

        self.copied = QLabel(self.startFrom)
        self.copied.setObjectName(u"copied")
        self.copied.setWordWrap(True)

        self.startFromLayout.addWidget(self.copied)


        self.outer.addWidget(self.startFrom)

        self.problem = QLabel(NewMeetingDialog)
        self.problem.setObjectName(u"problem")
        self.problem.setWordWrap(True)

        self.outer.addWidget(self.problem)

        self.buttons = QDialogButtonBox(NewMeetingDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.outer.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.numberLabel.setBuddy(self.number)
        self.dateLabel.setBuddy(self.date)
        self.timesLabel.setBuddy(self.start)
        self.venueLabel.setBuddy(self.venue)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(NewMeetingDialog)

        QMetaObject.connectSlotsByName(NewMeetingDialog)
    # setupUi

    def retranslateUi(self, NewMeetingDialog):
        NewMeetingDialog.setWindowTitle(QCoreApplication.translate("NewMeetingDialog", u"New meeting", None))
        self.committeeLabel.setText(QCoreApplication.translate("NewMeetingDialog", u"Committee:", None))
        self.committee.setText("")
        self.numberLabel.setText(QCoreApplication.translate("NewMeetingDialog", u"&Number:", None))
        self.dateLabel.setText(QCoreApplication.translate("NewMeetingDialog", u"&Date:", None))
        self.date.setDisplayFormat(QCoreApplication.translate("NewMeetingDialog", u"dddd d MMMM yyyy", None))
        self.timesLabel.setText(QCoreApplication.translate("NewMeetingDialog", u"&Time:", None))
        self.start.setDisplayFormat(QCoreApplication.translate("NewMeetingDialog", u"HH:mm", None))
        self.toLabel.setText(QCoreApplication.translate("NewMeetingDialog", u"to", None))
        self.end.setDisplayFormat(QCoreApplication.translate("NewMeetingDialog", u"HH:mm", None))
        self.venueLabel.setText(QCoreApplication.translate("NewMeetingDialog", u"&Venue:", None))
        self.identifierLabel.setText(QCoreApplication.translate("NewMeetingDialog", u"Identifier:", None))
        self.startFrom.setTitle(QCoreApplication.translate("NewMeetingDialog", u"Agenda and attendance", None))
        self.fromTemplate.setText(QCoreApplication.translate("NewMeetingDialog", u"The &standing items and current members", None))
        self.fromPrevious.setText(QCoreApplication.translate("NewMeetingDialog", u"Co&py the agenda and attendance of the previous meeting", None))
        self.problem.setStyleSheet(QCoreApplication.translate("NewMeetingDialog", u"color: #b71c1c;", None))
    # retranslateUi

