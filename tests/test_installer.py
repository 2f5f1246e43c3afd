"""The installer's decisions, checked without a build: the bundle's contents, one version, one
extension, the Linux tarball and install.sh."""

from __future__ import annotations

import ast
import importlib.util
import re
import subprocess
import sys
import tarfile
from pathlib import Path
from types import ModuleType

import pytest

import secdesk
from secdesk import paths

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"


def load(name: str) -> ModuleType:
    """Import a script from installer/ (a folder of scripts, not a package)."""
    if str(INSTALLER) not in sys.path:
        sys.path.insert(
            0, str(INSTALLER)
        )  # build.py imports manifest by name, as under PyInstaller
    spec = importlib.util.spec_from_file_location(f"installer_{name}", INSTALLER / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


manifest = load("manifest")


@pytest.fixture
def source_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small checkout, with the manifest pointed at it."""
    files = {
        "db/env.py": "from alembic import context\nfrom secdesk.model import Base\n",
        "db/script.py.mako": "${upgrades}\n",
        "db/versions/0001_first.py": "from alembic import op\nimport sqlalchemy as sa\n",
        "db/versions/0002_later.py": "import uuid\nfrom . import helpers\n",
        "db/versions/__pycache__/0001_first.cpython-311.pyc": "",
        "ui/meeting_page.ui": "<ui/>",
        "ui/a_new_form.ui": "<ui/>",
        "ui/build_forms.py": "# a build step, not an asset",
        "resources/fonts/Carlito-Regular.ttf": "font",
        "resources/icons/new-icon.svg": "<svg/>",
        "resources/templates/reference.docx": "docx",
        "resources/templates/make_template.py": "# a build step, not an asset",
        "secdesk/__init__.py": '"""x"""\n\n__version__ = "2.3.4"\n',
        "secdesk/packages/meeting-package.schema.json": "{}",
        "secdesk/gui/app.py": "import PySide6",
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    monkeypatch.setattr(manifest, "ROOT", tmp_path)
    return tmp_path


def test_every_asset_and_migration_is_bundled_inside_the_package(source_tree: Path) -> None:
    bundled = {
        (Path(source).relative_to(source_tree).as_posix(), folder)
        for source, folder in manifest.datas()
    }
    assert bundled == {
        ("db/env.py", "secdesk/_assets/db"),
        ("db/script.py.mako", "secdesk/_assets/db"),
        ("db/versions/0001_first.py", "secdesk/_assets/db/versions"),
        ("db/versions/0002_later.py", "secdesk/_assets/db/versions"),
        ("ui/a_new_form.ui", "secdesk/_assets/ui"),
        ("ui/meeting_page.ui", "secdesk/_assets/ui"),
        ("resources/fonts/Carlito-Regular.ttf", "secdesk/_assets/resources/fonts"),
        ("resources/icons/new-icon.svg", "secdesk/_assets/resources/icons"),
        ("resources/templates/reference.docx", "secdesk/_assets/resources/templates"),
        ("secdesk/packages/meeting-package.schema.json", "secdesk/packages"),
    }


def test_the_bundle_puts_the_assets_where_asset_dir_looks_in_an_installed_package() -> None:
    assert manifest.ASSET_PACKAGE_FOLDER == f"secdesk/{paths.ASSET_PACKAGE}"


def test_the_real_tree_bundles_its_fonts_template_forms_and_every_migration() -> None:
    destinations = {Path(source).name: folder for source, folder in manifest.datas()}
    for migration in (ROOT / "db" / "versions").glob("*.py"):
        assert destinations[migration.name] == "secdesk/_assets/db/versions"
    for form in (ROOT / "ui").glob("*.ui"):
        assert destinations[form.name] == "secdesk/_assets/ui"
    assert destinations["Carlito-Regular.ttf"] == "secdesk/_assets/resources/fonts"
    assert destinations["reference.docx"] == "secdesk/_assets/resources/templates"
    assert destinations["env.py"] == "secdesk/_assets/db"


def test_modules_the_migrations_import_become_hidden_imports(source_tree: Path) -> None:
    assert manifest.migration_imports() == ["alembic", "secdesk.model", "sqlalchemy", "uuid"]


def test_the_version_is_read_from_secdesk_init_only(source_tree: Path) -> None:
    assert manifest.version() == "2.3.4"


def test_the_real_version_is_secdesks() -> None:
    assert manifest.version() == secdesk.__version__


def test_no_installer_file_hardcodes_the_version() -> None:
    version = re.compile(rf"(?<![\d.]){re.escape(secdesk.__version__)}(?![\d.])")
    for path in INSTALLER.rglob("*"):
        if path.is_file() and path.suffix in {
            ".py",
            ".iss",
            ".spec",
            ".sh",
            ".desktop",
            ".xml",
            ".plist",
        }:
            assert not version.search(path.read_text(encoding="utf-8")), f"{path} names the version"


def test_inno_setup_gets_the_version_from_build_py() -> None:
    script = (INSTALLER / "windows" / "secdesk.iss").read_text(encoding="utf-8")
    assert "#error" in script.split("#ifndef AppVersion", 1)[1].split("#endif", 1)[0]
    assert "AppVersion={#AppVersion}" in script
    assert "/DAppVersion=" in (INSTALLER / "build.py").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2rc1", (1, 2, 0, 0)),
        ("3", (3, 0, 0, 0)),
        ("1.2.3.4.5", (1, 2, 3, 4)),
    ],
)
def test_windows_gets_four_version_numbers(text: str, numbers: tuple[int, ...]) -> None:
    assert manifest.numeric_version(text) == numbers


def test_numeric_version_refuses_a_version_without_numbers() -> None:
    with pytest.raises(ValueError, match="dev"):
        manifest.numeric_version("dev")


def test_heavy_qt_modules_and_test_packages_are_left_out() -> None:
    excluded = set(manifest.excludes())
    for name in ("QtWebEngineCore", "Qt3DCore", "QtQuick", "QtQml", "QtMultimedia", "QtNetwork"):
        assert f"PySide6.{name}" in excluded
    assert {"pytest", "pytestqt", "hypothesis", "tests"} <= excluded
    for needed in ("QtCore", "QtGui", "QtWidgets", "QtSvg", "QtPrintSupport"):
        assert f"PySide6.{needed}" not in excluded


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            if node.module == "PySide6":
                names.update(f"PySide6.{alias.name}" for alias in node.names)
    return names


def test_secdesk_imports_nothing_the_bundle_leaves_out() -> None:
    """A window module importing, say, QtNetwork would work from source and fail in the bundle."""
    excluded = set(manifest.excludes())
    for path in (ROOT / "secdesk").rglob("*.py"):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        if not manifest.bundled_module(module):
            continue  # a development tool, left out of the bundle itself
        for name in _imported_modules(path):
            assert name not in excluded and name.split(".")[0] not in excluded, (
                f"{path} imports {name}"
            )


def test_development_tools_stay_out_of_the_bundle() -> None:
    assert not manifest.bundled_module("secdesk.gui.live.kill_drill")
    assert manifest.bundled_module("secdesk.gui.live.live_window")
    assert manifest.bundled_module("secdesk.gui.live.kill_drill_report")  # only the tool itself
    assert "secdesk.gui.live.kill_drill" in manifest.excludes()


@pytest.mark.parametrize(
    ("plugin", "unused"),
    [
        ("/qt/plugins/platforms/libqvnc.so", True),
        ("/qt/plugins/platforms/libqeglfs.so", True),
        ("/qt/plugins/platformthemes/libqgtk3.so", True),
        ("/qt/plugins/generic/libqevdevmouseplugin.so", True),
        ("C:/qt/plugins/imageformats/qtiff.dll", True),
        ("/qt/plugins/platforms/libqxcb.so", False),
        ("/qt/plugins/platforms/libqwayland.so", False),
        ("/qt/plugins/platforms/libqoffscreen.so", False),
        ("C:/qt/plugins/platforms/qwindows.dll", False),
        ("/qt/plugins/imageformats/libqsvg.so", False),
        ("/qt/plugins/platformthemes/libqxdgdesktopportal.so", False),
    ],
)
def test_only_qt_plugins_secdesk_never_loads_are_dropped(plugin: str, unused: bool) -> None:
    assert manifest.unused_qt_plugin(plugin) is unused


def test_the_spec_and_the_hook_are_valid_python_using_the_manifest() -> None:
    spec = (INSTALLER / "secdesk.spec").read_text(encoding="utf-8")
    ast.parse(spec)
    for used in (
        "manifest.datas()",
        "manifest.excludes()",
        "manifest.migration_imports()",
        "manifest.bundled_module",
    ):
        assert used in spec
    ast.parse((INSTALLER / "hooks" / "hook-PySide6.QtGui.py").read_text(encoding="utf-8"))


def test_one_meeting_package_extension_everywhere() -> None:
    extension = manifest.PACKAGE_EXTENSION
    assert load("secdesk_entry").PACKAGE_EXTENSION == extension
    assert (
        f'#define PackageExtension "{extension}"'
        in (INSTALLER / "windows" / "secdesk.iss").read_text()
    )
    mime = (INSTALLER / "linux" / "secdesk-meeting-package.xml").read_text()
    assert f'<glob pattern="*{extension}"/>' in mime
    mime_type = re.search(r'<mime-type type="([^"]+)"', mime).group(1)
    assert (
        f"MimeType={mime_type};"
        in (INSTALLER / "linux" / "secdesk.desktop").read_text().splitlines()
    )


def test_the_desktop_entry_starts_secdesk_with_its_icon() -> None:
    lines = (INSTALLER / "linux" / "secdesk.desktop").read_text().splitlines()
    entry = dict(line.split("=", 1) for line in lines[1:] if "=" in line)
    assert lines[0] == "[Desktop Entry]"
    assert entry["Type"] == "Application" and entry["Terminal"] == "false"
    assert entry["Exec"] == "secdesk %f"
    assert (INSTALLER / "icons" / f"{entry['Icon']}.png").is_file()


def test_each_platform_has_its_icon() -> None:
    png = manifest.icon("linux").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(png[16:20], "big") == int.from_bytes(png[20:24], "big") == 256
    assert manifest.icon("win32").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert manifest.icon("darwin").read_bytes()[:4] == b"icns"


def test_the_linux_tarball_unpacks_to_one_folder_with_its_installer(tmp_path: Path) -> None:
    build = load("build")
    bundle = tmp_path / "secdesk"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "secdesk").write_text("program")
    archive = build.package_linux(bundle, tmp_path, "9.8.7")
    assert archive.name.startswith("SecDesk-9.8.7-linux-") and archive.name.endswith(".tar.gz")
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert {
        "secdesk/secdesk",
        "secdesk/install.sh",
        "secdesk/secdesk.desktop",
        "secdesk/secdesk.png",
    } <= names
    assert "secdesk/secdesk-meeting-package.xml" in names
    assert build.folder_size(bundle) == len("program") + sum(
        p.stat().st_size for p in build.LINUX_EXTRAS
    )


@pytest.mark.skipif(sys.platform != "linux", reason="the Linux installer script")
def test_install_sh_links_the_program_and_uninstall_removes_only_its_own_files(
    tmp_path: Path,
) -> None:
    bundle = tmp_path / "opt" / "secdesk"
    bundle.mkdir(parents=True)
    for name in ("install.sh", "secdesk.desktop", "secdesk-meeting-package.xml"):
        (bundle / name).write_bytes((INSTALLER / "linux" / name).read_bytes())
    (bundle / "secdesk.png").write_bytes(manifest.icon("linux").read_bytes())
    (bundle / "secdesk").write_text("#!/bin/sh\necho 'SecDesk 9.8.7'\n")
    (bundle / "secdesk").chmod(0o755)
    prefix = tmp_path / "prefix"
    data = prefix / "share" / "SecDesk" / "secdesk.sqlite"  # a database beside the menu files
    data.parent.mkdir(parents=True)
    data.write_text("the user's data")
    environment = {"PREFIX": str(prefix), "PATH": "/usr/bin:/bin"}

    installed = subprocess.run(
        ["sh", str(bundle / "install.sh")], env=environment, capture_output=True, text=True, check=False
    )
    assert installed.returncode == 0, installed.stderr
    assert "SecDesk 9.8.7 installed" in installed.stdout
    assert (prefix / "bin" / "secdesk").resolve() == bundle / "secdesk"
    desktop = (prefix / "share" / "applications" / "secdesk.desktop").read_text()
    assert f'Exec="{bundle}/secdesk" %f' in desktop.splitlines()
    assert (prefix / "share" / "mime" / "packages" / "secdesk-meeting-package.xml").is_file()

    removed = subprocess.run(
        ["sh", str(bundle / "install.sh"), "--uninstall"], env=environment, capture_output=True, check=False
    )
    assert removed.returncode == 0
    assert not (prefix / "bin" / "secdesk").exists()
    assert not (prefix / "share" / "applications" / "secdesk.desktop").exists()
    assert data.read_text() == "the user's data"
    assert (bundle / "secdesk").is_file()
