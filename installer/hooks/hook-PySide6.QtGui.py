"""Overrides PyInstaller's own hook for PySide6.QtGui: the same files minus Qt plugins SecDesk
never loads (installer/manifest.py lists them). Dropping them here, before PyInstaller follows
their library dependencies, also keeps out what only they need: the GTK stack of the GTK theme
plugin, QtNetwork of the VNC platform, the EGLFS libraries of the embedded platforms."""

import sys
from pathlib import Path

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import manifest

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [
    (source, folder) for source, folder in binaries if not manifest.unused_qt_plugin(source)
]
