"""Encryption cost: open the demo database and export Amber minutes, encrypted vs not.

Both databases hold the same demo; the baseline is built with encryption off
(a switch that exists for this measurement only). Runs in one process,
alternating, and reports medians. Last line: JSON.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import keyring
import keyring.backend

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from secdesk.documents.export import export, meeting_document
from secdesk.model import Classification
from secdesk.services.demo import load_demo
from secdesk.store import open_store

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
GOAL = 1.2


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.secrets.get((service, username))

    def set_password(self, service, username, password):
        self.secrets[(service, username)] = password

    def delete_password(self, service, username):
        self.secrets.pop((service, username), None)


def build(path: Path, encryption: bool) -> None:
    store = open_store(path, backup=False, encryption=encryption)
    with store.write() as session:
        load_demo(session)
    store.close()


def one_round(path: Path, out: Path, encryption: bool) -> float:
    started = time.perf_counter()
    store = open_store(path, backup=False, encryption=encryption)
    document = meeting_document(store, "minutes", "TABASC 46", Classification.AMBER)
    export(document, "pdf", out / "m.pdf")
    export(document, "docx", out / "m.docx")
    store.close()
    return time.perf_counter() - started


def main() -> None:
    keyring.set_keyring(MemoryKeyring())
    work = Path(tempfile.mkdtemp(prefix="secdesk-bench-crypto-"))
    os.environ["SECDESK_HOME"] = str(work / "home")
    encrypted, plain = work / "encrypted.sqlite", work / "plain.sqlite"
    build(encrypted, True)
    build(plain, False)
    assert b"Supplier Readiness Survey Results" not in encrypted.read_bytes()
    one_round(encrypted, work, True)
    one_round(plain, work, False)  # warm imports and caches
    on, off = [], []
    for _ in range(ROUNDS):
        on.append(one_round(encrypted, work, True))
        off.append(one_round(plain, work, False))
    on_median, off_median = statistics.median(on), statistics.median(off)
    ratio = on_median / off_median
    print(f"open + Amber minutes (pdf+docx), encryption on : median {on_median * 1000:.1f} ms over {ROUNDS}")
    print(f"open + Amber minutes (pdf+docx), encryption off: median {off_median * 1000:.1f} ms over {ROUNDS}")
    print(f"ratio on/off: {ratio:.3f} (goal <= {GOAL})")
    print(json.dumps({"bench": "crypto", "ratio": round(ratio, 3), "goal": f"<= {GOAL}", "ok": ratio <= GOAL}))


if __name__ == "__main__":
    main()
