"""The core never imports Qt: every module outside secdesk.gui imports without PySide6."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = r"""
import importlib, sys
from pathlib import Path
import secdesk
root = Path(secdesk.__path__[0])
# Found from the files, not pkgutil.walk_packages, which would import secdesk.gui to look inside.
names = sorted(
    ".".join(("secdesk", *path.relative_to(root).with_suffix("").parts)).removesuffix(".__init__")
    for path in root.rglob("*.py")
    if path.relative_to(root).parts[0] != "gui" and path.name != "__main__.py"
)
for name in names:
    importlib.import_module(name)
loaded = sorted(n for n in sys.modules if n.split(".")[0] in ("PySide6", "shiboken6"))
print(len(names), ",".join(loaded))
"""


def test_core_imports_no_qt() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], check=False, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    count, loaded = done.stdout.strip().split(" ", 1) if " " in done.stdout.strip() else (done.stdout.strip(), "")
    assert int(count) > 10  # the walk really found the core modules
    assert loaded == "", f"Qt imported by the core: {loaded}"
