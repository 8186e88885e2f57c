"""FX501: group and label every parameter in AWS::CloudFormation::Interface."""

from __future__ import annotations

import textwrap

import pytest

from fixer.api import repair
from fixer.changes import Notice
from fixer.engine import Options
from fixes.missing_parameter_interface import classify, label_for
from helpers import dangling_references, fix_json, fix_yaml, lint_findings, load

INTERFACE = "AWS::CloudFormation::Interface"

# -- YAML cases ---------------------------------------------------------------------

NEW_AFTER_DESCRIPTION = (
    """\
    AWSTemplateFormatVersion: '2010-09-09'
    Description: Web tier
    Parameters:
      EnvironmentName:
        Type: String
        Default: dev
      VpcCIDR:
        Type: String
        Default: 10.0.0.0/16
      LatestImage:
        Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
        Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64
      DBInstanceClass:
        Type: String
        Default: db.t3.micro
      ContainerPort:
        Type: Number
        Default: 80
      AlarmEmail:
        Type: String
      BucketSuffix:
        Type: String
    Resources:
      Vpc:
        Type: AWS::EC2::VPC
        Properties:
          CidrBlock: !Ref VpcCIDR
    """,
    """\
    AWSTemplateFormatVersion: '2010-09-09'
    Description: Web tier
    Metadata:
      AWS::CloudFormation::Interface:
        ParameterGroups:
          - Label:
              default: Environment configuration
            Parameters:
              - EnvironmentName
          - Label:
              default: Network configuration
            Parameters:
              - VpcCIDR
          - Label:
              default: Compute configuration
            Parameters:
              - LatestImage
          - Label:
              default: Container configuration
            Parameters:
              - ContainerPort
          - Label:
              default: Database configuration
            Parameters:
              - DBInstanceClass
          - Label:
              default: Monitoring configuration
            Parameters:
              - AlarmEmail
          - Label:
              default: Other parameters
            Parameters:
              - BucketSuffix
        ParameterLabels:
          EnvironmentName:
            default: Environment name
          VpcCIDR:
            default: VPC CIDR
          LatestImage:
            default: Latest image
          DBInstanceClass:
            default: DB instance class
          ContainerPort:
            default: Container port
          AlarmEmail:
            default: Alarm email
          BucketSuffix:
            default: Bucket suffix
    Parameters:
      EnvironmentName:
        Type: String
        Default: dev
      VpcCIDR:
        Type: String
        Default: 10.0.0.0/16
      LatestImage:
        Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
        Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64
      DBInstanceClass:
        Type: String
        Default: db.t3.micro
      ContainerPort:
        Type: Number
        Default: 80
      AlarmEmail:
        Type: String
      BucketSuffix:
        Type: String
    Resources:
      Vpc:
        Type: AWS::EC2::VPC
        Properties:
          CidrBlock: !Ref VpcCIDR
    """,
)

NEW_WITHOUT_DESCRIPTION = (
    """\
    Parameters:
      PublicSubnet1CIDR:
        Type: String
      VpcId:
        Type: AWS::EC2::VPC::Id
    Resources:
      Subnet:
        Type: AWS::EC2::Subnet
        Properties:
          VpcId: !Ref VpcId
          CidrBlock: !Ref PublicSubnet1CIDR
    """,
    """\
    Metadata:
      AWS::CloudFormation::Interface:
        ParameterGroups:
          - Label:
              default: Network configuration
            Parameters:
              - PublicSubnet1CIDR
              - VpcId
        ParameterLabels:
          PublicSubnet1CIDR:
            default: Public subnet 1 CIDR
          VpcId:
            default: VPC ID
    Parameters:
      PublicSubnet1CIDR:
        Type: String
      VpcId:
        Type: AWS::EC2::VPC::Id
    Resources:
      Subnet:
        Type: AWS::EC2::Subnet
        Properties:
          VpcId: !Ref VpcId
          CidrBlock: !Ref PublicSubnet1CIDR
    """,
)

OTHER_METADATA_KEPT = (
    """\
    AWSTemplateFormatVersion: '2010-09-09'
    Metadata:
      cfn-lint:
        config:
          ignore_checks:
            - W3005
      AWS::CloudFormation::Designer:
        abc123:
          size:
            width: 60
      cfn-fixer:
        ignore:
          - FX102
    Parameters:
      KeyName:
        Type: AWS::EC2::KeyPair::KeyName
    Resources:
      Topic:
        Type: AWS::SNS::Topic
        Properties:
          DisplayName: !Ref KeyName
    """,
    """\
    AWSTemplateFormatVersion: '2010-09-09'
    Metadata:
      cfn-lint:
        config:
          ignore_checks:
            - W3005
      AWS::CloudFormation::Designer:
        abc123:
          size:
            width: 60
      cfn-fixer:
        ignore:
          - FX102
      AWS::CloudFormation::Interface:
        ParameterGroups:
          - Label:
              default: Compute configuration
            Parameters:
              - KeyName
        ParameterLabels:
          KeyName:
            default: Key name
    Parameters:
      KeyName:
        Type: AWS::EC2::KeyPair::KeyName
    Resources:
      Topic:
        Type: AWS::SNS::Topic
        Properties:
          DisplayName: !Ref KeyName
    """,
)

PARTIAL_JOINS_MATCHING_GROUP = (
    """\
    Metadata:
      AWS::CloudFormation::Interface:
        ParameterGroups:
          - Label:
              default: Application
            Parameters:
              - AppName
          - Label:
              default: Network Settings
            Parameters:
              - VpcId
        ParameterLabels:
          VpcId:
            default: Which VPC should this run in?
          AppName:
            default: Application name
    Parameters:
      AppName:
        Type: String
      VpcId:
        Type: AWS::EC2::VPC::Id
      SubnetIds:
        Type: List<AWS::EC2::Subnet::Id>
      NotificationEmail:
        Type: String
    Resources:
      Topic:
        Type: AWS::SNS::Topic
    """,
    """\
    Metadata:
      AWS::CloudFormation::Interface:
        ParameterGroups:
          - Label:
              default: Application
            Parameters:
              - AppName
          - Label:
              default: Network Settings
            Parameters:
              - VpcId
              - SubnetIds
          - Label:
              default: Monitoring configuration
            Parameters:
              - NotificationEmail
        ParameterLabels:
          VpcId:
            default: Which VPC should this run in?
          AppName:
            default: Application name
          SubnetIds:
            default: Subnet IDs
          NotificationEmail:
            default: Notification email
    Parameters:
      AppName:
        Type: String
      VpcId:
        Type: AWS::EC2::VPC::Id
      SubnetIds:
        Type: List<AWS::EC2::Subnet::Id>
      NotificationEmail:
        Type: String
    Resources:
      Topic:
        Type: AWS::SNS::Topic
    """,
)

PARTIAL_JOINS_FIRST_GROUP = (
    """\
    Metadata:
      AWS::CloudFormation::Interface:
        ParameterGroups:
          - Label:
              default: Network Settings
            Parameters:
              - VpcId
          - Label:
              default: Application
            Parameters:
              - AppName
        ParameterLabels:
          VpcId:
            default: Which VPC should this run in?
          AppName:
            default: Application name
    Parameters:
      AppName:
        Type: String
      VpcId:
        Type: AWS::EC2::VPC::Id
      SubnetIds:
        Type: List<AWS::EC2::Subnet::Id>
      NotificationEmail:
        Type: String
    Resources:
      Topic:
        Type: AWS::SNS::Topic
    """,
    """\
    Metadata:
      AWS::CloudFormation::Interface:
        ParameterGroups:
          - Label:
              default: Network Settings
            Parameters:
              - VpcId
              - SubnetIds
          - Label:
              default: Application
            Parameters:
              - AppName
          - Label:
              default: Monitoring configuration
            Parameters:
              - NotificationEmail
        ParameterLabels:
          VpcId:
            default: Which VPC should this run in?
          AppName:
            default: Application name
          SubnetIds:
            default: Subnet IDs
          NotificationEmail:
            default: Notification email
    Parameters:
      AppName:
        Type: String
      VpcId:
        Type: AWS::EC2::VPC::Id
      SubnetIds:
        Type: List<AWS::EC2::Subnet::Id>
      NotificationEmail:
        Type: String
    Resources:
      Topic:
        Type: AWS::SNS::Topic
    """,
)

STALE_NAMES_DROPPED = (
    """\
    Metadata:
      AWS::CloudFormation::Interface:
        ParameterGroups:
          - Label:
              default: Database
            Parameters:
              - DBName
              - DBPassword
          - Label:
              default: Secrets
            Parameters:
              - ApiToken
        ParameterLabels:
          DBName:
            default: Database name
          DBPassword:
            default: Database password
          ApiToken:
            default: API token
    Parameters:
      DBName:
        Type: String
    Resources:
      Topic:
        Type: AWS::SNS::Topic
    """,
    """\
    Metadata:
      AWS::CloudFormation::Interface:
        ParameterGroups:
          - Label:
              default: Database
            Parameters:
              - DBName
        ParameterLabels:
          DBName:
            default: Database name
    Parameters:
      DBName:
        Type: String
    Resources:
      Topic:
        Type: AWS::SNS::Topic
    """,
)

EMPTY_GROUP_DROPPED = (
    """\
    Metadata:
      AWS::CloudFormation::Interface:
        ParameterGroups:
          - Label:
              default: Tags
            Parameters:
              - Owner
          - Label:
              default: Notifications
            Parameters: []
        ParameterLabels:
          Owner:
            default: Owner tag
    Parameters:
      Owner:
        Type: String
    Resources:
      Topic:
        Type: AWS::SNS::Topic
    """,
    """\
    Metadata:
      AWS::CloudFormation::Interface:
        ParameterGroups:
          - Label:
              default: Tags
            Parameters:
              - Owner
        ParameterLabels:
          Owner:
            default: Owner tag
    Parameters:
      Owner:
        Type: String
    Resources:
      Topic:
        Type: AWS::SNS::Topic
    """,
)

DUPLICATE_KEPT_FIRST = (
    """\
    Metadata:
      AWS::CloudFormation::Interface:
        ParameterGroups:
          - Label: {default: Main}
            Parameters: [Stage, Owner]
          - Label: {default: Tags}
            Parameters: [Owner, CostCenter]
        ParameterLabels:
          Stage: {default: Stage}
          Owner: {default: Owner}
          CostCenter: {default: Cost center}
    Parameters:
      Stage:
        Type: String
      Owner:
        Type: String
      CostCenter:
        Type: String
    Resources:
      Topic:
        Type: AWS::SNS::Topic
    """,
    """\
    Metadata:
      AWS::CloudFormation::Interface:
        ParameterGroups:
          - Label: {default: Main}
            Parameters: [Stage, Owner]
          - Label: {default: Tags}
            Parameters: [CostCenter]
        ParameterLabels:
          Stage: {default: Stage}
          Owner: {default: Owner}
          CostCenter: {default: Cost center}
    Parameters:
      Stage:
        Type: String
      Owner:
        Type: String
      CostCenter:
        Type: String
    Resources:
      Topic:
        Type: AWS::SNS::Topic
    """,
)

LABELS_ADDED = (
    """\
    Metadata:
      AWS::CloudFormation::Interface:
        ParameterGroups:
          - Label:
              default: Containers
            Parameters:
              - DesiredCount
              - ContainerCpu
    Parameters:
      DesiredCount:
        Type: Number
      ContainerCpu:
        Type: Number
    Resources:
      Topic:
        Type: AWS::SNS::Topic
    """,
    """\
    Metadata:
      AWS::CloudFormation::Interface:
        ParameterGroups:
          - Label:
              default: Containers
            Parameters:
              - DesiredCount
              - ContainerCpu
        ParameterLabels:
          DesiredCount:
            default: Desired count
          ContainerCpu:
            default: Container CPU
    Parameters:
      DesiredCount:
        Type: Number
      ContainerCpu:
        Type: Number
    Resources:
      Topic:
        Type: AWS::SNS::Topic
    """,
)

GROUPS_ADDED = (
    """\
    Metadata:
      AWS::CloudFormation::Interface:
        ParameterLabels:
          MasterUsername:
            default: Admin user
    Parameters:
      MasterUsername:
        Type: String
      LogRetentionDays:
        Type: Number
    Resources:
      Topic:
        Type: AWS::SNS::Topic
    """,
    """\
    Metadata:
      AWS::CloudFormation::Interface:
        ParameterLabels:
          MasterUsername:
            default: Admin user
          LogRetentionDays:
            default: Log retention days
        ParameterGroups:
          - Label:
              default: Database configuration
            Parameters:
              - MasterUsername
          - Label:
              default: Monitoring configuration
            Parameters:
              - LogRetentionDays
    Parameters:
      MasterUsername:
        Type: String
      LogRetentionDays:
        Type: Number
    Resources:
      Topic:
        Type: AWS::SNS::Topic
    """,
)

REPAIRED_YAML = [
    pytest.param(*NEW_AFTER_DESCRIPTION, id="new-after-description"),
    pytest.param(*NEW_WITHOUT_DESCRIPTION, id="new-at-top"),
    pytest.param(*OTHER_METADATA_KEPT, id="other-metadata-kept"),
    pytest.param(*PARTIAL_JOINS_MATCHING_GROUP, id="partial-joins-matching-group"),
    pytest.param(*PARTIAL_JOINS_FIRST_GROUP, id="partial-joins-first-group"),
    pytest.param(*STALE_NAMES_DROPPED, id="stale-names-dropped"),
    pytest.param(*EMPTY_GROUP_DROPPED, id="empty-group-dropped"),
    pytest.param(*DUPLICATE_KEPT_FIRST, id="duplicate-kept-first"),
    pytest.param(*LABELS_ADDED, id="labels-added"),
    pytest.param(*GROUPS_ADDED, id="groups-added"),
]

UNCHANGED_YAML = [
    pytest.param(
        """\
        Resources:
          Topic:
            Type: AWS::SNS::Topic
        """,
        id="no-parameters",
    ),
    pytest.param(
        """\
        Description: Parameters section without entries
        Parameters: {}
        Resources:
          Topic:
            Type: AWS::SNS::Topic
        """,
        id="empty-parameters",
    ),
    pytest.param(
        """\
        Metadata:
          AWS::CloudFormation::Interface:
            ParameterGroups:
              - Label:
                  default: Network
                Parameters:
                  - VpcId
              - Label:
                  default: Misc
                Parameters:
                  - Suffix
            ParameterLabels:
              VpcId:
                default: VPC
              Suffix:
                default: Name suffix
        Parameters:
          VpcId:
            Type: AWS::EC2::VPC::Id
          Suffix:
            Type: String
        Resources:
          Topic:
            Type: AWS::SNS::Topic
        """,
        id="complete-interface",
    ),
    pytest.param(
        """\
        Metadata:
          AWS::CloudFormation::Interface: {ParameterGroups: [{Parameters: [A, B]}],
            ParameterLabels: {A: {default: a}, B: {default: b}}}
        Parameters:
          A: {Type: String}
          B: {Type: String}
        Resources:
          Topic:
            Type: AWS::SNS::Topic
        """,
        id="complete-flow-style-without-group-label",
    ),
    pytest.param(
        """\
        Metadata:
          cfn-fixer:
            ignore: [FX501]
        Parameters:
          VpcId:
            Type: AWS::EC2::VPC::Id
        Resources:
          Topic:
            Type: AWS::SNS::Topic
        """,
        id="suppressed-in-metadata",
    ),
    pytest.param(
        """\
        Metadata:
          AWS::CloudFormation::Interface:
            ParameterGroups:
              Label:
                default: Network
              Parameters:
                - VpcId
        Parameters:
          VpcId:
            Type: AWS::EC2::VPC::Id
        Resources:
          Topic:
            Type: AWS::SNS::Topic
        """,
        id="groups-not-a-list",
    ),
    pytest.param(
        """\
        Metadata:
          AWS::CloudFormation::Interface:
            ParameterGroups:
              - Label:
                  default: Network
                Parameters: VpcId
        Parameters:
          VpcId:
            Type: AWS::EC2::VPC::Id
        Resources:
          Topic:
            Type: AWS::SNS::Topic
        """,
        id="group-parameters-not-a-list",
    ),
    pytest.param(
        """\
        Metadata: written by hand
        Parameters:
          VpcId:
            Type: AWS::EC2::VPC::Id
        Resources:
          Topic:
            Type: AWS::SNS::Topic
        """,
        id="metadata-not-a-mapping",
    ),
]

# -- JSON cases ---------------------------------------------------------------------

NEW_JSON = (
    """\
    {
      "AWSTemplateFormatVersion": "2010-09-09",
      "Description": "Queue stack",
      "Parameters": {
        "QueueName": {"Type": "String"},
        "KmsKeyArn": {"Type": "String"}
      },
      "Resources": {
        "Queue": {
          "Type": "AWS::SQS::Queue",
          "Properties": {
            "QueueName": {"Ref": "QueueName"},
            "KmsMasterKeyId": {"Ref": "KmsKeyArn"}
          }
        }
      }
    }
    """,
    """\
    {
      "AWSTemplateFormatVersion": "2010-09-09",
      "Description": "Queue stack",
      "Metadata": {
        "AWS::CloudFormation::Interface": {
          "ParameterGroups": [
            {
              "Label": {
                "default": "Other parameters"
              },
              "Parameters": [
                "QueueName",
                "KmsKeyArn"
              ]
            }
          ],
          "ParameterLabels": {
            "QueueName": {
              "default": "Queue name"
            },
            "KmsKeyArn": {
              "default": "KMS key ARN"
            }
          }
        }
      },
      "Parameters": {
        "QueueName": {"Type": "String"},
        "KmsKeyArn": {"Type": "String"}
      },
      "Resources": {
        "Queue": {
          "Type": "AWS::SQS::Queue",
          "Properties": {
            "QueueName": {"Ref": "QueueName"},
            "KmsMasterKeyId": {"Ref": "KmsKeyArn"}
          }
        }
      }
    }
    """,
)

PARTIAL_JSON = (
    """\
    {
      "Metadata": {
        "AWS::CloudFormation::Interface": {
          "ParameterGroups": [
            {"Label": {"default": "Compute"}, "Parameters": ["InstanceType", "OldAmi"]}
          ],
          "ParameterLabels": {
            "InstanceType": {"default": "Instance size"},
            "OldAmi": {"default": "Old AMI"}
          }
        }
      },
      "Parameters": {
        "InstanceType": {"Type": "String", "Default": "t3.micro"},
        "KeyPair": {"Type": "AWS::EC2::KeyPair::KeyName"}
      },
      "Resources": {
        "Topic": {"Type": "AWS::SNS::Topic"}
      }
    }
    """,
    """\
    {
      "Metadata": {
        "AWS::CloudFormation::Interface": {
          "ParameterGroups": [
            {"Label": {"default": "Compute"}, "Parameters": ["InstanceType", "KeyPair"]}
          ],
          "ParameterLabels": {
            "InstanceType": {"default": "Instance size"},
            "KeyPair": {
              "default": "Key pair"
            }
          }
        }
      },
      "Parameters": {
        "InstanceType": {"Type": "String", "Default": "t3.micro"},
        "KeyPair": {"Type": "AWS::EC2::KeyPair::KeyName"}
      },
      "Resources": {
        "Topic": {"Type": "AWS::SNS::Topic"}
      }
    }
    """,
)

REPAIRED_JSON = [
    pytest.param(*NEW_JSON, id="new-after-description"),
    pytest.param(*PARTIAL_JSON, id="partial-completed"),
]

UNCHANGED_JSON = [
    pytest.param(
        """\
        {
          "Resources": {
            "Topic": {"Type": "AWS::SNS::Topic"}
          }
        }
        """,
        id="no-parameters",
    ),
    pytest.param(
        """\
        {
          "Metadata": {
            "AWS::CloudFormation::Interface": {
              "ParameterGroups": [
                {"Label": {"default": "Network"}, "Parameters": ["VpcId"]}
              ],
              "ParameterLabels": {"VpcId": {"default": "VPC"}}
            }
          },
          "Parameters": {
            "VpcId": {"Type": "AWS::EC2::VPC::Id"}
          },
          "Resources": {
            "Topic": {"Type": "AWS::SNS::Topic"}
          }
        }
        """,
        id="complete-interface",
    ),
]


# -- checks -------------------------------------------------------------------------


def _interface_coverage(data: dict) -> tuple[list[str], list[str]]:
    """Return the parameter names listed in the groups and the labelled names."""
    interface = data["Metadata"][INTERFACE]
    groups = interface["ParameterGroups"]
    grouped = [name for group in groups for name in group["Parameters"]]
    return grouped, list(interface["ParameterLabels"])


def _assert_repaired(before: str, expected: str, format: str) -> None:
    fix = fix_yaml if format == "yaml" else fix_json
    output, changes = fix(before, "FX501")
    assert output == textwrap.dedent(expected)
    assert changes
    assert all(change.fix_id == "FX501" for change in changes)

    lint_before = set(lint_findings(textwrap.dedent(before)))
    lint_after = lint_findings(output)
    assert [finding for finding in lint_after if finding.startswith("E")] == []
    assert set(lint_after) - lint_before == set()

    data = load(output, format)
    assert dangling_references(data) == []
    grouped, labelled = _interface_coverage(data)
    assert sorted(grouped) == sorted(data["Parameters"])
    assert sorted(labelled) == sorted(data["Parameters"])

    again, again_changes = fix(output, "FX501")
    assert again == output
    assert again_changes == []


@pytest.mark.parametrize(("before", "expected"), REPAIRED_YAML)
def test_interface_yaml_repaired(before, expected):
    _assert_repaired(before, expected, "yaml")


@pytest.mark.parametrize(("before", "expected"), REPAIRED_JSON)
def test_interface_json_repaired(before, expected):
    _assert_repaired(before, expected, "json")


@pytest.mark.parametrize("text", UNCHANGED_YAML)
def test_interface_yaml_unchanged(text):
    output, changes = fix_yaml(text, "FX501")
    assert output == textwrap.dedent(text)
    assert changes == []


@pytest.mark.parametrize("text", UNCHANGED_JSON)
def test_interface_json_unchanged(text):
    output, changes = fix_json(text, "FX501")
    assert output == textwrap.dedent(text)
    assert changes == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            UNCHANGED_YAML[5].values[0], "ParameterGroups is not a list", id="groups"
        ),
        pytest.param(
            UNCHANGED_YAML[6].values[0],
            "Parameters of parameter group 0 is not a list",
            id="group-parameters",
        ),
        pytest.param(
            UNCHANGED_YAML[7].values[0], "Metadata is not a mapping", id="metadata"
        ),
    ],
)
def test_interface_malformed_reports_notice(text, message):
    options = Options(select=frozenset({"FX501"}))
    result = repair(textwrap.dedent(text), "t.yaml", options)
    assert result.output == result.input
    assert len(result.notices) == 1
    notice = result.notices[0]
    assert isinstance(notice, Notice)
    assert notice.message == f"{message}; left as written"


def test_interface_lists_parameter_added_by_key_pair_fix():
    text = textwrap.dedent(
        """\
        Metadata:
          AWS::CloudFormation::Interface:
            ParameterGroups:
              - Label:
                  default: Instance
                Parameters:
                  - InstanceType
            ParameterLabels:
              InstanceType:
                default: Instance size
        Parameters:
          InstanceType:
            Type: String
            Default: t3.micro
        Resources:
          Server:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: '{{resolve:ssm:/images/web}}'
              InstanceType: !Ref InstanceType
              KeyName: team-key
        """
    )
    options = Options(select=frozenset({"FX202", "FX501"}))
    result = repair(text, "t.yaml", options)
    data = load(result.output)
    assert "KeyName" in data["Parameters"]
    interface = data["Metadata"][INTERFACE]
    assert interface["ParameterGroups"][0]["Parameters"] == ["InstanceType", "KeyName"]
    assert interface["ParameterLabels"]["KeyName"] == {"default": "Key name"}
    assert repair(result.output, "t.yaml", options).output == result.output


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("VpcCIDR", "VPC CIDR"),
        ("DBInstanceClass", "DB instance class"),
        ("KeyName", "Key name"),
        ("EC2InstanceType", "EC2 instance type"),
        ("S3BucketName", "S3 bucket name"),
        ("PublicSubnet1CIDR", "Public subnet 1 CIDR"),
        ("SSHLocation", "SSH location"),
        ("SubnetIds", "Subnet IDs"),
        ("NumberOfAZs", "Number of AZs"),
        ("IPv6Cidr", "IPv6 CIDR"),
        ("LatestAmiId", "Latest AMI ID"),
        ("ALBListenerPort", "ALB listener port"),
        ("environment", "Environment"),
        ("pVpcName", "VPC name"),
        ("LinuxAMIID", "Linux AMI ID"),
        ("VPCCIDRBlock", "VPC CIDR block"),
        ("CloudWatchLogGroup", "CloudWatch log group"),
        ("MySQLEngineVersion", "MySQL engine version"),
        ("Route53ZoneId", "Route 53 zone ID"),
    ],
)
def test_label_for_names(name, label):
    assert label_for(name) == label


@pytest.mark.parametrize(
    ("name", "kind", "group"),
    [
        ("EnvironmentSuffix", "String", "environment"),
        ("ProjectName", "String", "environment"),
        ("PrivateSubnets", "List<AWS::EC2::Subnet::Id>", "network"),
        ("Zone", "AWS::EC2::AvailabilityZone::Name", "network"),
        ("SSHLocation", "String", "network"),
        ("ImageParam", "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>", "compute"),
        ("InstanceType", "String", "compute"),
        ("DesiredCapacity", "Number", "compute"),
        ("DesiredCount", "Number", "containers"),
        ("ContainerImage", "String", "containers"),
        ("DBPort", "Number", "database"),
        ("MasterUsername", "String", "database"),
        ("LogGroupName", "String", "monitoring"),
        ("OpsEmail", "String", "monitoring"),
        ("BucketName", "String", "other"),
    ],
)
def test_classify_names_and_types(name, kind, group):
    assert classify(name, {"Type": kind}) == group


def test_interface_skips_parameter_without_type():
    output, _ = fix_yaml("""
        Parameters:
          InstanceCount:
            Type: Number
            Default: 1
          Broken:
            NotType: String
          Empty: null
        Resources:
          Topic:
            Type: AWS::SNS::Topic
        """, "FX501")
    interface = load(output)["Metadata"]["AWS::CloudFormation::Interface"]
    assert list(interface["ParameterLabels"]) == ["InstanceCount"]
    grouped = [name for group in interface["ParameterGroups"] for name in group["Parameters"]]
    assert grouped == ["InstanceCount"]
