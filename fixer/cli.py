"""The ``cfn-fixer`` command line.

The commands collect files and settings, hand each file to
``fixer.batch.process_file`` (which calls ``fixer.api.repair``) and format
the records it returns. They contain no repair logic of their own.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from contextlib import nullcontext
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from fixer import __version__
from fixer.api import FAILED, REPAIRED, SKIPPED
from fixer.batch import (
    DEFAULT_INCLUDE,
    FileRecord,
    FileTask,
    Problem,
    WalkRules,
    run_tasks,
    walk,
)
from fixer.config import (
    ConfigError,
    ConfigFinder,
    Settings,
    check_settings,
    split_values,
)
from fixer.engine import Options, registered_fixes
from fixer.formats import (
    FailureReporter,
    GithubReporter,
    JsonLinesReporter,
    Reporter,
    SarifReporter,
    TextReporter,
    Totals,
    print_statistics,
    print_summary,
)

EXIT_OK = 0
EXIT_CHANGES = 1
EXIT_ERROR = 2
# The shell's code for a process stopped by SIGINT (128 + 2).
EXIT_INTERRUPTED = 130

EXIT_CODES_HELP = (
    "Exit codes: 0 nothing left to do (with fix: every file repaired or clean); "
    "1 changes found or needed (check, or fix --diff); "
    "2 errors: a file that does not parse or cannot be read or written "
    "(that file is left untouched), or an invalid option or configuration."
)

app = typer.Typer(
    help="Repair the flaws that language models and people keep writing into "
    "CloudFormation templates.",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


class InsightsLevel(str, Enum):
    enabled = "enabled"
    enhanced = "enhanced"


# -- options shared by fix and check ------------------------------------------------

PathsArgument = Annotated[
    list[Path],
    typer.Argument(
        help="Template files and folders. Folders are searched for .json, .yaml, .yml, "
        ".template and .md files.",
        show_default=False,
    ),
]
DiffOption = Annotated[
    bool,
    typer.Option(
        "--diff", help="Print a unified diff of each change and write nothing."
    ),
]
JobsOption = Annotated[
    Optional[int],
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        show_default=False,
        help="Worker processes (default: one per CPU); 1 runs in this process.",
    ),
]
SelectOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--select",
        show_default=False,
        help="Run only these fixes: id (FX101), id prefix (FX1) or name; "
        "comma separated, "
        "repeatable.",
    ),
]
IgnoreOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--ignore",
        show_default=False,
        help="Skip these fixes: id, id prefix or name; comma separated, repeatable.",
    ),
]
RegionOption = Annotated[
    Optional[str],
    typer.Option(
        "--region",
        show_default=False,
        help="Region the stacks deploy to (us-east-1); literal mentions of it "
        "become AWS::Region.",
    ),
]
AmiOption = Annotated[
    Optional[str],
    typer.Option(
        "--ami-parameter",
        show_default=False,
        help="SSM parameter path that every hardcoded AMI id is resolved from.",
    ),
]
InsightsOption = Annotated[
    Optional[InsightsLevel],
    typer.Option(
        "--container-insights",
        show_default=False,
        help="Container Insights level for ECS clusters (default: enabled).",
    ),
]
IncludeOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--include",
        show_default=False,
        help="Glob (gitignore syntax) of files to take from folders; "
        "replaces the default "
        "list; repeatable.",
    ),
]
ExcludeOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--exclude",
        show_default=False,
        help="Glob (gitignore syntax) of files and folders to leave out; repeatable.",
    ),
]
HiddenOption = Annotated[
    bool,
    typer.Option(
        "--hidden",
        help="Also search hidden files and folders (names starting with '.').",
    ),
]
GitignoreOption = Annotated[
    bool,
    typer.Option(
        "--respect-gitignore/--no-respect-gitignore",
        help="Leave out paths that .gitignore files ignore.",
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        help="Report format: text, json (one JSON object per line and file), "
        "sarif (SARIF 2.1.0) or github (workflow annotations).",
    ),
]
StatisticsOption = Annotated[
    bool,
    typer.Option(
        "--statistics",
        help="Print files, changes and notices per fix over the whole run "
        "instead of per-file reports (text or json).",
    ),
]
ValidateOption = Annotated[
    bool,
    typer.Option(
        "--validate",
        help="Run cfn-lint on each repaired template; report findings the input "
        "did not have, and fail (write nothing for) a file whose repair adds an error.",
    ),
]
ConfigOption = Annotated[
    Optional[Path],
    typer.Option(
        "--config",
        show_default=False,
        dir_okay=False,
        help="Settings file to use for every template instead of the nearest "
        ".cfn-fixer.toml or pyproject.toml.",
    ),
]
NoConfigOption = Annotated[
    bool, typer.Option("--no-config", help="Ignore configuration files.")
]
QuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet",
        "-q",
        help="Show no progress bar, warnings or summary table on stderr.",
    ),
]
VerboseOption = Annotated[
    bool,
    typer.Option(
        "--verbose",
        "-v",
        help="Also list clean and skipped files, and summarize each "
        "change in the text report.",
    ),
]


@dataclass
class Request:
    """One ``fix`` or ``check`` run as the command line asked for it."""

    paths: list[Path]
    write: bool
    diff: bool
    output_dir: Path | None
    jobs: int | None
    settings: Settings
    hidden: bool
    respect_gitignore: bool
    format: OutputFormat
    statistics: bool
    validate: bool
    config: Path | None
    no_config: bool
    quiet: bool
    verbose: bool
    extract: Path | None = None

    @property
    def preview(self) -> bool:
        """True when nothing is written and a change to make means exit code 1."""
        return not self.write or self.diff

    @property
    def output_root(self) -> Path | None:
        folder = self.extract or self.output_dir
        return folder.resolve() if folder is not None else None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cfn-fixer {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Repair CloudFormation templates: JSON, YAML, or Markdown model outputs."""


@app.command(epilog=EXIT_CODES_HELP)
def fix(
    paths: PathsArgument,
    diff: DiffOption = False,
    output_dir: Annotated[
        Optional[Path],
        typer.Option(
            "--output-dir",
            "-o",
            show_default=False,
            file_okay=False,
            help="Write repaired copies under this folder, with the same "
            "relative paths, "
            "and leave the inputs untouched. Files with nothing to fix are not copied.",
        ),
    ] = None,
    extract: Annotated[
        Optional[Path],
        typer.Option(
            "--extract",
            show_default=False,
            file_okay=False,
            help="Write every template found, repaired, to a file of its own under "
            "this folder and leave the inputs untouched: a Markdown file's fenced "
            "templates become NAME-1.yaml, NAME-2.json...; template files keep "
            "their relative paths.",
        ),
    ] = None,
    jobs: JobsOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    region: RegionOption = None,
    ami_parameter: AmiOption = None,
    container_insights: InsightsOption = None,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
    hidden: HiddenOption = False,
    respect_gitignore: GitignoreOption = True,
    output_format: FormatOption = OutputFormat.text,
    statistics: StatisticsOption = False,
    validate: ValidateOption = False,
    config: ConfigOption = None,
    no_config: NoConfigOption = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Repair templates in place (or under --output-dir); preview with --diff."""
    settings = _cli_settings(
        select, ignore, region, ami_parameter, container_insights, include, exclude
    )
    request = Request(
        paths,
        True,
        diff,
        output_dir,
        jobs,
        settings,
        hidden,
        respect_gitignore,
        output_format,
        statistics,
        validate,
        config,
        no_config,
        quiet,
        verbose,
        extract,
    )
    raise typer.Exit(run(request))


@app.command(epilog=EXIT_CODES_HELP)
def check(
    paths: PathsArgument,
    diff: DiffOption = False,
    jobs: JobsOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    region: RegionOption = None,
    ami_parameter: AmiOption = None,
    container_insights: InsightsOption = None,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
    hidden: HiddenOption = False,
    respect_gitignore: GitignoreOption = True,
    output_format: FormatOption = OutputFormat.text,
    statistics: StatisticsOption = False,
    validate: ValidateOption = False,
    config: ConfigOption = None,
    no_config: NoConfigOption = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Report what fix would change and write nothing; exit 1 if anything would."""
    settings = _cli_settings(
        select, ignore, region, ami_parameter, container_insights, include, exclude
    )
    request = Request(
        paths,
        False,
        diff,
        None,
        jobs,
        settings,
        hidden,
        respect_gitignore,
        output_format,
        statistics,
        validate,
        config,
        no_config,
        quiet,
        verbose,
    )
    raise typer.Exit(run(request))


def _cli_settings(
    select, ignore, region, ami_parameter, container_insights, include, exclude
) -> Settings:
    def listed(values: list[str] | None) -> tuple[str, ...] | None:
        return split_values(values) if values else None

    return Settings(
        select=listed(select),
        ignore=listed(ignore),
        region=region,
        ami_parameter=ami_parameter,
        container_insights=container_insights.value if container_insights else None,
        include=listed(include),
        exclude=listed(exclude),
    )


# -- running a batch ---------------------------------------------------------------


def run(request: Request) -> int:
    """Run one ``fix`` or ``check`` request and return the exit code."""
    messages = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        _check_request(request)
        check_settings(request.settings, "command line")
        finder = ConfigFinder(request.config, enabled=not request.no_config)
        planned, tasks = _plan(request, finder, messages)
    except ConfigError as error:
        messages.print(f"error: {error}", style="red", markup=False)
        return EXIT_ERROR

    stdout = _ReaderSafeStream(sys.stdout)
    output = Console(file=stdout, highlight=False, soft_wrap=True)
    reporter = _reporter(request, output, messages, stdout)
    try:
        totals = _execute(request, planned, tasks, reporter, messages)
    except KeyboardInterrupt:
        messages.print("interrupted; files already written stay written", style="red")
        return EXIT_INTERRUPTED
    reporter.close(totals)

    if request.statistics:
        print_statistics(totals, output, request.format == OutputFormat.json)
    if not request.quiet:
        # With --statistics the per-fix table is on stdout already.
        print_summary(totals, messages, request.preview, fixes=not request.statistics)
    if stdout.reader_gone:
        # Python flushes stdout again at exit; point it at /dev/null so that
        # flush cannot fail and change the exit code.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return _exit_code(totals, request.preview)


class _ReaderSafeStream:
    """Standard output that becomes a sink when its reader goes away.

    With ``cfn-fixer check | head`` the pipe closes early. The batch still
    runs to the end, so files get repaired and the exit code keeps its
    meaning. Click would exit 1, which ``check`` uses for "changes needed".
    """

    def __init__(self, stream):
        self.stream = stream
        self.reader_gone = False

    def write(self, text: str) -> int:
        if not self.reader_gone:
            try:
                return self.stream.write(text)
            except BrokenPipeError:
                self.reader_gone = True
        return len(text)

    def flush(self) -> None:
        if not self.reader_gone:
            try:
                self.stream.flush()
            except BrokenPipeError:
                self.reader_gone = True

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self.stream, "encoding", "utf-8")


def _execute(
    request: Request,
    planned: list[FileRecord],
    tasks: list[FileTask],
    reporter: Reporter,
    messages: Console,
) -> Totals:
    """Report the planned records, then run the tasks and report each record."""
    totals = Totals()
    for record in planned:
        totals.add(record)
        reporter.file(record)
    show_progress = messages.is_terminal and not request.quiet and bool(tasks)
    label = "checking" if request.preview else "repairing"
    with _progress(messages, label, len(tasks), show_progress) as progress:
        for record in run_tasks(tasks, _jobs(request.jobs, len(tasks))):
            totals.add(record)
            reporter.file(record)
            if progress is not None:
                progress.advance(progress.task_ids[0])
    return totals


def _check_request(request: Request) -> None:
    """Raise ``ConfigError`` for options that do not go together."""
    machine_format = request.format in (OutputFormat.sarif, OutputFormat.github)
    if request.diff and machine_format:
        raise ConfigError(
            f"--diff works with --format text or json, not {request.format.value}"
        )
    if request.statistics and machine_format:
        raise ConfigError(
            f"--statistics works with --format text or json, not {request.format.value}"
        )
    if request.output_dir is not None and request.extract is not None:
        raise ConfigError("--extract and --output-dir both name the output folder; use one")
    folder = request.extract or request.output_dir
    if folder is not None:
        option = "--extract" if request.extract is not None else "--output-dir"
        if request.diff:
            raise ConfigError(f"--diff writes nothing; drop {option} or --diff")
        root = folder.resolve()
        for path in request.paths:
            if path.is_dir() and path.resolve() == root:
                raise ConfigError(
                    f"{option} {folder} is an input folder; choose another folder"
                )
    if request.validate and importlib.util.find_spec("cfnlint") is None:
        raise ConfigError(
            "--validate needs cfn-lint, which is not installed; "
            "install it with: pip install cfn-lint"
        )


def _jobs(requested: int | None, tasks: int) -> int:
    jobs = requested if requested is not None else os.cpu_count() or 1
    # Starting processes costs more than repairing one file.
    return max(1, min(jobs, tasks))


def _exit_code(totals: Totals, preview: bool) -> int:
    if totals.statuses[FAILED]:
        return EXIT_ERROR
    if preview and totals.statuses[REPAIRED]:
        return EXIT_CHANGES
    return EXIT_OK


def _reporter(
    request: Request, output: Console, messages: Console, stdout
) -> Reporter:
    if request.statistics:
        return FailureReporter(messages)
    if request.format == OutputFormat.json:
        return JsonLinesReporter(stdout)
    if request.format == OutputFormat.sarif:
        return SarifReporter(stdout)
    if request.format == OutputFormat.github:
        return GithubReporter(stdout, request.preview)
    if request.diff:
        # The diff alone goes to stdout, so it can be piped into patch or git apply.
        return TextReporter(messages, request.verbose, diff_out=stdout)
    return TextReporter(output, request.verbose)


def _progress(console: Console, label: str, total: int, enabled: bool):
    if not enabled:
        return nullcontext(None)
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        # Routing stdout through the progress display would send data to stderr
        # when stdout is a file or pipe.
        redirect_stdout=sys.stdout.isatty(),
        redirect_stderr=False,
    )
    progress.add_task(label, total=total)
    return progress


# -- collecting the files ------------------------------------------------------------


def _plan(
    request: Request, finder: ConfigFinder, messages: Console
) -> tuple[list[FileRecord], list[FileTask]]:
    """Find every file to repair and build its task.

    Returns the records of files that need no worker (not found, rejected,
    an output path already taken) and the tasks, one per distinct file.
    """
    planner = _Planner(request, finder, request.output_root)
    for argument in request.paths:
        planner.add_argument(argument)
    if not request.quiet:
        for folder in planner.empty_folders:
            messages.print(
                f"warning: {folder}: no file matched the include patterns "
                "(see --include, --hidden and --no-respect-gitignore)",
                style="yellow",
                markup=False,
            )
        for record in planner.records:
            if record.status == SKIPPED and record.error is not None:
                messages.print(
                    f"warning: {record.path}: {record.error.message}",
                    style="yellow",
                    markup=False,
                )
    return planner.records, planner.tasks


class _Planner:
    def __init__(
        self, request: Request, finder: ConfigFinder, output_root: Path | None
    ):
        self.request = request
        self.finder = finder
        self.output_root = output_root
        self.records: list[FileRecord] = []
        self.tasks: list[FileTask] = []
        self.seen: set[Path] = set()
        self.destinations: dict[Path, str] = {}
        self.options: dict[Settings, Options] = {}
        self.empty_folders: list[Path] = []

    def add_argument(self, argument: Path) -> None:
        if not argument.exists():
            problem = Problem("no such file or folder")
            self.records.append(FileRecord(str(argument), FAILED, error=problem))
            return
        if not argument.is_dir():
            self.add_file(argument, Path(argument.name), named=True)
            return
        settings = self.settings_for(argument)
        rules = WalkRules(
            include=settings.include or DEFAULT_INCLUDE,
            exclude=settings.exclude or (),
            hidden=self.request.hidden,
            respect_gitignore=self.request.respect_gitignore,
            skip=frozenset([self.output_root]) if self.output_root else frozenset(),
        )
        found = False
        for source in walk(argument, rules):
            found = True
            if source.rejected:
                problem = Problem(source.rejected)
                self.records.append(
                    FileRecord(str(source.path), SKIPPED, error=problem)
                )
            else:
                self.add_file(source.path, source.relative)
        if not found:
            self.empty_folders.append(argument)

    def settings_for(self, folder: Path) -> Settings:
        return self.finder.settings_for(folder).overridden_by(self.request.settings)

    def add_file(self, path: Path, relative: Path, named: bool = False) -> None:
        real = path.resolve()
        if real in self.seen:
            return
        self.seen.add(real)
        destination = None
        if self.output_root is not None:
            destination = self.output_root / relative
            other = self.destinations.setdefault(destination, str(path))
            if other != str(path):
                problem = Problem(
                    f"{other} is written to the same output file {destination}"
                )
                self.records.append(FileRecord(str(path), FAILED, error=problem))
                return
        self.tasks.append(self.task(path, destination, named))

    def task(self, path: Path, destination: Path | None, named: bool = False) -> FileTask:
        settings = self.settings_for(path.parent)
        options = self.options.get(settings)
        if options is None:
            options = self.options[settings] = settings.options()
        request = self.request
        return FileTask(
            path=str(path),
            display=str(path),
            options=options,
            write=request.write and not request.diff and request.extract is None,
            extract=request.extract is not None,
            destination=str(destination) if destination else None,
            output_root=str(self.output_root) if self.output_root else None,
            validate=request.validate,
            diff=request.diff,
            summary=request.verbose and request.format == OutputFormat.text,
            locate=not request.statistics,
            named=named,
        )


# -- fix documentation -------------------------------------------------------------


@app.command("list-fixes")
def list_fixes() -> None:
    """List every fix with its id, name and title, in the order they run."""
    for module in registered_fixes():
        typer.echo(f"{module.ID}  {module.NAME:<32} {module.TITLE}")


@app.command()
def explain(
    fix_id: Annotated[
        str,
        typer.Argument(help="Fix id (FX101) or name (hardcoded-availability-zone)."),
    ],
) -> None:
    """Print what a fix does, why, and what it may break."""
    for module in registered_fixes():
        if fix_id.upper() == module.ID or fix_id == module.NAME:
            typer.echo(f"{module.ID} {module.NAME}: {module.TITLE}\n")
            typer.echo((module.__doc__ or "").strip())
            typer.echo(f"\nSafety: {module.SAFETY}\nReference: {module.SOURCE_URL}")
            return
    typer.echo(
        f"unknown fix {fix_id!r}; run 'cfn-fixer list-fixes' to see the ids", err=True
    )
    raise typer.Exit(EXIT_ERROR)


def main() -> None:
    app()
