# Generated from ui/item_details.ui by ui/build_forms.py: DO NOT EDIT; edit the form and rebuild.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'item_details.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QFormLayout,
    QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPlainTextEdit, QPushButton, QSizePolicy,
    QSpacerItem, QSpinBox, QTableWidget, QTableWidgetItem,
    QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from secdesk.gui.block_editor import BlockEditor

class Ui_ItemDetails(object):
    def setupUi(self, ItemDetails):
        if not ItemDetails.objectName():
            ItemDetails.setObjectName(u"ItemDetails")
        ItemDetails.resize(520, 640)
        self.outer = QVBoxLayout(ItemDetails)
        self.outer.setObjectName(u"outer")
        self.outer.setContentsMargins(6, -1, 0, -1)
        self.headingRow = QHBoxLayout()
        self.headingRow.setObjectName(u"headingRow")
        self.heading = QLabel(ItemDetails)
        self.heading.setObjectName(u"heading")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.heading.sizePolicy().hasHeightForWidth())
        self.heading.setSizePolicy(sizePolicy)
        self.heading.setWordWrap(True)

        self.headingRow.addWidget(self.heading)

        self.chip = QLabel(ItemDetails)
        self.chip.setObjectName(u"chip")
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        sizePolicy1.setHorizontalStretch(0)
        sizePolicy1.setVerticalStretch(0)
        sizePolicy1.setHeightForWidth(self.chip.sizePolicy().hasHeightForWidth())
        self.chip.setSizePolicy(sizePolicy1)
        self.chip.setAlignment(Qt.AlignCenter)

        self.headingRow.addWidget(self.chip)


        self.outer.addLayout(self.headingRow)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.titleLabel = QLabel(ItemDetails)
        self.titleLabel.setObjectName(u"titleLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.titleLabel)

        self.title = QLineEdit(ItemDetails)
        self.title.setObjectName(u"title")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.title)

        self.publicTitleLabel = QLabel(ItemDetails)
        self.publicTitleLabel.setObjectName(u"publicTitleLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.publicTitleLabel)

        self.publicTitle = QLineEdit(ItemDetails)
        self.publicTitle.setObjectName(u"publicTitle")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.publicTitle)

        self.publicSummaryLabel = QLabel(ItemDetails)
        self.publicSummaryLabel.setObjectName(u"publicSummaryLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.publicSummaryLabel)

        self.publicSummary = QPlainTextEdit(ItemDetails)
        self.publicSummary.setObjectName(u"publicSummary")
        self.publicSummary.setMaximumSize(QSize(16777215, 52))
        self.publicSummary.setTabChangesFocus(True)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.publicSummary)

        self.sectionLabel = QLabel(ItemDetails)
        self.sectionLabel.setObjectName(u"sectionLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.sectionLabel)

        self.section = QComboBox(ItemDetails)
        self.section.setObjectName(u"section")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.section)

        self.purposeLabel = QLabel(ItemDetails)
        self.purposeLabel.setObjectName(u"purposeLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.purposeLabel)

        self.purpose = QComboBox(ItemDetails)
        self.purpose.setObjectName(u"purpose")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.purpose)

        self.presenterLabel = QLabel(ItemDetails)
        self.presenterLabel.setObjectName(u"presenterLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.presenterLabel)

        self.presenter = QLineEdit(ItemDetails)
        self.presenter.setObjectName(u"presenter")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.presenter)

        self.plannedLabel = QLabel(ItemDetails)
        self.plannedLabel.setObjectName(u"plannedLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.plannedLabel)

        self.planned = QSpinBox(ItemDetails)
        self.planned.setObjectName(u"planned")
        self.planned.setMaximum(480)
        self.planned.setSingleStep(5)

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.planned)

        self.classificationLabel = QLabel(ItemDetails)
        self.classificationLabel.setObjectName(u"classificationLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.classificationLabel)

        self.classification = QComboBox(ItemDetails)
        self.classification.setObjectName(u"classification")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.classification)


        self.outer.addLayout(self.form)

        self.papersBox = QGroupBox(ItemDetails)
        self.papersBox.setObjectName(u"papersBox")
        self.papersLayout = QVBoxLayout(self.papersBox)
        self.papersLayout.setObjectName(u"papersLayout")
        self.papers = QTableWidget(self.papersBox)
        self.papers.setObjectName(u"papers")
        self.papers.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.papers.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.papers.setSelectionMode(QAbstractItemView.SingleSelection)
        self.papers.setMaximumSize(QSize(16777215, 110))

        self.papersLayout.addWidget(self.papers)

        self.paperButtons = QHBoxLayout()
        self.paperButtons.setObjectName(u"paperButtons")
        self.addPaper = QPushButton(self.papersBox)
        self.addPaper.setObjectName(u"addPaper")

        self.paperButtons.addWidget(self.addPaper)

        self.removePaper = QPushButton(self.papersBox)
        self.removePaper.setObjectName(u"removePaper")

        self.paperButtons.addWidget(self.removePaper)

        self.paperSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.paperButtons.addItem(self.paperSpacer)


        self.papersLayout.addLayout(self.paperButtons)


        self.outer.addWidget(self.papersBox)

        self.outstandingBox = QGroupBox(ItemDetails)
        self.outstandingBox.setObjectName(u"outstandingBox")
        self.outstandingLayout = QVBoxLayout(self.outstandingBox)
        self.outstandingLayout.setObjectName(u"outstandingLayout")
        self.outstanding = QTreeWidget(self.outstandingBox)
        self.outstanding.setObjectName(u"outstanding")
        self.outstanding.setRootIsDecorated(False)
        self.outstanding.setAlternatingRowColors(True)
        self.outstanding.setWordWrap(True)

        self.outstandingLayout.addWidget(self.outstanding)


        self.outer.addWidget(self.outstandingBox)

        self.minutesLabel = QLabel(ItemDetails)
        self.minutesLabel.setObjectName(u"minutesLabel")

        self.outer.addWidget(self.minutesLabel)

        self.minutes = BlockEditor(ItemDetails)
        self.minutes.setObjectName(u"minutes")

        self.outer.addWidget(self.minutes)

        self.noteLabel = QLabel(ItemDetails)
        self.noteLabel.setObjectName(u"noteLabel")

        self.outer.addWidget(self.noteLabel)

        self.note = QPlainTextEdit(ItemDetails)
        self.note.setObjectName(u"note")
        self.note.setMaximumSize(QSize(16777215, 70))

        self.outer.addWidget(self.note)

#if QT_CONFIG(shortcut)
        self.titleLabel.setBuddy(self.title)
        self.publicTitleLabel.setBuddy(self.publicTitle)
        self.publicSummaryLabel.setBuddy(self.publicSummary)
        self.sectionLabel.setBuddy(self.section)
        self.purposeLabel.setBuddy(self.purpose)
        self.presenterLabel.setBuddy(self.presenter)
        self.plannedLabel.setBuddy(self.planned)
        self.classificationLabel.setBuddy(self.classification)
        self.minutesLabel.setBuddy(self.minutes)
        self.noteLabel.setBuddy(self.note)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ItemDetails)

        QMetaObject.connectSlotsByName(ItemDetails)
    # setupUi

    def retranslateUi(self, ItemDetails):
        self.heading.setStyleSheet(QCoreApplication.translate("ItemDetails", u"font-size: 13pt; font-weight: 600;", None))
        self.titleLabel.setText(QCoreApplication.translate("ItemDetails", u"Title:", None))
        self.publicTitleLabel.setText(QCoreApplication.translate("ItemDetails", u"Pu&blic title:", None))
        self.publicTitle.setPlaceholderText(QCoreApplication.translate("ItemDetails", u"Shown in White documents when the item is confidential", None))
        self.publicSummaryLabel.setText(QCoreApplication.translate("ItemDetails", u"Public summar&y:", None))
        self.publicSummary.setPlaceholderText(QCoreApplication.translate("ItemDetails", u"What White minutes say of the item when it is confidential", None))
        self.sectionLabel.setText(QCoreApplication.translate("ItemDetails", u"&Section:", None))
        self.purposeLabel.setText(QCoreApplication.translate("ItemDetails", u"P&urpose:", None))
        self.presenterLabel.setText(QCoreApplication.translate("ItemDetails", u"Presenter:", None))
        self.plannedLabel.setText(QCoreApplication.translate("ItemDetails", u"P&lanned:", None))
        self.planned.setSpecialValueText(QCoreApplication.translate("ItemDetails", u"not set", None))
        self.planned.setSuffix(QCoreApplication.translate("ItemDetails", u" min", None))
        self.classificationLabel.setText(QCoreApplication.translate("ItemDetails", u"&Classification:", None))
        self.papersBox.setTitle(QCoreApplication.translate("ItemDetails", u"Papers", None))
        self.addPaper.setText(QCoreApplication.translate("ItemDetails", u"Attach &paper...", None))
        self.removePaper.setText(QCoreApplication.translate("ItemDetails", u"Remove paper", None))
        self.outstandingBox.setTitle(QCoreApplication.translate("ItemDetails", u"Actions outstanding from earlier meetings", None))
        ___qtreewidgetitem = self.outstanding.headerItem()
        ___qtreewidgetitem.setText(3, QCoreApplication.translate("ItemDetails", u"Status", None))
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("ItemDetails", u"Action", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("ItemDetails", u"Owner", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("ItemDetails", u"Reference", None))
        self.minutesLabel.setText(QCoreApplication.translate("ItemDetails", u"Mi&nutes:", None))
        self.minutes.setPlaceholderText(QCoreApplication.translate("ItemDetails", u"The minutes of this item, saved as you type. \"- \" or \"1. \" starts a list, \"## \" a sub-heading, Ctrl+Alt+T a table, Alt+Up/Down moves a block.", None))
        self.noteLabel.setText(QCoreApplication.translate("ItemDetails", u"Post-meeting note:", None))
        pass
    # retranslateUi

