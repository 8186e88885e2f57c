"""FX103: literal home-region names become AWS::Region; deliberate regions stay."""

from __future__ import annotations

import textwrap

import pytest

from fixer.api import repair
from fixer.engine import Options
from helpers import (
    dangling_references,
    fix_json,
    fix_yaml,
    lint_errors,
    lint_findings,
    load,
)

FIX = "FX103"


def _warnings(text: str) -> set[str]:
    return {finding for finding in lint_findings(text) if finding.startswith("W")}


def _check_repaired(before: str, after: str, fmt: str = "yaml", **options) -> None:
    assert lint_errors(after) == []
    assert _warnings(after) <= _warnings(before)
    assert dangling_references(load(after, fmt)) == []
    again, changes = (fix_json if fmt == "json" else fix_yaml)(after, FIX, **options)
    assert again == after
    assert changes == []


def _notices(text: str, **options) -> list[str]:
    chosen = Options(select=frozenset({FIX}), **options)
    result = repair(textwrap.dedent(text), "template.yaml", chosen)
    return [notice.message for notice in result.notices]


REPAIRED = [
    pytest.param(
        """
        Resources:
          Logs:
            Type: AWS::Logs::LogGroup
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: web
                  Image: nginx
                  Environment:
                    - Name: AWS_REGION
                      Value: us-east-1
                  LogConfiguration:
                    LogDriver: awslogs
                    Options:
                      awslogs-region: us-east-1
                      awslogs-group: !Ref Logs
                      awslogs-stream-prefix: web
        """,
        """
        Resources:
          Logs:
            Type: AWS::Logs::LogGroup
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: web
                  Image: nginx
                  Environment:
                    - Name: AWS_REGION
                      Value: !Ref AWS::Region
                  LogConfiguration:
                    LogDriver: awslogs
                    Options:
                      awslogs-region: !Ref AWS::Region
                      awslogs-group: !Ref Logs
                      awslogs-stream-prefix: web
        """,
        id="ecs_awslogs_and_environment",
    ),
    pytest.param(
        """
        Resources:
          Logs:
            Type: AWS::Logs::LogGroup
            Properties:
              LogGroupName: app-logs
          Writer:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Action: logs:PutLogEvents
                    Resource: arn:aws:logs:us-east-1:111122223333:log-group:app-logs:*
                  - Effect: Allow
                    Action: dynamodb:GetItem
                    Resource: arn:aws:dynamodb:us-east-1:444455556666:table/Shared
        """,
        """
        Resources:
          Logs:
            Type: AWS::Logs::LogGroup
            Properties:
              LogGroupName: app-logs
          Writer:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Action: logs:PutLogEvents
                    Resource: !Sub arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:app-logs:*
                  - Effect: Allow
                    Action: dynamodb:GetItem
                    Resource: !Sub arn:${AWS::Partition}:dynamodb:${AWS::Region}:444455556666:table/Shared
        """,
        id="arn_account_only_when_own_resource",
    ),
    pytest.param(
        """
        Resources:
          Fn:
            Type: AWS::Lambda::Function
            Properties:
              Runtime: python3.12
              Handler: index.handler
              Role: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/fn
              Code: {ZipFile: "def handler(event, context): pass"}
              Environment:
                Variables:
                  REGION: us-east-1
                  QUEUE_URL: !Sub https://sqs.us-east-1.amazonaws.com/${AWS::AccountId}/jobs
                  TEMPLATE: "${name} in us-east-1: --region us-east-1"
        """,
        """
        Resources:
          Fn:
            Type: AWS::Lambda::Function
            Properties:
              Runtime: python3.12
              Handler: index.handler
              Role: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/fn
              Code: {ZipFile: "def handler(event, context): pass"}
              Environment:
                Variables:
                  REGION: !Ref AWS::Region
                  QUEUE_URL: !Sub https://sqs.${AWS::Region}.${AWS::URLSuffix}/${AWS::AccountId}/jobs
                  TEMPLATE: !Sub "${!name} in us-east-1: --region ${AWS::Region}"
        """,
        id="lambda_environment_sub_endpoint",
    ),
    pytest.param(
        """
        Resources:
          Endpoint:
            Type: AWS::EC2::VPCEndpoint
            Properties:
              VpcId: vpc-0123456789abcdef0
              ServiceName: com.amazonaws.us-east-1.s3
          Dashboard:
            Type: AWS::CloudWatch::Dashboard
            Properties:
              DashboardBody: '{"widgets":[{"type":"metric","properties":{"region":"us-east-1","title":"${x}","metrics":[["AWS/EC2","CPUUtilization"]]}}]}'
        Outputs:
          Console:
            Value: https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1
        """,
        """
        Resources:
          Endpoint:
            Type: AWS::EC2::VPCEndpoint
            Properties:
              VpcId: vpc-0123456789abcdef0
              ServiceName: !Sub com.amazonaws.${AWS::Region}.s3
          Dashboard:
            Type: AWS::CloudWatch::Dashboard
            Properties:
              DashboardBody: !Sub '{"widgets":[{"type":"metric","properties":{"region":"${AWS::Region}","title":"${!x}","metrics":[["AWS/EC2","CPUUtilization"]]}}]}'
        Outputs:
          Console:
            Value: !Sub 'https://${AWS::Region}.console.aws.amazon.com/cloudwatch/home?region=${AWS::Region}'
        """,
        id="service_name_dashboard_console",
    ),
    pytest.param(
        """
        Resources:
          Fn:
            Type: AWS::Lambda::Function
            Properties:
              Runtime: python3.12
              Handler: index.handler
              Role: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/fn
              Code: {ZipFile: "def handler(event, context): pass"}
          Permission:
            Type: AWS::Lambda::Permission
            Properties:
              FunctionName: !Ref Fn
              Action: lambda:InvokeFunction
              Principal: apigateway.amazonaws.com
              SourceArn: !Join ["", ["arn:aws:execute-api:us-east-1:", !Ref AWS::AccountId, ":api/*"]]
          Method:
            Type: AWS::ApiGateway::Method
            Properties:
              RestApiId: api
              ResourceId: res
              HttpMethod: GET
              AuthorizationType: NONE
              Integration:
                Type: AWS_PROXY
                IntegrationHttpMethod: POST
                Uri: !Sub arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations
        """,
        """
        Resources:
          Fn:
            Type: AWS::Lambda::Function
            Properties:
              Runtime: python3.12
              Handler: index.handler
              Role: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/fn
              Code: {ZipFile: "def handler(event, context): pass"}
          Permission:
            Type: AWS::Lambda::Permission
            Properties:
              FunctionName: !Ref Fn
              Action: lambda:InvokeFunction
              Principal: apigateway.amazonaws.com
              SourceArn: !Join ["", [!Sub "arn:${AWS::Partition}:execute-api:${AWS::Region}:", !Ref AWS::AccountId, ":api/*"]]
          Method:
            Type: AWS::ApiGateway::Method
            Properties:
              RestApiId: api
              ResourceId: res
              HttpMethod: GET
              AuthorizationType: NONE
              Integration:
                Type: AWS_PROXY
                IntegrationHttpMethod: POST
                Uri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations
        """,
        id="join_piece_and_integration_uri",
    ),
    pytest.param(
        """
        Resources:
          Key:
            Type: AWS::KMS::Key
            Properties:
              KeyPolicy:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal: {Service: logs.us-east-1.amazonaws.com}
                    Action: kms:Encrypt*
                    Resource: "*"
          Plan:
            Type: AWS::Backup::BackupPlan
            Properties:
              BackupPlan:
                BackupPlanName: daily
                BackupPlanRule:
                  - RuleName: daily
                    TargetBackupVault: Default
                    CopyActions:
                      - DestinationBackupVaultArn: arn:aws:backup:us-west-2:111122223333:backup-vault:Default
          Layered:
            Type: AWS::Lambda::LayerVersionPermission
            Properties:
              Action: lambda:GetLayerVersion
              LayerVersionArn: arn:aws:lambda:us-east-1:111122223333:layer:tools:3
              Principal: "*"
        """,
        """
        Resources:
          Key:
            Type: AWS::KMS::Key
            Properties:
              KeyPolicy:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal: {Service: !Sub "logs.${AWS::Region}.${AWS::URLSuffix}"}
                    Action: kms:Encrypt*
                    Resource: "*"
          Plan:
            Type: AWS::Backup::BackupPlan
            Properties:
              BackupPlan:
                BackupPlanName: daily
                BackupPlanRule:
                  - RuleName: daily
                    TargetBackupVault: Default
                    CopyActions:
                      - DestinationBackupVaultArn: arn:aws:backup:us-west-2:111122223333:backup-vault:Default
          Layered:
            Type: AWS::Lambda::LayerVersionPermission
            Properties:
              Action: lambda:GetLayerVersion
              LayerVersionArn: !Sub arn:${AWS::Partition}:lambda:${AWS::Region}:111122223333:layer:tools:3
              Principal: "*"
        """,
        id="majority_home_cross_region_copy_stays",
    ),
]

# Cases run with --region.
REPAIRED_WITH_REGION = [
    pytest.param(
        """
        Description: Queue worker for us-east-1
        Resources:
          Queue:
            Type: AWS::SQS::Queue
        """,
        """
        Description: Queue worker for eu-west-1
        Resources:
          Queue:
            Type: AWS::SQS::Queue
        """,
        id="description_single_region",
    ),
    pytest.param(
        """
        Description: Primary in us-east-1, replica in us-west-2
        Resources:
          Logs:
            Type: AWS::Logs::LogGroup
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: web
                  Image: nginx
                  LogConfiguration:
                    LogDriver: awslogs
                    Options:
                      awslogs-region: us-east-1
                      awslogs-group: !Ref Logs
                      awslogs-stream-prefix: web
        """,
        """
        Description: 'Primary in eu-west-1, replica in us-west-2'
        Resources:
          Logs:
            Type: AWS::Logs::LogGroup
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: web
                  Image: nginx
                  LogConfiguration:
                    LogDriver: awslogs
                    Options:
                      awslogs-region: !Ref AWS::Region
                      awslogs-group: !Ref Logs
                      awslogs-stream-prefix: web
        """,
        id="description_home_only_and_literal",
    ),
    pytest.param(
        """
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal: {Service: ec2.amazonaws.com}
                    Action: sts:AssumeRole
              Policies:
                - PolicyName: read
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: ssm:GetParameter
                        Resource: !Sub arn:${AWS::Partition}:ssm:eu-west-1:${AWS::AccountId}:parameter/app/*
                      - Effect: Allow
                        Action: s3:GetObject
                        Resource: !Sub arn:${AWS::Partition}:s3:::${AWS::Region}-assets/*
        """,
        """
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal: {Service: ec2.amazonaws.com}
                    Action: sts:AssumeRole
              Policies:
                - PolicyName: read
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: ssm:GetParameter
                        Resource: !Sub arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/*
                      - Effect: Allow
                        Action: s3:GetObject
                        Resource: !Sub arn:${AWS::Partition}:s3:::${AWS::Region}-assets/*
        """,
        id="requested_region_beats_own_region_uses",
    ),
]

UNCHANGED = [
    pytest.param(
        """
        Resources:
          Subnet:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: vpc-0123456789abcdef0
              CidrBlock: 10.0.0.0/24
              AvailabilityZone: us-east-1a
          Other:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: vpc-0123456789abcdef0
              CidrBlock: 10.0.1.0/24
              AvailabilityZone: !Select [1, !GetAZs us-east-1]
        """,
        id="zones_and_getazs",
    ),
    pytest.param(
        """
        Parameters:
          DeployRegion:
            Type: String
            AllowedValues: [us-east-1, us-west-2]
        Mappings:
          RegionMap:
            us-east-1: {Bucket: assets-use1}
            us-west-2: {Bucket: assets-usw2}
        Conditions:
          IsUsEast1: !Equals [!Ref AWS::Region, us-east-1]
        Rules:
          OnlyUsEast1:
            Assertions:
              - Assert: !Equals [!Ref AWS::Region, us-east-1]
        Resources:
          Queue:
            Type: AWS::SQS::Queue
        """,
        id="parameters_mappings_conditions_rules",
    ),
    pytest.param(
        """
        Resources:
          Distribution:
            Type: AWS::CloudFront::Distribution
            Properties:
              DistributionConfig:
                Enabled: true
                WebACLId: arn:aws:wafv2:us-east-1:111122223333:global/webacl/site/abc
                DefaultCacheBehavior:
                  TargetOriginId: site
                  ViewerProtocolPolicy: redirect-to-https
                  LambdaFunctionAssociations:
                    - EventType: viewer-request
                      LambdaFunctionARN: arn:aws:lambda:us-east-1:111122223333:function:edge:3
                ViewerCertificate:
                  AcmCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
                  SslSupportMethod: sni-only
        """,
        id="cloudfront_certificate_and_edge",
    ),
    pytest.param(
        """
        Resources:
          Acl:
            Type: AWS::WAFv2::IPSet
            Properties:
              Scope: CLOUDFRONT
              IPAddressVersion: IPV4
              Addresses: []
              Description: blocks for us-east-1
        """,
        id="wafv2_cloudfront_scope",
    ),
    pytest.param(
        """
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
            Properties:
              ReplicationConfiguration:
                Role: arn:aws:iam::111122223333:role/replication
                Rules:
                  - Status: Enabled
                    Destination:
                      Bucket: arn:aws:s3:::replica
                      EncryptionConfiguration:
                        ReplicaKmsKeyID: arn:aws:kms:us-east-1:111122223333:key/abc
          Table:
            Type: AWS::DynamoDB::GlobalTable
            Properties:
              Replicas:
                - Region: us-east-1
                - Region: us-west-2
        """,
        id="replication_and_global_table",
    ),
    pytest.param(
        """
        Conditions:
          IsUsEast1: !Equals [!Ref AWS::Region, us-east-1]
        Resources:
          Record:
            Type: AWS::Route53::RecordSet
            Properties:
              HostedZoneName: example.com.
              Name: api.example.com.
              Type: CNAME
              SetIdentifier: east
              Region: us-east-1
              TTL: "60"
              ResourceRecords: [api-east.example.com]
          Certificate:
            Type: AWS::CertificateManager::Certificate
            Condition: IsUsEast1
            Properties:
              DomainName: example.com
              CertificateAuthorityArn: arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/abc
        """,
        id="route53_and_region_conditioned_certificate",
    ),
    pytest.param(
        """
        Description: Service in us-east-1
        Resources:
          Plan:
            Type: AWS::Backup::BackupPlan
            Properties:
              BackupPlan:
                BackupPlanName: daily
                BackupPlanRule:
                  - RuleName: daily
                    TargetBackupVault: Default
                    CopyActions:
                      - DestinationBackupVaultArn: arn:aws:backup:us-west-2:111122223333:backup-vault:Default
        """,
        id="cross_region_reference",
    ),
    pytest.param(
        """
        Resources:
          Logs:
            Type: AWS::Logs::LogGroup
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: web
                  Image: nginx
                  LogConfiguration:
                    LogDriver: awslogs
                    Options:
                      awslogs-region: us-east-1
                      awslogs-group: !Ref Logs
          Writer:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: logs:*
                    Resource:
                      - !Sub arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:a
                      - !Sub arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:b
        """,
        id="own_region_majority_keeps_single_literal",
    ),
    pytest.param(
        """
        Resources:
          Stack:
            Type: AWS::CloudFormation::Stack
            Properties:
              TemplateURL: https://s3.us-east-1.amazonaws.com/shared-templates/vpc.yaml
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: web
                  Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/team/web:1.0
          Bucket:
            Type: AWS::S3::Bucket
            Properties:
              BucketName: logs-archive-us-east-1
          Peering:
            Type: AWS::EC2::VPCPeeringConnection
            Properties:
              VpcId: vpc-0123456789abcdef0
              PeerVpcId: vpc-0fedcba9876543210
              PeerRegion: us-east-1
        """,
        id="external_bucket_image_name_peer",
    ),
    pytest.param(
        """
        Mappings:
          Settings:
            us-east-1: {Size: small}
        Conditions:
          IsUsEast1: !Equals [!Ref AWS::Region, us-east-1]
        Resources:
          Queue:
            Type: AWS::SQS::Queue
            Properties:
              QueueName: !If [IsUsEast1, jobs-us-east-1, jobs]
          Parameter:
            Type: AWS::SSM::Parameter
            Properties:
              Type: String
              Value: !FindInMap [Settings, us-east-1, Size]
        """,
        id="find_in_map_key_and_region_if",
    ),
    pytest.param(
        """
        Description: Worker in us-east-1
        Resources:
          Instance:
            Type: AWS::EC2::Instance
            Metadata:
              cfn-fixer:
                ignore: [FX103]
            Properties:
              ImageId: ami-0123456789abcdef0
              Tags:
                - Key: region
                  Value: us-east-1
        """,
        id="suppressed_resource",
    ),
]


@pytest.mark.parametrize(("before", "expected"), REPAIRED)
def test_region_literal_rewritten(before, expected):
    before, expected = textwrap.dedent(before), textwrap.dedent(expected)
    output, changes = fix_yaml(before, FIX)
    assert output == expected
    assert changes
    _check_repaired(before, output)


@pytest.mark.parametrize(("before", "expected"), REPAIRED_WITH_REGION)
def test_region_option_names_deploy_region(before, expected):
    before, expected = textwrap.dedent(before), textwrap.dedent(expected)
    output, changes = fix_yaml(before, FIX, region="eu-west-1")
    assert output == expected
    assert changes
    _check_repaired(before, output, region="eu-west-1")


@pytest.mark.parametrize("before", UNCHANGED)
def test_region_deliberate_unchanged(before):
    before = textwrap.dedent(before)
    output, changes = fix_yaml(before, FIX)
    assert changes == []
    assert output == before


# With --region us-east-1 a literal us-east-1 is the stack's own region by definition.
UNCHANGED_WITH_OPTION = [case for case in UNCHANGED
                         if case.id != "own_region_majority_keeps_single_literal"]


@pytest.mark.parametrize("before", UNCHANGED_WITH_OPTION)
def test_region_deliberate_unchanged_with_option(before):
    before = textwrap.dedent(before)
    output, changes = fix_yaml(before, FIX, region="us-east-1")
    assert changes == []
    assert output == before


def test_region_cross_region_reported():
    messages = _notices("""
        Description: Service in us-east-1
        Resources:
          Plan:
            Type: AWS::Backup::BackupPlan
            Properties:
              BackupPlan:
                BackupPlanName: daily
                BackupPlanRule:
                  - RuleName: daily
                    TargetBackupVault: Default
                    CopyActions:
                      - DestinationBackupVaultArn: arn:aws:backup:us-west-2:111122223333:backup-vault:Default
        """)
    assert messages == ["us-west-2 is not the stack's home region; left as written"]


def test_region_cloudfront_certificate_reported():
    messages = _notices("""
        Resources:
          Distribution:
            Type: AWS::CloudFront::Distribution
            Properties:
              DistributionConfig:
                Enabled: true
                ViewerCertificate:
                  AcmCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
        """)
    reason = "CloudFront needs its ACM certificate in us-east-1"
    assert messages == [f"region left as written: {reason}"]


def test_region_invalid_option_ignored():
    text = """
        Description: Worker in us-east-1
        Resources:
          Queue:
            Type: AWS::SQS::Queue
        """
    output, changes = fix_yaml(text, FIX, region="moon-1")
    assert changes == []
    expected = "--region 'moon-1' is not a region name; ignored"
    assert expected in _notices(text, region="moon-1")


def test_region_json_template_repaired():
    before = textwrap.dedent("""\
        {
          "Resources": {
            "Logs": {"Type": "AWS::Logs::LogGroup"},
            "Task": {
              "Type": "AWS::ECS::TaskDefinition",
              "Properties": {
                "ContainerDefinitions": [{
                  "Name": "web",
                  "Image": "nginx",
                  "Command": ["aws", "s3", "ls", "--region", "us-east-1"],
                  "LogConfiguration": {
                    "LogDriver": "awslogs",
                    "Options": {
                      "awslogs-region": "us-east-1",
                      "awslogs-group": {"Ref": "Logs"},
                      "awslogs-stream-prefix": "web"
                    }
                  }
                }]
              }
            }
          }
        }
        """)
    output, changes = fix_json(before, FIX)
    assert '"awslogs-region": {"Ref": "AWS::Region"}' in output
    assert '"Command": ["aws", "s3", "ls", "--region", "us-east-1"]' in output
    assert len(changes) == 1
    _check_repaired(before, output, "json")


def test_region_user_data_script_stays_literal_block():
    before = textwrap.dedent("""\
        Resources:
          Script:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0123456789abcdef0
              UserData:
                Fn::Base64: !Sub |
                  #!/bin/bash
                  # signal the stack
                  /opt/aws/bin/cfn-signal -e 0 --stack ${AWS::StackName} --region us-east-1

                  echo done
        """)
    output, _ = fix_yaml(before, "FX103")
    assert output == before.replace("--region us-east-1", "--region ${AWS::Region}")


def test_region_quoted_script_becomes_literal_block():
    before = textwrap.dedent("""\
        Resources:
          Script:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0123456789abcdef0
              UserData:
                Fn::Base64:
                  Fn::Sub: "#!/bin/bash\\naws ssm get-parameter --region us-east-1 --name x\\n"
        """)
    output, _ = fix_yaml(before, "FX103")
    assert "Fn::Sub: |\n" in output
    assert "aws ssm get-parameter --region ${AWS::Region} --name x\n" in output
    assert load(output)["Resources"]["Script"]["Properties"]["UserData"]["Fn::Base64"]["Fn::Sub"] == (
        "#!/bin/bash\naws ssm get-parameter --region ${AWS::Region} --name x\n"
    )


def test_region_script_not_literal_safe_reported():
    # A first line that starts with a space needs an indentation indicator,
    # which the writer does not emit, so the script is left and reported.
    before = textwrap.dedent("""\
        Resources:
          Script:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0123456789abcdef0
              UserData:
                Fn::Base64:
                  Fn::Sub: "  indented\\naws s3 ls --region us-east-1\\n"
        """)
    output, changes = fix_yaml(before, "FX103")
    assert output == before
    assert changes == []
