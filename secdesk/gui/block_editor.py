"""The minutes editor: an item's minutes typed as blocks at minute-taking speed.

It edits the text form of `secdesk.services.minutes_text` (which the core applies and
`secdesk block text|set` scripts): the document shows it as formatted text and reads
back into it, so the window holds no rule of its own about blocks.

Keys: "- " or "* " starts a bulleted list, "1. " a numbered one, "## " a sub-heading;
Enter on an empty entry ends the list. Ctrl+B and Ctrl+I bold and italic. Ctrl+Alt+T
inserts a table, Tab and Shift+Tab go from cell to cell (Tab in the last cell adds a row);
elsewhere Tab moves on to the next field. Alt+Up and Alt+Down move the block at the cursor.
Ctrl+Return puts a page break. Decisions, actions and the post-meeting note show as boxes
in their places: moved like a block, never typed into. Pasting from Word keeps bold,
italic, links, lists (Word's own bullet characters included) and tables.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from PySide6.QtCore import QEvent, QMimeData, QPointF, QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QPainter,
    QPen,
    QPyTextObject,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFragment,
    QTextLength,
    QTextListFormat,
    QTextTableFormat,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from secdesk.model import Classification
from secdesk.services.minutes_text import Unit, escape_inline, parse, unparse
from secdesk.vocabulary import BlockKind

PLACE_OBJECT = QTextFormat.ObjectTypes.UserObject + 1
PLACE_KEY = QTextFormat.Property.UserProperty + 1  # on a place's character: "decision 12", "note"...
LEVEL_KEY = QTextFormat.Property.UserProperty + 2  # on a block or table: its level, when above White
OBJECT_CHARACTER = "\ufffc"
NUMBERED_STYLES = {QTextListFormat.Style.ListDecimal, QTextListFormat.Style.ListLowerAlpha,
                   QTextListFormat.Style.ListUpperAlpha, QTextListFormat.Style.ListLowerRoman,
                   QTextListFormat.Style.ListUpperRoman}
# Word pastes its list entries as paragraphs that begin with the bullet character and a tab.
_WORD_BULLET = re.compile(r"^(?:[\u00b7\u00a7\u2022\u25aa\u25cf\u2013]|o(?=[\t\u00a0]))[\s\u00a0]+")
_WORD_NUMBER = re.compile(r"^\d{1,3}[.)][\s\u00a0]+")
_AUTOFORMAT = {"-": BlockKind.BULLETS, "*": BlockKind.BULLETS, "1.": BlockKind.NUMBERED, "1)": BlockKind.NUMBERED,
               "#": BlockKind.HEADING, "##": BlockKind.HEADING, "###": BlockKind.HEADING}
LEVEL_SHADES = {Classification.GREEN: "#e8f5e9", Classification.AMBER: "#fff3e0", Classification.RED: "#ffebee"}


def place_key(unit: Unit) -> str:
    if unit.kind in (BlockKind.DECISION, BlockKind.ACTION):
        return f"{unit.kind.value} {unit.row_id}"
    return "note" if unit.kind is BlockKind.NOTE else "page break"


def _unit_of_key(key: str) -> Unit:
    kind, _, row = key.partition(" ")
    if kind in ("decision", "action"):
        return Unit(BlockKind(kind), row_id=int(row))
    return Unit(BlockKind.NOTE if key == "note" else BlockKind.PAGE_BREAK)


class PlaceBoxes(QPyTextObject):
    """Draws a decision's, action's, note's or page break's place as a labelled box on its own line."""

    def __init__(self, editor: BlockEditor) -> None:
        super().__init__(editor)
        self.editor = editor

    def _label(self, fmt: QTextFormat) -> str:
        key = str(fmt.property(PLACE_KEY))
        return self.editor.labels.get(key) or {"page break": "Page break", "note": "Post-meeting note"}.get(
            key, key.capitalize())

    def intrinsicSize(self, doc: QTextDocument, pos: int, fmt: QTextFormat) -> QSizeF:
        metrics = QFontMetricsF(doc.defaultFont())
        width = max(120.0, doc.textWidth() - 2 * doc.documentMargin() - 8)
        return QSizeF(width, metrics.height() + 8)

    def drawObject(self, painter: QPainter, rect: QRectF | QRect, doc: QTextDocument, pos: int,
                   fmt: QTextFormat) -> None:
        painter.save()
        painter.setPen(QPen(QColor("#5c6bc0"), 1))
        painter.setBrush(QColor("#eef0fb"))
        rect = QRectF(rect)
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        painter.setPen(QColor("#1a237e"))
        metrics = QFontMetricsF(doc.defaultFont())
        text = metrics.elidedText(self._label(fmt), Qt.TextElideMode.ElideRight, rect.width() - 12)
        painter.drawText(QPointF(rect.left() + 6, rect.top() + 4 + metrics.ascent()), text)
        painter.restore()


# --- the document read as blocks -----------------------------------------------------------


def _level(fmt: QTextFormat) -> Classification | None:
    value = fmt.property(LEVEL_KEY)
    return Classification(value) if value else None


def _fragments(block: QTextBlock) -> Iterator[QTextFragment]:
    piece = block.begin()
    while not piece.atEnd():
        fragment = piece.fragment()
        if fragment.isValid():
            yield fragment
        piece += 1


def _markup(block: QTextBlock) -> str:
    """A block's text as paragraph markup: bold, italic and links kept, signs escaped."""
    return _markup_of(_fragments(block))


def _segments(block: QTextBlock) -> list[tuple[str | None, str]]:
    """A block split at its places: (place key, "") for a place, (None, markup) for the text between."""
    segments: list[tuple[str | None, str]] = []
    text: list[QTextFragment] = []
    for fragment in _fragments(block):
        fmt = fragment.charFormat()
        if fmt.objectType() != PLACE_OBJECT:
            text.append(fragment)
            continue
        segments.append((None, _markup_of(text)))
        text = []
        # Places typed beside each other are one fragment each character: Qt keeps one format per fragment.
        segments += [(str(fmt.property(PLACE_KEY)), "")] * fragment.text().count(OBJECT_CHARACTER)
    segments.append((None, _markup_of(text)))
    return [(key, markup) for key, markup in segments if key is not None or markup]


def _markup_of(fragments: Iterable[QTextFragment]) -> str:
    runs: list[tuple[str, str]] = []  # (text, style): style "" plain, "b", "i" or a link
    for fragment in fragments:
        fmt = fragment.charFormat()
        if fmt.objectType() == PLACE_OBJECT or fmt.isImageFormat():
            continue
        text = fragment.text().replace("\u2028", " ").replace(OBJECT_CHARACTER, "")
        href = fmt.anchorHref() if fmt.isAnchor() else ""
        style = href if href.startswith(("http://", "https://")) else (
            "b" if fmt.fontWeight() >= QFont.Weight.DemiBold else "i" if fmt.fontItalic() else "")
        if runs and runs[-1][1] == style:
            runs[-1] = (runs[-1][0] + text, style)
        else:
            runs.append((text, style))
    out = []
    for text, style in runs:
        body = escape_inline(text.strip())
        if not style or not body:
            out.append(escape_inline(text))
            continue
        lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        marked = f"**{body}**" if style == "b" else f"*{body}*" if style == "i" else f"[{body}]({style})"
        out.append(lead + marked + trail)
    return " ".join("".join(out).split())


def _cell_text(document: QTextDocument, first: int, last: int) -> str:
    cursor = QTextCursor(document)
    cursor.setPosition(first)
    cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
    return " ".join(cursor.selectedText().replace("\u2029", " ").split())


def read_blocks(document: QTextDocument, *, pasted: bool = False) -> list[tuple[Unit, int, int]]:
    """The document's blocks in order, each with the first and last positions it covers.
    `pasted`: paragraphs that begin with Word's bullet characters or "1." are list entries."""
    found: list[tuple[Unit, int, int]] = []
    joins = False  # the entry continues the list before it

    def add(unit: Unit, first: int, last: int) -> None:
        previous = found[-1][0] if found else None
        if (previous is not None and unit.kind is previous.kind and unit.kind in (BlockKind.BULLETS,
                                                                                  BlockKind.NUMBERED)
                and joins):
            found[-1] = (replace(previous, content=previous.content + "\n" + unit.content), found[-1][1], last)
        else:
            found.append((unit, first, last))

    block = document.begin()
    list_id: object = None
    while block.isValid():
        first, last = block.position(), block.position() + max(0, block.length() - 1)
        table = QTextCursor(block).currentTable()
        if table is not None:
            rows = [[_cell_text(document, table.cellAt(r, c).firstCursorPosition().position(),
                                table.cellAt(r, c).lastCursorPosition().position())
                     for c in range(table.columns())] for r in range(table.rows())]
            rows = [row for row in rows if any(row)]
            level = _level(table.format())
            if len(rows) >= 2:
                found.append((Unit(BlockKind.TABLE, json.dumps(rows, ensure_ascii=False), level),
                              table.firstPosition(), table.lastPosition()))
            elif rows:
                found.append((Unit(BlockKind.PARAGRAPH, escape_inline(" ".join(rows[0])), level),
                              table.firstPosition(), table.lastPosition()))
            list_id = None
            block = document.findBlock(table.lastPosition() + 1)
            continue
        level = _level(block.blockFormat())
        text_list = block.textList()
        segments = _segments(block) if OBJECT_CHARACTER in block.text() else []
        joins = False
        if text_list is None and any(key is not None for key, _markup_text in segments):
            # Text typed beside a place (before a decision's box, say) is a paragraph of its own.
            for key, markup in segments:
                unit = _unit_of_key(key) if key is not None else Unit(BlockKind.PARAGRAPH, markup, level)
                found.append((unit, first, last))
            list_id = None
        elif text_list is not None:
            markup = _markup(block)
            this_list = text_list.item(0).position()
            kind = BlockKind.NUMBERED if text_list.format().style() in NUMBERED_STYLES else BlockKind.BULLETS
            joins = this_list == list_id
            list_id = this_list
            if markup:
                add(Unit(kind, markup, level), first, last)
        else:
            list_id = None
            markup = _markup(block)
            if block.blockFormat().headingLevel() > 0 and markup:
                found.append((Unit(BlockKind.HEADING, " ".join(block.text().split()), level), first, last))
            elif markup and pasted and (word := _WORD_BULLET.match(block.text()) or _WORD_NUMBER.match(
                    block.text())):
                kind = BlockKind.BULLETS if word.re is _WORD_BULLET else BlockKind.NUMBERED
                entry = _markup_after(block, len(word.group(0)))
                joins = bool(found) and found[-1][0].kind is kind
                add(Unit(kind, entry, level), first, last)
            elif markup:
                found.append((Unit(BlockKind.PARAGRAPH, markup, level), first, last))
        block = block.next()
    return found


def _markup_after(block: QTextBlock, characters: int) -> str:
    """The markup of a block without its first `characters` (a pasted bullet and its tab)."""
    scratch = QTextDocument()
    cursor = QTextCursor(scratch)
    source = QTextCursor(block)
    source.setPosition(block.position() + characters)
    source.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertFragment(source.selection())
    return _markup(scratch.begin())


# --- blocks written into the document ---------------------------------------------------------


def _char_format(bold: bool = False, italic: bool = False, link: str | None = None) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    fmt.setFontItalic(italic)
    if link:
        fmt.setAnchor(True)
        fmt.setAnchorHref(link)
        fmt.setForeground(QColor("#0b57d0"))
        fmt.setFontUnderline(True)
    return fmt


def _block_format(level: Classification | None) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setBottomMargin(6)
    if level not in (None, Classification.WHITE):
        fmt.setProperty(LEVEL_KEY, level.value)
        fmt.setBackground(QColor(LEVEL_SHADES[level]))
    return fmt


def _insert_markup(cursor: QTextCursor, markup: str) -> None:
    from secdesk.services.minute_blocks import inline

    for text, bold, italic, link in inline(markup):
        cursor.insertText(text, _char_format(bold, italic, link))
    cursor.setCharFormat(_char_format())


def _heading_format() -> QTextCharFormat:
    fmt = _char_format(bold=True)
    fmt.setFontPointSize(QFont().pointSizeF() * 1.15)
    return fmt


def insert_units(cursor: QTextCursor, units: list[Unit], *, fresh: bool) -> None:
    """Write blocks at the cursor; `fresh`: the cursor's block is empty and takes the first one."""

    for unit in units:
        if not fresh:
            cursor.insertBlock(_block_format(None), _char_format())
        fresh = False
        cursor.setBlockFormat(_block_format(unit.level))
        cursor.setCharFormat(_char_format())
        if unit.kind in (BlockKind.PARAGRAPH, BlockKind.BULLETS, BlockKind.NUMBERED):
            entries = unit.entries() if unit.kind is not BlockKind.PARAGRAPH else [unit.content]
            if unit.kind is not BlockKind.PARAGRAPH:
                style = (QTextListFormat.Style.ListDecimal if unit.kind is BlockKind.NUMBERED
                         else QTextListFormat.Style.ListDisc)
                cursor.createList(style)
            for number, entry in enumerate(entries):
                if number:
                    cursor.insertBlock()
                _insert_markup(cursor, entry)
        elif unit.kind is BlockKind.HEADING:
            heading = cursor.blockFormat()
            heading.setHeadingLevel(2)
            cursor.setBlockFormat(heading)
            cursor.insertText(unit.content, _heading_format())
            cursor.setCharFormat(_char_format())
        elif unit.kind is BlockKind.TABLE:
            rows = json.loads(unit.content)
            table = cursor.insertTable(len(rows), len(rows[0]), _table_format(unit.level))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cellAt(r, c).firstCursorPosition().insertText(cell, _char_format(bold=r == 0))
            cursor.setPosition(table.lastPosition() + 1)
            if cursor.block().text():  # text follows the table: the next block goes between them
                cursor.insertBlock(_block_format(None), _char_format())
                cursor.movePosition(QTextCursor.MoveOperation.PreviousBlock)
            fresh = True
        else:
            fmt = QTextCharFormat()
            fmt.setObjectType(PLACE_OBJECT)
            fmt.setProperty(PLACE_KEY, place_key(unit))
            cursor.insertText(OBJECT_CHARACTER, fmt)
            cursor.setCharFormat(_char_format())


def _table_format(level: Classification | None) -> QTextTableFormat:
    fmt = QTextTableFormat()
    fmt.setHeaderRowCount(1)
    fmt.setCellPadding(4)
    fmt.setCellSpacing(0)
    fmt.setBorder(1)
    fmt.setBorderStyle(QTextTableFormat.BorderStyle.BorderStyle_Solid)
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    fmt.setBottomMargin(6)
    if level not in (None, Classification.WHITE):
        fmt.setProperty(LEVEL_KEY, level.value)
    return fmt


class BlockEditor(QTextEdit):
    """A rich text box that reads and writes an item's minutes in minutes_text's form."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: dict[str, str] = {}
        self.setAcceptRichText(True)
        self.setTabChangesFocus(True)  # outside a table Tab moves on, as in a form
        self._boxes = PlaceBoxes(self)
        self.document().documentLayout().registerHandler(PLACE_OBJECT, self._boxes)

    # --- the text form ---

    def set_text(self, text: str, labels: dict[str, str] | None = None) -> None:
        if labels is not None:
            self.labels = labels
        document = self.document()
        document.clear()
        insert_units(QTextCursor(document), parse(text), fresh=True)

    def set_labels(self, labels: dict[str, str]) -> None:
        self.labels = labels
        self.viewport().update()

    def to_text(self) -> str:
        return unparse([unit for unit, _first, _last in read_blocks(self.document())])

    def cursor_block_index(self) -> int:
        """The block the cursor is in or before (0-based), as the text form counts them."""
        position = self.textCursor().position()
        blocks = read_blocks(self.document())
        return next((index for index, (_unit, _first, last) in enumerate(blocks) if position <= last), len(blocks))

    def place_index(self) -> int:
        """Where a decision or action made now goes: after the block the cursor is in, or at an empty line."""
        position = self.textCursor().position()
        blocks = read_blocks(self.document())
        index = self.cursor_block_index()
        return index + 1 if index < len(blocks) and blocks[index][1] <= position else index

    # --- keys ---

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and self._own_key(event):
            event.accept()  # the editor's keys win over window shortcuts while it has the focus
            return True
        return super().event(event)

    @staticmethod
    def _own_key(event: QKeyEvent) -> bool:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        key = event.key()
        control, alt = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
        return ((mods == control and key in (Qt.Key.Key_B, Qt.Key.Key_I, Qt.Key.Key_Return, Qt.Key.Key_Enter))
                or (mods == control | alt and key == Qt.Key.Key_T)
                or (mods == alt and key in (Qt.Key.Key_Up, Qt.Key.Key_Down)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.isReadOnly():
            super().keyPressEvent(event)
            return
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        key = event.key()
        control, alt = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
        if mods == control and key == Qt.Key.Key_B:
            self._toggle(bold=True)
        elif mods == control and key == Qt.Key.Key_I:
            self._toggle(bold=False)
        elif mods == control and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._insert_units([Unit(BlockKind.PAGE_BREAK)])
        elif mods == control | alt and key == Qt.Key.Key_T:
            self.insert_table()
        elif mods == alt and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_block(-1 if key == Qt.Key.Key_Up else 1)
        elif not self._formatted(event):
            super().keyPressEvent(event)

    def _formatted(self, event: QKeyEvent) -> bool:
        """A space after "- ", "1. " or "##" at a paragraph's start, or Enter ending a list or heading."""
        plain = event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier)
        if plain != Qt.KeyboardModifier.NoModifier:
            return False
        if event.key() == Qt.Key.Key_Space:
            return self._autoformat()
        return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._end_list_or_heading()

    def _toggle(self, *, bold: bool) -> None:
        current = self.textCursor().charFormat()
        fmt = QTextCharFormat()
        if bold:
            fmt.setFontWeight(QFont.Weight.Normal if current.fontWeight() >= QFont.Weight.DemiBold
                              else QFont.Weight.Bold)
        else:
            fmt.setFontItalic(not current.fontItalic())
        cursor = self.textCursor()
        if cursor.hasSelection():
            cursor.mergeCharFormat(fmt)
        self.mergeCurrentCharFormat(fmt)

    def _autoformat(self) -> bool:
        """"- ", "1. " or "## " typed at the start of a paragraph makes it a list entry or sub-heading."""
        cursor = self.textCursor()
        if cursor.hasSelection() or cursor.currentList() is not None or cursor.currentTable() is not None:
            return False
        kind = _AUTOFORMAT.get(cursor.block().text()[:cursor.positionInBlock()])
        if kind is None or cursor.block().blockFormat().headingLevel():
            return False
        cursor.beginEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        if kind is BlockKind.HEADING:
            fmt = cursor.blockFormat()
            fmt.setHeadingLevel(2)
            cursor.setBlockFormat(fmt)
            cursor.setBlockCharFormat(_heading_format())
            cursor.setCharFormat(_heading_format())
        else:
            cursor.createList(QTextListFormat.Style.ListDecimal if kind is BlockKind.NUMBERED
                              else QTextListFormat.Style.ListDisc)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        return True

    def _end_list_or_heading(self) -> bool:
        cursor = self.textCursor()
        block = cursor.block()
        text_list = cursor.currentList()
        if text_list is not None and not block.text().strip():
            cursor.beginEditBlock()
            text_list.remove(block)
            fmt = cursor.blockFormat()
            fmt.setIndent(0)
            cursor.setBlockFormat(fmt)
            cursor.endEditBlock()
            return True
        if block.blockFormat().headingLevel() and cursor.atBlockEnd():
            cursor.insertBlock(_block_format(None), _char_format())
            self.setTextCursor(cursor)
            return True
        return False

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab in a table moves between its cells (adding a row after the last); elsewhere, on."""
        cursor = self.textCursor()
        table = cursor.currentTable()
        if table is None or self.isReadOnly():
            return super().focusNextPrevChild(next)
        cell = table.cellAt(cursor)
        index = cell.row() * table.columns() + cell.column() + (1 if next else -1)
        if index < 0:
            return True
        if index >= table.rows() * table.columns():
            table.appendRows(1)
        target = table.cellAt(index // table.columns(), index % table.columns())
        cursor = target.lastCursorPosition()
        cursor.setPosition(target.firstCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        return True

    # --- block operations ---

    def _insert_units(self, units: list[Unit]) -> None:
        cursor = self.textCursor()
        cursor.beginEditBlock()
        if cursor.hasSelection():
            cursor.removeSelectedText()
        fresh = not cursor.block().text() and cursor.currentTable() is None
        if not fresh and cursor.currentTable() is None:
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        insert_units(cursor, units, fresh=fresh)
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    def insert_table(self, columns: int = 2) -> None:
        """A table with a header row and one row, the cursor in its first cell."""

        self._insert_units([Unit(BlockKind.TABLE, json.dumps([[""] * columns, [""] * columns]))])
        table = None
        cursor = self.textCursor()
        block = cursor.block()
        while block.isValid() and table is None:
            table = QTextCursor(block).currentTable()
            block = block.previous()
        if table is not None:
            self.setTextCursor(table.cellAt(0, 0).firstCursorPosition())

    def move_block(self, step: int) -> None:
        """Move the block at the cursor one place up (-1) or down (1), the cursor going with it."""
        blocks = read_blocks(self.document())
        index = self.cursor_block_index()
        target = index + step
        if not (0 <= index < len(blocks) and 0 <= target < len(blocks)):
            return
        units = [unit for unit, _first, _last in blocks]
        units[index], units[target] = units[target], units[index]
        offset = self.textCursor().position() - blocks[index][1]
        document = self.document()
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.removeSelectedText()
        cursor.setBlockFormat(_block_format(None))
        insert_units(cursor, units, fresh=True)
        cursor.endEditBlock()
        moved = read_blocks(document)[target]
        cursor.setPosition(min(moved[1] + max(0, offset), moved[2]))
        self.setTextCursor(cursor)

    # --- pasting ---

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Word's HTML read as blocks (bold, lists, tables kept); anything else as plain text."""
        if not source.hasHtml() or self.isReadOnly():
            super().insertFromMimeData(source)
            return
        scratch = QTextDocument()
        scratch.setHtml(source.html())
        units = [unit for unit, _first, _last in read_blocks(scratch, pasted=True)
                 if unit.kind not in (BlockKind.DECISION, BlockKind.ACTION, BlockKind.NOTE)]
        if not units:
            super().insertFromMimeData(source)
            return
        self._insert_units([replace(unit, level=None) for unit in units])

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasHtml() or source.hasText()
