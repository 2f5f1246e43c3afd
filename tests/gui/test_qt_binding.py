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
