"""The ``cfn-fixer`` command line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from fixer import __version__
from fixer.api import FAILED, REPAIRED, RepairResult, repair
from fixer.changes import format_path
from fixer.engine import Options, registered_fixes
from fixer.errors import TemplateError
from fixer.files import read_text, write_atomic

app = typer.Typer(
    help="Repair the flaws that language models and people keep writing into CloudFormation templates.",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
)

EXIT_OK = 0
EXIT_CHANGES = 1
EXIT_ERROR = 2


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cfn-fixer {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Repair CloudFormation templates: JSON, YAML, or Markdown model outputs."""


def _options(select: list[str], ignore: list[str], region: str | None,
             ami_parameter: str | None, container_insights: str) -> Options:
    return Options(
        region=region,
        ami_parameter=ami_parameter,
        container_insights=container_insights,
        select=frozenset(select),
        ignore=frozenset(ignore),
    )


def _echo_err(message: str) -> None:
    typer.echo(message, err=True)


def _report(result: RepairResult, written: bool) -> None:
    if result.error is not None:
        prefix = "error" if result.status == FAILED else "skipped"
        _echo_err(f"{result.error} ({prefix})")
        return
    for warning in result.warnings:
        _echo_err(f"{warning} (block left as written)")
    verb = "repaired" if written else ("would repair" if result.status == REPAIRED else "unchanged")
    count = len(result.changes)
    _echo_err(f"{result.path}: {verb} ({count} change{'s' if count != 1 else ''})")
    if result.status == REPAIRED:
        for line in result.summary():
            _echo_err(f"  {line}")
    for notice in result.notices:
        _echo_err(f"  note {notice.fix_id} {format_path(notice.path)}: {notice.message}")


@app.command()
def fix(
    paths: list[Path] = typer.Argument(..., help="Template files (.json, .yaml, .yml, .template, .md)."),
    diff: bool = typer.Option(False, "--diff", help="Print a unified diff and write nothing; exit 1 when a file would change."),
    select: list[str] = typer.Option([], "--select", help="Run only these fixes (id such as FX101, id prefix, or name)."),
    ignore: list[str] = typer.Option([], "--ignore", help="Skip these fixes (id, id prefix, or name)."),
    region: Optional[str] = typer.Option(None, "--region", help="Region the stack deploys to, for the template's Description."),
    ami_parameter: Optional[str] = typer.Option(None, "--ami-parameter", help="SSM parameter path to use for every hardcoded AMI id."),
    container_insights: str = typer.Option("enabled", "--container-insights", help="Container Insights level for ECS clusters: enabled or enhanced."),
) -> None:
    """Repair templates in place, or preview the repair with --diff."""
    options = _options(select, ignore, region, ami_parameter, container_insights)
    failed = changed = False
    for path in paths:
        try:
            text = read_text(path)
        except TemplateError as error:
            _echo_err(f"{error} (error)")
            failed = True
            continue
        result = repair(text, str(path), options)
        if result.status == FAILED:
            failed = True
        if result.changed:
            changed = True
            if diff:
                sys.stdout.write(result.diff())
            else:
                write_atomic(path, result.output)
        _report(result, written=result.changed and not diff)
    if failed:
        raise typer.Exit(EXIT_ERROR)
    if diff and changed:
        raise typer.Exit(EXIT_CHANGES)


@app.command("list-fixes")
def list_fixes() -> None:
    """List every fix with its id, name and title, in the order they run."""
    for module in registered_fixes():
        typer.echo(f"{module.ID}  {module.NAME:<32} {module.TITLE}")


@app.command()
def explain(fix_id: str = typer.Argument(..., help="Fix id (FX101) or name (hardcoded-availability-zone).")) -> None:
    """Print what a fix does, why, and what it may break."""
    for module in registered_fixes():
        if fix_id.upper() == module.ID or fix_id == module.NAME:
            typer.echo(f"{module.ID} {module.NAME}: {module.TITLE}\n")
            typer.echo((module.__doc__ or "").strip())
            typer.echo(f"\nSafety: {module.SAFETY}\nReference: {module.SOURCE_URL}")
            return
    _echo_err(f"unknown fix {fix_id!r}; run 'cfn-fixer list-fixes' to see the ids")
    raise typer.Exit(EXIT_ERROR)


def main() -> None:
    app()
