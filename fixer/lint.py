"""Run cfn-lint on template text, loading its rules once per process.

``cfnlint.api.lint`` loads every rule and resource schema on each call,
which took about 0.6 s a call on the benchmark machine
(docs/benchmarks.md). A ``Runner`` keeps them, so after the first call
a template costs only its own checks. cfn-lint is imported here only when
a function is called, so the CLI runs without it unless ``--validate`` is
given.
"""

from __future__ import annotations

from functools import lru_cache

DEFAULT_REGION = "us-east-1"


@lru_cache(maxsize=8)
def _runner(regions: tuple[str, ...]):
    from cfnlint.config import ConfigMixIn
    from cfnlint.runner import Runner

    return Runner(ConfigMixIn(regions=list(regions)))


def lint(text: str, regions: list[str] | None = None) -> list:
    """Return cfn-lint's matches for a JSON or YAML template, as ``cfn-lint`` would report them.

    A template that cfn-lint cannot decode returns its decode errors (E0000).
    """
    from cfnlint.decode import decode_str

    template, errors = decode_str(text)
    if errors:
        return list(errors)
    if template is None:
        return []
    runner = _runner(tuple(regions or [DEFAULT_REGION]))
    return list(runner.validate_template(template))
