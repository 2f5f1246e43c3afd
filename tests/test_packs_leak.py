"""A White pack carries nothing Amber: not an Amber paper's text, title or appendix, in any file of the pack."""

from __future__ import annotations

import zipfile
from pathlib import Path

from pypdf import PdfReader

from secdesk.model import Classification
from secdesk.packs.build import build_pack
from secdesk.packs.plan import PackKind
from tests.test_packs import papered  # noqa: F401  (the fixture)

AMBER_MARKERS = ("AMBER-APPENDIX-MARKER", "AMBER-SURVEY-MARKER")


def _all_text(folder: Path) -> str:
    parts = []
    for path in folder.rglob("*"):
        if path.suffix == ".pdf":
            reader = PdfReader(path)
            parts += [page.extract_text() for page in reader.pages]
            parts += [str(item.title) for item in reader.outline if not isinstance(item, list)]
            parts.append(str(reader.metadata))
        elif path.suffix == ".zip":
            with zipfile.ZipFile(path) as bundle:
                parts += bundle.namelist()
        elif path.is_file():
            parts.append(path.read_text(encoding="utf-8", errors="replace"))
        parts.append(path.name)
    return "\n".join(parts)


def test_a_white_pack_leaks_nothing_amber(papered, tmp_path: Path) -> None:  # noqa: F811
    with papered.read() as session:
        from sqlalchemy import select

        from secdesk.model import Paper

        amber_titles = [p.title for p in session.scalars(select(Paper)) if p.classification is Classification.AMBER]
    assert amber_titles
    for kind in PackKind:
        white = build_pack(papered, "TABASC 46", kind, Classification.WHITE, tmp_path / f"white-{kind.value}")
        text = _all_text(white.folder)
        for marker in (*AMBER_MARKERS, *amber_titles, "Confidential Appendix A", "cost-appendix", "survey.pdf"):
            assert marker not in text, f"{marker!r} leaked into the White {kind.value} pack"
        assert "WHITE-COST page 1" in text
    amber = _all_text(build_pack(papered, "TABASC 46", PackKind.PRE, Classification.AMBER, tmp_path / "amber").folder)
    assert all(marker in amber for marker in AMBER_MARKERS)
