"""Render the first pages of the two real seed meetings, as published and as SecDesk exports them
after importing them: docs/screenshots/seed-{tabasc16,secp30}-{original,secdesk}.png.

    python docs/screenshots/take_seed_screenshots.py

Needs the seeds (../shared/seeds, or SECDESK_SEEDS), pdftoppm and LibreOffice (soffice),
which lays out the seed text files as pages. The import and export are the ones
tests/test_import_blocks_seeds.py checks word for word.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))


def first_page(pdf: Path, target: Path) -> None:
    """The first page at 60 dpi, as `pdftoppm -r 60 -png -f 1 -l 1` renders it."""
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(target.with_suffix(""))],
        check=True,
    )


def original_pdf(seed: Path, folder: Path) -> Path:
    """The seed text laid out as pages by LibreOffice, one line of the file a line of the page."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        raise SystemExit("LibreOffice (soffice) is needed to lay out the seed text as pages.")
    profile = folder / "lo-profile"
    subprocess.run(
        [program, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), str(seed)],
        check=True, capture_output=True, timeout=180,
    )
    return folder / (seed.stem + ".pdf")


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="secdesk-seeds-"))
    os.environ["SECDESK_HOME"] = str(home)
    os.environ.setdefault("SECDESK_PASSPHRASE", "screenshots of the seeds")

    from secdesk.store import open_store
    from tests.test_import_blocks_seeds import MEETINGS, SEEDS, export_seed, import_seed, seed_file

    if not SEEDS.is_dir():
        raise SystemExit(f"No seeds at {SEEDS}; set SECDESK_SEEDS.")
    store = open_store(home / "seeds.sqlite", backup=False)
    for name in MEETINGS:
        report = import_seed(store, name)
        first_page(export_seed(store, report, "pdf", home), HERE / f"seed-{name}-secdesk.png")
        first_page(original_pdf(seed_file(name), home), HERE / f"seed-{name}-original.png")
        print(f"{name}: {report.meeting}, warnings: {report.warnings}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
