"""Compile the Designer forms in ui/ into secdesk/gui/forms/ui_*.py (build output: do not edit those).

SecDesk compiles forms with pyside6-uic instead of loading them with QUiLoader at
run time: the window starts faster and the generated classes are plain Python.
Run after changing a form: `python ui/build_forms.py`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = HERE.parent / "secdesk" / "gui" / "forms"
HEADER = "# Generated from ui/{name} by ui/build_forms.py: DO NOT EDIT; edit the form and rebuild.\n"


def main() -> int:
    TARGET.mkdir(exist_ok=True)
    (TARGET / "__init__.py").write_text('"""Classes generated from the Designer forms in ui/ (do not edit)."""\n')
    for form in sorted(HERE.glob("*.ui")):
        output = TARGET / f"ui_{form.stem}.py"
        code = subprocess.run(
            ["pyside6-uic", "--from-imports", str(form)], check=True, capture_output=True, text=True
        ).stdout
        output.write_text(HEADER.format(name=form.name) + code)
        print(f"{form.name} -> {output.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
