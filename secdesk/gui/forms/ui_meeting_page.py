# Generated from ui/meeting_page.ui by ui/build_forms.py: DO NOT EDIT; edit the form and rebuild.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'meeting_page.ui'
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
from PySide6.QtWidgets import (QApplication, QDateEdit, QFrame, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton,
    QScrollArea, QSizePolicy, QSpacerItem, QSplitter,
    QTabWidget, QTableView, QTimeEdit, QToolButton,
    QVBoxLayout, QWidget)

class Ui_MeetingPage(object):
    def setupUi(self, MeetingPage):
        if not MeetingPage.objectName():
            MeetingPage.setObjectName(u"MeetingPage")
        MeetingPage.resize(900, 640)
        self.outer = QVBoxLayout(MeetingPage)
        self.outer.setObjectName(u"outer")
        self.headerRow = QHBoxLayout()
        self.headerRow.setObjectName(u"headerRow")
        self.heading = QLabel(MeetingPage)
        self.heading.setObjectName(u"heading")

        self.headerRow.addWidget(self.heading)

        self.headerSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.headerRow.addItem(self.headerSpacer)

        self.status = QLabel(MeetingPage)
        self.status.setObjectName(u"status")

        self.headerRow.addWidget(self.status)


        self.outer.addLayout(self.headerRow)

        self.lockBanner = QLabel(MeetingPage)
        self.lockBanner.setObjectName(u"lockBanner")

        self.outer.addWidget(self.lockBanner)

        self.detailsRow = QHBoxLayout()
        self.detailsRow.setObjectName(u"detailsRow")
        self.dateLabel = QLabel(MeetingPage)
        self.dateLabel.setObjectName(u"dateLabel")

        self.detailsRow.addWidget(self.dateLabel)

        self.date = QDateEdit(MeetingPage)
        self.date.setObjectName(u"date")
        self.date.setCalendarPopup(True)

        self.detailsRow.addWidget(self.date)

        self.start = QTimeEdit(MeetingPage)
        self.start.setObjectName(u"start")

        self.detailsRow.addWidget(self.start)

        self.toLabel = QLabel(MeetingPage)
        self.toLabel.setObjectName(u"toLabel")

        self.detailsRow.addWidget(self.toLabel)

        self.end = QTimeEdit(MeetingPage)
        self.end.setObjectName(u"end")

        self.detailsRow.addWidget(self.end)

        self.venueLabel = QLabel(MeetingPage)
        self.venueLabel.setObjectName(u"venueLabel")

        self.detailsRow.addWidget(self.venueLabel)

        self.venue = QLineEdit(MeetingPage)
        self.venue.setObjectName(u"venue")

        self.detailsRow.addWidget(self.venue)


        self.outer.addLayout(self.detailsRow)

        self.tabs = QTabWidget(MeetingPage)
        self.tabs.setObjectName(u"tabs")
        self.agendaTab = QWidget()
        self.agendaTab.setObjectName(u"agendaTab")
        self.agendaLayout = QVBoxLayout(self.agendaTab)
        self.agendaLayout.setObjectName(u"agendaLayout")
        self.agendaSplitter = QSplitter(self.agendaTab)
        self.agendaSplitter.setObjectName(u"agendaSplitter")
        self.agendaSplitter.setOrientation(Qt.Horizontal)
        self.agendaSplitter.setChildrenCollapsible(False)
        self.agendaLeft = QWidget(self.agendaSplitter)
        self.agendaLeft.setObjectName(u"agendaLeft")
        self.agendaLeftLayout = QVBoxLayout(self.agendaLeft)
        self.agendaLeftLayout.setObjectName(u"agendaLeftLayout")
        self.agendaLeftLayout.setContentsMargins(0, 0, 0, 0)
        self.agenda = QTableView(self.agendaLeft)
        self.agenda.setObjectName(u"agenda")

        self.agendaLeftLayout.addWidget(self.agenda)

        self.agendaButtons = QHBoxLayout()
        self.agendaButtons.setObjectName(u"agendaButtons")
        self.addItem = QPushButton(self.agendaLeft)
        self.addItem.setObjectName(u"addItem")

        self.agendaButtons.addWidget(self.addItem)

        self.removeItem = QPushButton(self.agendaLeft)
        self.removeItem.setObjectName(u"removeItem")

        self.agendaButtons.addWidget(self.removeItem)

        self.moveUp = QToolButton(self.agendaLeft)
        self.moveUp.setObjectName(u"moveUp")

        self.agendaButtons.addWidget(self.moveUp)

        self.moveDown = QToolButton(self.agendaLeft)
        self.moveDown.setObjectName(u"moveDown")

        self.agendaButtons.addWidget(self.moveDown)

        self.agendaSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.agendaButtons.addItem(self.agendaSpacer)

        self.total = QLabel(self.agendaLeft)
        self.total.setObjectName(u"total")

        self.agendaButtons.addWidget(self.total)


        self.agendaLeftLayout.addLayout(self.agendaButtons)

        self.agendaSplitter.addWidget(self.agendaLeft)
        self.detailsScroll = QScrollArea(self.agendaSplitter)
        self.detailsScroll.setObjectName(u"detailsScroll")
        self.detailsScroll.setWidgetResizable(True)
        self.detailsScroll.setFrameShape(QFrame.NoFrame)
        self.detailsHolder = QWidget()
        self.detailsHolder.setObjectName(u"detailsHolder")
        self.detailsScroll.setWidget(self.detailsHolder)
        self.agendaSplitter.addWidget(self.detailsScroll)

        self.agendaLayout.addWidget(self.agendaSplitter)

        self.tabs.addTab(self.agendaTab, "")
        self.attendanceTab = QWidget()
        self.attendanceTab.setObjectName(u"attendanceTab")
        self.attendanceLayout = QVBoxLayout(self.attendanceTab)
        self.attendanceLayout.setObjectName(u"attendanceLayout")
        self.attendanceTop = QHBoxLayout()
        self.attendanceTop.setObjectName(u"attendanceTop")
        self.quorum = QLabel(self.attendanceTab)
        self.quorum.setObjectName(u"quorum")

        self.attendanceTop.addWidget(self.quorum)

        self.attendanceSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.attendanceTop.addItem(self.attendanceSpacer)

        self.keysHint = QLabel(self.attendanceTab)
        self.keysHint.setObjectName(u"keysHint")

        self.attendanceTop.addWidget(self.keysHint)


        self.attendanceLayout.addLayout(self.attendanceTop)

        self.attendance = QTableView(self.attendanceTab)
        self.attendance.setObjectName(u"attendance")

        self.attendanceLayout.addWidget(self.attendance)

        self.attendanceButtons = QHBoxLayout()
        self.attendanceButtons.setObjectName(u"attendanceButtons")
        self.markPresent = QPushButton(self.attendanceTab)
        self.markPresent.setObjectName(u"markPresent")

        self.attendanceButtons.addWidget(self.markPresent)

        self.markApologies = QPushButton(self.attendanceTab)
        self.markApologies.setObjectName(u"markApologies")

        self.attendanceButtons.addWidget(self.markApologies)

        self.markAbsent = QPushButton(self.attendanceTab)
        self.markAbsent.setObjectName(u"markAbsent")

        self.attendanceButtons.addWidget(self.markAbsent)

        self.markPart = QPushButton(self.attendanceTab)
        self.markPart.setObjectName(u"markPart")

        self.attendanceButtons.addWidget(self.markPart)

        self.attendanceButtonsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.attendanceButtons.addItem(self.attendanceButtonsSpacer)

        self.addAttendee = QPushButton(self.attendanceTab)
        self.addAttendee.setObjectName(u"addAttendee")

        self.attendanceButtons.addWidget(self.addAttendee)

        self.removeAttendee = QPushButton(self.attendanceTab)
        self.removeAttendee.setObjectName(u"removeAttendee")

        self.attendanceButtons.addWidget(self.removeAttendee)


        self.attendanceLayout.addLayout(self.attendanceButtons)

        self.tabs.addTab(self.attendanceTab, "")

        self.outer.addWidget(self.tabs)

#if QT_CONFIG(shortcut)
        self.dateLabel.setBuddy(self.date)
        self.venueLabel.setBuddy(self.venue)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(MeetingPage)

        QMetaObject.connectSlotsByName(MeetingPage)
    # setupUi

    def retranslateUi(self, MeetingPage):
        self.heading.setStyleSheet(QCoreApplication.translate("MeetingPage", u"font-size: 15pt; font-weight: 600;", None))
        self.lockBanner.setStyleSheet(QCoreApplication.translate("MeetingPage", u"background: #fff3cd; color: #5d4300; border: 1px solid #e0c060; padding: 4px;", None))
        self.lockBanner.setText(QCoreApplication.translate("MeetingPage", u"These minutes are final and locked: changes are refused. Reopen them to correct them.", None))
        self.dateLabel.setText(QCoreApplication.translate("MeetingPage", u"&Date:", None))
        self.date.setDisplayFormat(QCoreApplication.translate("MeetingPage", u"ddd d MMM yyyy", None))
        self.start.setDisplayFormat(QCoreApplication.translate("MeetingPage", u"HH:mm", None))
        self.toLabel.setText(QCoreApplication.translate("MeetingPage", u"to", None))
        self.end.setDisplayFormat(QCoreApplication.translate("MeetingPage", u"HH:mm", None))
        self.venueLabel.setText(QCoreApplication.translate("MeetingPage", u"&Venue:", None))
        self.addItem.setText(QCoreApplication.translate("MeetingPage", u"Add &item", None))
        self.removeItem.setText(QCoreApplication.translate("MeetingPage", u"Remove", None))
        self.moveUp.setText(QCoreApplication.translate("MeetingPage", u"Up", None))
        self.moveDown.setText(QCoreApplication.translate("MeetingPage", u"Down", None))
        self.tabs.setTabText(self.tabs.indexOf(self.agendaTab), QCoreApplication.translate("MeetingPage", u"&Agenda", None))
        self.quorum.setStyleSheet(QCoreApplication.translate("MeetingPage", u"font-weight: 600;", None))
        self.keysHint.setText(QCoreApplication.translate("MeetingPage", u"P present \u00b7 A apologies \u00b7 X absent", None))
        self.keysHint.setStyleSheet(QCoreApplication.translate("MeetingPage", u"color: #666;", None))
        self.markPresent.setText(QCoreApplication.translate("MeetingPage", u"Present", None))
        self.markApologies.setText(QCoreApplication.translate("MeetingPage", u"Apologies", None))
        self.markAbsent.setText(QCoreApplication.translate("MeetingPage", u"Absent", None))
        self.markPart.setText(QCoreApplication.translate("MeetingPage", u"Present for &part...", None))
#if QT_CONFIG(tooltip)
        self.markPart.setToolTip(QCoreApplication.translate("MeetingPage", u"Present for part of the meeting: the item they arrived at and the one they left after", None))
#endif // QT_CONFIG(tooltip)
        self.addAttendee.setText(QCoreApplication.translate("MeetingPage", u"Add perso&n...", None))
        self.removeAttendee.setText(QCoreApplication.translate("MeetingPage", u"Remove", None))
        self.tabs.setTabText(self.tabs.indexOf(self.attendanceTab), QCoreApplication.translate("MeetingPage", u"A&ttendance", None))
        pass
    # retranslateUi

