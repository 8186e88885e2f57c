"""Resolve AMI ids from SSM public parameters.

## What it does
Rewrites the image of EC2 instances, launch templates, launch
configurations, Spot Fleet launch specifications, Auto Scaling group
launch template overrides and Batch compute environments
(``ComputeResources/ImageId`` and ``Ec2Configuration/ImageIdOverride``).
Any other resource property named ``ImageId`` or ``ImageIdOverride``, at
any depth, counts too. The fix rewrites these forms:

- a literal AMI id (``ami-0abc...``).
- ``Fn::FindInMap`` into a region-to-AMI mapping, keyed by
  ``Ref AWS::Region``. The mapping goes when nothing else uses it, and so
  does an instance-type-to-architecture mapping that only fed the lookup.
- ``Ref`` to a parameter of type ``AWS::EC2::Image::Id`` or ``String`` whose
  ``Default`` is a literal AMI id.

The first two become the dynamic reference
``{{resolve:ssm:/aws/service/...}}``. The parameter becomes type
``AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>`` with the SSM path as its
``Default``, and loses ``AllowedPattern``, ``MinLength``, ``MaxLength`` and
``ConstraintDescription``, which described an AMI id and would reject a path.

## How the image is chosen
``--ami-parameter PATH`` sets the path for every image. Otherwise the fix
reads the resource's ``UserData`` (the strings inside ``Fn::Base64``,
``Fn::Sub`` and ``Fn::Join``), its ``AWS::CloudFormation::Init`` metadata,
the same parts of the launch templates it names, and the mapping key of
the lookup, then picks, in this order:

- Windows Server 2022 (``/aws/service/ami-windows-latest/
  Windows_Server-2022-English-Full-Base``) for ``<powershell>``,
  ``<script>``, PowerShell or ``cfn-init.exe``;
- Ubuntu 22.04 (``/aws/service/canonical/ubuntu/server/22.04/stable/current/
  amd64/hvm/ebs-gp2/ami-id``, or ``arm64``) for ``apt``, ``apt-get``,
  ``dpkg`` or Ubuntu;
- the ECS-optimized Amazon Linux 2023 image
  (``/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id``,
  or ``.../amazon-linux-2023/arm64/...``) for container instances
  (``ECS_CLUSTER``, ``/etc/ecs/``) and Batch compute environments, because a
  plain image has no ECS agent and never joins the cluster; the Amazon Linux
  2 variant when the Batch ``ImageType`` is ``ECS_AL2`` or ``UserData`` needs
  Amazon Linux 2;
- Amazon Linux 2 (``/aws/service/ami-amazon-linux-latest/
  amzn2-ami-hvm-x86_64-gp2``, or ``amzn2-ami-hvm-arm64-gp2``) when
  ``UserData`` calls ``amazon-linux-extras``, which Amazon Linux 2023 lacks;
- Amazon Linux 2023 (``/aws/service/ami-amazon-linux-latest/
  al2023-ami-kernel-default-x86_64``, or ``-arm64``) otherwise, because
  standard support for Amazon Linux 2 ended on 2026-06-30.

When the resource shows no sign of Windows, Ubuntu, ECS or Amazon Linux 2,
a template ``Description`` that names exactly one of Windows Server or
Ubuntu decides, and one that names another distribution leaves the image
alone.

The architecture is arm64 when the instance types are AWS Graviton types
(``a1`` and families with a ``g`` after the generation digit: ``t4g``,
``c7gn``, ``x2gd``, ``im4gn``, ``is4gen``, ``g5g``...) and x86_64 otherwise.
The fix reads ``InstanceType`` and ``InstanceTypes`` next to the image, on
the enclosing property objects and, for a launch template without one, on
the resources that use the template. A ``Ref`` to a parameter counts as the
parameter's ``Default``.

## Why it matters
An AMI id exists in one region only and is never patched, so the template
fails in other regions and launches an ever older image. Public SSM
parameters always name the latest image of the region the stack runs in.
cfn-lint does not report this flaw.

## Fix safety
Changes the operating system image, and can change the operating system
version (Amazon Linux 1 or 2 to Amazon Linux 2023, an old Ubuntu release to
22.04), so review boot scripts. CloudFormation resolves the parameter when
the stack is created or updated, so an update after AWS publishes a new
image can replace EC2 instances and adds a launch template version. A
converted parameter no longer accepts an AMI id, so deployments that pass
one must pass an SSM parameter name instead.

## Left alone, and reported
``ImageId`` chosen by ``Fn::If`` or built by another function (``Fn::Sub``,
``Fn::Select``) around an AMI id; mappings keyed by something other than the
region, or whose AMI column is chosen by a parameter; ``Fn::FindInMap`` with
a default value; parameters with ``AllowedValues``, parameters that images
of different kinds share, and parameters that a resource with this fix
turned off also uses; images for CentOS, RHEL, SUSE, Debian, Fedora, Rocky
Linux or AlmaLinux, for EKS nodes (the image must match the cluster's
Kubernetes version), for GPU images and ECS container instances on Windows;
Windows on Graviton; resources whose instance types mix arm64 and x86_64;
AMIs of RDS Custom engine versions, SageMaker HyperPod clusters, CodeBuild
fleets and WorkSpaces instances, which need images built for the service.
Silently left: EC2 Image Builder and Cloud9 resources, whose image
properties take other values than AMI ids; parameters without a literal
AMI default, because the deployer already chooses the image.

## Known limitations
- Boot scripts written for another release may fail on the new image:
  Amazon Linux 2023 has no EPEL, no Python 2 and no ``amazon-linux-extras``,
  and the ECS-optimized images do not ship ``cfn-init``; Amazon Linux 2023
  AMIs may lack it too (``dnf install -y aws-cfn-bootstrap`` installs it).
- GPU images picked by a region-and-architecture mapping (an ``HVMG2``
  column chosen for ``g2`` instance types) become plain images without GPU
  drivers.
- The architecture follows the instance type's default. Choosing an
  instance type of the other architecture at deploy time, or letting an
  Auto Scaling group choose by attributes, needs another image path.
- An instance type that the fix cannot read (``Fn::FindInMap``,
  ``Fn::ImportValue``) counts as x86_64.
- AMI ids passed to nested stacks as stack parameters, or kept in SSM
  parameters the template creates, are not rewritten.
- A YAML comment after the value (``# Amazon Linux 2 AMI``) stays as
  written and may name the old image.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from fixer.changes import Change, Notice
from fixer.engine import Options
from fixer.template import Template

ID = "FX301"
NAME = "hardcoded-ami"
TITLE = "Resolve AMI ids from SSM public parameters"
RATIONALE = (
    "An AMI id exists in one region only and pins an image that never gets patched."
)
SAFETY = "changes the image and replaces instances when it is updated"
SOURCE_URL = (
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
    "dynamic-references-ssm.html"
)

# Real ids are hexadecimal, but templates also carry placeholders like ami-abcdefgh.
AMI_ID = re.compile(r"ami-[0-9a-z]{8,17}")
IMAGE_PROPERTIES = ("ImageId", "ImageIdOverride")
# Image Builder and Cloud9 take image ARNs, aliases or SSM paths there, not AMI ids.
SKIPPED_TYPE_PREFIXES = ("AWS::ImageBuilder::", "AWS::Cloud9::")
# These services need images built for them, so a general-purpose image breaks them.
PURPOSE_BUILT_TYPES = (
    "AWS::RDS::CustomDBEngineVersion",
    "AWS::SageMaker::Cluster",
    "AWS::CodeBuild::Fleet",
    "AWS::WorkspacesInstances::WorkspaceInstance",
)
BATCH_TYPE = "AWS::Batch::ComputeEnvironment"
LAUNCH_TEMPLATE_TYPE = "AWS::EC2::LaunchTemplate"
IMAGE_PARAMETER_TYPES = ("AWS::EC2::Image::Id", "String")
SSM_IMAGE_TYPE = "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>"
# Constraints on an AMI id that would reject an SSM parameter name.
ID_CONSTRAINTS = ("AllowedPattern", "MinLength", "MaxLength", "ConstraintDescription")

X86 = "x86_64"
ARM = "arm64"
AMAZON_LINUX = "/aws/service/ami-amazon-linux-latest/"
ECS_OPTIMIZED = "/aws/service/ecs/optimized-ami/"
UBUNTU_2204 = "/aws/service/canonical/ubuntu/server/22.04/stable/current/"
SSM_PATHS = {
    ("al2023", X86): AMAZON_LINUX + "al2023-ami-kernel-default-x86_64",
    ("al2023", ARM): AMAZON_LINUX + "al2023-ami-kernel-default-arm64",
    ("al2", X86): AMAZON_LINUX + "amzn2-ami-hvm-x86_64-gp2",
    ("al2", ARM): AMAZON_LINUX + "amzn2-ami-hvm-arm64-gp2",
    ("ecs-al2023", X86): ECS_OPTIMIZED + "amazon-linux-2023/recommended/image_id",
    ("ecs-al2023", ARM): ECS_OPTIMIZED + "amazon-linux-2023/arm64/recommended/image_id",
    ("ecs-al2", X86): ECS_OPTIMIZED + "amazon-linux-2/recommended/image_id",
    ("ecs-al2", ARM): ECS_OPTIMIZED + "amazon-linux-2/arm64/recommended/image_id",
    ("ubuntu", X86): UBUNTU_2204 + "amd64/hvm/ebs-gp2/ami-id",
    ("ubuntu", ARM): UBUNTU_2204 + "arm64/hvm/ebs-gp2/ami-id",
    (
        "windows",
        X86,
    ): "/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base",
}
IMAGE_NAMES = {
    "al2023": "Amazon Linux 2023",
    "al2": "Amazon Linux 2",
    "ecs-al2023": "ECS-optimized Amazon Linux 2023",
    "ecs-al2": "ECS-optimized Amazon Linux 2",
    "ubuntu": "Ubuntu 22.04",
    "windows": "Windows Server 2022",
}

# Signs of the operating system in UserData and cfn-init metadata.
WINDOWS_BOOT = re.compile(
    r"<powershell>|<script>|\bpowershell\b|cfn-init\.exe", re.IGNORECASE
)
UBUNTU_BOOT = re.compile(r"\bapt(-get)?\b|\bdpkg\b|ubuntu", re.IGNORECASE)
AL2_BOOT = re.compile(r"amazon-linux-extras", re.IGNORECASE)
ECS_BOOT = re.compile(r"ECS_CLUSTER|/etc/ecs/")
EKS_BOOT = re.compile(r"/etc/eks/|\bnodeadm\b|eks-bootstrap", re.IGNORECASE)
# Paths such as .../centos/amd64/... name the OS, but "redhat-stable" repositories
# do not.
OTHER_OS_BOOT = re.compile(
    r"zypper|subscription-manager|/(centos|redhat|rhel|suse|sles|debian|fedora)/"
    r"|\b(centos|rhel|sles|fedora|rocky ?linux|almalinux)\b|\bdebian\b",
    re.IGNORECASE,
)
# Signs in mapping keys, Batch image types and the template description.
OTHER_OS_NAME = re.compile(
    r"centos|rhel|red ?hat|suse|sles|debian|fedora|rocky|almalinux", re.IGNORECASE
)
GPU_NAME = re.compile(r"gpu|nvidia|hvmg2|\bg2\b", re.IGNORECASE)
WINDOWS_NAME = re.compile(r"windows|\bwin\d*", re.IGNORECASE)
UBUNTU_NAME = re.compile(r"ubuntu", re.IGNORECASE)
# A description may mention maintenance or backup windows, so it must name the server.
WINDOWS_SERVER_NAME = re.compile(r"windows ?server|windows ?20\d\d", re.IGNORECASE)
ECS_NAME = re.compile(r"ECS|Ecs|\becs\b")

# Graviton families: a1, or a "g" right after the generation digit (c7gn, x2gd, is4gen).
GRAVITON_FAMILY = re.compile(r"a1|[a-z]+\d+g[a-z]*")
# Batch instance type keywords that are not instance types.
BATCH_ARM_KEYWORDS = ("default_arm64",)


class Unsure(Exception):
    """Raised when the fix cannot tell which image a resource needs."""


class Site(NamedTuple):
    logical_id: str
    path: tuple  # path of the ImageId value


def fix(template: Template, options: Options) -> list[Change | Notice]:
    records: list[Change | Notice] = []
    parameter_sites: dict[str, list[Site]] = {}
    orphans: set[str] = set()
    for site in _image_sites(template):
        value = template.get(site.path)
        if template.resources[site.logical_id].get("Type") in PURPOSE_BUILT_TYPES:
            if _contains_hardcoded_ami(template, value):
                records.append(
                    Notice(
                        ID,
                        site.path,
                        "this service needs an image built for it; left as written",
                    )
                )
        elif isinstance(value, str):
            records.extend(_fix_literal(template, options, site, value))
        elif _is_find_in_map(value):
            records.extend(_fix_lookup(template, options, site, value, orphans))
        elif _literal_ami_parameter(template, value) is not None:
            parameter_sites.setdefault(value["Ref"], []).append(site)
        elif _contains_hardcoded_ami(template, value):
            function = next(iter(value)) if isinstance(value, dict) else "a list"
            records.append(
                Notice(
                    ID, site.path, f"the image is chosen by {function}; left as written"
                )
            )
    for name, sites in parameter_sites.items():
        records.extend(_fix_parameter(template, options, name, sites))
    if orphans:
        records.extend(
            template.prune_unused(orphans, ID, "region-to-AMI mapping no longer used")
        )
    return records


def _image_sites(template: Template) -> list[Site]:
    """Return every ImageId and ImageIdOverride in resource properties, in order."""
    sites: list[Site] = []
    for logical_id, resource in template.targets():
        resource_type = resource.get("Type")
        if not isinstance(resource_type, str) or resource_type.startswith(
            SKIPPED_TYPE_PREFIXES
        ):
            continue
        base = ("Resources", logical_id, "Properties")
        sites.extend(
            Site(logical_id, path)
            for path in _image_paths(resource.get("Properties"), base)
        )
    return sites


def _image_paths(value: object, path: tuple) -> list[tuple]:
    """Return the paths of image properties in ``value``, outside intrinsics."""
    if isinstance(value, list):
        return [
            found
            for index, item in enumerate(value)
            for found in _image_paths(item, path + (index,))
        ]
    if not isinstance(value, dict) or _is_function(value):
        return []
    found: list[tuple] = []
    for key, item in value.items():
        if key in IMAGE_PROPERTIES:
            found.append(path + (key,))
        else:
            found.extend(_image_paths(item, path + (key,)))
    return found


def _is_function(value: dict) -> bool:
    return len(value) == 1 and (
        next(iter(value)) == "Ref" or next(iter(value)).startswith("Fn::")
    )


def _is_find_in_map(value: object) -> bool:
    return isinstance(value, dict) and list(value) == ["Fn::FindInMap"]


def _dynamic_reference(path: str) -> str:
    return "{{resolve:ssm:" + path + "}}"


# -- the three rewritten forms ---------------------------------------------------------
def _fix_literal(
    template: Template, options: Options, site: Site, value: str
) -> list[Change | Notice]:
    if not AMI_ID.fullmatch(value):
        return []
    try:
        path, image = _choose(template, options, site, [])
    except Unsure as reason:
        return [Notice(ID, site.path, f"AMI id {value!r} left as written: {reason}")]
    reason = f"AMI id {value!r} exists in one region only; resolve the latest {image}"
    return [template.set(site.path, _dynamic_reference(path), ID, reason)]


def _fix_lookup(
    template: Template, options: Options, site: Site, value: dict, orphans: set[str]
) -> list[Change | Notice]:
    arguments = value["Fn::FindInMap"]
    name = arguments[0] if isinstance(arguments, list) and arguments else None
    mapping = template.section("Mappings").get(name) if isinstance(name, str) else None
    if not isinstance(mapping, dict) or not _mapping_amis(mapping):
        return []
    try:
        shape = _lookup_shape(mapping, arguments)
        if shape is None:
            return []
        hints, feeders = shape
        path, image = _choose(template, options, site, hints)
    except Unsure as reason:
        message = f"AMI lookup in {name!r} left as written: {reason}"
        return [Notice(ID, site.path, message)]
    orphans.update({name} | feeders)
    reason = f"mapping {name!r} pins one AMI id per region; resolve the latest {image}"
    return [template.set(site.path, _dynamic_reference(path), ID, reason)]


def _lookup_shape(mapping: dict, arguments: list) -> tuple[list[str], set[str]] | None:
    """Return (column names, mappings that pick the column) of a region-keyed lookup.

    Returns None when the column contains no AMI ids, and raises ``Unsure`` for
    lookups this fix cannot replace.
    """
    if len(arguments) != 3:
        raise Unsure("Fn::FindInMap has a default value")
    top, column = arguments[1], arguments[2]
    if top != {"Ref": "AWS::Region"}:
        raise Unsure("the mapping is not keyed by AWS::Region")
    if isinstance(column, str):
        values = [row.get(column) for row in mapping.values() if isinstance(row, dict)]
        if not any(isinstance(v, str) and AMI_ID.fullmatch(v) for v in values):
            return None
        return [column], set()
    inner = column.get("Fn::FindInMap") if _is_find_in_map(column) else None
    if isinstance(inner, list) and inner and isinstance(inner[0], str):
        # The classic region-and-architecture lookup takes the column from a mapping.
        return [], {inner[0]}
    raise Unsure("the column is chosen at deploy time")


def _mapping_amis(mapping: dict) -> list[str]:
    return [
        value
        for row in mapping.values()
        if isinstance(row, dict)
        for value in row.values()
        if isinstance(value, str) and AMI_ID.fullmatch(value)
    ]


def _literal_ami_parameter(template: Template, value: object) -> dict | None:
    """Return the parameter ``value`` names when its Default is a literal AMI id."""
    if (
        not isinstance(value, dict)
        or list(value) != ["Ref"]
        or not isinstance(value["Ref"], str)
    ):
        return None
    parameter = template.parameters.get(value["Ref"])
    if (
        not isinstance(parameter, dict)
        or parameter.get("Type") not in IMAGE_PARAMETER_TYPES
    ):
        return None
    default = parameter.get("Default")
    return parameter if isinstance(default, str) and AMI_ID.fullmatch(default) else None


def _fix_parameter(
    template: Template, options: Options, name: str, sites: list[Site]
) -> list[Change | Notice]:
    where = ("Parameters", name)
    try:
        path, image = _parameter_image(template, options, name, sites)
    except Unsure as reason:
        return [Notice(ID, where, f"AMI parameter {name!r} left as written: {reason}")]
    parameter = template.parameters[name]
    reason = (
        f"default AMI id {parameter['Default']!r} exists in one region only; "
        f"read the latest {image} from SSM"
    )
    records: list[Change | Notice] = [
        template.set(where + ("Type",), SSM_IMAGE_TYPE, ID, reason),
        template.set(where + ("Default",), path, ID, reason),
    ]
    dropped = "the constraint described an AMI id, not an SSM parameter name"
    for key in ID_CONSTRAINTS:
        if key in parameter:
            records.append(template.delete(where + (key,), ID, dropped))
    return records


def _parameter_image(
    template: Template, options: Options, name: str, sites: list[Site]
) -> tuple[str, str]:
    """Return the one (SSM path, image name) that fits every ImageId fed by ``name``."""
    if "AllowedValues" in template.parameters[name]:
        raise Unsure("it lists allowed AMI ids")
    if any(
        ref.path[0] == "Resources" and ref.path[1] in template.suppressed
        for ref in template.references_to(name)
    ):
        raise Unsure("a resource that turns this fix off uses it too")
    chosen = dict(_choose(template, options, site, []) for site in sites)
    if len(chosen) > 1:
        images = ", ".join(sorted(chosen.values()))
        raise Unsure(f"it feeds resources that need different images ({images})")
    ((path, image),) = chosen.items()
    return path, image


def _contains_hardcoded_ami(template: Template, value: object) -> bool:
    """Tell whether an expression contains an AMI id, AMI lookup or AMI parameter."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, str) and AMI_ID.search(node):
            return True
        if _literal_ami_parameter(template, node) is not None:
            return True
        if _is_find_in_map(node):
            arguments = node["Fn::FindInMap"]
            name = arguments[0] if isinstance(arguments, list) and arguments else None
            # A map name chosen by another function may pick any mapping.
            names = (
                [name] if isinstance(name, str) else list(template.section("Mappings"))
            )
            mappings = [template.section("Mappings").get(each) for each in names]
            if any(
                isinstance(mapping, dict) and _mapping_amis(mapping)
                for mapping in mappings
            ):
                return True
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


# -- choosing the image ----------------------------------------------------------------
def _choose(
    template: Template, options: Options, site: Site, hints: list[str]
) -> tuple[str, str]:
    """Return (SSM parameter path, image name); raise ``Unsure`` to leave the site."""
    if options.ami_parameter:
        path = _bare_path(options.ami_parameter)
        return path, f"image of {path!r}"
    family = _image_family(template, site, hints)
    architecture = _architecture(template, site)
    path = SSM_PATHS.get((family, architecture))
    if path is None:
        raise Unsure(f"AWS publishes no {IMAGE_NAMES[family]} image for {architecture}")
    suffix = " image (arm64)" if architecture == ARM else " image"
    return path, IMAGE_NAMES[family] + suffix


def _bare_path(value: str) -> str:
    """Strip a ``{{resolve:ssm:...}}`` or ``resolve:ssm:`` wrapper from the option."""
    if value.startswith("{{resolve:ssm:") and value.endswith("}}"):
        return value[len("{{resolve:ssm:") : -2]
    return value.removeprefix("resolve:ssm:")


def _image_family(template: Template, site: Site, hints: list[str]) -> str:
    """Return the SSM_PATHS family for a site from its boot script and names."""
    boot = _boot_text(template, site)
    names = " ".join(hints + _batch_image_types(template, site))
    _reject_unsupported(boot, names)
    ecs = bool(ECS_BOOT.search(boot) or ECS_NAME.search(names))
    ecs = ecs or _serves_batch(template, site)

    if WINDOWS_BOOT.search(boot) or WINDOWS_NAME.search(names):
        if ecs:
            raise Unsure("ECS on Windows needs an ECS-optimized Windows image")
        return "windows"
    if UBUNTU_BOOT.search(boot) or UBUNTU_NAME.search(names):
        return "ubuntu"

    needs_al2 = bool(AL2_BOOT.search(boot)) or "ECS_AL2" in names.split()
    if ecs:
        return "ecs-al2" if needs_al2 else "ecs-al2023"
    if needs_al2:
        return "al2"
    return _family_from_description(template)


def _reject_unsupported(boot: str, names: str) -> None:
    """Raise ``Unsure`` for images that no public parameter of this fix can replace."""
    if OTHER_OS_BOOT.search(boot) or OTHER_OS_NAME.search(names):
        raise Unsure(
            "the boot script or mapping key names an OS "
            "without a supported public parameter"
        )
    if EKS_BOOT.search(boot):
        raise Unsure(
            "EKS nodes need the EKS-optimized image of the cluster's Kubernetes version"
        )
    if GPU_NAME.search(names):
        raise Unsure("the mapping key or image type names a GPU image")


def _family_from_description(template: Template) -> str:
    """Read the OS from the template Description when it names exactly one."""
    description = template.data.get("Description")
    if not isinstance(description, str):
        return "al2023"
    if OTHER_OS_NAME.search(description):
        raise Unsure(
            "the template description names an OS without a supported public parameter"
        )
    named = [
        family
        for family, pattern in (
            ("windows", WINDOWS_SERVER_NAME),
            ("ubuntu", UBUNTU_NAME),
        )
        if pattern.search(description)
    ]
    return named[0] if len(named) == 1 else "al2023"


def _boot_text(template: Template, site: Site) -> str:
    """Join the strings of the UserData and cfn-init metadata that boot this image."""
    holders = [template.get(site.path[:-1]), template.properties(site.logical_id)]
    sources = [site.logical_id]
    # An Auto Scaling group override replaces the image of the launch template it names.
    for other in sorted(template.referenced_ids(template.properties(site.logical_id))):
        resource = template.resources.get(other)
        if isinstance(resource, dict) and resource.get("Type") == LAUNCH_TEMPLATE_TYPE:
            holders.append(
                template.get(("Resources", other, "Properties", "LaunchTemplateData"))
            )
            sources.append(other)
    parts: list[str] = []
    for holder in holders:
        if isinstance(holder, dict):
            parts.extend(_strings(holder.get("UserData")))
    for logical_id in sources:
        metadata = template.resources[logical_id].get("Metadata")
        if isinstance(metadata, dict):
            parts.extend(_strings(metadata.get("AWS::CloudFormation::Init")))
    return "\n".join(parts)


def _strings(value: object) -> list[str]:
    """Return every string in ``value``, including keys (cfn-init keys name tools)."""
    found: list[str] = []
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            found.extend(str(key) for key in node)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def _referrers(template: Template, logical_id: str) -> list[str]:
    return sorted(
        {
            ref.path[1]
            for ref in template.references_to(logical_id)
            if ref.path[0] == "Resources" and ref.path[1] != logical_id
        }
    )


def _serves_batch(template: Template, site: Site) -> bool:
    """Tell whether the image runs Batch jobs, which need the ECS agent."""
    if template.resources[site.logical_id].get("Type") == BATCH_TYPE:
        return True
    return any(
        template.resources[other].get("Type") == BATCH_TYPE
        for other in _referrers(template, site.logical_id)
    )


def _batch_image_types(template: Template, site: Site) -> list[str]:
    container = template.get(site.path[:-1])
    image_type = container.get("ImageType") if isinstance(container, dict) else None
    return [image_type] if isinstance(image_type, str) else []


def _architecture(template: Template, site: Site) -> str:
    types = _instance_types(template, site)
    graviton = sorted(name for name in types if _is_graviton(name))
    other = sorted(name for name in types if not _is_graviton(name))
    if graviton and other:
        raise Unsure(
            f"the instance types mix arm64 ({', '.join(graviton)}) "
            f"and x86_64 ({', '.join(other)})"
        )
    return ARM if graviton else X86


def _is_graviton(instance_type: str) -> bool:
    if instance_type in BATCH_ARM_KEYWORDS:
        return True
    family = instance_type.strip().lower().partition(".")[0]
    return bool(GRAVITON_FAMILY.fullmatch(family))


def _instance_types(template: Template, site: Site) -> set[str]:
    """Collect the instance types that boot this image, from literals and defaults."""
    found: set[str] = set()
    properties_depth = 3  # ("Resources", id, "Properties")
    for depth in range(len(site.path) - 1, properties_depth - 1, -1):
        holder = template.get(site.path[:depth])
        if isinstance(holder, dict):
            for key in ("InstanceType", "InstanceTypes"):
                found.update(_possible_strings(template, holder.get(key)))
    resource = template.resources[site.logical_id]
    if not found and resource.get("Type") == LAUNCH_TEMPLATE_TYPE:
        for other in _referrers(template, site.logical_id):
            found.update(_nested_instance_types(template, template.properties(other)))
    return found


def _nested_instance_types(template: Template, value: object) -> set[str]:
    found: set[str] = set()
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, item in node.items():
                if key in ("InstanceType", "InstanceTypes"):
                    found.update(_possible_strings(template, item))
                else:
                    stack.append(item)
        elif isinstance(node, list):
            stack.extend(node)
    return found


def _possible_strings(template: Template, value: object) -> set[str]:
    """Return the literals an expression can take, via defaults and Fn::If branches."""
    if isinstance(value, str):
        return {value} if value else set()
    if isinstance(value, list):
        return {text for item in value for text in _possible_strings(template, item)}
    if not isinstance(value, dict) or len(value) != 1:
        return set()
    ((function, argument),) = value.items()
    if function == "Ref" and isinstance(argument, str):
        parameter = template.parameters.get(argument)
        default = parameter.get("Default") if isinstance(parameter, dict) else None
        if isinstance(default, str):
            return {part.strip() for part in default.split(",") if part.strip()}
    if function == "Fn::If" and isinstance(argument, list) and len(argument) == 3:
        return _possible_strings(template, argument[1:])
    return set()
