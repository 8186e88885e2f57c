"""Repair one file's text: the entry point that the CLI and batch runs share.

``repair`` is pure: it takes text and returns a ``RepairResult`` with the new
text, the change records and notices; it reads and writes no files, so a
process pool or a cluster can call it on any worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fixer import markdown
from fixer.changes import Change, Notice
from fixer.document import Document, guess_format
from fixer.engine import Options, run_fixes, suppressed_in
from fixer.errors import EditConflict, NotATemplate, TemplateError
from fixer.intrinsics import PSEUDO_PREFIX
from fixer.report import collect_secrets, summarize, unified_diff
from fixer.rewrite import same
from fixer.template import Template

REPAIRED = "repaired"
UNCHANGED = "unchanged"
SKIPPED = "skipped"
FAILED = "failed"


@dataclass
class BlockResult:
    """The repair of one template: a whole file, or one fenced block of a Markdown file."""

    before: object = None
    after: object = None
    changes: list[Change] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    line: int = 1  # first line of the template in the file
    format: str = "yaml"
    text: str = ""  # the repaired template text
    # The parsed input, kept so reports can find source lines without parsing again.
    document: Document | None = field(default=None, repr=False, compare=False)


@dataclass
class RepairResult:
    path: str
    status: str
    input: str
    output: str
    blocks: list[BlockResult] = field(default_factory=list)
    error: TemplateError | None = None
    # Problems that did not stop the file: a Markdown block that does not parse.
    warnings: list[TemplateError] = field(default_factory=list)
    secrets: set[str] = field(default_factory=set)

    @property
    def changed(self) -> bool:
        return self.output != self.input

    @property
    def changes(self) -> list[Change]:
        return [change for block in self.blocks for change in block.changes]

    @property
    def notices(self) -> list[Notice]:
        return [notice for block in self.blocks for notice in block.notices]

    def summary(self) -> list[str]:
        lines: list[str] = []
        for block in self.blocks:
            if block.before is not None and block.after is not None:
                lines.extend(summarize(block.before, block.after, self.secrets))
        return lines

    def diff(self) -> str:
        return unified_diff(self.input, self.output, self.path, self.secrets)


def repair(text: str, path: str = "-", options: Options | None = None,
           format: str | None = None) -> RepairResult:
    """Repair the template in ``text``; ``format`` is json, yaml or markdown (guessed from ``path``)."""
    options = options or Options()
    if format is None:
        format = "markdown" if path.lower().endswith((".md", ".markdown")) else guess_format(path, text)
    try:
        if format == "markdown":
            return _repair_markdown(text, path, options)
        block, output, secrets = _repair_template(text, format, options)
    except NotATemplate as error:
        return RepairResult(path, SKIPPED, text, text, error=error.located(path))
    except TemplateError as error:
        if not isinstance(error, EditConflict) and _foreign(text):
            # A pre-commit hook or a folder walk meets tsconfig.json with
            # comments, multi-document Kubernetes YAML and Helm templates.
            skip = NotATemplate(f"not a CloudFormation template ({error.message})",
                                error.line, error.column)
            return RepairResult(path, SKIPPED, text, text, error=skip.located(path))
        return RepairResult(path, FAILED, text, text, error=error.located(path))
    except (RecursionError, ValueError, KeyError, IndexError, TypeError, AttributeError) as error:
        # A bug in a fix or the rewriter must not stop a batch; the file stays as it was.
        message = f"internal error: {type(error).__name__}: {error}; please report this file"
        return RepairResult(path, FAILED, text, text, error=TemplateError(message, 1, 1, path))
    status = REPAIRED if output != text else UNCHANGED
    return RepairResult(path, status, text, output, [block], secrets=secrets)


def _foreign(text: str) -> bool:
    """Tell whether a file that failed to parse names no template part: no Resources, no format version.

    Empty and comment-only files are not foreign: they are reported as errors.
    """
    meaningful = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return bool(meaningful) and not markdown.looks_like_template(text)


def _repair_template(text: str, format: str, options: Options) -> tuple[BlockResult, str, set[str]]:
    document = Document.parse(text, format)
    data = document.data
    result = run_fixes(data, options, suppressed_in(data.get("Metadata")))
    secrets = collect_secrets(data) | result.secrets
    block = BlockResult(data, result.data, result.changes, result.notices,
                        format=document.format, text=text, document=document)
    if same(data, result.data):
        return block, text, secrets
    _check_references(data, result.data)
    output = document.render(result.data)
    _check_round_trip(output, format, result.data)
    block.text = output
    return block, output, secrets


def _check_round_trip(output: str, format: str, expected: object) -> None:
    """Parse the rewritten text again; it must give exactly the repaired data."""
    try:
        reparsed = Document.parse(output, format).data
    except TemplateError as error:
        raise EditConflict(f"internal error: the repaired text does not parse ({error.message})") from None
    if not same(reparsed, expected):
        raise EditConflict("internal error: the repaired text does not read back as the repaired template")


def _check_references(before: dict, after: dict) -> None:
    """Fail when a repair left a reference to an id that existed before and is gone now."""
    old_ids = Template(before).logical_ids()
    repaired = Template(after)
    new_ids = repaired.logical_ids()
    for ref in repaired.references():
        target = ref.target
        if target.startswith(PSEUDO_PREFIX) or target in new_ids:
            continue
        if target in old_ids:
            raise EditConflict(
                f"internal error: {'/'.join(map(str, ref.path))} refers to removed {target!r}"
            )


def _repair_markdown(text: str, path: str, options: Options) -> RepairResult:
    blocks = markdown.fenced_blocks(text)
    results: list[BlockResult] = []
    warnings: list[TemplateError] = []
    secrets: set[str] = set()
    pieces: list[str] = []
    position = 0
    for block in blocks:
        content = text[block.start:block.end]
        if not block.closed:
            if markdown.looks_like_template(content):
                warnings.append(TemplateError("code fence never closes; block left as written",
                                              block.line - 1, 1, path))
            continue
        format = markdown.block_format(block, content)
        if format is None:
            continue
        if block.indent:
            warnings.append(TemplateError("indented code fence; block left as written", block.line - 1, 1, path))
            continue
        try:
            result, output, block_secrets = _repair_template(content, format, options)
        except NotATemplate:
            continue
        except TemplateError as error:
            if markdown.looks_like_template(content):
                warnings.append(error.located(path, block.line - 1))
            continue
        result.line = block.line
        results.append(result)
        secrets |= block_secrets
        pieces.append(text[position:block.start])
        pieces.append(output)
        position = block.end
    pieces.append(text[position:])
    output = "".join(pieces)
    if not results:
        if warnings:
            return RepairResult(path, FAILED, text, text, error=warnings[0], warnings=warnings[1:])
        error = NotATemplate("no CloudFormation template in a fenced code block", 1, 1, path)
        return RepairResult(path, SKIPPED, text, text, error=error)
    status = REPAIRED if output != text else UNCHANGED
    return RepairResult(path, status, text, output, results, warnings=warnings, secrets=secrets)
