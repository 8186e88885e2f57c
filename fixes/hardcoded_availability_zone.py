"""Replace hardcoded Availability Zone names with ``Fn::Select`` over ``Fn::GetAZs``.

## What it does
Rewrites a literal zone name such as ``us-east-1a`` in a resource property
(``AvailabilityZone``, ``AvailabilityZones``, ``AvailabilityZoneName``,
``PreferredAvailabilityZone(s)``, at any depth, so launch template
``Placement`` and Spot Fleet overrides are covered) to
``Fn::Select [i, Fn::GetAZs ""]``. ``Fn::GetAZs`` with a literal region
becomes ``Fn::GetAZs ""``, the stack's own region.

A ``Fn::FindInMap [Map, AWS::Region, Key]`` whose mapping gives, for every
region it lists, a zone of that region with the same letter (``AZ1:
us-east-1a`` and ``AZ1: us-west-2a``) becomes ``Fn::Select`` of that letter's
index, and the mapping goes when nothing else uses it.

## Why it matters
Zone names exist in one region only, so the template cannot deploy anywhere
else (cfn-lint W3010). ``Fn::GetAZs ""`` lists the zones of the region the
stack runs in.

## How the index is chosen
The same zone always gets the same index and different zones different
ones, so resources that must share a zone (an instance and its volume)
still do. The index is the zone letter (a -> 0, b -> 1, c -> 2), which lines
up with subnets already written as ``Fn::Select [0, Fn::GetAZs ""]``. When a
template names a zone past ``c`` (``us-east-1e``), the zones are numbered
in letter order instead, from the lowest index that no existing
``Fn::Select`` over ``Fn::GetAZs`` uses, because many regions, and us-west-1
for newer accounts, have only two or three zones and a letter index of 4
would fail there. Zones of two regions that share a letter (``us-east-1a``,
``us-west-2a``) are different zones and get different indexes.

## Fix safety
Safe. ``Fn::GetAZs`` may order zones differently from the letters of the
original region, so a resource may land in another zone than before; zones
that were equal stay equal.

## Left alone, and reported
Values that are already intrinsic functions, other than the region-to-zone
lookups above; Local Zone and Wavelength Zone names (``us-west-2-lax-1a``,
``us-east-1-wl1-bos-wlz-1``), which belong to one place on purpose; zone ids
(``use1-az1``); zone names left in Mappings (one notice per mapping) and in
parameter defaults, which cannot hold intrinsic functions.
"""

from __future__ import annotations

import re

from fixer.changes import Change, Notice
from fixer.engine import Options
from fixer.template import Template, walk_values

ID = "FX101"
NAME = "hardcoded-availability-zone"
TITLE = "Select Availability Zones with Fn::GetAZs"
RATIONALE = "A literal zone name exists in one region only, so the template cannot deploy elsewhere."
SAFETY = "safe"
SOURCE_URL = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-getavailabilityzones.html"

ZONE = re.compile(r"(?P<region>[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d)(?P<letter>[a-z])")
REGION = re.compile(r"[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d")
# Local Zones (us-west-2-lax-1a) and Wavelength Zones (us-east-1-wl1-bos-wlz-1).
LOCAL_ZONE = re.compile(r"[a-z]{2}-[a-z]+-\d-[a-z0-9]+(?:-[a-z0-9]+)+")
ZONE_ID = re.compile(r"[a-z]{3,4}\d-az\d+")
PROPERTIES = {
    "AvailabilityZone", "AvailabilityZones", "AvailabilityZoneName",
    "PreferredAvailabilityZone", "PreferredAvailabilityZones",
}
# With zones only up to "c" the letter is the index; see "How the index is chosen".
MAX_LETTER_INDEX = 2


def fix(template: Template, options: Options) -> list[Change | Notice]:
    sites = list(_zone_sites(template))
    zones = {value for _, value in sites if isinstance(value, str) and ZONE.fullmatch(value)}
    index_of = _indexes(zones, _selected_indexes(template))
    records: list[Change | Notice] = []
    mappings: dict[str, set[str]] = {}
    for path, value in sites:
        if isinstance(value, dict):
            records.extend(_fix_zone_lookup(template, path, value, mappings))
            continue
        match = ZONE.fullmatch(value)
        if match:
            index = index_of[value]
            after = {"Fn::Select": [index, {"Fn::GetAZs": ""}]}
            records.append(template.set(
                path, after, ID, f"zone {value!r} exists in one region only; index {index} of the stack's zones"))
        elif LOCAL_ZONE.fullmatch(value):
            records.append(Notice(ID, path, f"Local or Wavelength Zone {value!r} left as written"))
        elif ZONE_ID.fullmatch(value):
            records.append(Notice(ID, path, f"zone id {value!r} left as written"))
    for name, keys in mappings.items():
        records.extend(_drop_mapping_keys(template, name, keys))
    records.extend(template.prune_unused(set(mappings), ID, "zone mapping no longer used"))
    records.extend(_fix_get_azs(template))
    records.extend(_report_literals(template))
    return records


def _fix_zone_lookup(template: Template, path: tuple, lookup: dict,
                     mappings: dict[str, set[str]]) -> list[Change]:
    """Replace ``Fn::FindInMap [Map, AWS::Region, Key]`` over a region-to-zone mapping.

    Models often write a mapping from each region to its zones. When every
    region's value under the key is a zone of that region with the same
    letter (a to c), ``Fn::Select`` of the letter's index picks the same
    zone in those regions and works in every other region as well.
    """
    arguments = lookup["Fn::FindInMap"]
    if not (isinstance(arguments, list) and len(arguments) == 3
            and isinstance(arguments[0], str) and arguments[1] == {"Ref": "AWS::Region"}
            and isinstance(arguments[2], str)):
        return []
    mapping = template.section("Mappings").get(arguments[0])
    if not isinstance(mapping, dict) or not mapping:
        return []
    letters = set()
    for region, entries in mapping.items():
        zone = entries.get(arguments[2]) if isinstance(entries, dict) else None
        match = ZONE.fullmatch(zone) if isinstance(zone, str) else None
        if match is None or match.group("region") != region:
            return []
        letters.add(match.group("letter"))
    if len(letters) != 1:
        return []
    index = ord(letters.pop()) - ord("a")
    if index > MAX_LETTER_INDEX:
        return []
    mappings.setdefault(arguments[0], set()).add(arguments[2])
    after = {"Fn::Select": [index, {"Fn::GetAZs": ""}]}
    reason = (f"mapping {arguments[0]!r} lists one zone per region under {arguments[2]!r}; "
              f"index {index} of the stack's zones works in every region")
    return [template.set(path, after, ID, reason)]


def _indexes(zones: set[str], taken: set[int]) -> dict[str, int]:
    """Give each zone name its index into ``Fn::GetAZs`` (see "How the index is chosen").

    ``taken`` contains the indexes that existing ``Fn::Select`` nodes use.
    By the letter convention, index i there is zone letter i, so a zone with
    that letter shares the index and any other zone avoids it.
    """
    def letter_index(zone: str) -> int:
        return ord(ZONE.fullmatch(zone).group("letter")) - ord("a")

    ordered = sorted(zones, key=lambda zone: (letter_index(zone), zone))
    compact = any(letter_index(zone) > MAX_LETTER_INDEX for zone in zones)
    index_of: dict[str, int] = {}
    for zone in ordered:
        wanted = letter_index(zone)
        used = set(index_of.values())
        if wanted not in used and (wanted in taken or not compact):
            index_of[zone] = wanted
            continue
        free = 0
        while free in used or free in taken:
            free += 1
        index_of[zone] = free
    return index_of


def _selected_indexes(template: Template) -> set[int]:
    """Return the literal indexes of ``Fn::Select [i, Fn::GetAZs ...]`` in the template."""
    found: set[int] = set()
    for name in ("Resources", "Outputs", "Conditions"):
        for value in walk_values(template.data.get(name)):
            argument = value.get("Fn::Select") if isinstance(value, dict) and len(value) == 1 else None
            if (isinstance(argument, list) and len(argument) == 2 and isinstance(argument[1], dict)
                    and "Fn::GetAZs" in argument[1] and str(argument[0]).isdigit()):
                found.add(int(argument[0]))
    return found


def _drop_mapping_keys(template: Template, name: str, keys: set[str]) -> list[Change]:
    """Remove the zone keys that the rewritten lookups read, when nothing else reads them.

    A lookup whose key is not a literal could read any key, so then all stay.
    """
    used: set[str] = set()
    for ref in template.references_to(name):
        lookup = template.get(ref.path)
        arguments = lookup.get("Fn::FindInMap") if isinstance(lookup, dict) else None
        if not isinstance(arguments, list) or len(arguments) != 3 or not isinstance(arguments[2], str):
            return []
        used.add(arguments[2])
    mapping = template.section("Mappings").get(name)
    if not used or not isinstance(mapping, dict):
        # Unused now: prune_unused removes the whole mapping.
        return []
    changes = []
    for region, entries in mapping.items():
        for key in sorted(keys - used):
            if isinstance(entries, dict) and key in entries and len(entries) > 1:
                changes.append(template.delete(("Mappings", name, region, key), ID,
                                               f"zone key {key!r} no longer used"))
    return changes


def _is_lookup(value: object) -> bool:
    return isinstance(value, dict) and list(value) == ["Fn::FindInMap"]


def _zone_sites(template: Template):
    """Yield (path, value) for every zone-valued property in Resources: a literal or a Fn::FindInMap."""
    stack = [(body, ("Resources", logical_id)) for logical_id, body in template.targets()]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            if len(value) == 1 and next(iter(value)).startswith("Fn::"):
                continue
            for key, item in value.items():
                if key in PROPERTIES and (isinstance(item, str) or _is_lookup(item)):
                    yield path + (key,), item
                elif key in PROPERTIES and isinstance(item, list):
                    for index, zone in enumerate(item):
                        if isinstance(zone, str) or _is_lookup(zone):
                            yield path + (key, index), zone
                else:
                    stack.append((item, path + (key,)))
        elif isinstance(value, list):
            stack.extend((item, path + (index,)) for index, item in enumerate(value))


def _fix_get_azs(template: Template) -> list[Change]:
    changes = []
    stack = [(template.data.get(name), (name,)) for name in ("Resources", "Outputs", "Conditions")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            argument = value.get("Fn::GetAZs") if len(value) == 1 else None
            if isinstance(argument, str) and REGION.fullmatch(argument):
                changes.append(template.set(
                    path, {"Fn::GetAZs": ""}, ID,
                    f"Fn::GetAZs {argument!r} lists another region's zones; '' lists the stack's own"))
                continue
            stack.extend((item, path + (key,)) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((item, path + (index,)) for index, item in enumerate(value))
    return changes


def _zone_regions(mapping: object) -> set[str]:
    """Return the regions of the zone names among a mapping's values."""
    zones = (ZONE.fullmatch(value) for value in walk_values(mapping) if isinstance(value, str))
    return {zone.group("region") for zone in zones if zone}


def _report_literals(template: Template) -> list[Notice]:
    notices = []
    for name, mapping in template.section("Mappings").items():
        regions = sorted(_zone_regions(mapping))
        if regions:
            notices.append(Notice(ID, ("Mappings", name),
                                  f"mapping names Availability Zones of {', '.join(regions)}; "
                                  "stacks can use it only in those regions"))
    for name, parameter in template.parameters.items():
        default = parameter.get("Default") if isinstance(parameter, dict) else None
        values = default.split(",") if isinstance(default, str) else []
        if any(ZONE.fullmatch(value.strip()) for value in values):
            notices.append(Notice(ID, ("Parameters", name, "Default"),
                                  f"parameter default {default!r} names zones of one region"))
    return notices
