"""The Qt binding in use must not corrupt reference counts (PySide6 6.12.0 on CPython 3.11 did)."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_void_qt_calls_keep_none_alive() -> None:
    # In a child process: a broken binding aborts the interpreter it runs in.
    probe = textwrap.dedent(
        """
        import sys
        from PySide6.QtCore import QObject
        probe = QObject()
        before = sys.getrefcount(None)
        for _ in range(200):
            probe.setObjectName("probe")
        print(before - sys.getrefcount(None))
        """
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert abs(int(result.stdout.strip())) < 50, "void Qt calls drop references to None: pin another PySide6"


def test_the_generated_forms_come_from_the_qt_the_project_allows() -> None:
    # Code from a newer uic may call what the allowed binding lacks (the forms once came from 6.12.0).
    import re
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    requirement = next(
        r for r in tomllib.loads((root / "pyproject.toml").read_text())["project"]["dependencies"]
        if r.startswith("PySide6")
    )
    low, high = (tuple(int(n) for n in v.split(".")) for v in re.findall(r"[<>]=?\s*([\d.]+)", requirement))
    forms = sorted((root / "secdesk" / "gui" / "forms").glob("ui_*.py"))
    assert forms
    for form in forms:
        found = re.search(r"Compiler version ([\d.]+)", form.read_text(encoding="utf-8"))
        assert found, f"{form.name} does not say which uic made it"
        version = tuple(int(n) for n in found[1].split("."))
        assert low <= version < high, f"{form.name} comes from uic {found[1]}, outside {requirement}"
