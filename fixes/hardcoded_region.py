"""Use ``AWS::Region`` where a literal region name means the stack's own region.

## What it does
Finds region names (``us-east-1``, ``eu-central-2``, ``us-gov-west-1``...) in
resource properties, ``AWS::CloudFormation::Init`` metadata and output
values, and rewrites those that name the template's home region (see below):

- a property or environment variable that takes a region (``Region``,
  ``region``, ``AWS_REGION``, ``AWS_DEFAULT_REGION``, ``awslogs-region`` in
  an ECS ``LogConfiguration``) becomes ``{"Ref": "AWS::Region"}``;
- a regional ARN such as ``arn:aws:logs:us-east-1:123456789012:log-group:x``
  becomes ``arn:${AWS::Partition}:logs:${AWS::Region}:...``. The account id
  becomes ``${AWS::AccountId}`` only when the template itself creates a
  resource with the name that the ARN ends in, because that proves the
  account is the stack's own. Other account ids stay;
- an endpoint host name such as ``ec2.us-east-1.amazonaws.com`` becomes
  ``ec2.${AWS::Region}.${AWS::URLSuffix}``, and a VPC endpoint service name
  ``com.amazonaws.us-east-1.s3`` becomes ``com.amazonaws.${AWS::Region}.s3``;
- ``--region us-east-1`` in scripts, ``region=us-east-1`` or
  ``"region": "us-east-1"`` in configuration text (dashboard bodies, AWS CLI
  configuration), and ``us-east-1.console.aws.amazon.com`` become
  ``${AWS::Region}``.

A plain string becomes ``Fn::Sub``, with any ``${`` it contained escaped as
``${!`` so it still reads the same; text already inside ``Fn::Sub`` is edited
in place.

With ``--region R``, a ``Description`` that names one region, or that names
the home region, names ``R`` instead, and ``R`` counts as a home region too.

## The home region
A literal region means the stack's own region when it is the home region:

1. the region given with ``--region``;
2. the only region that ``Description`` names;
3. a region that more than half of the template's region mentions name,
   counting each ``AWS::Region`` in the same places as one mention of the
   stack's own region.

Rule 3 counts ``AWS::Region`` because after one run the home region's
literals are gone: without it, a region that the template names once on
purpose (a backup vault in another region) would become the majority on
the next run and be rewritten too. So a template that uses ``AWS::Region``
in most places and a literal region once keeps the literal, with a notice;
pass ``--region`` to have it rewritten.

## Why it matters
A literal region ties the template to one region: deployed anywhere else, log
drivers write to the wrong region, ARNs name resources that do not exist and
endpoints point across regions. cfn-lint reports hardcoded regions in ARNs
(I3042).

## Fix safety
Safe for the home region, which the stack runs in when deployed there: the
pseudo parameters resolve to the same values. Deployed in another region,
the rewritten ARNs name resources in that region, which must exist there.

## Left alone
Availability Zone names (``us-east-1a``) and ``Fn::GetAZs`` arguments (FX101
handles them), Local Zone names, ``Mappings`` (region-keyed maps are
deliberate), ``Conditions`` (``Fn::Equals [!Ref AWS::Region, us-east-1]``),
``Rules``, parameters (``AllowedValues``; a ``Default`` that names a region
is reported), ``Fn::FindInMap`` keys (reported), ``Fn::ImportValue`` and
``Fn::GetStackOutput`` arguments, and export names.

A template with a ``Transform`` other than ``AWS::Serverless-2016-10-31`` or
``AWS::LanguageExtensions`` is left alone, with a notice: a macro reads the
template before CloudFormation resolves ``Fn::Sub`` and may expect the
literal text.

Reported but not rewritten, because the region there is deliberate:

- regions other than the home region (cross-region references);
- CloudFront: the ``ViewerCertificate`` ACM certificate and the Lambda@Edge
  function versions in ``LambdaFunctionAssociations``, which must be in
  us-east-1, and ``WebACLId``; WAFv2 resources with ``Scope: CLOUDFRONT``
  and WAFv2 ARNs of global web ACLs; AWS WAF Classic;
- replicas in other regions: S3 ``ReplicationConfiguration``, DynamoDB
  global table ``Replicas``, Secrets Manager ``ReplicaRegions``, ECR
  replication rules; StackSets, Config aggregators, Incident Manager
  replication sets;
- Serverless Application Repository application ARNs, which name the
  region the application was published in;
- Route 53 resources, Global Accelerator resources, and ARNs and endpoints
  of global services (IAM, CloudFront, Route 53, Organizations, Shield,
  budgets, Cost Explorer, AWS Health);
- resources and outputs whose ``Condition``, and values inside an
  ``Fn::If`` whose condition, tests ``AWS::Region`` (a certificate created
  only in us-east-1);
- S3 URLs that name a bucket, and ECR image URIs that name a repository,
  that the template does not create, because both can be reached from any
  region and stay in the region they were made in;
- a region name in any other text, such as a bucket name
  (``my-bucket-us-east-1``), or as the whole value of a property that does
  not take the stack's own region (``PeerRegion``, ``aws:RequestedRegion``);
- a region in multi-line text such as a ``UserData`` script when the
  rewritten text cannot be written as a YAML literal block (``|``): a first
  line that starts with a space, trailing blank lines, or a line of only
  spaces. The writer would then put the script on one quoted line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from fixer.changes import Change, Notice
from fixer.engine import Options
from fixer.intrinsics import sub_variables
from fixer.template import Template
from fixer.yamlemit import fits_literal_block

ID = "FX103"
NAME = "hardcoded-region"
TITLE = "Use AWS::Region for the stack's own region"
RATIONALE = "A literal region name ties the template to one region."
SAFETY = "safe for the home region"
SOURCE_URL = (
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
    "pseudo-parameter-reference.html"
)

REGION = (
    r"(?:us|eu|ap|sa|ca|me|af|il|mx|cn)(?:-gov|-iso[a-z]?)?"
    r"-(?:north|south|east|west|central|northeast|northwest|southeast|southwest)"
    r"-\d{1,2}"
)
REGION_NAME = re.compile(REGION)
# A region on its own: not the start of a zone (us-east-1a) or of a Local or
# Wavelength Zone (us-west-2-lax-1a, us-east-1-wl1-bos-wlz-1).
REGION_TOKEN = re.compile(
    rf"(?<![A-Za-z0-9])({REGION})(?![A-Za-z0-9]|-(?:[a-z]{{3}}|wl\d)-)"
)
SELF = "${AWS::Region}"
REF_REGION = {"Ref": "AWS::Region"}

# Keys (and environment variable names) whose whole value is the region to work in.
REGION_KEY = re.compile(r"(?i)region|aws_region|aws_default_region|awslogs-region")
# Text just before and after a region, which decides how it is rewritten.
ARN_BEFORE = re.compile(
    r"(?<![\w-])arn:(?P<partition>aws(?:-cn|-us-gov|-iso[a-z-]*)?|\$\{AWS::Partition\})"
    r":(?P<service>[a-z0-9-]+):$"
)
# The account field may be empty or, in API Gateway integration ARNs, a service.
ARN_AFTER = re.compile(
    r":(?P<account>\$\{AWS::AccountId\}|[^:/\s\"',]*)(?::(?P<resource>[^\s\"',]*))?"
)
HOST_BEFORE = re.compile(
    r"(?P<head>(?:\$\{[^}]*\}|[A-Za-z0-9_-])*(?:\.(?:\$\{[^}]*\}|[A-Za-z0-9_-])+)*\.)?"
    r"(?P<label>[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)[.-]$"
)
HOST_AFTER = re.compile(
    r"\.(?P<domain>amazonaws\.com(?:\.cn)?)(?![\w-])(?P<path>/[^\s\"',]*)?"
)
SERVICE_NAME_BEFORE = re.compile(r"(?<![\w-])(?:com\.amazonaws|aws\.sagemaker)\.$")
CONSOLE_AFTER = re.compile(r"\.console\.aws\.amazon\.com")
SETTING_BEFORE = re.compile(
    r"(?:(?<![\w-])--?region[ =]+"
    r"|(?<![\w-])(?:AWS_(?:DEFAULT_)?|awslogs-)?region[\"']?\s*[:=]\s*[\"']?)$",
    re.IGNORECASE,
)
LOOKBEHIND = 120  # characters before a region that the patterns above read

GLOBAL_SERVICES = {
    "iam", "cloudfront", "route53", "route53domains", "organizations",
    "globalaccelerator", "shield", "budgets", "ce", "cur", "health", "waf",
}
KEEP_TYPES = {
    "AWS::CloudFormation::StackSet": "a StackSet deploys to the regions it lists",
    "AWS::Config::ConfigurationAggregator": "an aggregator reads the regions it lists",
    "AWS::SSMIncidents::ReplicationSet": "a replication set lists its regions",
    "AWS::ECR::ReplicationConfiguration": "replication rules list their regions",
}
KEEP_TYPE_PREFIXES = {
    "AWS::Route53::": "Route 53 is a global service",
    "AWS::GlobalAccelerator::": "Global Accelerator is a global service",
    "AWS::WAF::": "AWS WAF Classic for CloudFront is global",
}
# Property keys, in any resource, whose regions name replicas elsewhere.
REPLICA_KEYS = {
    "ReplicationConfiguration": "a replication destination is another region",
    "Replicas": "replicas name their regions",
    "ReplicaRegions": "replicas name their regions",
}
KEEP_KEYS = {
    "AWS::CloudFront::Distribution": {
        "ViewerCertificate": "CloudFront needs its ACM certificate in us-east-1",
        "LambdaFunctionAssociations": "Lambda@Edge functions live in us-east-1",
        "WebACLId": "CloudFront web ACLs are global",
    },
}
# Transforms that resolve intrinsic functions as CloudFormation does; a macro
# reads the raw template and may expect the literal strings.
KNOWN_TRANSFORMS = {"AWS::Serverless-2016-10-31", "AWS::LanguageExtensions"}
# Functions whose arguments are names or lookups, never text to rewrite.
OPAQUE_FUNCTIONS = {
    "Fn::GetAtt", "Condition", "Fn::GetAZs", "Fn::Transform", "Fn::ImportValue",
    "Fn::GetStackOutput",
}
# Functions whose first argument is a delimiter, index or condition name.
SECOND_ARGUMENT_FUNCTIONS = {"Fn::Join", "Fn::Split", "Fn::Select"}

Edit = tuple[int, int, str]  # (start, end, replacement) in one string


@dataclass
class Site:
    """One string the fix may rewrite: a plain value or the text of an Fn::Sub."""

    path: tuple
    text: str
    is_sub: bool
    key: str | None  # the mapping key or environment variable name of the value
    keep: str | None  # why the region here must stay, if it must
    editable: bool  # False inside a resource whose Metadata turns this fix off


@dataclass
class Scan:
    sites: list[Site]
    own_region_uses: int = 0  # Ref AWS::Region and ${AWS::Region} outside kept places


@dataclass
class RewriteContext:
    home: set[str]
    own_accounts: set[str]  # account ids that ARNs of the template's resources name
    created_names: set[str]  # literal names of the resources the template creates


def fix(template: Template, options: Options) -> list[Change | Notice]:
    records: list[Change | Notice] = []
    requested = options.region
    if requested is not None and not REGION_NAME.fullmatch(requested):
        message = f"--region {requested!r} is not a region name; ignored"
        records.append(Notice(ID, ("Description",), message))
        requested = None
    macro = _macro(template)
    if macro is not None:
        message = f"the {macro} macro reads the template as written; left as written"
        return records + [Notice(ID, ("Transform",), message)]
    scan = _scan(template)
    home = _home_regions(template, scan, requested)
    records.extend(_fix_description(template, requested, home))
    names = _created_names(template)
    context = RewriteContext(home, _own_accounts(scan.sites, names), names)
    for site in scan.sites:
        if site.editable:
            records.extend(_fix_site(template, site, context))
    records.extend(_report_parameters(template))
    return records


def _macro(template: Template) -> str | None:
    """Return the first transform that is a macro rather than a built-in one."""
    transform = template.data.get("Transform")
    entries = transform if isinstance(transform, list) else [transform]
    for entry in entries:
        # A transform with parameters is a mapping: {Name: ..., Parameters: ...}.
        name = entry.get("Name") if isinstance(entry, dict) else entry
        if name is None:
            continue
        if not isinstance(name, str) or name not in KNOWN_TRANSFORMS:
            return str(name)
    return None


# -- finding the strings ---------------------------------------------------------------
def _scan(template: Template) -> Scan:
    scan = Scan([])
    for logical_id, resource in template.resources.items():
        if not isinstance(resource, dict):
            continue
        keep = _resource_keep(template, resource)
        editable = logical_id not in template.suppressed
        walker = Walker(template, scan, resource.get("Type"), editable)
        base = ("Resources", logical_id)
        walker.walk(resource.get("Properties"), base + ("Properties",), None, keep)
        metadata = resource.get("Metadata")
        if isinstance(metadata, dict):
            init = ("Metadata", "AWS::CloudFormation::Init")
            walker.walk(metadata.get(init[1]), base + init, None, keep)
    for name, output in template.outputs.items():
        if not isinstance(output, dict):
            continue
        keep = None
        if _condition_tests_region(template, output.get("Condition")):
            keep = "the output's Condition tests AWS::Region"
        walker = Walker(template, scan, None, True)
        walker.walk(output.get("Value"), ("Outputs", name, "Value"), None, keep)
    return scan


def _resource_keep(template: Template, resource: dict) -> str | None:
    kind = resource.get("Type")
    if not isinstance(kind, str):
        return None
    if kind in KEEP_TYPES:
        return KEEP_TYPES[kind]
    for prefix, reason in KEEP_TYPE_PREFIXES.items():
        if kind.startswith(prefix):
            return reason
    properties = resource.get("Properties")
    scope = properties.get("Scope") if isinstance(properties, dict) else None
    if kind.startswith("AWS::WAFv2::") and scope == "CLOUDFRONT":
        return "WAFv2 resources for CloudFront live in us-east-1"
    if _condition_tests_region(template, resource.get("Condition")):
        return "the resource's Condition tests AWS::Region"
    return None


def _condition_tests_region(
    template: Template, name: object, seen: frozenset = frozenset()
) -> bool:
    if not isinstance(name, str) or name in seen:
        return False
    stack = [template.conditions.get(name)]
    while stack:
        value = stack.pop()
        if value == REF_REGION:
            return True
        if isinstance(value, dict):
            other = value.get("Condition") if len(value) == 1 else None
            if _condition_tests_region(template, other, seen | {name}):
                return True
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False


class Walker:
    """Collect the strings of one resource or output, with where each sits."""

    def __init__(self, template: Template, scan: Scan, resource_type: object,
                 editable: bool):
        self.template = template
        self.scan = scan
        own_keys = {}
        if isinstance(resource_type, str):
            own_keys = KEEP_KEYS.get(resource_type, {})
        self.keep_keys = {**REPLICA_KEYS, **own_keys}
        self.editable = editable

    def walk(self, value: object, path: tuple, key: str | None,
             keep: str | None) -> None:
        if isinstance(value, str):
            self.scan.sites.append(Site(path, value, False, key, keep, self.editable))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self.walk(item, path + (index,), key, keep)
        elif isinstance(value, dict):
            if len(value) == 1 and _is_function(next(iter(value))):
                self.walk_function(value, path, key, keep)
            else:
                self.walk_mapping(value, path, keep)

    def walk_mapping(self, value: dict, path: tuple, keep: str | None) -> None:
        # In an ECS environment entry, the variable name gives the value's meaning.
        name = value.get("Name")
        for key, item in value.items():
            label = name if key == "Value" and isinstance(name, str) else key
            self.walk(item, path + (key,), label, keep or self.keep_keys.get(key))

    def walk_function(self, value: dict, path: tuple, key: str | None,
                      keep: str | None) -> None:
        (function, argument), = value.items()
        if function == "Ref":
            if argument == "AWS::Region" and keep is None:
                self.scan.own_region_uses += 1
        elif function == "Fn::Sub":
            self.walk_sub(argument, path + (function,), key, keep)
        elif function == "Fn::FindInMap":
            self.walk_lookup(argument, path + (function,), key)
        elif function in OPAQUE_FUNCTIONS or function.startswith("Fn::ForEach"):
            return
        elif function in SECOND_ARGUMENT_FUNCTIONS:
            if isinstance(argument, list) and len(argument) == 2:
                self.walk(argument[1], path + (function, 1), key, keep)
        elif function == "Fn::If":
            self.walk_if(argument, path + (function,), key, keep)
        else:
            self.walk(argument, path + (function,), key, keep)

    def walk_sub(self, argument: object, path: tuple, key: str | None,
                 keep: str | None) -> None:
        text, variables = sub_variables(argument)
        if text is None:
            return
        text_path = path if isinstance(argument, str) else path + (0,)
        self.scan.sites.append(Site(text_path, text, True, key, keep, self.editable))
        if keep is None:
            self.scan.own_region_uses += text.count(SELF)
        for name, item in variables.items():
            self.walk(item, path + (1, name), name, keep)

    def walk_lookup(self, argument: object, path: tuple, key: str | None) -> None:
        """Record literal Fn::FindInMap keys, which are reported, never rewritten."""
        keys = argument[1:3] if isinstance(argument, list) else []
        for index, item in enumerate(keys, start=1):
            if isinstance(item, str):
                self.walk(item, path + (index,), key, "a Fn::FindInMap key is a lookup")

    def walk_if(self, argument: object, path: tuple, key: str | None,
                keep: str | None) -> None:
        if not isinstance(argument, list) or len(argument) != 3:
            return
        if keep is None and _condition_tests_region(self.template, argument[0]):
            keep = "the Fn::If condition tests AWS::Region"
        self.walk(argument[1], path + (1,), key, keep)
        self.walk(argument[2], path + (2,), key, keep)


def _is_function(key: str) -> bool:
    return key in ("Ref", "Condition") or key.startswith("Fn::")


# -- the home region -------------------------------------------------------------------
def _home_regions(template: Template, scan: Scan, requested: str | None) -> set[str]:
    """Return the regions that mean the stack's own region (see "The home region")."""
    home = {requested} if requested else set()
    described = _description_regions(template)
    if len(set(described)) == 1:
        home.add(described[0])
    votes = Counter(described)
    for site in scan.sites:
        if site.keep is None:
            votes.update(match.group(1) for match in REGION_TOKEN.finditer(site.text))
    for parameter in template.parameters.values():
        default = parameter.get("Default") if isinstance(parameter, dict) else None
        if isinstance(default, str):
            votes.update(match.group(1) for match in REGION_TOKEN.finditer(default))
    total = sum(votes.values()) + scan.own_region_uses
    home.update(region for region, count in votes.items() if count * 2 > total)
    return home


def _description_regions(template: Template) -> list[str]:
    description = template.data.get("Description")
    if not isinstance(description, str):
        return []
    return [match.group(1) for match in REGION_TOKEN.finditer(description)]


def _fix_description(
    template: Template, requested: str | None, home: set[str]
) -> list[Change | Notice]:
    described = set(_description_regions(template))
    if requested is None or not described or described == {requested}:
        return []
    replace = described if len(described) == 1 else described & home

    def swap(match: re.Match) -> str:
        return requested if match.group(1) in replace else match.group(0)

    description = template.data["Description"]
    updated = REGION_TOKEN.sub(swap, description)
    if "\n" in description.rstrip("\n") and not fits_literal_block(updated):
        message = f"multi-line Description left as written; name {requested} there"
        return [Notice(ID, ("Description",), message)]
    records: list[Change | Notice] = []
    if updated != description:
        reason = f"the stack deploys to {requested}"
        records.append(template.set(("Description",), updated, ID, reason))
    others = sorted(described - replace - {requested})
    if others:
        message = f"Description also names {', '.join(others)}; left as written"
        records.append(Notice(ID, ("Description",), message))
    return records


# -- rewriting one string --------------------------------------------------------------
def _fix_site(
    template: Template, site: Site, context: RewriteContext
) -> list[Change | Notice]:
    if not REGION_TOKEN.search(site.text):
        return []
    if site.keep is not None:
        return [Notice(ID, site.path, f"region left as written: {site.keep}")]
    if not site.is_sub and REGION_NAME.fullmatch(site.text):
        return _fix_whole_value(template, site, context)
    text = site.text if site.is_sub else site.text.replace("${", "${!")
    edits, problems = _plan_edits(text, context)
    records: list[Change | Notice] = [
        Notice(ID, site.path, problem) for problem in problems
    ]
    if edits:
        updated = _apply(text, edits)
        if "\n" in site.text and not fits_literal_block(updated):
            # A YAML writer would put this script on one quoted line.
            message = ("region in multi-line text left as written, because the text "
                       "cannot be written as a literal block; use ${AWS::Region} there")
            return records + [Notice(ID, site.path, message)]
        value: object = updated if site.is_sub else {"Fn::Sub": updated}
        reason = "the stack's own region, partition and URL suffix"
        records.append(template.set(site.path, value, ID, reason))
    return records


def _fix_whole_value(
    template: Template, site: Site, context: RewriteContext
) -> list[Change | Notice]:
    region = site.text
    if region not in context.home:
        message = f"{region} is not the stack's home region; left as written"
        return [Notice(ID, site.path, message)]
    if site.key is None or not REGION_KEY.fullmatch(site.key):
        message = f"{site.key or 'a value'} names {region}, which may be deliberate"
        return [Notice(ID, site.path, f"{message}; left as written")]
    reason = f"{site.key} is the stack's own region"
    return [template.set(site.path, dict(REF_REGION), ID, reason)]


def _plan_edits(text: str, context: RewriteContext) -> tuple[list[Edit], list[str]]:
    """Return the edits for the home-region mentions in ``text``, and the problems."""
    edits: list[Edit] = []
    problems: list[str] = []
    for match in REGION_TOKEN.finditer(text):
        region = match.group(1)
        found, problem = _edits_for(text, match.start(), match.end(), context)
        if problem is None and region not in context.home:
            problem = f"{region} is not the stack's home region; left as written"
        if problem is not None:
            problems.append(problem)
        else:
            edits.extend(found)
    return edits, problems


def _edits_for(
    text: str, start: int, end: int, context: RewriteContext
) -> tuple[list[Edit], str | None]:
    """Return the edits for the region at ``text[start:end]``, or why it stays."""
    before = text[max(0, start - LOOKBEHIND):start]
    after = text[end:]
    own: list[Edit] = [(start, end, SELF)]
    arn, arn_tail = ARN_BEFORE.search(before), ARN_AFTER.match(after)
    if arn and arn_tail:
        return _arn_edits(arn, arn_tail, start, end, context)
    host, host_tail = HOST_BEFORE.search(before), HOST_AFTER.match(after)
    if host and host_tail:
        return _host_edits(host, host_tail, start, end, context)
    if SERVICE_NAME_BEFORE.search(before) and after.startswith("."):
        return own, None
    if CONSOLE_AFTER.match(after) and not re.search(r"[\w.-]$", before):
        return own, None
    if SETTING_BEFORE.search(before):
        return own, None
    region = text[start:end]
    return [], f"{region} appears in text that may name it on purpose; left as written"


def _arn_edits(
    arn: re.Match, tail: re.Match, start: int, end: int, context: RewriteContext
) -> tuple[list[Edit], str | None]:
    service = arn.group("service")
    if service in GLOBAL_SERVICES:
        return [], f"{service} is a global service; region left as written"
    if service == "serverlessrepo":
        return [], "an application is deployed from the region it was published in"
    if service == "wafv2" and (tail.group("resource") or "").startswith("global/"):
        return [], "a global (CloudFront) web ACL lives in us-east-1; left as written"
    # The ARN pattern ran over the text just before the region.
    offset = start - len(arn.string)
    edits: list[Edit] = [(start, end, SELF)]
    if arn.group("partition") != "${AWS::Partition}":
        partition = (offset + arn.start("partition"), offset + arn.end("partition"))
        edits.append((*partition, "${AWS::Partition}"))
    if tail.group("account") in context.own_accounts:
        account = (end + tail.start("account"), end + tail.end("account"))
        edits.append((*account, "${AWS::AccountId}"))
    return edits, None


def _host_edits(
    host: re.Match, tail: re.Match, start: int, end: int, context: RewriteContext
) -> tuple[list[Edit], str | None]:
    problem = _host_problem(host, tail, context)
    if problem is not None:
        return [], problem
    domain = (end + tail.start("domain"), end + tail.end("domain"))
    edits: list[Edit] = [(start, end, SELF), (*domain, "${AWS::URLSuffix}")]
    if host.group("label") == "s3" and host.string.endswith("-"):
        # Only some older regions have an s3-REGION host; all have s3.REGION.
        edits.append((start - 1, start, "."))
    return edits, None


def _host_problem(
    host: re.Match, tail: re.Match, context: RewriteContext
) -> str | None:
    """Return why an endpoint must keep its region, or None.

    A bare service endpoint (``ec2.us-east-1.amazonaws.com``) is the same
    service in every region. An address that names one bucket, repository or
    API (``abc.execute-api...``) that the template does not create reaches a
    resource that exists in that region only, from anywhere.
    """
    label = host.group("label")
    if label in GLOBAL_SERVICES:
        return f"{label} is a global service; region left as written"
    head = (host.group("head") or "").rstrip(".")
    path = (tail.group("path") or "").lstrip("/")
    if label.startswith("s3"):
        bucket = head or path.split("/")[0]
        if bucket and _names_other(bucket, context):
            return f"S3 bucket {bucket!r} stays in its region; left as written"
        return None
    if label == "ecr":
        repository = path.split(":")[0].split("@")[0]
        if _names_other(repository, context):
            return f"ECR repository {repository!r} stays in its region; left as written"
        return None
    if head and _names_other(head, context):
        return f"{head}.{label} names a resource in that region; left as written"
    return None


def _names_other(name: str, context: RewriteContext) -> bool:
    """Tell whether ``name`` is a literal that names no resource of this template."""
    return "${" not in name and name not in context.created_names


def _apply(text: str, edits: list[Edit]) -> str:
    pieces = []
    position = 0
    for start, end, replacement in sorted(edits):
        pieces.append(text[position:start])
        pieces.append(replacement)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


# -- what the template creates ---------------------------------------------------------
ARN_WITH_ACCOUNT = re.compile(
    r"(?<![\w-])arn:[^:\s]+:[a-z0-9-]+:[^:\s]*:(\d{12}):([^\s\"',]+)"
)


def _created_names(template: Template) -> set[str]:
    """Return the literal names (``BucketName``, ``LogGroupName``...) of resources."""
    names = set()
    for logical_id in template.resources:
        for key, value in template.properties(logical_id).items():
            if key.endswith("Name") and isinstance(value, str) and len(value) >= 3:
                names.add(value)
    return names


def _own_accounts(sites: list[Site], names: set[str]) -> set[str]:
    """Return the account ids in ARNs that name a resource this template creates."""
    accounts = set()
    for site in sites:
        for match in ARN_WITH_ACCOUNT.finditer(site.text):
            account, resource = match.groups()
            if any(_names_resource(resource, name) for name in names):
                accounts.add(account)
    return accounts


def _names_resource(resource: str, name: str) -> bool:
    pattern = rf"(?:^|[:/]){re.escape(name)}(?=$|[:/*])"
    return re.search(pattern, resource) is not None


def _report_parameters(template: Template) -> list[Notice]:
    notices = []
    message = "a parameter default names a region; AWS::Region gives the stack's own"
    for name, parameter in template.parameters.items():
        default = parameter.get("Default") if isinstance(parameter, dict) else None
        if isinstance(default, str) and REGION_TOKEN.search(default):
            notices.append(Notice(ID, ("Parameters", name, "Default"), message))
    return notices
