"""What a repair changed, for people: a summary from DeepDiff and a unified diff.

Every text this module returns has the template's secrets masked.
"""

from __future__ import annotations

import difflib
import json
import re

from deepdiff import DeepDiff

from fixer.changes import format_path

MASK = "********"
# Property names whose literal values are secrets, as cfn-lint's password rule lists them.
SECRET_PROPERTIES = {
    "MasterUserPassword", "Password", "DbPassword", "AdminPassword", "AccountPassword",
    "AuthToken", "ADDomainJoinPassword", "KdcAdminPassword", "SecretString",
    "CrossRealmTrustPrincipalPassword",
}
SECRET_NAME = re.compile(r"passw|secret|token|api_?key|credential", re.I)
MIN_SECRET_LENGTH = 4
_VALUE_WIDTH = 70


def collect_secrets(data: object) -> set[str]:
    """Find literal secrets in a template: password properties and secret-looking parameter defaults."""
    secrets: set[str] = set()
    if not isinstance(data, dict):
        return secrets
    parameters = data.get("Parameters")
    if isinstance(parameters, dict):
        for name, parameter in parameters.items():
            if not isinstance(parameter, dict) or "Default" not in parameter:
                continue
            if parameter.get("NoEcho") in (True, "true", "True") or SECRET_NAME.search(name):
                secrets.add(str(parameter["Default"]))
    stack = [data.get("Resources")]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if key in SECRET_PROPERTIES and isinstance(item, (str, int)) \
                        and not str(item).startswith("{{resolve:"):
                    secrets.add(str(item))
                else:
                    stack.append(item)
        elif isinstance(value, list):
            stack.extend(value)
    return {secret for secret in secrets if len(secret) >= MIN_SECRET_LENGTH}


def redact(text: str, secrets: set[str]) -> str:
    """Replace each secret in ``text`` with the mask.

    A strong secret (eight characters or more, not only letters) is masked
    wherever it occurs, so ``mysql -pSECRET`` is covered too. A weak one
    ("admin", "String") is masked only as a whole word, because masking it
    inside other words ("Dat********ase") garbles the text and points at
    the secret.
    """
    for secret in sorted(secrets, key=len, reverse=True):
        forms = {secret, json.dumps(secret)[1:-1]}
        for form in forms:
            text = _secret_pattern(form, is_strong_secret(secret)).sub(MASK, text)
    return text


def is_strong_secret(secret: str) -> bool:
    """Tell whether a secret is unlikely to occur by chance: 8 or more characters, not only letters."""
    return len(secret) >= 8 and not secret.isalpha()


def _secret_pattern(secret: str, anywhere: bool) -> re.Pattern:
    if anywhere:
        return re.compile(re.escape(secret))
    return re.compile(r"(?<![A-Za-z0-9_])" + re.escape(secret) + r"(?![A-Za-z0-9_])")


def unified_diff(before: str, after: str, path: str, secrets: set[str]) -> str:
    # Relative paths get git's a/ and b/ prefixes, so ``git apply`` takes the
    # diff; an absolute path is written as it is.
    old, new = (path, path) if path.startswith("/") else (f"a/{path}", f"b/{path}")
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True),
        fromfile=old, tofile=new,
    )
    text = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in lines)
    return redact(text, secrets)


def _short(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= _VALUE_WIDTH else text[: _VALUE_WIDTH - 3] + "..."


def summarize(before: object, after: object, secrets: set[str]) -> list[str]:
    """Describe the difference between two templates, one sorted sentence per change."""
    diff = DeepDiff(before, after, view="tree", verbose_level=2)
    lines: list[str] = []
    for kind, items in diff.items():
        for item in items:
            parts = item.path(output_format="list")
            where = format_path(parts)
            if kind in ("dictionary_item_added", "iterable_item_added"):
                lines.append(_added(parts, where, item.t2))
            elif kind in ("dictionary_item_removed", "iterable_item_removed"):
                lines.append(_removed(parts, where, item.t1))
            elif kind in ("values_changed", "type_changes"):
                lines.append(f"changed {where}: {_short(item.t1)} -> {_short(item.t2)}")
            else:
                lines.append(f"{kind.replace('_', ' ')} at {where}")
    return [redact(line, secrets) for line in sorted(lines, key=_sort_key)]


def _sort_key(line: str) -> tuple[int, str]:
    order = ("added resource", "removed resource", "added", "removed", "changed")
    rank = next(index for index, prefix in enumerate(order + ("",)) if line.startswith(prefix))
    return rank, line


def _added(parts: list, where: str, value: object) -> str:
    if len(parts) == 2 and parts[0] == "Resources" and isinstance(value, dict):
        return f"added resource {parts[1]} ({value.get('Type')})"
    return f"added {where}: {_short(value)}"


def _removed(parts: list, where: str, value: object) -> str:
    if len(parts) == 2 and parts[0] == "Resources" and isinstance(value, dict):
        return f"removed resource {parts[1]} ({value.get('Type')})"
    return f"removed {where}"
