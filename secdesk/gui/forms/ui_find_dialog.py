# Generated from ui/find_dialog.ui by ui/build_forms.py: DO NOT EDIT; edit the form and rebuild.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'find_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QSizePolicy, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
    QWidget)

class Ui_FindDialog(object):
    def setupUi(self, FindDialog):
        if not FindDialog.objectName():
            FindDialog.setObjectName(u"FindDialog")
        FindDialog.resize(760, 520)
        self.outer = QVBoxLayout(FindDialog)
        self.outer.setObjectName(u"outer")
        self.top = QHBoxLayout()
        self.top.setObjectName(u"top")
        self.queryLabel = QLabel(FindDialog)
        self.queryLabel.setObjectName(u"queryLabel")

        self.top.addWidget(self.queryLabel)

        self.query = QLineEdit(FindDialog)
        self.query.setObjectName(u"query")
        self.query.setClearButtonEnabled(True)

        self.top.addWidget(self.query)


        self.outer.addLayout(self.top)

        self.results = QTreeWidget(FindDialog)
        self.results.setObjectName(u"results")
        self.results.setAlternatingRowColors(True)
        self.results.setRootIsDecorated(True)
        self.results.setUniformRowHeights(True)

        self.outer.addWidget(self.results)

        self.summary = QLabel(FindDialog)
        self.summary.setObjectName(u"summary")

        self.outer.addWidget(self.summary)

        self.buttons = QDialogButtonBox(FindDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Close|QDialogButtonBox.Open)

        self.outer.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.queryLabel.setBuddy(self.query)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(FindDialog)

        QMetaObject.connectSlotsByName(FindDialog)
    # setupUi

    def retranslateUi(self, FindDialog):
        FindDialog.setWindowTitle(QCoreApplication.translate("FindDialog", u"Find", None))
        self.queryLabel.setText(QCoreApplication.translate("FindDialog", u"F&ind:", None))
        self.query.setPlaceholderText(QCoreApplication.translate("FindDialog", u"Words or a reference, e.g. TABASC45/02 or standards", None))
        ___qtreewidgetitem = self.results.headerItem()
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("FindDialog", u"Meeting", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("FindDialog", u"Found", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("FindDialog", u"Reference", None))
    # retranslateUi

