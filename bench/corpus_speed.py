"""Measure repair throughput against cfn-lint on the same corpus templates.

Usage: python bench/corpus_speed.py [--files N] [--corpus DIR]

Times, on one core and in one process: parsing alone, the full repair
(parse, all fixes, rewrite, re-parse check), and cfn-lint's lint of the
same texts. Prints files per second for each and the ratio.
"""

from __future__ import annotations

import argparse
import csv
import platform
import time
from pathlib import Path

from cfnlint.api import lint

from fixer.api import repair
from fixer.document import Document, guess_format

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def load(corpus: Path, count: int) -> list[tuple[str, str]]:
    with (corpus / "MANIFEST.tsv").open(newline="") as stream:
        rows = [row for row in csv.DictReader(stream, delimiter="\t") if row["format"] != "markdown"]
    rows.sort(key=lambda row: row["path"])
    step = max(1, len(rows) // count)
    chosen = rows[::step][:count]
    return [(row["path"], (corpus / row["path"]).read_text(encoding="utf-8")) for row in chosen]


def rate(label: str, texts: list[tuple[str, str]], work) -> float:
    started = time.perf_counter()
    for path, text in texts:
        work(path, text)
    elapsed = time.perf_counter() - started
    per_second = len(texts) / elapsed
    print(f"{label:<28} {len(texts):>5} files {elapsed:8.2f} s {per_second:8.1f} files/s")
    return per_second


def parse_only(path: str, text: str) -> None:
    try:
        Document.parse(text, guess_format(path, text))
    except Exception:  # noqa: BLE001 - invalid corpus files count as parsed
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    arguments = parser.parse_args()
    texts = load(arguments.corpus, arguments.files)
    print(f"python {platform.python_version()} on {platform.machine()}, {platform.processor() or 'cpu'}")
    parse_rate = rate("parse", texts, parse_only)
    repair_rate = rate("repair (all fixes)", texts, lambda p, t: repair(t, p))
    lint_rate = rate("cfn-lint", texts, lambda p, t: lint(t))
    print(f"parse is {parse_rate / lint_rate:.1f}x, repair is {repair_rate / lint_rate:.1f}x cfn-lint's rate")


if __name__ == "__main__":
    main()
