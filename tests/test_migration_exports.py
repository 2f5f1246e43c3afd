"""Migrations convert an existing database without loss (issue 17 item 9).

The SecDesk of the day issue 17 was filed (schema 0006, the parent of a414a43, which added
0007) is taken out of git and run in a subprocess: it makes the demo database, adds items
of typed minutes that look like markup (White, Amber, Red), agrees TABASC 44 again
ex-committee, and exports every document (minutes and agendas of every meeting, the action
log, each committee's risk register and activity planner at White and Amber in every
format; meeting packages, audit trails, papers' files; what Find finds). Today's SecDesk
then opens a copy of that database, which migrates it to the newest schema, and exports
the same. Every line of each old document must be in the new one, in the same order,
apart from the few differences listed in INTENDED, each a change a later issue made on
purpose. New lines may be added (a PDF table now repeats its header row on a new page);
PDF page furniture (the marking, identifier and "Page N of M" drawn outside the text
frame, a draft's slanted DRAFT) is compared on its own, since keeping decisions whole can
move a page break. Decisions and action references keep their order, and the database
holds the same meetings, items, decisions, actions and decrypted text.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from collections import Counter
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pypdf
import pytest
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph as WordParagraph

from secdesk.store import migrations, open_store
from secdesk.vocabulary import DecisionVerb
from secdesk.writers.pdf_styles import BOTTOM_MARGIN, TOP_MARGIN
from tests.migration_exports_run import dump

REPO = Path(__file__).resolve().parents[1]
RUNNER = Path(__file__).resolve().parent / "migration_exports_run.py"
OLD_COMMIT = "a414a43^"  # schema 0006: SecDesk as it was when issue 17 was filed
OLD_SCHEMA = "0006"
PASSPHRASE = "migration test passphrase"  # protects the key file both SecDesks read

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Intended:
    old: str  # a whole line (paragraph, table cell, PDF line) of the old export, exactly
    new: str  # what the new export says in its place
    why: str


# The differences later issues made on purpose; nothing else may change. Each is an
# exact line, and each must still occur (a listed difference that no longer happens fails).
INTENDED = (
    Intended("Attendees", "Attendees:", "issue 17 item 7: 'Attendees:' and 'Apologies:' as the house writes them"),
    Intended("Apologies", "Apologies:", "issue 17 item 7: 'Attendees:' and 'Apologies:' as the house writes them"),
    Intended("Before SecDesk", "TABASC meeting 41",
             "issue 17 item 4: an action raised before SecDesk (TABASC41/03) is known by the meeting its "
             "reference names, without inventing that meeting (actions.raised_before_secdesk)"),
    Intended("Severity is likelihood x impact (1 to 5 each): Red from 15, Amber from 8, otherwise Green. "
             "Planned mitigations are in italics.",
             "Severity is likelihood x impact (1 to 5 each): RAG Red from 15, RAG Amber from 8, otherwise RAG "
             "Green. Planned mitigations are in italics.",
             "issue 18 item 11: a RAG rating outside the RAG column says RAG, never to be read as a classification"),
)

PAGE_NUMBER = re.compile(r"Page \d+ of \d+")  # PDF page furniture: decisions kept whole may add a page
VERBS = "|".join(verb.value for verb in DecisionVerb)
DECISION = re.compile(rf"\b({VERBS})\b([^.;:]*)")
REFERENCE = re.compile(r"\b[A-Z][A-Z0-9]*\d{2,}/\d{2,}\b")


def _environment(tree: Path, home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "PYTHONPATH": str(tree),
        "SECDESK_HOME": str(home),
        "SECDESK_PASSPHRASE": PASSPHRASE,
        # no system keyring, whatever the machine has: the key goes to a passphrase-protected
        # file in SECDESK_HOME, where the other SecDesk (and this process) finds it
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    })
    env.pop("SECDESK_PASSPHRASE_FILE", None)
    return env


def _run(argv: list[str], env: dict[str, str], cwd: Path) -> str:
    done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, f"{argv} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _old_tree(folder: Path) -> Path:
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed: the old SecDesk is taken from the repository's history")
    known = subprocess.run([git, "rev-parse", "--verify", "--quiet", f"{OLD_COMMIT}^{{commit}}"],
                           cwd=REPO, capture_output=True, text=True, check=False)
    if known.returncode != 0:
        pytest.skip(f"commit {OLD_COMMIT} is not in this checkout (a shallow clone?); "
                    "the database of schema 0006 is made by that SecDesk")
    archive = folder / "old.tar"
    subprocess.run([git, "archive", "-o", str(archive), OLD_COMMIT, "secdesk", "db", "resources"], cwd=REPO, check=True)
    tree = folder / "old"
    with tarfile.open(archive) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 on
            tar.extractall(tree, filter="data")
        else:
            tar.extractall(tree)  # our own repository's archive
    return tree


def _schema(path: Path) -> str:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        return str(connection.execute("SELECT version_num FROM alembic_version").fetchone()[0])


@dataclass(frozen=True)
class Runs:
    old: Path  # the old SecDesk's exports and content.json
    new: Path  # today's, after migrating a copy
    database: Path  # the migrated copy
    home: Path
    check: str  # what today's `secdesk check` said on first opening the copy


def _copy_database(source: Path, target: Path) -> None:
    """The database as a user's folder holds it: the file, its write-ahead log when the last
    SecDesk left one (SQLite replays it on opening; the old SecDesk leaves one), and the
    folder of paper files beside it."""
    shutil.copyfile(source, target)
    log = source.with_name(source.name + "-wal")
    if log.exists():
        shutil.copyfile(log, target.with_name(target.name + "-wal"))
    shutil.copytree(source.with_name(source.name + ".files"), target.with_name(target.name + ".files"))


def _both_runs(folder: Path, tree: Path) -> Runs:
    home = folder / "home"
    home.mkdir()
    old_db, new_db = folder / "old.sqlite", folder / "new.sqlite"
    _run([sys.executable, str(RUNNER), str(old_db), str(folder / "old-exports"), "--demo"],
         _environment(tree, home), folder)
    assert _schema(old_db) == OLD_SCHEMA
    _copy_database(old_db, new_db)
    today = _environment(REPO, home)
    check = _run([sys.executable, "-m", "secdesk", "--db", str(new_db), "check"], today, folder)
    _run([sys.executable, str(RUNNER), str(new_db), str(folder / "new-exports")], today, folder)
    return Runs(folder / "old-exports", folder / "new-exports", new_db, home, check)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    tree = _old_tree(tmp_path_factory.mktemp("old-secdesk"))
    while True:
        started = date.today()
        both = _both_runs(tmp_path_factory.mktemp("migration"), tree)
        if date.today() == started:
            return both
        # the registers print the day they are made ("As at ..."): run both again on one day


# -- reading the exports back ---------------------------------------------------------


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _docx_lines(path: Path) -> list[str]:
    """Headers, footers, then the body in document order: paragraphs, and table cells row by row."""
    document = docx.Document(str(path))
    texts: list[str] = []
    for section in document.sections:
        for part in (section.header, section.footer):
            texts += [p.text for p in part.paragraphs]

    def walk(container: Any) -> None:
        for block in container.iter_inner_content():
            if isinstance(block, WordParagraph):
                texts.append(block.text)
            elif isinstance(block, WordTable):
                for row in block.rows:
                    seen: set[int] = set()
                    for cell in row.cells:
                        if id(cell._tc) not in seen:  # a merged cell is listed once per column it spans
                            seen.add(id(cell._tc))
                            walk(cell)

    walk(document)
    return texts


def _pdf_lines(path: Path) -> tuple[list[str], list[str]]:
    """(body lines, page furniture): the running header and footer are told apart by where
    they are drawn, above or below the text frame, and a draft's DRAFT across the page by
    being drawn at a slant."""
    body: list[str] = []
    furniture: list[str] = []
    for page in pypdf.PdfReader(path).pages:
        height = float(page.mediabox.height)
        drawn: list[tuple[float, bool, str]] = []

        def visit(text: str, cm: list[float], tm: list[float], _font: Any, _size: Any) -> None:
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            slanted = abs(tm[0] * cm[1] + tm[1] * cm[3]) > 1e-6
            drawn.append((y, slanted, text))  # noqa: B023 - used at once

        page.extract_text(visitor_text=visit)
        for y, slanted, text in drawn:
            outside = slanted or y < BOTTOM_MARGIN or y > height - TOP_MARGIN
            (furniture if outside else body).extend(text.splitlines())
    return body, furniture


def _table_lines(path: Path) -> list[str]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as file:
            return [cell for row in csv.reader(file) for cell in row]
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return [str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                for cell in row if cell is not None]
    finally:
        book.close()


def _lines(path: Path) -> list[str]:
    if path.suffix == ".docx":
        texts = _docx_lines(path)
    elif path.suffix == ".pdf":
        texts = _pdf_lines(path)[0]
    else:
        texts = _table_lines(path)
    return [line for line in map(_clean, texts) if line]


def _lost(old: list[str], new: list[str], used: set[Intended], *, wrapped: bool) -> list[str]:
    """The old lines (intended differences applied) not found in the new ones in order.

    A PDF line may wrap elsewhere once a cell's text changed (`wrapped`): its lines are
    then looked for in order in the new text joined into one.
    """
    replacements = {difference.old: difference for difference in INTENDED}
    missing: list[str] = []
    joined = " ".join(new)
    position = 0
    for line in old:
        difference = replacements.get(line)
        if difference is not None:
            used.add(difference)
            line = difference.new
        if wrapped:
            found = joined.find(line, position)
            if found < 0:
                missing.append(line)
            else:
                position = found + len(line)
        else:
            try:
                position = new.index(line, position) + 1
            except ValueError:
                missing.append(line)
    return missing


def _exports(runs: Runs, *suffixes: str) -> list[str]:
    """The names of the documents both SecDesks wrote (the same names), with these endings."""
    names = sorted(p.name for p in (runs.old / "documents").iterdir())
    assert names == sorted(p.name for p in (runs.new / "documents").iterdir())
    return [name for name in names if name.endswith(suffixes)]


# -- the tests -------------------------------------------------------------------------


def test_opening_the_old_database_migrates_it(runs: Runs) -> None:
    head = migrations.schema_head()
    assert head != OLD_SCHEMA
    assert f"Schema: {head} (this SecDesk: {head})" in runs.check
    assert _schema(runs.database) == head


def test_every_exported_document_says_all_it_said_before(runs: Runs) -> None:
    names = _exports(runs, ".docx", ".pdf", ".csv", ".xlsx")
    kinds = {name.split("_")[0] for name in names}
    assert kinds == {"minutes", "agenda", "action-log", "risk-register", "planner", "audit"}
    assert {Path(name).suffix for name in names} == {".docx", ".pdf", ".csv", ".xlsx"}
    used: set[Intended] = set()
    lost = {}
    for name in names:
        old, new = _lines(runs.old / "documents" / name), _lines(runs.new / "documents" / name)
        assert old, f"{name} read back empty"
        missing = _lost(old, new, used, wrapped=name.endswith(".pdf"))
        if missing:
            lost[name] = missing
    assert lost == {}
    assert set(INTENDED) - used == set(), "a listed difference no longer occurs: take it off INTENDED"


def test_pdf_page_furniture_is_kept(runs: Runs) -> None:
    def kept(lines: list[str]) -> tuple[set[str], int]:
        cleaned = [_clean(line) for line in lines]
        return {line for line in cleaned if line and not PAGE_NUMBER.fullmatch(line)}, sum(
            1 for line in cleaned if PAGE_NUMBER.fullmatch(line))

    for name in _exports(runs, ".pdf"):
        (old, old_pages), (new, new_pages) = (kept(_pdf_lines(folder / "documents" / name)[1])
                                              for folder in (runs.old, runs.new))
        assert old and old_pages, name
        assert new == old, name
        assert new_pages >= old_pages, name


def _in_order(wanted: list[str], text: str) -> list[str]:
    """The wanted strings not found in `text` one after another."""
    missing, position = [], 0
    for piece in wanted:
        found = text.find(piece, position)
        if found < 0:
            missing.append(piece)
        else:
            position = found + len(piece)
    return missing


def test_decisions_and_action_references_keep_their_order(runs: Runs) -> None:
    content = json.loads((runs.old / "content.json").read_text(encoding="utf-8"))
    recorded = {m["identifier"]: [_clean(f"{verb} {text}") for i in m["items"] if i["classification"] != "red"
                                  for verb, text, level in i["decisions"] if level != "red"]
                for m in content["meetings"]}
    assert sum(map(len, recorded.values())) > 10
    for name in _exports(runs, ".docx", ".pdf"):
        if not name.startswith("minutes_"):
            continue
        old, new = (" ".join(_lines(folder / "documents" / name)) for folder in (runs.old, runs.new))
        old_decisions = [(verb, _clean(text)) for verb, text in DECISION.findall(old)]
        assert old_decisions, name
        assert old_decisions == [(verb, _clean(text)) for verb, text in DECISION.findall(new)], name
        assert REFERENCE.findall(old), name
        assert REFERENCE.findall(old) == REFERENCE.findall(new), name
        if "_amber." in name:  # every decision not Red, in the database's order
            identifier = name.removeprefix("minutes_").split("_amber.")[0]
            assert _in_order(recorded[identifier], old) == [], name
            assert _in_order(recorded[identifier], new) == [], name


def _leaves(value: Any, path: str = "") -> list[tuple[str, str]]:
    """Every value in a JSON document with where it sits (list positions left out)."""
    if isinstance(value, dict):
        return [leaf for key, inner in value.items() for leaf in _leaves(inner, f"{path}/{key}")]
    if isinstance(value, list):
        return [leaf for inner in value for leaf in _leaves(inner, f"{path}[]")]
    return [(path, json.dumps(value))]


def test_papers_keep_their_files(runs: Runs) -> None:
    names = _exports(runs, ".file")
    assert len(names) >= 3
    for name in names:
        old = (runs.old / "documents" / name).read_bytes()
        assert old.startswith(b"%PDF"), name
        assert (runs.new / "documents" / name).read_bytes() == old, name


def test_meeting_packages_carry_all_they_carried(runs: Runs) -> None:
    names = _exports(runs, ".json")
    assert len(names) == 12  # four meetings, White, Amber and Red
    for name in names:
        old, new = (json.loads((folder / "documents" / name).read_text(encoding="utf-8"))
                    for folder in (runs.old, runs.new))
        assert (old["version"], new["version"]) == (1, 2), name  # issue 17 item 9: the package's new version
        lost = Counter(_leaves(old)) - Counter(_leaves(new))
        assert lost == Counter({("/version", "1"): 1}), name


def test_find_finds_what_it_found(runs: Runs) -> None:
    old, new = (json.loads((folder / "find.json").read_text(encoding="utf-8")) for folder in (runs.old, runs.new))
    assert all(hits for search, hits in old.items() if search.endswith("(amber)")), "each finds something at Amber"
    assert not old["gap analysis (white)"], "an Amber item's minutes are not found at White"
    assert new == old


def test_the_database_holds_the_same_content(runs: Runs, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECDESK_HOME", str(runs.home))
    monkeypatch.setenv("SECDESK_PASSPHRASE", PASSPHRASE)
    before = json.loads((runs.old / "content.json").read_text(encoding="utf-8"))
    store = open_store(runs.database, backup=False)
    try:
        with store.read() as session:
            after = json.loads(json.dumps(dump(session)))
    finally:
        store.close()
    meetings = before["meetings"]
    assert len(meetings) == 4
    assert sum(len(m["items"]) for m in meetings) > 20
    assert sum(len(i["decisions"]) for m in meetings for i in m["items"]) > 10
    assert len(before["actions"]) > 10
    confidential = [i for m in meetings for i in m["items"] if i["classification"] != "white"]
    assert confidential and all(i["minutes"] for i in confidential), "the demo's Amber minutes were read"
    assert after == before
