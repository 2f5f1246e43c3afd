# Generated from ui/committee_page.ui by ui/build_forms.py: DO NOT EDIT; edit the form and rebuild.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'committee_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox,
    QFrame, QGridLayout, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPushButton, QScrollArea, QSizePolicy,
    QSpacerItem, QSpinBox, QTabWidget, QTableWidget,
    QTableWidgetItem, QToolButton, QVBoxLayout, QWidget)

class Ui_CommitteePage(object):
    def setupUi(self, CommitteePage):
        if not CommitteePage.objectName():
            CommitteePage.setObjectName(u"CommitteePage")
        CommitteePage.resize(900, 640)
        self.page = QVBoxLayout(CommitteePage)
        self.page.setObjectName(u"page")
        self.page.setContentsMargins(0, 0, 0, 0)
        self.pageScroll = QScrollArea(CommitteePage)
        self.pageScroll.setObjectName(u"pageScroll")
        self.pageScroll.setFocusPolicy(Qt.NoFocus)
        self.pageScroll.setFrameShape(QFrame.NoFrame)
        self.pageScroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.pageScroll.setWidgetResizable(True)
        self.pageContents = QWidget()
        self.pageContents.setObjectName(u"pageContents")
        self.outer = QVBoxLayout(self.pageContents)
        self.outer.setObjectName(u"outer")
        self.headerRow = QHBoxLayout()
        self.headerRow.setObjectName(u"headerRow")
        self.heading = QLabel(self.pageContents)
        self.heading.setObjectName(u"heading")

        self.headerRow.addWidget(self.heading)

        self.headerSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.headerRow.addItem(self.headerSpacer)

        self.newMeeting = QPushButton(self.pageContents)
        self.newMeeting.setObjectName(u"newMeeting")

        self.headerRow.addWidget(self.newMeeting)


        self.outer.addLayout(self.headerRow)

        self.detailsBox = QGroupBox(self.pageContents)
        self.detailsBox.setObjectName(u"detailsBox")
        self.details = QGridLayout(self.detailsBox)
        self.details.setObjectName(u"details")
        self.codeLabel = QLabel(self.detailsBox)
        self.codeLabel.setObjectName(u"codeLabel")

        self.details.addWidget(self.codeLabel, 0, 0, 1, 1)

        self.code = QLineEdit(self.detailsBox)
        self.code.setObjectName(u"code")
        self.code.setMaxLength(20)

        self.details.addWidget(self.code, 0, 1, 1, 1)

        self.voiceLabel = QLabel(self.detailsBox)
        self.voiceLabel.setObjectName(u"voiceLabel")

        self.details.addWidget(self.voiceLabel, 0, 2, 1, 1)

        self.voice = QLineEdit(self.detailsBox)
        self.voice.setObjectName(u"voice")

        self.details.addWidget(self.voice, 0, 3, 1, 1)

        self.nameLabel = QLabel(self.detailsBox)
        self.nameLabel.setObjectName(u"nameLabel")

        self.details.addWidget(self.nameLabel, 1, 0, 1, 1)

        self.name = QLineEdit(self.detailsBox)
        self.name.setObjectName(u"name")

        self.details.addWidget(self.name, 1, 1, 1, 3)

        self.parentLabel = QLabel(self.detailsBox)
        self.parentLabel.setObjectName(u"parentLabel")

        self.details.addWidget(self.parentLabel, 2, 0, 1, 1)

        self.parent = QComboBox(self.detailsBox)
        self.parent.setObjectName(u"parent")

        self.details.addWidget(self.parent, 2, 1, 1, 3)

        self.quorumLabel = QLabel(self.detailsBox)
        self.quorumLabel.setObjectName(u"quorumLabel")

        self.details.addWidget(self.quorumLabel, 3, 2, 1, 1)

        self.quorum = QSpinBox(self.detailsBox)
        self.quorum.setObjectName(u"quorum")
        self.quorum.setMaximumSize(QSize(140, 16777215))
        self.quorum.setMaximum(99)

        self.details.addWidget(self.quorum, 3, 3, 1, 1)

        self.secretariatLabel = QLabel(self.detailsBox)
        self.secretariatLabel.setObjectName(u"secretariatLabel")

        self.details.addWidget(self.secretariatLabel, 3, 0, 1, 1)

        self.secretariat = QLineEdit(self.detailsBox)
        self.secretariat.setObjectName(u"secretariat")

        self.details.addWidget(self.secretariat, 3, 1, 1, 1)

        self.venueLabel = QLabel(self.detailsBox)
        self.venueLabel.setObjectName(u"venueLabel")

        self.details.addWidget(self.venueLabel, 4, 0, 1, 1)

        self.venue = QLineEdit(self.detailsBox)
        self.venue.setObjectName(u"venue")

        self.details.addWidget(self.venue, 4, 1, 1, 3)

        self.minutesNameLabel = QLabel(self.detailsBox)
        self.minutesNameLabel.setObjectName(u"minutesNameLabel")

        self.details.addWidget(self.minutesNameLabel, 5, 0, 1, 1)

        self.minutesName = QLineEdit(self.detailsBox)
        self.minutesName.setObjectName(u"minutesName")
        self.minutesName.setMaxLength(100)

        self.details.addWidget(self.minutesName, 5, 1, 1, 1)

        self.chairCategoryLabel = QLabel(self.detailsBox)
        self.chairCategoryLabel.setObjectName(u"chairCategoryLabel")

        self.details.addWidget(self.chairCategoryLabel, 5, 2, 1, 1)

        self.chairCategory = QLineEdit(self.detailsBox)
        self.chairCategory.setObjectName(u"chairCategory")
        self.chairCategory.setMaxLength(100)

        self.details.addWidget(self.chairCategory, 5, 3, 1, 1)

        self.confidentialNoticeLabel = QLabel(self.detailsBox)
        self.confidentialNoticeLabel.setObjectName(u"confidentialNoticeLabel")

        self.details.addWidget(self.confidentialNoticeLabel, 6, 0, 1, 1)

        self.confidentialNotice = QLineEdit(self.detailsBox)
        self.confidentialNotice.setObjectName(u"confidentialNotice")

        self.details.addWidget(self.confidentialNotice, 6, 1, 1, 3)

        self.details.setColumnStretch(1, 1)
        self.details.setColumnStretch(3, 2)

        self.outer.addWidget(self.detailsBox)

        self.tabs = QTabWidget(self.pageContents)
        self.tabs.setObjectName(u"tabs")
        self.membersTab = QWidget()
        self.membersTab.setObjectName(u"membersTab")
        self.membersLayout = QVBoxLayout(self.membersTab)
        self.membersLayout.setObjectName(u"membersLayout")
        self.members = QTableWidget(self.membersTab)
        self.members.setObjectName(u"members")
        self.members.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.members.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.members.setSelectionMode(QAbstractItemView.SingleSelection)
        self.members.setAlternatingRowColors(True)

        self.membersLayout.addWidget(self.members)

        self.memberButtons = QHBoxLayout()
        self.memberButtons.setObjectName(u"memberButtons")
        self.addMember = QPushButton(self.membersTab)
        self.addMember.setObjectName(u"addMember")

        self.memberButtons.addWidget(self.addMember)

        self.endMembership = QPushButton(self.membersTab)
        self.endMembership.setObjectName(u"endMembership")

        self.memberButtons.addWidget(self.endMembership)

        self.removeMember = QPushButton(self.membersTab)
        self.removeMember.setObjectName(u"removeMember")

        self.memberButtons.addWidget(self.removeMember)

        self.memberSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.memberButtons.addItem(self.memberSpacer)

        self.showPast = QCheckBox(self.membersTab)
        self.showPast.setObjectName(u"showPast")

        self.memberButtons.addWidget(self.showPast)


        self.membersLayout.addLayout(self.memberButtons)

        self.tabs.addTab(self.membersTab, "")
        self.seatsTab = QWidget()
        self.seatsTab.setObjectName(u"seatsTab")
        self.seatsLayout = QVBoxLayout(self.seatsTab)
        self.seatsLayout.setObjectName(u"seatsLayout")
        self.seats = QTableWidget(self.seatsTab)
        self.seats.setObjectName(u"seats")
        self.seats.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.seats.setSelectionBehavior(QAbstractItemView.SelectRows)

        self.seatsLayout.addWidget(self.seats)

        self.seatButtons = QHBoxLayout()
        self.seatButtons.setObjectName(u"seatButtons")
        self.addSeat = QPushButton(self.seatsTab)
        self.addSeat.setObjectName(u"addSeat")

        self.seatButtons.addWidget(self.addSeat)

        self.seatSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.seatButtons.addItem(self.seatSpacer)


        self.seatsLayout.addLayout(self.seatButtons)

        self.tabs.addTab(self.seatsTab, "")
        self.standingTab = QWidget()
        self.standingTab.setObjectName(u"standingTab")
        self.standingLayout = QVBoxLayout(self.standingTab)
        self.standingLayout.setObjectName(u"standingLayout")
        self.standingHint = QLabel(self.standingTab)
        self.standingHint.setObjectName(u"standingHint")

        self.standingLayout.addWidget(self.standingHint)

        self.standing = QTableWidget(self.standingTab)
        self.standing.setObjectName(u"standing")
        self.standing.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.standing.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.standing.setSelectionMode(QAbstractItemView.SingleSelection)

        self.standingLayout.addWidget(self.standing)

        self.standingButtons = QHBoxLayout()
        self.standingButtons.setObjectName(u"standingButtons")
        self.addStanding = QPushButton(self.standingTab)
        self.addStanding.setObjectName(u"addStanding")

        self.standingButtons.addWidget(self.addStanding)

        self.removeStanding = QPushButton(self.standingTab)
        self.removeStanding.setObjectName(u"removeStanding")

        self.standingButtons.addWidget(self.removeStanding)

        self.standingUp = QToolButton(self.standingTab)
        self.standingUp.setObjectName(u"standingUp")

        self.standingButtons.addWidget(self.standingUp)

        self.standingDown = QToolButton(self.standingTab)
        self.standingDown.setObjectName(u"standingDown")

        self.standingButtons.addWidget(self.standingDown)

        self.standingSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.standingButtons.addItem(self.standingSpacer)


        self.standingLayout.addLayout(self.standingButtons)

        self.tabs.addTab(self.standingTab, "")
        self.organisationsTab = QWidget()
        self.organisationsTab.setObjectName(u"organisationsTab")
        self.organisationsLayout = QVBoxLayout(self.organisationsTab)
        self.organisationsLayout.setObjectName(u"organisationsLayout")
        self.organisations = QListWidget(self.organisationsTab)
        self.organisations.setObjectName(u"organisations")

        self.organisationsLayout.addWidget(self.organisations)

        self.organisationButtons = QHBoxLayout()
        self.organisationButtons.setObjectName(u"organisationButtons")
        self.addOrganisation = QPushButton(self.organisationsTab)
        self.addOrganisation.setObjectName(u"addOrganisation")

        self.organisationButtons.addWidget(self.addOrganisation)

        self.organisationSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.organisationButtons.addItem(self.organisationSpacer)


        self.organisationsLayout.addLayout(self.organisationButtons)

        self.tabs.addTab(self.organisationsTab, "")

        self.outer.addWidget(self.tabs)

        self.pageScroll.setWidget(self.pageContents)

        self.page.addWidget(self.pageScroll)

#if QT_CONFIG(shortcut)
        self.codeLabel.setBuddy(self.code)
        self.voiceLabel.setBuddy(self.voice)
        self.nameLabel.setBuddy(self.name)
        self.parentLabel.setBuddy(self.parent)
        self.quorumLabel.setBuddy(self.quorum)
        self.secretariatLabel.setBuddy(self.secretariat)
        self.venueLabel.setBuddy(self.venue)
        self.minutesNameLabel.setBuddy(self.minutesName)
        self.chairCategoryLabel.setBuddy(self.chairCategory)
        self.confidentialNoticeLabel.setBuddy(self.confidentialNotice)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(CommitteePage)

        QMetaObject.connectSlotsByName(CommitteePage)
    # setupUi

    def retranslateUi(self, CommitteePage):
        self.heading.setStyleSheet(QCoreApplication.translate("CommitteePage", u"font-size: 15pt; font-weight: 600;", None))
        self.newMeeting.setText(QCoreApplication.translate("CommitteePage", u"&New meeting...", None))
        self.detailsBox.setTitle(QCoreApplication.translate("CommitteePage", u"Committee", None))
        self.codeLabel.setText(QCoreApplication.translate("CommitteePage", u"&Code:", None))
        self.voiceLabel.setText(QCoreApplication.translate("CommitteePage", u"&Voice:", None))
        self.voice.setPlaceholderText(QCoreApplication.translate("CommitteePage", u"The TABASC", None))
        self.nameLabel.setText(QCoreApplication.translate("CommitteePage", u"N&ame:", None))
        self.parentLabel.setText(QCoreApplication.translate("CommitteePage", u"&Reports to:", None))
        self.quorumLabel.setText(QCoreApplication.translate("CommitteePage", u"&Quorum:", None))
        self.quorum.setSuffix(QCoreApplication.translate("CommitteePage", u" members", None))
        self.secretariatLabel.setText(QCoreApplication.translate("CommitteePage", u"&Secretariat:", None))
        self.venueLabel.setText(QCoreApplication.translate("CommitteePage", u"Usual &venue:", None))
        self.minutesNameLabel.setText(QCoreApplication.translate("CommitteePage", u"In the m&inutes:", None))
        self.minutesName.setPlaceholderText(QCoreApplication.translate("CommitteePage", u"its code", None))
#if QT_CONFIG(tooltip)
        self.minutesName.setToolTip(QCoreApplication.translate("CommitteePage", u"How the minutes name the committee: \"SEC Panel\" gives \"SEC Panel Meeting 30\" and \"SEC Panel Members\". References keep the code.", None))
#endif // QT_CONFIG(tooltip)
        self.chairCategoryLabel.setText(QCoreApplication.translate("CommitteePage", u"C&hair under:", None))
        self.chairCategory.setPlaceholderText(QCoreApplication.translate("CommitteePage", u"(Chair) after the name", None))
#if QT_CONFIG(tooltip)
        self.chairCategory.setToolTip(QCoreApplication.translate("CommitteePage", u"A category the chair is listed under in the attendance, e.g. \"SEC Panel Chair\"; empty: \"(Chair)\" after the chair's name.", None))
#endif // QT_CONFIG(tooltip)
        self.confidentialNoticeLabel.setText(QCoreApplication.translate("CommitteePage", u"Con&fidential item line:", None))
#if QT_CONFIG(tooltip)
        self.confidentialNotice.setToolTip(QCoreApplication.translate("CommitteePage", u"What White minutes say of a confidential item, after its public summary.", None))
#endif // QT_CONFIG(tooltip)
        self.addMember.setText(QCoreApplication.translate("CommitteePage", u"Add &member...", None))
        self.endMembership.setText(QCoreApplication.translate("CommitteePage", u"&End membership...", None))
        self.removeMember.setText(QCoreApplication.translate("CommitteePage", u"Remove", None))
        self.showPast.setText(QCoreApplication.translate("CommitteePage", u"Show past members", None))
        self.tabs.setTabText(self.tabs.indexOf(self.membersTab), QCoreApplication.translate("CommitteePage", u"&Members", None))
        self.addSeat.setText(QCoreApplication.translate("CommitteePage", u"Add seat category...", None))
        self.tabs.setTabText(self.tabs.indexOf(self.seatsTab), QCoreApplication.translate("CommitteePage", u"S&eats", None))
        self.standingHint.setText(QCoreApplication.translate("CommitteePage", u"Every new meeting's agenda starts from these items.", None))
        self.standingHint.setStyleSheet(QCoreApplication.translate("CommitteePage", u"color: #666;", None))
        self.addStanding.setText(QCoreApplication.translate("CommitteePage", u"Add standing item...", None))
        self.removeStanding.setText(QCoreApplication.translate("CommitteePage", u"Remove", None))
        self.standingUp.setText(QCoreApplication.translate("CommitteePage", u"Up", None))
        self.standingDown.setText(QCoreApplication.translate("CommitteePage", u"Down", None))
        self.tabs.setTabText(self.tabs.indexOf(self.standingTab), QCoreApplication.translate("CommitteePage", u"S&tanding items", None))
        self.addOrganisation.setText(QCoreApplication.translate("CommitteePage", u"Add organisation...", None))
        self.tabs.setTabText(self.tabs.indexOf(self.organisationsTab), QCoreApplication.translate("CommitteePage", u"&Organisations", None))
        pass
    # retranslateUi

