"""What goes into the SecDesk bundle, computed from the source tree.

The PyInstaller spec (`secdesk.spec`) and the tests both read this module, so the
list of bundled files is decided in one place and checked without a build. It
walks folders rather than naming files, so a new Designer form, icon, font,
template, migration or window module is bundled without touching the installer.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "SecDesk"
BUNDLE_NAME = "secdesk"  # the one-folder bundle's folder and console program
PACKAGE_EXTENSION = ".sdmp"  # meeting packages: the installers associate it with SecDesk

# Build scripts and caches that live beside assets but are not read at run time.
_NOT_ASSETS = {".py", ".pyc", ".pyo"}
_SKIPPED_FOLDERS = {"__pycache__"}

# Qt modules PySide6-Essentials ships that SecDesk does not use, plus the add-on
# modules of full PySide6 in case a build machine has it. A window module that
# imports one of these fails the tests (tests/test_installer.py).
UNUSED_QT_MODULES = tuple(
    """
    Qt3DAnimation Qt3DCore Qt3DExtras Qt3DInput Qt3DLogic Qt3DRender QtBluetooth QtCharts
    QtConcurrent QtDataVisualization QtDBus QtDesigner QtGraphs QtGraphsWidgets QtHelp
    QtHttpServer QtLabsStyleKit QtLocation QtMultimedia QtMultimediaWidgets QtNetwork
    QtNetworkAuth QtNfc QtOpenGL QtOpenGLWidgets QtPositioning QtQml QtQmlFeatures QtQuick
    QtQuick3D QtQuickControls2 QtQuickTest QtQuickWidgets QtRemoteObjects QtScxml QtSensors
    QtSerialBus QtSerialPort QtSpatialAudio QtSql QtStateMachine QtTest QtTextToSpeech
    QtUiTools QtWebChannel QtWebEngineCore QtWebEngineQuick QtWebEngineWidgets QtWebSockets
    QtWebView QtXml
    """.split()
)

# Qt plugins (folder/name) SecDesk never loads: embedded and remote platforms, input
# devices it does not read, the GTK theme (it pulls in all of GTK) and image formats it
# never shows. Names are compared without a "lib" prefix or a file suffix; an empty name
# stands for the whole folder.
UNUSED_QT_PLUGINS = tuple(
    tuple(entry.split("/"))
    for entry in """
    platforms/qlinuxfb platforms/qvnc platforms/qvkkhrdisplay platforms/qminimalegl
    platforms/qeglfs platforms/qdirect2d egldeviceintegrations/ generic/ platformthemes/qgtk3
    imageformats/qtiff imageformats/qwebp imageformats/qtga imageformats/qwbmp imageformats/qpdf
    """.split()
)

# Test and development packages: never in the bundle, even if installed. Also optional
# extras of libraries SecDesk uses that its code never reaches: numpy (openpyxl) and
# pygments (Mako). Not Pillow: reportlab imports it unconditionally.
DEVELOPMENT_PACKAGES = tuple(
    """
    tests pytest _pytest pytestqt hypothesis jsonschema pluggy iniconfig PyInstaller
    setuptools pip tkinter _tkinter IPython numpy pygments
    """.split()
)

# SecDesk modules that are tools for tests and benchmarks, run from a checkout only
# (the kill drill drives the window with QtTest, which the bundle leaves out).
DEVELOPMENT_MODULES = ("secdesk.gui.live.kill_drill",)

# Libraries whose non-Python files (templates, fonts, locale data) the program reads.
LIBRARIES_WITH_DATA = ("docx", "reportlab", "dateparser", "openpyxl")

# Libraries that find their data through their modules' folders (python-docx reads
# "docx/parts/../templates/..."): their source files are collected too, so the folders exist.
MODULES_AS_FILES = {"docx": "pyz+py"}


def version() -> str:
    """The version, read from its one home (secdesk/__init__.py) without importing SecDesk."""
    text = (ROOT / "secdesk" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if match is None:
        raise RuntimeError('secdesk/__init__.py has no __version__ = "..." line')
    return match.group(1)


def numeric_version(text: str) -> tuple[int, int, int, int]:
    """'1.2rc1' -> (1, 2, 0, 0): Windows version resources and Inno Setup want four numbers."""
    release = re.match(r"\d+(?:\.\d+){0,3}", text)
    if release is None:
        raise ValueError(f"version {text!r} does not start with a number")
    numbers = [int(part) for part in release.group().split(".")]
    return tuple(numbers + [0] * (4 - len(numbers)))  # type: ignore[return-value]


def _files_under(folder: Path, keep_python: bool) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or _SKIPPED_FOLDERS & set(path.relative_to(ROOT).parts):
            continue
        if not keep_python and path.suffix in _NOT_ASSETS:
            continue
        found.append(path)
    return found


# The top-level asset folders go where an installed wheel has them (pyproject.toml maps them
# into the package): secdesk.paths.asset_dir then finds them the same way in both.
ASSET_FOLDERS = ("db", "resources", "ui")
ASSET_PACKAGE_FOLDER = "secdesk/_assets"


def _destination(path: Path) -> str:
    folder = path.parent.relative_to(ROOT)
    if folder.parts[0] in ASSET_FOLDERS:
        return f"{ASSET_PACKAGE_FOLDER}/{folder.as_posix()}"
    return folder.as_posix()


def _as_datas(files: list[Path]) -> list[tuple[str, str]]:
    """PyInstaller's (source file, destination folder) pairs: the source tree, assets inside the package."""
    return [(str(path), _destination(path)) for path in files]


def migration_files() -> list[Path]:
    """Alembic reads these from disk at run time: env.py, the template and every version."""
    db = ROOT / "db"
    return [db / "env.py", db / "script.py.mako", *sorted((db / "versions").glob("*.py"))]


def asset_files() -> list[Path]:
    """Designer forms, resources (icons, fonts, templates) and data inside the secdesk package."""
    files = _files_under(ROOT / "ui", keep_python=False) + _files_under(
        ROOT / "resources", keep_python=False
    )
    return files + _files_under(ROOT / "secdesk", keep_python=False)


def datas() -> list[tuple[str, str]]:
    return _as_datas(migration_files() + asset_files())


def migration_imports() -> list[str]:
    """Modules the migration scripts import: PyInstaller cannot see them in the code."""
    names: set[str] = set()
    for path in migration_files():
        if path.suffix != ".py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
    return sorted(names)


def excludes() -> list[str]:
    return [
        *DEVELOPMENT_PACKAGES,
        *DEVELOPMENT_MODULES,
        *(f"PySide6.{name}" for name in UNUSED_QT_MODULES),
    ]


def bundled_module(name: str) -> bool:
    """Whether a secdesk module goes into the bundle (all of them but the development tools)."""
    return not any(name == tool or name.startswith(tool + ".") for tool in DEVELOPMENT_MODULES)


def unused_qt_plugin(path: str) -> bool:
    """Whether a Qt plugin file is one SecDesk never loads (see UNUSED_QT_PLUGINS)."""
    file = Path(path)
    name = file.name.split(".")[0].removeprefix("lib")
    return any(
        file.parent.name == folder and name.startswith(prefix)
        for folder, prefix in UNUSED_QT_PLUGINS
    )


def icon(platform: str) -> Path:
    """The application icon in the format the platform's bundle wants."""
    suffix = {"win32": ".ico", "darwin": ".icns"}.get(platform, ".png")
    return ROOT / "installer" / "icons" / f"secdesk{suffix}"
