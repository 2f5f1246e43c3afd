"""Import accuracy: precision and recall of what the minutes importer finds, per format.

Renders every corpus source in tests/data/minutes (plus the hand-made messy
extractions in raw/) in each format, parses it, and compares action references,
owners, outstanding statuses and decision verbs with expected/*.json. The real
minutes in /work/shared/seeds are scored on their own row when present. Prints
a table; last line: JSON. LibreOffice PDFs are skipped when soffice is missing.
"""

from __future__ import annotations

import importlib.util
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MINUTES = ROOT / "tests" / "data" / "minutes"
SEEDS = Path("/work/shared/seeds")  # real published minutes, when this machine has them
RANDOM_LAYOUTS = 20  # per source: line width, table cell width and page length drawn at random

# Only after ROOT is on sys.path: the benchmark runs from a checkout, not an install.
from secdesk.importers.parser import parse  # noqa: E402
from secdesk.importers.text_extract import extract  # noqa: E402


def _corpus():
    spec = importlib.util.spec_from_file_location("import_corpus", MINUTES / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["import_corpus"] = module
    spec.loader.exec_module(module)
    return module


def main() -> int:
    corpus = _corpus()
    by_format: dict[str, dict] = {}
    overall: dict = {}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="secdesk-accuracy-") as folder:
        cases = [(source, fmt) for source in corpus.SOURCES for fmt in corpus.FORMATS]
        cases += [(raw, "raw.txt") for raw in sorted((MINUTES / "raw").glob("*.txt"))]
        if SEEDS.is_dir():
            cases += [
                (seed, "seed.txt")
                for seed in sorted(SEEDS.glob("*.txt"))
                if (MINUTES / "expected" / f"{seed.stem}.json").exists()
            ]
        for source, fmt in cases:
            if fmt == "libreoffice.pdf" and corpus.soffice() is None:
                continue
            path = (
                source
                if fmt in ("raw.txt", "seed.txt")
                else corpus.render(source, fmt, Path(folder))
            )
            code = corpus.expected(source)["committee"]
            parsed = parse(extract(path), voice=f"The {code}", code=code)
            corpus.score(parsed, corpus.expected(source), by_format.setdefault(fmt, {}))
            if fmt != "seed.txt":
                corpus.score(parsed, corpus.expected(source), overall)
        draw = random.Random(2025)
        for source in corpus.SOURCES:
            for _ in range(RANDOM_LAYOUTS):
                path = corpus.write_messy_text(
                    source,
                    Path(folder) / "layout.txt",
                    draw.randint(50, 120),
                    draw.randint(16, 45),
                    draw.randint(12, 50),
                )
                parsed = parse(extract(path), voice="The TABASC", code="TABASC")
                corpus.score(
                    parsed, corpus.expected(source), by_format.setdefault("random layouts", {})
                )
    by_format["all written"] = overall
    metrics = list(overall)
    print(f"{'format':<16}" + "".join(f"{m:>26}" for m in metrics))
    for fmt, scores in by_format.items():
        cells = "".join(
            f"{f'P {scores[m].precision:.2f} R {scores[m].recall:.2f} ({scores[m].wanted})':>26}"
            for m in metrics
        )
        print(f"{fmt:<16}{cells}")
    result = {
        fmt: {
            m: {
                "precision": round(s.precision, 3),
                "recall": round(s.recall, 3),
                "expected": s.wanted,
            }
            for m, s in scores.items()
        }
        for fmt, scores in by_format.items()
    }
    result["seconds"] = round(time.perf_counter() - started, 2)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
