import pytest


def pytest_addoption(parser):
    parser.addoption("--corpus-full", action="store_true",
                     help="Sweep every corpus file with cfn-lint (several minutes).")
    parser.addoption("--update-snapshots", action="store_true",
                     help="Rewrite the expected outputs in fixtures/ instead of comparing.")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--corpus-full"):
        return
    skip = pytest.mark.skip(reason="full corpus sweep; run with --corpus-full")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
