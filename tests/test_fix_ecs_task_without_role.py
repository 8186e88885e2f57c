"""FX204: ECS task definitions without a task role get a least-privilege one."""

from __future__ import annotations

import textwrap

import pytest

from fixer.api import repair
from fixer.engine import Options
from helpers import dangling_references, fix_json, fix_yaml, lint_findings, load

# -- cases ----------------------------------------------------------------------------

REPAIRED_YAML = [
    pytest.param(
        """\
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: web
                  Image: nginx
                  Memory: 256
        """,
        """\
        Resources:
          TaskTaskRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: '2012-10-17'
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: ecs-tasks.amazonaws.com
                    Action: sts:AssumeRole
                    Condition:
                      StringEquals:
                        aws:SourceAccount: !Ref AWS::AccountId
                      ArnLike:
                        aws:SourceArn: !Sub arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:*
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: web
                  Image: nginx
                  Memory: 256
              TaskRoleArn: !GetAtt TaskTaskRole.Arn
        """,
        id="no-uses",
    ),
    pytest.param(
        """\
        Resources:
          Uploads:
            Type: AWS::S3::Bucket
          Logs:
            Type: AWS::S3::Bucket
          DatabaseSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              GenerateSecretString:
                SecretStringTemplate: '{"username": "admin"}'
                GenerateStringKey: password
          Database:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: "20"
              MasterUsername: !Sub "{{resolve:secretsmanager:${DatabaseSecret}:SecretString:username}}"
              MasterUserPassword: !Sub "{{resolve:secretsmanager:${DatabaseSecret}:SecretString:password}}"
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: app
                  Image: app
                  Memory: 512
                  Command: [sync, !Sub "s3://${Uploads}/incoming"]
                  Environment:
                    - Name: DB_HOST
                      Value: !GetAtt Database.Endpoint.Address
        """,
        """\
        Resources:
          Uploads:
            Type: AWS::S3::Bucket
          Logs:
            Type: AWS::S3::Bucket
          DatabaseSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              GenerateSecretString:
                SecretStringTemplate: '{"username": "admin"}'
                GenerateStringKey: password
          Database:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: "20"
              MasterUsername: !Sub "{{resolve:secretsmanager:${DatabaseSecret}:SecretString:username}}"
              MasterUserPassword: !Sub "{{resolve:secretsmanager:${DatabaseSecret}:SecretString:password}}"
          TaskTaskRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: ecs-tasks.amazonaws.com
                    Action: sts:AssumeRole
                    Condition:
                      StringEquals:
                        aws:SourceAccount: !Ref AWS::AccountId
                      ArnLike:
                        aws:SourceArn: !Sub arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:*
              Policies:
                - PolicyName: TaskResourceAccess
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: secretsmanager:GetSecretValue
                        Resource:
                          - !Ref DatabaseSecret
                      - Effect: Allow
                        Action:
                          - s3:GetObject
                          - s3:PutObject
                        Resource:
                          - !Sub "${Uploads.Arn}/*"
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: app
                  Image: app
                  Memory: 512
                  Command: [sync, !Sub "s3://${Uploads}/incoming"]
                  Environment:
                    - Name: DB_HOST
                      Value: !GetAtt Database.Endpoint.Address
              TaskRoleArn: !GetAtt TaskTaskRole.Arn
        """,
        id="bucket-and-database",
    ),
    pytest.param(
        """\
        Resources:
          DataKey:
            Type: AWS::KMS::Key
            Properties:
              KeyPolicy:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal:
                      AWS: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:root
                    Action: kms:*
                    Resource: "*"
          Reports:
            Type: AWS::S3::Bucket
            Properties:
              BucketEncryption:
                ServerSideEncryptionConfiguration:
                  - ServerSideEncryptionByDefault:
                      SSEAlgorithm: aws:kms
                      KMSMasterKeyID: !GetAtt DataKey.Arn
          ApiSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              KmsKeyId: !Ref DataKey
              GenerateSecretString: {}
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: app
                  Image: app
                  Memory: 512
                  Environment:
                    - Name: API_SECRET_ARN
                      Value: !Ref ApiSecret
                    - Name: REPORT_BUCKET
                      Value: !Ref Reports
        """,
        """\
        Resources:
          DataKey:
            Type: AWS::KMS::Key
            Properties:
              KeyPolicy:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal:
                      AWS: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:root
                    Action: kms:*
                    Resource: "*"
          Reports:
            Type: AWS::S3::Bucket
            Properties:
              BucketEncryption:
                ServerSideEncryptionConfiguration:
                  - ServerSideEncryptionByDefault:
                      SSEAlgorithm: aws:kms
                      KMSMasterKeyID: !GetAtt DataKey.Arn
          ApiSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              KmsKeyId: !Ref DataKey
              GenerateSecretString: {}
          TaskTaskRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: ecs-tasks.amazonaws.com
                    Action: sts:AssumeRole
                    Condition:
                      StringEquals:
                        aws:SourceAccount: !Ref AWS::AccountId
                      ArnLike:
                        aws:SourceArn: !Sub arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:*
              Policies:
                - PolicyName: TaskResourceAccess
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: secretsmanager:GetSecretValue
                        Resource:
                          - !Ref ApiSecret
                      - Effect: Allow
                        Action:
                          - s3:GetObject
                          - s3:PutObject
                        Resource:
                          - !Sub "${Reports.Arn}/*"
                      - Effect: Allow
                        Action:
                          - kms:Decrypt
                          - kms:GenerateDataKey
                        Resource:
                          - !GetAtt DataKey.Arn
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: app
                  Image: app
                  Memory: 512
                  Environment:
                    - Name: API_SECRET_ARN
                      Value: !Ref ApiSecret
                    - Name: REPORT_BUCKET
                      Value: !Ref Reports
              TaskRoleArn: !GetAtt TaskTaskRole.Arn
        """,
        id="secret-and-keys",
    ),
    pytest.param(
        """\
        Conditions:
          IsProd: !Equals [!Ref AWS::Region, us-east-1]
          HasArchive: !Equals [!Ref AWS::Region, eu-west-1]
        Resources:
          Archive:
            Type: AWS::S3::Bucket
            Condition: HasArchive
          DBSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              GenerateSecretString: {}
          ExecutionRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: ecs-tasks.amazonaws.com
                    Action: sts:AssumeRole
          Task:
            Type: AWS::ECS::TaskDefinition
            Condition: IsProd
            Properties:
              ExecutionRoleArn: !GetAtt ExecutionRole.Arn
              ContainerDefinitions:
                - Name: app
                  Image: app
                  Memory: 512
                  Secrets:
                    - Name: DB_PASSWORD
                      ValueFrom: !Sub "${DBSecret}:password::"
                  Environment:
                    - Name: ARCHIVE
                      Value: !If [HasArchive, !Ref Archive, none]
        """,
        """\
        Conditions:
          IsProd: !Equals [!Ref AWS::Region, us-east-1]
          HasArchive: !Equals [!Ref AWS::Region, eu-west-1]
        Resources:
          Archive:
            Type: AWS::S3::Bucket
            Condition: HasArchive
          DBSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              GenerateSecretString: {}
          ExecutionRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: ecs-tasks.amazonaws.com
                    Action: sts:AssumeRole
          TaskTaskRole:
            Type: AWS::IAM::Role
            Condition: IsProd
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: ecs-tasks.amazonaws.com
                    Action: sts:AssumeRole
                    Condition:
                      StringEquals:
                        aws:SourceAccount: !Ref AWS::AccountId
                      ArnLike:
                        aws:SourceArn: !Sub arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:*
          Task:
            Type: AWS::ECS::TaskDefinition
            Condition: IsProd
            Properties:
              ExecutionRoleArn: !GetAtt ExecutionRole.Arn
              ContainerDefinitions:
                - Name: app
                  Image: app
                  Memory: 512
                  Secrets:
                    - Name: DB_PASSWORD
                      ValueFrom: !Sub "${DBSecret}:password::"
                  Environment:
                    - Name: ARCHIVE
                      Value: !If [HasArchive, !Ref Archive, none]
              TaskRoleArn: !GetAtt TaskTaskRole.Arn
        """,
        id="secrets-field-and-condition",
    ),
    pytest.param(
        """\
        Resources:
          ClusterSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              GenerateSecretString:
                SecretStringTemplate: '{"username": "admin"}'
                GenerateStringKey: password
          Cluster:
            Type: AWS::RDS::DBCluster
            Properties:
              Engine: aurora-mysql
              MasterUsername: admin
              MasterUserPassword: !Join ["", ["{{resolve:secretsmanager:", !Ref ClusterSecret, ":SecretString:password}}"]]
          Instance:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: aurora-mysql
              DBClusterIdentifier: !Ref Cluster
              DBInstanceClass: db.r6g.large
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: app
                  Image: app
                  Memory: 512
                  Environment:
                    - Name: DB_HOST
                      Value: !GetAtt Instance.Endpoint.Address
          TaskTaskRole:
            Type: AWS::SNS::Topic
        """,
        """\
        Resources:
          ClusterSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              GenerateSecretString:
                SecretStringTemplate: '{"username": "admin"}'
                GenerateStringKey: password
          Cluster:
            Type: AWS::RDS::DBCluster
            Properties:
              Engine: aurora-mysql
              MasterUsername: admin
              MasterUserPassword: !Join ["", ["{{resolve:secretsmanager:", !Ref ClusterSecret, ":SecretString:password}}"]]
          Instance:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: aurora-mysql
              DBClusterIdentifier: !Ref Cluster
              DBInstanceClass: db.r6g.large
          TaskTaskRole2:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: '2012-10-17'
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: ecs-tasks.amazonaws.com
                    Action: sts:AssumeRole
                    Condition:
                      StringEquals:
                        aws:SourceAccount: !Ref AWS::AccountId
                      ArnLike:
                        aws:SourceArn: !Sub arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:*
              Policies:
                - PolicyName: TaskResourceAccess
                  PolicyDocument:
                    Version: '2012-10-17'
                    Statement:
                      - Effect: Allow
                        Action: secretsmanager:GetSecretValue
                        Resource:
                          - !Ref ClusterSecret
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: app
                  Image: app
                  Memory: 512
                  Environment:
                    - Name: DB_HOST
                      Value: !GetAtt Instance.Endpoint.Address
              TaskRoleArn: !GetAtt TaskTaskRole2.Arn
          TaskTaskRole:
            Type: AWS::SNS::Topic
        """,
        id="aurora-instance",
    ),
]

REPAIRED_JSON = [
    pytest.param(
        """\
        {
          "Conditions": {
            "IsProd": {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]}
          },
          "Resources": {
            "Media": {"Type": "AWS::S3::Bucket"},
            "Task": {
              "Type": "AWS::ECS::TaskDefinition",
              "Condition": "IsProd",
              "Properties": {
                "ContainerDefinitions": [
                  {
                    "Name": "app",
                    "Image": "app",
                    "Memory": 512,
                    "Environment": [
                      {"Name": "MEDIA_BUCKET_ARN", "Value": {"Fn::GetAtt": ["Media", "Arn"]}}
                    ]
                  }
                ]
              }
            }
          }
        }
        """,
        """\
        {
          "Conditions": {
            "IsProd": {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]}
          },
          "Resources": {
            "Media": {"Type": "AWS::S3::Bucket"},
            "TaskTaskRole": {
              "Type": "AWS::IAM::Role",
              "Condition": "IsProd",
              "Properties": {
                "AssumeRolePolicyDocument": {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Principal": {
                        "Service": "ecs-tasks.amazonaws.com"
                      },
                      "Action": "sts:AssumeRole",
                      "Condition": {
                        "StringEquals": {
                          "aws:SourceAccount": {
                            "Ref": "AWS::AccountId"
                          }
                        },
                        "ArnLike": {
                          "aws:SourceArn": {
                            "Fn::Sub": "arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:*"
                          }
                        }
                      }
                    }
                  ]
                },
                "Policies": [
                  {
                    "PolicyName": "TaskResourceAccess",
                    "PolicyDocument": {
                      "Version": "2012-10-17",
                      "Statement": [
                        {
                          "Effect": "Allow",
                          "Action": [
                            "s3:GetObject",
                            "s3:PutObject"
                          ],
                          "Resource": [
                            {
                              "Fn::Sub": "${Media.Arn}/*"
                            }
                          ]
                        }
                      ]
                    }
                  }
                ]
              }
            },
            "Task": {
              "Type": "AWS::ECS::TaskDefinition",
              "Condition": "IsProd",
              "Properties": {
                "ContainerDefinitions": [
                  {
                    "Name": "app",
                    "Image": "app",
                    "Memory": 512,
                    "Environment": [
                      {"Name": "MEDIA_BUCKET_ARN", "Value": {"Fn::GetAtt": ["Media", "Arn"]}}
                    ]
                  }
                ],
                "TaskRoleArn": {
                  "Fn::GetAtt": [
                    "TaskTaskRole",
                    "Arn"
                  ]
                }
              }
            }
          }
        }
        """,
        id="bucket-arn-condition",
    ),
]

UNCHANGED_YAML = [
    pytest.param(
        """\
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: ecs-tasks.amazonaws.com
                    Action: sts:AssumeRole
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              TaskRoleArn: !GetAtt Role.Arn
              ContainerDefinitions:
                - Name: web
                  Image: nginx
                  Memory: 256
        """,
        id="has-role",
    ),
    pytest.param(
        """\
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              TaskRoleArn: arn:aws:iam::123456789012:role/web
              ContainerDefinitions:
                - Name: web
                  Image: nginx
                  Memory: 256
        """,
        id="literal-role",
    ),
    pytest.param(
        """\
        Parameters:
          TaskRole:
            Type: String
            Default: ""
        Conditions:
          HasTaskRole: !Not [!Equals [!Ref TaskRole, ""]]
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              TaskRoleArn: !If [HasTaskRole, !Ref TaskRole, !Ref AWS::NoValue]
              ContainerDefinitions:
                - Name: web
                  Image: nginx
                  Memory: 256
        """,
        id="conditional-role",
    ),
    pytest.param(
        """\
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Metadata:
              cfn-fixer:
                ignore: [FX204]
            Properties:
              ContainerDefinitions:
                - Name: web
                  Image: nginx
                  Memory: 256
        """,
        id="suppressed",
    ),
    pytest.param(
        """\
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
        """,
        id="no-task",
    ),
    pytest.param(
        """\
        Parameters:
          TaskRoleArn:
            Type: String
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              TaskRoleArn: !Ref TaskRoleArn
              ContainerDefinitions:
                - Name: web
                  Image: nginx
                  Memory: 256
        """,
        id="parameter-role",
    ),
    pytest.param(
        """\
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              TaskRoleArn: !ImportValue shared-task-role-arn
              ContainerDefinitions:
                - Name: web
                  Image: nginx
                  Memory: 256
        """,
        id="imported-role",
    ),
]

ALL_PASSWORD_FIXES = """\
Parameters:
  DBPassword:
    Type: String
    NoEcho: true
Resources:
  Assets:
    Type: AWS::S3::Bucket
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      MasterUsername: app
      MasterUserPassword: !Ref DBPassword
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      Cpu: "256"
      Memory: "512"
      ContainerDefinitions:
        - Name: app
          Image: app
          Environment:
            - Name: DB_HOST
              Value: !GetAtt Database.Endpoint.Address
            - Name: DB_PASSWORD
              Value: !Ref DBPassword
            - Name: ASSETS
              Value: !Ref Assets
"""


# -- checks ---------------------------------------------------------------------------


def _case(table: list, case_id: str) -> str:
    return next(param.values[0] for param in table if param.id == case_id)


def _statements(data: dict) -> list[dict]:
    return [
        statement
        for resource in data["Resources"].values()
        if resource["Type"] == "AWS::IAM::Role"
        for policy in resource["Properties"].get("Policies", [])
        for statement in policy["PolicyDocument"]["Statement"]
    ]


def _assert_repaired(before: str, expected: str, format: str) -> None:
    fix = fix_yaml if format == "yaml" else fix_json
    output, changes = fix(before, "FX204")
    assert output == textwrap.dedent(expected)
    assert changes
    assert all(change.fix_id == "FX204" for change in changes)

    lint_before = set(lint_findings(textwrap.dedent(before)))
    lint_after = lint_findings(output)
    assert [finding for finding in lint_after if finding.startswith("E")] == []
    assert set(lint_after) - lint_before == set()
    data = load(output, format)
    assert dangling_references(data) == []
    for statement in _statements(data):
        assert statement["Resource"] != "*"
        assert "*" not in statement["Resource"]

    again, again_changes = fix(output, "FX204")
    assert again == output
    assert again_changes == []


@pytest.mark.parametrize(("before", "expected"), REPAIRED_YAML)
def test_task_role_yaml_repaired(before, expected):
    _assert_repaired(before, expected, "yaml")


@pytest.mark.parametrize(("before", "expected"), REPAIRED_JSON)
def test_task_role_json_repaired(before, expected):
    _assert_repaired(before, expected, "json")


@pytest.mark.parametrize("text", UNCHANGED_YAML)
def test_task_role_yaml_unchanged(text):
    output, changes = fix_yaml(text, "FX204")
    assert output == textwrap.dedent(text)
    assert changes == []


def test_task_role_trusts_only_this_account():
    output, _ = fix_yaml(_case(REPAIRED_YAML, "no-uses"), "FX204")
    role = load(output)["Resources"]["TaskTaskRole"]["Properties"]
    (statement,) = role["AssumeRolePolicyDocument"]["Statement"]
    assert statement["Principal"] == {"Service": "ecs-tasks.amazonaws.com"}
    assert statement["Condition"] == {
        "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}},
        "ArnLike": {
            "aws:SourceArn": {
                "Fn::Sub": "arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:*"
            }
        },
    }
    assert "Policies" not in role


def test_task_role_notice_for_unshared_condition():
    text = textwrap.dedent(_case(REPAIRED_YAML, "secrets-field-and-condition"))
    result = repair(text, "t.yaml", Options(select=frozenset({"FX204"})))
    assert [(notice.path, notice.message) for notice in result.notices] == [
        (
            ("Resources", "Task"),
            "'Archive' has Condition 'HasArchive', which the task definition does not "
            "share; the task role gets no grant on it",
        )
    ]


def test_task_role_after_password_fixes():
    result = repair(ALL_PASSWORD_FIXES, "t.yaml", Options(select=frozenset({"FX20"})))
    assert result.error is None
    data = load(result.output)
    task = data["Resources"]["Task"]["Properties"]
    assert task["TaskRoleArn"] == {"Fn::GetAtt": ["TaskTaskRole", "Arn"]}
    assert task["ExecutionRoleArn"] == {"Fn::GetAtt": ["TaskExecutionRole", "Arn"]}
    assert _statements({"Resources": {"R": data["Resources"]["TaskTaskRole"]}}) == [
        {
            "Effect": "Allow",
            "Action": "secretsmanager:GetSecretValue",
            "Resource": [{"Ref": "DatabaseSecret"}],
        },
        {
            "Effect": "Allow",
            "Action": ["s3:GetObject", "s3:PutObject"],
            "Resource": [{"Fn::Sub": "${Assets.Arn}/*"}],
        },
    ]
    assert [
        finding for finding in lint_findings(result.output) if finding[0] in "EW"
    ] == []
    assert dangling_references(data) == []
    again = repair(result.output, "t.yaml", Options(select=frozenset({"FX20"})))
    assert again.output == result.output
