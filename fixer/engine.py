"""Run the registered fixes, in their fixed order, over one template."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from types import ModuleType

from fixer.changes import Change, Notice
from fixer.template import Template


@dataclass(frozen=True)
class Options:
    """Settings shared by every fix in one run."""

    # Deployment region named by --region; None keeps the template's own.
    region: str | None = None
    # SSM parameter path that replaces hardcoded AMI ids; None chooses one per instance.
    ami_parameter: str | None = None
    # "enabled" or "enhanced" for ECS Container Insights.
    container_insights: str = "enabled"
    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()


@dataclass
class FixResult:
    data: object
    changes: list[Change] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    # Values that must never be shown: plaintext passwords a fix moved away.
    secrets: set[str] = field(default_factory=set)


def registered_fixes() -> list[ModuleType]:
    from fixes import FIXES

    return list(FIXES)


def fix_matches(module: ModuleType, names: frozenset[str]) -> bool:
    """Tell whether a fix is named by id (FX101), id prefix (FX1) or name."""
    return any(module.ID.startswith(name.upper()) or module.NAME == name for name in names)


def active_fixes(options: Options, suppressed: frozenset[str] = frozenset()) -> list[ModuleType]:
    active = []
    for module in registered_fixes():
        if options.select and not fix_matches(module, options.select):
            continue
        if fix_matches(module, options.ignore) or fix_matches(module, suppressed):
            continue
        active.append(module)
    return active


SUPPRESS_KEY = "cfn-fixer"


def suppressed_in(metadata: object) -> frozenset[str]:
    """Return the fix names listed under ``Metadata: cfn-fixer: ignore``."""
    settings = metadata.get(SUPPRESS_KEY) if isinstance(metadata, dict) else None
    ignore = settings.get("ignore") if isinstance(settings, dict) else None
    if isinstance(ignore, str):
        ignore = [ignore]
    return frozenset(str(name) for name in ignore or [])


def suppressed_resources(data: dict, module: ModuleType) -> frozenset[str]:
    resources = data.get("Resources")
    if not isinstance(resources, dict):
        return frozenset()
    return frozenset(
        logical_id for logical_id, resource in resources.items()
        if isinstance(resource, dict) and fix_matches(module, suppressed_in(resource.get("Metadata")))
    )


def run_fixes(data: dict, options: Options, suppressed: frozenset[str] = frozenset()) -> FixResult:
    """Apply every active fix to a copy of ``data``; the input is not modified."""
    result = FixResult(copy.deepcopy(data))
    template = Template(result.data, result.secrets)
    for module in active_fixes(options, suppressed):
        template.suppressed = suppressed_resources(template.data, module)
        for record in module.fix(template, options):
            if isinstance(record, Notice):
                result.notices.append(record)
            else:
                result.changes.append(record)
    return result
