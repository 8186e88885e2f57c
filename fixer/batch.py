"""Batch runs: the per-file work, the walk that finds files, and the process pool.

``process_file`` does everything for one file (read, repair, optionally
validate with cfn-lint, write or not) and returns a small ``FileRecord``.
It is a plain top-level function of picklable arguments, so a process pool
here, or a cluster scheduler elsewhere, can run it on any worker. Every text
in a record has the template's secrets masked.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from pathspec import GitIgnoreSpec

from fixer import markdown
from fixer.api import FAILED, REPAIRED, UNCHANGED, RepairResult, repair
from fixer.changes import format_path
from fixer.document import Document, guess_format
from fixer.engine import Options
from fixer.errors import TemplateError
from fixer.files import read_text, write_atomic
from fixer.lint import lint
from fixer.nodes import MAPPING, SEQUENCE, Node
from fixer.report import collect_secrets, redact

MARKDOWN_SUFFIXES = (".md", ".markdown")
DEFAULT_INCLUDE = ("*.json", "*.yaml", "*.yml", "*.template", "*.md")


# -- tasks and records -------------------------------------------------------------


@dataclass(frozen=True)
class FileTask:
    """The work requested for one file."""

    path: str  # the file to read
    display: str  # the name reports use
    options: Options = Options()
    write: bool = False
    # With an output folder: the file to write there instead of ``path``, and
    # the (resolved) folder that every write must stay inside.
    destination: str | None = None
    output_root: str | None = None
    validate: bool = False
    diff: bool = False  # keep the unified diff in the record
    summary: bool = False  # keep the readable summary lines in the record
    locate: bool = True  # find the source line of each change
    # With --extract: write each template (a Markdown file's fenced blocks
    # one by one) under ``destination``'s folder and leave the input alone.
    extract: bool = False
    named: bool = False  # named on the command line, not found in a folder


@dataclass
class Problem:
    """An error or warning about a file; ``line`` is None when no position applies."""

    message: str
    line: int | None = None
    column: int | None = None


@dataclass
class Finding:
    """A change a fix made (or would make), or a notice it left."""

    fix_id: str
    path: str  # keys from the template root, joined with "/"
    message: str
    line: int | None = None  # line in the input file


@dataclass
class LintFinding:
    """A cfn-lint finding in the repaired template that the input did not have."""

    rule: str
    message: str
    line: int | None = None  # line in the repaired file


@dataclass
class FileRecord:
    path: str
    status: str
    written: str | None = None  # the file written, None when nothing was written
    changes: list[Finding] = field(default_factory=list)
    notices: list[Finding] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    error: Problem | None = None
    lint: list[LintFinding] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    diff: str | None = None
    extracted: list[str] = field(default_factory=list)  # template files written by --extract
    named: bool = False  # named on the command line, so a skip is worth a line


class UnsafePath(Exception):
    """A write that would land outside the output folder or on an input."""


# -- the per-file work -------------------------------------------------------------


def process_file(task: FileTask) -> FileRecord:
    """Read, repair, optionally validate, and write (or not) one file.

    An error in the file or in the repair is returned in the record, not raised.
    """
    try:
        return _process(task)
    except Exception as error:  # noqa: BLE001 - one file must never stop a batch
        message = (
            f"internal error: {type(error).__name__}: {error}; please report this file"
        )
        return FileRecord(task.display, FAILED, error=Problem(message))


def _process(task: FileTask) -> FileRecord:
    try:
        text = read_text(Path(task.path))
    except TemplateError as error:
        return FileRecord(task.display, FAILED, error=_problem(error, set()))
    is_markdown = task.path.lower().endswith(MARKDOWN_SUFFIXES)
    result = repair(
        text, task.display, task.options, "markdown" if is_markdown else None
    )
    record = _record(task, result, is_markdown)
    if record.status == REPAIRED and task.validate:
        _validate(result, record, task.options, is_markdown)
    try:
        if record.status == REPAIRED and task.write:
            record.written = _write(task, result.output)
        if record.status in (REPAIRED, UNCHANGED) and task.extract:
            record.extracted = _extract(task, result, is_markdown)
    except (OSError, UnsafePath) as error:
        message = (
            error.strerror
            if isinstance(error, OSError) and error.strerror
            else str(error)
        )
        record.status = FAILED
        record.error = Problem(f"cannot write the repaired file: {message}")
    return record


def _extract(task: FileTask, result: RepairResult, is_markdown: bool) -> list[str]:
    """Write every template of the file, repaired, to a file of its own.

    A template file keeps its relative path. The template blocks of
    ``notes.md`` become ``notes-1.yaml``, ``notes-2.json`` and so on. They
    are numbered in the order they appear and named by their format.
    """
    destination = Path(task.destination or "")
    root = Path(task.output_root or "")
    if not is_markdown:
        targets = [(destination, result.output)]
    else:
        targets = [
            (destination.with_name(f"{destination.stem}-{number}.{block.format}"), block.text)
            for number, block in enumerate(result.blocks, start=1)
        ]
    written = []
    for target, text in targets:
        prepare_destination(root, target)
        if target.exists() and target.resolve() == Path(task.path).resolve():
            raise UnsafePath(f"{target} is the input file itself")
        write_atomic(target, text, mode_from=Path(task.path))
        written.append(str(target))
    return written


def _problem(error: TemplateError, secrets: set[str]) -> Problem:
    return Problem(redact(error.message, secrets), error.line, error.column)


def _record(task: FileTask, result: RepairResult, is_markdown: bool) -> FileRecord:
    secrets = result.secrets or _secrets_of_failed(result, is_markdown)
    lines = _change_lines(result, is_markdown) if task.locate else {}
    record = FileRecord(task.display, result.status, named=task.named)
    for index, block in enumerate(result.blocks):
        for change in block.changes:
            line = lines.get((index, change.path))
            message = redact(change.reason, secrets)
            record.changes.append(
                Finding(change.fix_id, format_path(change.path), message, line)
            )
        for notice in block.notices:
            line = lines.get((index, notice.path))
            message = redact(notice.message, secrets)
            record.notices.append(
                Finding(notice.fix_id, format_path(notice.path), message, line)
            )
    record.warnings = [_problem(warning, secrets) for warning in result.warnings]
    if result.error is not None:
        record.error = _problem(result.error, secrets)
    if task.summary and result.changed:
        record.summary = result.summary()
    if task.diff and result.changed:
        record.diff = result.diff()
    return record


def _secrets_of_failed(result: RepairResult, is_markdown: bool) -> set[str]:
    """Collect the secrets of an input whose repair failed, to mask its error message.

    A failed repair returns no secrets, but an internal error message may quote a value.
    """
    if result.status != FAILED:
        return set()
    if is_markdown:
        texts = [
            result.input[block.start : block.end]
            for block in markdown.fenced_blocks(result.input)
        ]
    else:
        texts = [result.input]
    secrets: set[str] = set()
    for text in texts:
        try:
            secrets |= collect_secrets(
                Document.parse(text, guess_format("", text)).data
            )
        except TemplateError:
            continue
    return secrets


def _write(task: FileTask, text: str) -> str:
    source = Path(task.path)
    if task.destination is None:
        # Write through a symbolic link to the file it names, so the link stays.
        target = source.resolve()
        write_atomic(target, text)
        return str(target)
    destination = Path(task.destination)
    prepare_destination(Path(task.output_root or ""), destination)
    if destination.exists() and destination.resolve() == source.resolve():
        raise UnsafePath(f"{destination} is the input file itself")
    write_atomic(destination, text, mode_from=source)
    return str(destination)


def prepare_destination(root: Path, destination: Path) -> None:
    """Create the folders of ``destination`` inside ``root``, rejecting any way out.

    ``root`` must be resolved already. Raises ``UnsafePath`` for a ``..``
    part, a path outside ``root`` or a symbolic link on the way.
    """
    if not root.is_absolute():
        raise UnsafePath(f"output folder {root} is not an absolute path")
    try:
        relative = destination.relative_to(root)
    except ValueError:
        raise UnsafePath(f"{destination} is outside the output folder {root}") from None
    if not relative.parts or ".." in relative.parts:
        raise UnsafePath(f"invalid output path {destination}")
    root.mkdir(parents=True, exist_ok=True)
    current = root
    for part in relative.parts[:-1]:
        current = current / part
        if current.is_symlink():
            raise UnsafePath(f"{current} is a symbolic link; not writing through it")
        current.mkdir(exist_ok=True)
    if destination.is_symlink():
        raise UnsafePath(f"{destination} is a symbolic link; not writing through it")
    if destination.parent.resolve() != root / relative.parent:
        raise UnsafePath(f"{destination} resolves outside the output folder {root}")


# -- source lines of changes -------------------------------------------------------


def _change_lines(
    result: RepairResult, is_markdown: bool
) -> dict[tuple[int, tuple], int]:
    """Map (block index, change path) to the line of the change in the input file."""
    lines: dict[tuple[int, tuple], int] = {}
    for index, (source, first_line) in enumerate(_original_blocks(result, is_markdown)):
        block = result.blocks[index]
        paths = {record.path for record in block.changes + block.notices}
        if not paths or source is None:
            continue
        document = block.document
        if document is None:
            try:
                document = Document.parse(source, block.format)
            except TemplateError:
                continue
        for path in paths:
            lines[(index, path)] = first_line - 1 + line_of(document, path)
    return lines


def _original_blocks(
    result: RepairResult, is_markdown: bool
) -> list[tuple[str | None, int]]:
    """Return (input text, first line in the file) of each repaired template."""
    if not is_markdown:
        return [(result.input, 1)] * len(result.blocks)
    by_line = {block.line: block for block in markdown.fenced_blocks(result.input)}
    originals: list[tuple[str | None, int]] = []
    for block in result.blocks:
        fenced = by_line.get(block.line)
        text = result.input[fenced.start : fenced.end] if fenced else None
        originals.append((text, block.line))
    return originals


def line_of(document: Document, path: tuple) -> int:
    """Return the 1-based line of the deepest node on ``path`` that the document has.

    A mapping entry counts from its key, so a changed property points at the
    property's name. A path to something that a fix added points at its parent.
    """
    node: Node = document.root
    position = node.start
    for part in path:
        if node.kind == MAPPING:
            entry = next(
                (pair for pair in node.entries if pair[0].key_text == str(part)), None
            )
            if entry is None:
                break
            position = entry[0].start
            node = entry[1]
        elif (
            node.kind == SEQUENCE
            and isinstance(part, int)
            and 0 <= part < len(node.items)
        ):
            node = node.items[part]
            position = node.start
        else:
            break
    return document.text.count("\n", 0, position) + 1


# -- validation with cfn-lint ------------------------------------------------------


def _validate(
    result: RepairResult, record: FileRecord, options: Options, is_markdown: bool
) -> None:
    """Record cfn-lint findings the repair added; fail the file when one is an error."""
    regions = [options.region] if options.region else None
    originals = _original_blocks(result, is_markdown)
    for block, (before, first_line) in zip(result.blocks, originals, strict=True):
        if before is None or before == block.text:
            continue
        try:
            old_matches = lint(before, regions=regions)
            new = lint(block.text, regions=regions)
        # A linter crash must not stop the batch.
        except Exception as error:  # noqa: BLE001
            record.warnings.append(
                Problem(f"cfn-lint failed: {type(error).__name__}: {error}")
            )
            continue
        for match in _added_matches(old_matches, new):
            line = (
                first_line - 1 + match.linenumber if is_markdown else match.linenumber
            )
            record.lint.append(
                LintFinding(match.rule.id, redact(match.message, result.secrets), line)
            )
    errors = [finding for finding in record.lint if finding.rule.startswith("E")]
    if errors:
        first = errors[0]
        record.status = FAILED
        record.error = Problem(
            f"the repair would add cfn-lint error {first.rule} "
            f"(line {first.line} of the "
            f"repaired file): {first.message}; file left unchanged"
        )


def _added_matches(old: list, new: list) -> list:
    """Return the findings of ``new`` that ``old`` did not have.

    A finding first pairs with an old one of the same rule and message, then
    with any unpaired old one of the same rule: a repair that renames the
    resource a warning is about (NatGatewayB to NatGatewayA) adds nothing.
    """
    by_message = Counter((match.rule.id, match.message) for match in old)
    unpaired = []
    for match in new:
        key = (match.rule.id, match.message)
        if by_message[key] > 0:
            by_message[key] -= 1
        else:
            unpaired.append(match)
    by_rule = Counter()
    for (rule, _), count in by_message.items():
        by_rule[rule] += count
    added = []
    for match in unpaired:
        if by_rule[match.rule.id] > 0:
            by_rule[match.rule.id] -= 1
        else:
            added.append(match)
    return added


# -- finding files -----------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """A file to repair: ``path`` as found, ``relative`` under its argument folder."""

    path: Path
    relative: Path
    # The reason the file was found but must not be read, if any.
    rejected: str | None = None


class IgnoreFiles:
    """The ``.gitignore`` files in force in one folder, nearest last."""

    def __init__(self, specs: tuple[tuple[Path, GitIgnoreSpec], ...] = ()):
        self.specs = specs

    @classmethod
    def above(cls, folder: Path) -> IgnoreFiles:
        """Load the ``.gitignore`` files from the repository root down to the parent.

        Outside a Git repository only the files inside the walked folder count.
        """
        chain: list[Path] = []
        for candidate in folder.parents:
            chain.append(candidate)
            if (candidate / ".git").exists():
                break
        else:
            return cls()
        rules = cls()
        for candidate in reversed(chain):
            rules = rules.entering(candidate)
        return rules

    def entering(self, folder: Path) -> IgnoreFiles:
        path = folder / ".gitignore"
        if not path.is_file():
            return self
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return self
        return IgnoreFiles(self.specs + ((folder, GitIgnoreSpec.from_lines(lines)),))

    def ignored(self, path: Path, is_dir: bool) -> bool:
        # The nearest .gitignore with a matching pattern decides, as in Git.
        for base, spec in reversed(self.specs):
            relative = path.relative_to(base).as_posix() + ("/" if is_dir else "")
            verdict = spec.check_file(relative).include
            if verdict is not None:
                return verdict
        return False


@dataclass(frozen=True)
class WalkRules:
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    hidden: bool = False
    respect_gitignore: bool = True
    # Resolved folders never entered (the output folder).
    skip: frozenset[Path] = frozenset()


def walk(folder: Path, rules: WalkRules) -> Iterator[Source]:
    """Yield the template files under ``folder`` in sorted order.

    Symbolic links are followed only when they resolve inside ``folder``;
    one that leads out is yielded with ``rejected`` set and never read.
    """
    start = folder.absolute()
    walker = _Walker(folder, start.resolve(), rules)
    ignore = IgnoreFiles.above(start) if rules.respect_gitignore else IgnoreFiles()
    yield from walker.folder(start, Path(), ignore)


class _Walker:
    def __init__(self, argument: Path, root: Path, rules: WalkRules):
        self.argument = argument
        self.root = root
        self.rules = rules
        self.include = GitIgnoreSpec.from_lines(rules.include)
        self.exclude = GitIgnoreSpec.from_lines(rules.exclude)
        self.visited = {root}

    def folder(
        self, folder_path: Path, relative: Path, ignore: IgnoreFiles
    ) -> Iterator[Source]:
        if self.rules.respect_gitignore:
            ignore = ignore.entering(folder_path)
        try:
            entries = sorted(os.scandir(folder_path), key=lambda entry: entry.name)
        except OSError as error:
            rejected = f"cannot list folder: {error.strerror}"
            yield Source(self.argument / relative, relative, rejected=rejected)
            return
        for entry in entries:
            if not self.rules.hidden and entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
                is_file = not is_dir and entry.is_file()
            except OSError:
                continue
            if is_dir:
                yield from self.subfolder(entry, relative / entry.name, ignore)
            elif is_file:
                yield from self.file(entry, relative / entry.name, ignore)

    def subfolder(
        self, entry: os.DirEntry, relative: Path, ignore: IgnoreFiles
    ) -> Iterator[Source]:
        path = Path(entry.path)
        if self.exclude.match_file(relative.as_posix() + "/") or ignore.ignored(
            path, True
        ):
            return
        real = path.resolve()
        if entry.is_symlink() and not real.is_relative_to(self.root):
            rejected = (
                f"symbolic link to {real} leads outside {self.root}; not followed"
            )
            yield Source(self.argument / relative, relative, rejected=rejected)
            return
        if real in self.visited or real in self.rules.skip:
            return
        self.visited.add(real)
        yield from self.folder(path, relative, ignore)

    def file(
        self, entry: os.DirEntry, relative: Path, ignore: IgnoreFiles
    ) -> Iterator[Source]:
        name = relative.as_posix()
        if not self.include.match_file(name) or self.exclude.match_file(name):
            return
        path = Path(entry.path)
        if ignore.ignored(path, False):
            return
        if entry.is_symlink():
            real = path.resolve()
            if not real.is_relative_to(self.root):
                rejected = (
                    f"symbolic link to {real} leads outside {self.root}; not followed"
                )
                yield Source(self.argument / relative, relative, rejected=rejected)
                return
        yield Source(self.argument / relative, relative)


# -- the process pool --------------------------------------------------------------


Worker = Callable[[FileTask], FileRecord]


def run_tasks(
    tasks: Iterable[FileTask], jobs: int, worker: Worker = process_file
) -> Iterator[FileRecord]:
    """Run ``worker`` on every task and yield the records in task order.

    With ``jobs`` 1 the tasks run in this process. A larger value starts that
    many worker processes and keeps four tasks per worker in flight, so memory
    stays flat for any number of files. A worker process that dies (a crash in
    a C extension, the out-of-memory killer) fails only the file it was on.
    """
    if jobs <= 1:
        for task in tasks:
            yield worker(task)
        return
    remaining = iter(tasks)
    window = jobs * 4
    while True:
        stranded = yield from _run_pool(remaining, jobs, window, worker)
        if not stranded:
            return
        # The pool broke. Keep the records that finished; run each other task
        # alone, so only the file that kills its worker fails.
        # NOTE: a task killed after it wrote its file runs again and then
        # reports the written file as unchanged.
        for task, future in stranded:
            finished = (
                future.done() and not future.cancelled() and future.exception() is None
            )
            yield future.result() if finished else _run_alone(task, worker)


def _run_pool(remaining: Iterator[FileTask], jobs: int, window: int, worker: Worker):
    """Yield records until the tasks run out or the pool breaks.

    Returns the (task, future) pairs still in flight when the pool broke.
    """
    # "spawn" gives every worker a fresh interpreter: no state copied from the
    # parent, and no fork of a process that runs a progress-bar thread.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        in_flight: deque[tuple[FileTask, Future]] = deque()
        for task in islice(remaining, window):
            in_flight.append((task, _submit(pool, worker, task)))
        while in_flight:
            task, future = in_flight[0]
            try:
                record = future.result()
            except BrokenProcessPool:
                return list(in_flight)
            # A record that cannot be unpickled must not stop the batch.
            except Exception as error:  # noqa: BLE001
                record = _crash_record(task, error)
            in_flight.popleft()
            yield record
            for task in islice(remaining, 1):
                in_flight.append((task, _submit(pool, worker, task)))
    return []


def _submit(pool: ProcessPoolExecutor, worker: Worker, task: FileTask) -> Future:
    try:
        return pool.submit(worker, task)
    except BrokenProcessPool as error:
        # Keep the task, because the caller runs it again after the pool breaks.
        future: Future = Future()
        future.set_exception(error)
        return future


def _run_alone(task: FileTask, worker: Worker) -> FileRecord:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        try:
            return pool.submit(worker, task).result()
        except BrokenProcessPool:
            return FileRecord(
                task.display,
                FAILED,
                error=Problem(
                    "internal error: the worker process stopped while repairing "
                    "this file; "
                    "please report this file"
                ),
            )
        except Exception as error:  # noqa: BLE001
            return _crash_record(task, error)


def _crash_record(task: FileTask, error: Exception) -> FileRecord:
    message = (
        f"internal error: {type(error).__name__}: {error}; please report this file"
    )
    return FileRecord(task.display, FAILED, error=Problem(message))
