"""The template model that every fix works on.

A ``Template`` wraps the plain data of one template (dicts, lists, strings,
numbers; intrinsic functions in long form) and offers the operations fixes
share: find resources, follow and repoint references, add and remove
resources, parameters, conditions and outputs, and clean up what a removal
left without a user. Every mutating helper returns ``Change`` records.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from fixer.changes import MISSING, Change, Path
from fixer.intrinsics import (
    PSEUDO_PREFIX,
    Reference,
    replace_sub_variable,
    sub_variables,
    walk_references,
)

SECTIONS = ("Parameters", "Mappings", "Conditions", "Resources", "Outputs")
INTERFACE = "AWS::CloudFormation::Interface"
# Where new top-level sections go, so added ones land where people expect them.
SECTION_ORDER = (
    "AWSTemplateFormatVersion", "Description", "Transform", "Metadata", "Parameters",
    "Rules", "Mappings", "Conditions", "Resources", "Outputs",
)


class Template:
    def __init__(self, data: dict, secrets: set[str] | None = None):
        self.data = data
        # Plaintext secrets that fixes moved out; reports mask them.
        self.secrets: set[str] = secrets if secrets is not None else set()
        # Resources whose Metadata turns off the fix that is running now.
        self.suppressed: frozenset[str] = frozenset()

    # -- sections ------------------------------------------------------------------
    def section(self, name: str) -> dict:
        value = self.data.get(name)
        return value if isinstance(value, dict) else {}

    @property
    def resources(self) -> dict:
        return self.section("Resources")

    @property
    def parameters(self) -> dict:
        return self.section("Parameters")

    @property
    def conditions(self) -> dict:
        return self.section("Conditions")

    @property
    def outputs(self) -> dict:
        return self.section("Outputs")

    def targets(self) -> list[tuple[str, dict]]:
        """Return the resources the running fix may repair: all but those that suppress it."""
        return [
            (logical_id, resource)
            for logical_id, resource in self.resources.items()
            if isinstance(resource, dict) and logical_id not in self.suppressed
        ]

    def resources_of_type(self, *types: str) -> list[tuple[str, dict]]:
        return [(logical_id, resource) for logical_id, resource in self.targets()
                if resource.get("Type") in types]

    def properties(self, logical_id: str) -> dict:
        resource = self.resources.get(logical_id)
        if not isinstance(resource, dict):
            return {}
        properties = resource.get("Properties")
        return properties if isinstance(properties, dict) else {}

    def get(self, path: Path, default: object = None) -> object:
        value: object = self.data
        for part in path:
            try:
                value = value[part]  # type: ignore[index]
            except (KeyError, IndexError, TypeError):
                return default
        return value

    def logical_ids(self) -> set[str]:
        ids: set[str] = set()
        for name in SECTIONS:
            ids.update(self.section(name))
        return ids

    def unique_id(self, base: str) -> str:
        taken = self.logical_ids()
        if base not in taken:
            return base
        number = 2
        while f"{base}{number}" in taken:
            number += 1
        return f"{base}{number}"

    # -- references ----------------------------------------------------------------
    def references(self) -> Iterator[Reference]:
        """Yield every reference in the template, including DependsOn and Condition keys."""
        for name in ("Conditions", "Resources", "Outputs", "Rules"):
            section = self.section(name)
            for logical_id, body in section.items():
                base = (name, logical_id)
                if isinstance(body, dict) and name in ("Resources", "Outputs"):
                    condition = body.get("Condition")
                    if isinstance(condition, str):
                        yield Reference(base + ("Condition",), "Condition", condition)
                    depends = body.get("DependsOn")
                    if isinstance(depends, str):
                        yield Reference(base + ("DependsOn",), "DependsOn", depends)
                    elif isinstance(depends, list):
                        for index, target in enumerate(depends):
                            if isinstance(target, str):
                                yield Reference(base + ("DependsOn", index), "DependsOn", target)
                yield from walk_references(body, base)
        # Parameter defaults cannot hold intrinsics, but Metadata (cfn-init) can.
        yield from walk_references(self.data.get("Metadata"), ("Metadata",))

    def references_to(self, logical_id: str) -> list[Reference]:
        return [ref for ref in self.references() if ref.target == logical_id]

    def is_used(self, logical_id: str) -> bool:
        """Tell whether anything except the parameter Interface metadata names ``logical_id``."""
        return any(ref.target == logical_id for ref in self.references())

    def referenced_ids(self, value: object, path: Path = ()) -> set[str]:
        return {
            ref.target for ref in walk_references(value, path)
            if not ref.target.startswith(PSEUDO_PREFIX)
        }

    def ids_named_by(self, body: object) -> set[str]:
        """Return the ids a resource or output body names, its own Condition included."""
        ids = self.referenced_ids(body)
        condition = body.get("Condition") if isinstance(body, dict) else None
        if isinstance(condition, str):
            ids.add(condition)
        return ids

    def repoint(self, old: str, new: str, fix_id: str, reason: str,
                skip_under: Path | None = None) -> list[Change]:
        """Make every reference to ``old`` name ``new`` instead."""
        changes = []
        lists = set()
        for ref in self.references_to(old):
            if skip_under and ref.path[: len(skip_under)] == skip_under:
                continue
            changes.extend(self._repoint_one(ref, new, fix_id, reason))
            if ref.kind != "DependsOn" and isinstance(ref.path[-1], int):
                lists.add(ref.path[:-1])
        for path in sorted(lists, key=len, reverse=True):
            changes.extend(self._drop_repeats(path, new, fix_id, reason))
        return changes

    def _drop_repeats(self, path: Path, new: str, fix_id: str, reason: str) -> list[Change]:
        """Remove later copies of an item naming ``new`` from the property list at ``path``.

        Repointing ``[A, B]`` from B to A gives ``[A, A]``, which most list
        properties reject. Lists that are arguments of an intrinsic function
        (Fn::Join, Fn::If...) keep their length, since position has meaning.
        """
        if len(path) < 4 or path[0] != "Resources" or path[2] != "Properties":
            return []
        if any(isinstance(part, str) and (part.startswith("Fn::") or part == "Ref") for part in path):
            return []
        items = self.get(path)
        if not isinstance(items, list):
            return []
        kept: list = []
        for item in items:
            if item not in kept or new not in self.referenced_ids(item):
                kept.append(item)
        if len(kept) == len(items):
            return []
        return [self.set(path, kept, fix_id, reason)]

    def _repoint_one(self, ref: Reference, new: str, fix_id: str, reason: str) -> list[Change]:
        holder = self.get(ref.path)
        if ref.kind == "DependsOn":
            return self._repoint_depends_on(ref, new, fix_id, reason)
        if ref.kind == "Ref":
            after: object = {"Ref": new}
        elif ref.kind == "GetAtt":
            argument = holder["Fn::GetAtt"]
            if isinstance(argument, list):
                after = {"Fn::GetAtt": [new] + list(argument[1:])}
            else:
                after = {"Fn::GetAtt": new + "." + argument.partition(".")[2]}
        elif ref.kind == "Sub":
            argument = holder["Fn::Sub"]
            text, _ = sub_variables(argument)
            replaced = replace_sub_variable(text, ref.target, new)
            if isinstance(argument, list):
                after = {"Fn::Sub": [replaced] + list(argument[1:])}
            else:
                after = {"Fn::Sub": replaced}
        elif ref.kind == "Condition" and isinstance(holder, str):
            after = new
        elif ref.kind == "Condition":
            after = {"Condition": new}
        elif ref.kind == "If":
            after = {"Fn::If": [new] + list(holder["Fn::If"][1:])}
        else:
            after = {"Fn::FindInMap": [new] + list(holder["Fn::FindInMap"][1:])}
        if after == holder:
            return []
        return [self.set(ref.path, after, fix_id, reason)]

    def _repoint_depends_on(self, ref: Reference, new: str, fix_id: str, reason: str) -> list[Change]:
        resource_path = ref.path[:2]
        resource = self.get(resource_path)
        before = resource["DependsOn"]
        targets = [before] if isinstance(before, str) else list(before)
        updated: list = []
        for target in targets:
            target = new if target == ref.target else target
            # A resource that took over from another must not wait on itself.
            if target not in updated and target != resource_path[1]:
                updated.append(target)
        if not updated:
            return [self.delete(resource_path + ("DependsOn",), fix_id, reason)]
        after: object = updated[0] if isinstance(before, str) else updated
        if after == before:
            return []
        return [self.set(resource_path + ("DependsOn",), after, fix_id, reason)]

    def drop_depends_on(self, target: str, fix_id: str, reason: str) -> list[Change]:
        changes = []
        for logical_id, resource in list(self.resources.items()):
            if not isinstance(resource, dict) or "DependsOn" not in resource:
                continue
            before = resource["DependsOn"]
            targets = [before] if isinstance(before, str) else before
            if target not in targets:
                continue
            kept = [t for t in targets if t != target]
            path = ("Resources", logical_id, "DependsOn")
            if not kept:
                changes.append(self.delete(path, fix_id, reason))
            else:
                changes.append(self.set(path, kept[0] if isinstance(before, str) else kept, fix_id, reason))
        return changes

    # -- edits ---------------------------------------------------------------------
    def set(self, path: Path, value: object, fix_id: str, reason: str) -> Change:
        """Set the value at ``path``, creating missing mappings on the way."""
        container: object = self.data
        for part in path[:-1]:
            if isinstance(container, dict) and part not in container:
                container[part] = {}
            container = container[part]  # type: ignore[index]
        last = path[-1]
        if isinstance(container, dict):
            before = container.get(last, MISSING)
        else:
            before = container[last]  # type: ignore[index]
        container[last] = value  # type: ignore[index]
        return Change(fix_id, tuple(path), before, value, reason)

    def delete(self, path: Path, fix_id: str, reason: str) -> Change:
        container = self.get(path[:-1])
        before = container[path[-1]]  # type: ignore[index]
        del container[path[-1]]  # type: ignore[index, attr-defined]
        return Change(fix_id, tuple(path), before, MISSING, reason)

    def add_section_entry(self, section: str, logical_id: str, body: object,
                          fix_id: str, reason: str, before: str | None = None) -> Change:
        """Add ``logical_id`` to a top-level section, before ``before`` or at the end.

        A missing section is created in its usual place.
        """
        if section not in self.data or not isinstance(self.data[section], dict):
            self._insert_section(section)
        entries = self.data[section]
        if before is not None and before in entries:
            items = list(entries.items())
            position = [key for key, _ in items].index(before)
            items.insert(position, (logical_id, body))
            entries.clear()
            entries.update(items)
            return Change(fix_id, (section, logical_id), MISSING, body, reason)
        return self.set((section, logical_id), body, fix_id, reason)

    def _insert_section(self, section: str) -> None:
        rank = {name: index for index, name in enumerate(SECTION_ORDER)}
        items = list(self.data.items())
        position = len(items)
        for index, (key, _) in enumerate(items):
            if rank.get(key, len(SECTION_ORDER)) > rank[section]:
                position = index
                break
        items.insert(position, (section, {}))
        self.data.clear()
        self.data.update(items)

    def remove_resource(self, logical_id: str, fix_id: str, reason: str,
                        replacement: str | None = None) -> list[Change]:
        """Remove a resource; repoint references to ``replacement`` or drop its DependsOn entries.

        Raises ``ValueError`` when references other than DependsOn remain and
        no replacement is given, so a fix never leaves a dangling reference.
        """
        changes = []
        if replacement is not None:
            changes.extend(self.repoint(logical_id, replacement, fix_id, reason,
                                        skip_under=("Resources", logical_id)))
        else:
            changes.extend(self.drop_depends_on(logical_id, fix_id, reason))
            remaining = [r for r in self.references_to(logical_id)
                         if r.path[:2] != ("Resources", logical_id)]
            if remaining:
                raise ValueError(f"{logical_id} is still referenced at {remaining[0].path}")
        changes.append(self.delete(("Resources", logical_id), fix_id, reason))
        return changes

    def prune_unused(self, candidates: set[str], fix_id: str, reason: str) -> list[Change]:
        """Remove parameters, conditions and mappings among ``candidates`` that nothing uses now.

        Only ids that a fix's own removal left unused should be passed in;
        what the author left unused stays.
        """
        changes: list[Change] = []
        pending = set(candidates)
        while pending:
            logical_id = pending.pop()
            for section in ("Parameters", "Conditions", "Mappings"):
                body = self.section(section).get(logical_id)
                if body is None or self.is_used(logical_id):
                    continue
                pending |= self.referenced_ids(body)
                changes.extend(self.remove_from_interface(logical_id, fix_id, reason))
                changes.append(self.delete((section, logical_id), fix_id, reason))
                if not self.section(section):
                    changes.append(self.delete((section,), fix_id, reason))
        return changes

    def remove_from_interface(self, parameter: str, fix_id: str, reason: str) -> list[Change]:
        """Take a removed parameter out of the console Interface metadata.

        Groups, labels and the Interface itself that are left empty go too:
        the console shows an empty group as a heading with nothing under it.
        """
        base = ("Metadata", INTERFACE)
        interface = self.get(base)
        if not isinstance(interface, dict):
            return []
        changes = []
        labels = interface.get("ParameterLabels")
        if isinstance(labels, dict) and parameter in labels:
            changes.append(self.delete(base + ("ParameterLabels", parameter), fix_id, reason))
            if not labels:
                changes.append(self.delete(base + ("ParameterLabels",), fix_id, reason))
        groups = interface.get("ParameterGroups")
        if isinstance(groups, list):
            for index in reversed(range(len(groups))):
                group = groups[index]
                names = group.get("Parameters") if isinstance(group, dict) else None
                if not isinstance(names, list) or parameter not in names:
                    continue
                remaining = [name for name in names if name != parameter]
                if remaining:
                    changes.append(self.set(base + ("ParameterGroups", index, "Parameters"),
                                            remaining, fix_id, reason))
                else:
                    changes.append(self.delete(base + ("ParameterGroups", index), fix_id, reason))
            if not groups:
                changes.append(self.delete(base + ("ParameterGroups",), fix_id, reason))
        if changes and not interface:
            changes.append(self.delete(base, fix_id, reason))
            if not self.data["Metadata"]:
                changes.append(self.delete(("Metadata",), fix_id, reason))
        return changes


def walk_values(value: object) -> Iterator[object]:
    """Yield ``value`` and every value nested in it, mappings and lists included (keys excluded)."""
    stack = [value]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def resource_name_words(logical_id: str) -> list[str]:
    """Split a CamelCase logical id into lower-case words."""
    return [w.lower() for w in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", logical_id)]
