"""Render secdesk.svg into the icon files the bundles need (run after changing the SVG).

secdesk.png (Linux, 256 px), secdesk.ico (Windows, 16-256 px), secdesk.icns (macOS).
Needs PySide6 (QtSvg) to draw the SVG and Pillow to write .ico/.icns; both are
build-time tools only: the generated files are committed.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)


def render(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    QSvgRenderer(str(HERE / "secdesk.svg")).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (QImage/QPainter need one)
    images = {size: Image.open(io.BytesIO(render(size))) for size in SIZES}
    images[256].save(HERE / "secdesk.png")
    images[256].save(HERE / "secdesk.ico", sizes=[(s, s) for s in SIZES if s <= 256])
    images[1024].save(HERE / "secdesk.icns")
    for name in ("secdesk.png", "secdesk.ico", "secdesk.icns"):
        print(f"{name}: {(HERE / name).stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
