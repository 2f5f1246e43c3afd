"""Packaging: what `pip install` gives works wherever pip puts it (issue 16, item 8).

The migrations, fonts, templates, icons and Designer forms travel inside the package
(secdesk/_assets, mapped in pyproject.toml); a wheel is built from a copy of this tree,
installed with `pip install --target` and run from a folder outside the checkout.
"""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
ASSETS = "secdesk/_assets"


def _manifest():
    spec = importlib.util.spec_from_file_location("packaging_manifest", ROOT / "installer" / "manifest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _top_level_imports(folder: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], path)
    return found


def test_every_package_of_the_source_is_listed_for_setuptools() -> None:
    """The list is explicit (packages.find cannot map db/ into the package): a new one must be added."""
    source = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "secdesk").rglob("__init__.py")
    }
    setuptools = PYPROJECT["tool"]["setuptools"]
    assert set(setuptools["packages"]) == source | {"secdesk._assets"}
    assert setuptools["package-dir"] == {"secdesk._assets": "."}
    assert "data-files" not in setuptools  # they went to a prefix asset_dir cannot find


def test_every_third_party_import_is_a_declared_dependency() -> None:
    """What the program and its migrations import must come with `pip install secdesk`."""
    declared = {
        _normal(re.match(r"[A-Za-z0-9._-]+", requirement).group())
        for requirement in PYPROJECT["project"]["dependencies"]
    }
    distributions = importlib.metadata.packages_distributions()
    imports = {**_top_level_imports(ROOT / "db"), **_top_level_imports(ROOT / "secdesk")}
    undeclared = {}
    for module, path in imports.items():
        if module in sys.stdlib_module_names or module == "secdesk":
            continue
        providers = {_normal(name) for name in distributions.get(module, [])}
        assert providers, f"{path} imports {module}, which no installed distribution provides"
        if not providers & declared:
            undeclared[module] = (str(path.relative_to(ROOT)), sorted(providers))
    assert not undeclared, f"imported but not in [project.dependencies]: {undeclared}"


def _copy_of_the_tree(target: Path) -> Path:
    """Build from a copy: a build in the shared checkout would leave build/ there, and stale
    files in build/lib could hide a file the configuration no longer takes."""
    skipped = shutil.ignore_patterns(
        ".git", "__pycache__", "*.egg-info", "build", "dist", "*.sqlite*", ".*cache", ".hypothesis", "out"
    )
    return Path(shutil.copytree(ROOT, target, ignore=skipped))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    source = _copy_of_the_tree(work / "source")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(work / "out")],
        capture_output=True, text=True, timeout=300, check=False,
    )
    if built.returncode and "satisfies the requirement setuptools" in built.stdout + built.stderr:
        pytest.skip("no package index to fetch setuptools for the isolated build from")
    assert built.returncode == 0, built.stdout + built.stderr
    (found,) = (work / "out").glob("secdesk-*.whl")
    return found


@pytest.mark.slow
def test_the_wheel_carries_the_assets_inside_the_package(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("db/env.py", "db/script.py.mako", "resources/templates/reference.docx",
                   "resources/fonts/Carlito-Regular.ttf", "resources/fonts/Carlito-Bold.ttf"):
        assert f"{ASSETS}/{needed}" in names
    for migration in (ROOT / "db" / "versions").glob("*.py"):
        assert f"{ASSETS}/db/versions/{migration.name}" in names
    for icon in (ROOT / "resources" / "icons").iterdir():
        assert f"{ASSETS}/resources/icons/{icon.name}" in names
    for form in (ROOT / "ui").glob("*.ui"):
        assert f"{ASSETS}/ui/{form.name}" in names
    assert not any(name.startswith(("db/", "resources/", "ui/")) or ".data/" in name for name in names)

    # The same asset files as the PyInstaller bundle: no build script, nothing forgotten.
    manifest = _manifest()
    bundled = {
        f"{folder}/{Path(source).name}"
        for source, folder in manifest.datas()
        if folder.startswith(ASSETS)
    }
    assert {name for name in names if name.startswith(ASSETS + "/")} == bundled

    for module in (ROOT / "secdesk").rglob("*.py"):
        if "__pycache__" not in module.parts:
            assert module.relative_to(ROOT).as_posix() in names


@pytest.mark.slow
def test_an_installed_wheel_runs_the_demo_from_anywhere(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    elsewhere = tmp_path / "elsewhere"  # not the checkout: its db/ must not be what is found
    elsewhere.mkdir()
    database = tmp_path / "demo.sqlite"
    script = (
        "import sys, secdesk, secdesk.paths as p\n"
        "print(secdesk.__file__)\n"
        "print(*(p.asset_dir(name) for name in ('db', 'resources', 'ui')), sep='\\n')\n"
        "from secdesk.cli.main import main\n"
        f"sys.exit(main(['--db', {str(database)!r}, 'demo']))\n"
    )
    environment = {
        **os.environ,
        "PYTHONPATH": str(target),  # the dependencies still come from this Python's site-packages
        "SECDESK_HOME": str(tmp_path / "home"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",  # the passphrase protects the key
    }
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=elsewhere, env=environment,
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    package = target / "secdesk"
    assert Path(lines[0]) == package / "__init__.py"
    assert [Path(line) for line in lines[1:4]] == [package / "_assets" / name for name in ("db", "resources", "ui")]
    assert "Demo loaded into" in run.stdout
    assert database.is_file()
