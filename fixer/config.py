"""Settings from ``.cfn-fixer.toml`` or ``[tool.cfn-fixer]`` in ``pyproject.toml``.

The nearest configuration file above a template applies to it. In each
folder from the template's own upward, ``.cfn-fixer.toml`` is taken first,
then a ``pyproject.toml`` that has a ``[tool.cfn-fixer]`` table. A
``pyproject.toml`` without that table is passed over. Settings are not
merged across files, and a value given on the command line replaces the
file's value for the same key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

from fixer.engine import Options, fix_matches, registered_fixes

CONFIG_FILE = ".cfn-fixer.toml"
PYPROJECT = "pyproject.toml"
INSIGHTS_LEVELS = ("enabled", "enhanced")
LIST_KEYS = ("select", "ignore", "include", "exclude")
TEXT_KEYS = ("region", "ami-parameter", "container-insights")
# Loose on purpose: partition, geography and number, so new regions pass.
REGION_FORMAT = re.compile(r"[a-z]{2}(-[a-z]+)+-\d{1,2}")


class ConfigError(Exception):
    """An invalid setting, from a configuration file or the command line."""


@dataclass(frozen=True)
class Settings:
    """One run's settings; ``None`` means "not set here"."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    region: str | None = None
    ami_parameter: str | None = None
    container_insights: str | None = None
    include: tuple[str, ...] | None = None
    exclude: tuple[str, ...] | None = None
    # The file the settings were read from, for messages.
    source: str | None = None

    def overridden_by(self, other: Settings) -> Settings:
        """Return these settings with every value that ``other`` sets replaced."""
        values = {
            item.name: getattr(other, item.name)
            for item in fields(other)
            if item.name != "source" and getattr(other, item.name) is not None
        }
        return replace(self, **values)

    def options(self) -> Options:
        return Options(
            region=self.region,
            ami_parameter=self.ami_parameter,
            container_insights=self.container_insights or "enabled",
            select=frozenset(self.select or ()),
            ignore=frozenset(self.ignore or ()),
        )


def split_values(values: Iterable[str]) -> tuple[str, ...]:
    """Split comma-separated values (``--select A,B --select C``) into one tuple."""
    return tuple(
        part.strip() for value in values for part in value.split(",") if part.strip()
    )


def check_fix_names(names: Iterable[str], origin: str) -> None:
    """Raise ``ConfigError`` for a name that matches no fix id, id prefix or name."""
    modules = registered_fixes()
    for name in names:
        if not any(fix_matches(module, frozenset([name])) for module in modules):
            raise ConfigError(
                f"{origin}: unknown fix {name!r}; use a fix id (FX101), "
                f"an id prefix (FX1) or a name from 'cfn-fixer list-fixes'"
            )


def check_settings(settings: Settings, origin: str) -> None:
    """Raise ``ConfigError`` for an invalid value in ``settings``."""
    check_fix_names(settings.select or (), origin)
    check_fix_names(settings.ignore or (), origin)
    level = settings.container_insights
    if level is not None and level not in INSIGHTS_LEVELS:
        raise ConfigError(
            f"{origin}: invalid container-insights {level!r}; "
            f"use {' or '.join(INSIGHTS_LEVELS)}"
        )
    region = settings.region
    if region is not None and not REGION_FORMAT.fullmatch(region):
        raise ConfigError(
            f"{origin}: invalid region {region!r}; expected a name such as us-east-1"
        )
    if settings.ami_parameter is not None and not settings.ami_parameter.strip():
        raise ConfigError(
            f"{origin}: ami-parameter is empty; give an SSM parameter path"
        )


def read_config(path: Path) -> Settings | None:
    """Read one configuration file.

    Returns ``None`` for a pyproject.toml without a ``[tool.cfn-fixer]`` table.
    """
    try:
        with path.open("rb") as stream:
            document = tomllib.load(stream)
    except OSError as error:
        raise ConfigError(
            f"{path}: cannot read configuration: {error.strerror}"
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    if path.name == PYPROJECT:
        table = document.get("tool", {}).get("cfn-fixer")
        if table is None:
            return None
        where = f"{path} [tool.cfn-fixer]"
    else:
        table = document
        where = str(path)
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a table of settings")
    settings = _settings_from_table(table, where)
    check_settings(settings, where)
    return replace(settings, source=str(path))


def _settings_from_table(table: dict, where: str) -> Settings:
    values: dict[str, object] = {}
    for key, value in table.items():
        if key in LIST_KEYS:
            values[key] = _string_list(value, key, where)
        elif key in TEXT_KEYS:
            if not isinstance(value, str):
                raise ConfigError(
                    f"{where}: {key} must be a string, not {type(value).__name__}"
                )
            values[key.replace("-", "_")] = value
        else:
            known = ", ".join(LIST_KEYS + TEXT_KEYS)
            raise ConfigError(f"{where}: unknown key {key!r}; known keys: {known}")
    return Settings(**values)


def _string_list(value: object, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where}: {key} must be a list of strings")
    return split_values(value)


class ConfigFinder:
    """Find and cache the settings that apply to each folder.

    ``explicit`` names one file for every template (``--config``);
    ``enabled=False`` ignores configuration files altogether (``--no-config``).
    """

    def __init__(self, explicit: Path | None = None, enabled: bool = True):
        self.enabled = enabled
        self.explicit = read_config(explicit) if explicit and enabled else None
        if explicit and enabled and self.explicit is None:
            raise ConfigError(f"{explicit}: no [tool.cfn-fixer] table")
        self._cache: dict[Path, Settings] = {}

    def settings_for(self, folder: Path) -> Settings:
        """Return the settings of the nearest settings file in or above ``folder``."""
        if not self.enabled:
            return Settings()
        if self.explicit is not None:
            return self.explicit
        folder = folder.absolute()
        visited: list[Path] = []
        found = Settings()
        for candidate in (folder, *folder.parents):
            if candidate in self._cache:
                found = self._cache[candidate]
                break
            visited.append(candidate)
            settings = self._read_folder(candidate)
            if settings is not None:
                found = settings
                break
        for candidate in visited:
            self._cache[candidate] = found
        return found

    @staticmethod
    def _read_folder(folder: Path) -> Settings | None:
        for name in (CONFIG_FILE, PYPROJECT):
            path = folder / name
            if path.is_file():
                settings = read_config(path)
                if settings is not None:
                    return settings
        return None
