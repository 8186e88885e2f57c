"""Settings files: .cfn-fixer.toml and [tool.cfn-fixer] in pyproject.toml."""

from __future__ import annotations

import pytest

from fixer.config import (
    ConfigError,
    ConfigFinder,
    Settings,
    check_fix_names,
    check_settings,
    read_config,
    split_values,
)

FULL_CONFIG = """\
select = ["FX1", "hardcoded-ami"]
ignore = ["FX102"]
region = "eu-west-1"
ami-parameter = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
container-insights = "enhanced"
include = ["*.yaml"]
exclude = ["vendor/", "*.generated.yaml"]
"""


def test_split_values_commas_and_repeats():
    assert split_values(["FX101,FX102", " hardcoded-ami ", "FX3,,"]) == (
        "FX101",
        "FX102",
        "hardcoded-ami",
        "FX3",
    )


def test_read_config_every_key(tmp_path):
    path = tmp_path / ".cfn-fixer.toml"
    path.write_text(FULL_CONFIG)
    settings = read_config(path)
    assert settings.select == ("FX1", "hardcoded-ami")
    assert settings.ignore == ("FX102",)
    assert settings.region == "eu-west-1"
    assert settings.ami_parameter.startswith("/aws/service/")
    assert settings.container_insights == "enhanced"
    assert settings.include == ("*.yaml",)
    assert settings.exclude == ("vendor/", "*.generated.yaml")
    assert settings.source == str(path)


def test_read_config_comma_string_list(tmp_path):
    path = tmp_path / ".cfn-fixer.toml"
    path.write_text('ignore = "FX101,FX102"\n')
    assert read_config(path).ignore == ("FX101", "FX102")


def test_read_config_pyproject_table(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n\n[tool.cfn-fixer]\nignore = ["FX501"]\n')
    assert read_config(path).ignore == ("FX501",)


def test_read_config_pyproject_without_table(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n')
    assert read_config(path) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param('selct = ["FX101"]\n', "unknown key 'selct'", id="unknown-key"),
        pytest.param(
            'select = ["FX999"]\n', "unknown fix 'FX999'", id="unknown-fix-id"
        ),
        pytest.param(
            'ignore = ["no-such-fix"]\n', "unknown fix 'no-such-fix'", id="unknown-name"
        ),
        pytest.param(
            'container-insights = "on"\n',
            "invalid container-insights 'on'",
            id="insights-level",
        ),
        pytest.param(
            'region = "Frankfurt"\n', "invalid region 'Frankfurt'", id="region"
        ),
        pytest.param("region = 1\n", "region must be a string", id="region-type"),
        pytest.param(
            "select = [1]\n", "select must be a list of strings", id="list-type"
        ),
        pytest.param('ami-parameter = " "\n', "ami-parameter is empty", id="empty-ami"),
        pytest.param("select = [\n", "invalid TOML", id="bad-toml"),
    ],
)
def test_read_config_rejects(tmp_path, text, expected):
    path = tmp_path / ".cfn-fixer.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as raised:
        read_config(path)
    assert expected in str(raised.value)
    assert str(path) in str(raised.value)


def test_check_fix_names_accepts_id_prefix_and_name():
    check_fix_names(["FX101", "fx1", "FX", "multiple-nat-gateways"], "test")


def test_check_settings_names_origin():
    with pytest.raises(ConfigError) as raised:
        check_settings(Settings(select=("FX9",)), "command line")
    assert str(raised.value).startswith("command line: unknown fix 'FX9'")


def test_overridden_by_takes_only_set_values():
    file_settings = Settings(select=("FX1",), region="eu-west-1", source="a.toml")
    merged = file_settings.overridden_by(Settings(region="us-east-2"))
    assert merged.select == ("FX1",)
    assert merged.region == "us-east-2"
    assert merged.source == "a.toml"


def test_settings_options():
    options = Settings(
        select=("FX101",), ignore=("FX102",), region="us-east-2"
    ).options()
    assert options.select == frozenset({"FX101"})
    assert options.ignore == frozenset({"FX102"})
    assert options.region == "us-east-2"
    assert options.container_insights == "enabled"


def test_finder_nearest_file_wins(tmp_path):
    (tmp_path / ".cfn-fixer.toml").write_text('ignore = ["FX101"]\n')
    nested = tmp_path / "team" / "stacks"
    nested.mkdir(parents=True)
    (tmp_path / "team" / ".cfn-fixer.toml").write_text('ignore = ["FX102"]\n')
    finder = ConfigFinder()
    assert finder.settings_for(nested).ignore == ("FX102",)
    assert finder.settings_for(tmp_path).ignore == ("FX101",)


def test_finder_prefers_own_file_over_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.cfn-fixer]\nignore = ["FX101"]\n')
    (tmp_path / ".cfn-fixer.toml").write_text('ignore = ["FX102"]\n')
    assert ConfigFinder().settings_for(tmp_path).ignore == ("FX102",)


def test_finder_skips_pyproject_without_table(tmp_path):
    (tmp_path / ".cfn-fixer.toml").write_text('ignore = ["FX101"]\n')
    nested = tmp_path / "pkg"
    nested.mkdir()
    (nested / "pyproject.toml").write_text('[project]\nname = "pkg"\n')
    assert ConfigFinder().settings_for(nested).ignore == ("FX101",)


def test_finder_without_any_file(tmp_path):
    assert ConfigFinder().settings_for(tmp_path).select is None


def test_finder_explicit_file(tmp_path):
    explicit = tmp_path / "ci.toml"
    explicit.write_text('select = ["FX101"]\n')
    (tmp_path / ".cfn-fixer.toml").write_text('select = ["FX102"]\n')
    assert ConfigFinder(explicit).settings_for(tmp_path).select == ("FX101",)


def test_finder_explicit_pyproject_needs_table(tmp_path):
    explicit = tmp_path / "pyproject.toml"
    explicit.write_text('[project]\nname = "x"\n')
    with pytest.raises(ConfigError) as raised:
        ConfigFinder(explicit)
    assert "no [tool.cfn-fixer] table" in str(raised.value)


def test_finder_disabled(tmp_path):
    (tmp_path / ".cfn-fixer.toml").write_text('select = ["FX102"]\n')
    assert ConfigFinder(enabled=False).settings_for(tmp_path) == Settings()


def test_finder_missing_explicit_file(tmp_path):
    with pytest.raises(ConfigError) as raised:
        ConfigFinder(tmp_path / "missing.toml")
    assert "cannot read configuration" in str(raised.value)
