"""Measure repair throughput against cfn-lint on the same corpus templates.

Usage: python bench/corpus_speed.py [--files N] [--corpus DIR] [--repeat N] [--no-cli]

Times, on one core and in one process: parsing alone, the full repair
(parse, all fixes, rewrite, re-parse check), and cfn-lint's lint of the
same texts through its Python API (one runner, so rules load once). Then, unless --no-cli, both command
lines over the same files as one batch each, process start included:
``cfn-fixer check --jobs 1`` and ``cfn-lint``. Prints files per second for
each and the ratios.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

from fixer.api import repair
from fixer.document import Document, guess_format
from fixer.lint import lint

# The tests' corpus: CFN_FIXER_CORPUS, else ../shared/corpus beside the checkout.
DEFAULT_CORPUS = Path(os.environ.get(
    "CFN_FIXER_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus"))


def load(corpus: Path, count: int) -> list[tuple[str, str]]:
    """Return (path, text) of ``count`` templates spread evenly over the corpus, Markdown left out."""
    with (corpus / "MANIFEST.tsv").open(newline="") as stream:
        rows = [row for row in csv.DictReader(stream, delimiter="\t") if row["format"] != "markdown"]
    rows.sort(key=lambda row: row["path"])
    step = max(1, len(rows) // count)
    chosen = rows[::step][:count]
    return [(str(corpus / row["path"]), (corpus / row["path"]).read_text(encoding="utf-8"))
            for row in chosen]


def rate(label: str, texts: list[tuple[str, str]], work, repeat: int = 1) -> float:
    """Time ``work`` over all texts ``repeat`` times and report the fastest pass.

    One call before timing loads what the first call loads once per process
    (the fixes, cfn-lint's rules), so the rate is that of a long batch.
    """
    work(*texts[0])
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for path, text in texts:
            work(path, text)
        best = min(best, time.perf_counter() - started)
    per_second = len(texts) / best
    print(f"{label:<28} {len(texts):>5} files {best:8.2f} s {per_second:8.1f} files/s")
    return per_second


def parse_only(path: str, text: str) -> None:
    try:
        Document.parse(text, guess_format(path, text))
    except Exception:  # noqa: BLE001 - invalid corpus files count as parsed
        pass


def command_rate(label: str, command: list[str], count: int) -> float:
    """Time one run of ``command`` over ``count`` files; its exit code is ignored (findings exit non-zero)."""
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - started
    per_second = count / elapsed
    print(f"{label:<28} {count:>5} files {elapsed:8.2f} s {per_second:8.1f} files/s")
    return per_second


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--no-cli", action="store_true", help="skip the command-line timings")
    parser.add_argument("--repeat", type=int, default=5,
                        help="passes over the files for parse and repair; the fastest counts")
    arguments = parser.parse_args()
    if not (arguments.corpus / "MANIFEST.tsv").is_file():
        parser.error(f"no corpus at {arguments.corpus}: pass --corpus DIR or set CFN_FIXER_CORPUS")
    texts = load(arguments.corpus, arguments.files)
    print(f"python {platform.python_version()} on {platform.machine()}, {platform.processor() or 'cpu'}")
    parse_rate = rate("parse", texts, parse_only, arguments.repeat)
    repair_rate = rate("repair (all fixes)", texts, lambda p, t: repair(t, p), arguments.repeat)
    lint_rate = rate("cfn-lint (Python API)", texts, lambda p, t: lint(t))
    print(f"parse is {parse_rate / lint_rate:.1f}x, repair is {repair_rate / lint_rate:.1f}x cfn-lint's rate")
    if arguments.no_cli:
        return
    paths = [path for path, _ in texts]
    binaries = Path(sys.executable).parent
    fixer_cli = command_rate("cfn-fixer check -j1 (CLI)", [
        str(binaries / "cfn-fixer"), "check", "--jobs", "1", "--quiet", "--no-config", *paths], len(paths))
    lint_binary = shutil.which("cfn-lint", path=str(binaries)) or "cfn-lint"
    lint_cli = command_rate("cfn-lint (CLI)", [lint_binary, *paths], len(paths))
    print(f"command lines: cfn-fixer is {fixer_cli / lint_cli:.1f}x cfn-lint's rate")


if __name__ == "__main__":
    main()
