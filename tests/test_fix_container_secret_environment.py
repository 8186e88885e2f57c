"""FX203: container environment variables that read secrets move to ECS Secrets."""

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
          DBSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              GenerateSecretString:
                SecretStringTemplate: '{"username": "app"}'
                GenerateStringKey: password
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              RequiresCompatibilities: [FARGATE]
              NetworkMode: awsvpc
              Cpu: "256"
              Memory: "512"
              TaskRoleArn: !GetAtt AppRole.Arn
              ContainerDefinitions:
                - Name: app
                  Image: nginx
                  Environment:
                    - Name: STAGE
                      Value: prod
                    - Name: DB_PASSWORD
                      Value: !Sub "{{resolve:secretsmanager:${DBSecret}:SecretString:password}}"
          AppRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: ecs-tasks.amazonaws.com
                    Action: sts:AssumeRole
        """,
        """\
        Resources:
          DBSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              GenerateSecretString:
                SecretStringTemplate: '{"username": "app"}'
                GenerateStringKey: password
          TaskExecutionRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: ecs-tasks.amazonaws.com
                    Action: sts:AssumeRole
              ManagedPolicyArns:
                - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
              Policies:
                - PolicyName: ReadContainerSecrets
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: secretsmanager:GetSecretValue
                        Resource:
                          - !Ref DBSecret
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              RequiresCompatibilities: [FARGATE]
              NetworkMode: awsvpc
              Cpu: "256"
              Memory: "512"
              TaskRoleArn: !GetAtt AppRole.Arn
              ContainerDefinitions:
                - Name: app
                  Image: nginx
                  Environment:
                    - Name: STAGE
                      Value: prod
                  Secrets:
                    - Name: DB_PASSWORD
                      ValueFrom: !Sub "${DBSecret}:password::"
              ExecutionRoleArn: !GetAtt TaskExecutionRole.Arn
          AppRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: ecs-tasks.amazonaws.com
                    Action: sts:AssumeRole
        """,
        id="new-role",
    ),
    pytest.param(
        """\
        Resources:
          DBSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              GenerateSecretString:
                SecretStringTemplate: '{"username": "app"}'
                GenerateStringKey: password
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
              ManagedPolicyArns:
                - arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
              Policies:
                - PolicyName: Logs
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: logs:CreateLogGroup
                        Resource: !Sub arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ExecutionRoleArn: !GetAtt ExecutionRole.Arn
              TaskRoleArn: !GetAtt ExecutionRole.Arn
              ContainerDefinitions:
                - Name: app
                  Image: nginx
                  Memory: 512
                  Environment:
                    - Name: DB_USER
                      Value: !Sub "{{resolve:secretsmanager:${DBSecret}:SecretString:username}}"
                    - Name: DB_PASSWORD
                      Value: !Sub "{{resolve:secretsmanager:${DBSecret}:SecretString:password}}"
        """,
        """\
        Resources:
          DBSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              GenerateSecretString:
                SecretStringTemplate: '{"username": "app"}'
                GenerateStringKey: password
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
              ManagedPolicyArns:
                - arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
              Policies:
                - PolicyName: Logs
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: logs:CreateLogGroup
                        Resource: !Sub arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*
                - PolicyName: ReadContainerSecrets
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: secretsmanager:GetSecretValue
                        Resource:
                          - !Ref DBSecret
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ExecutionRoleArn: !GetAtt ExecutionRole.Arn
              TaskRoleArn: !GetAtt ExecutionRole.Arn
              ContainerDefinitions:
                - Name: app
                  Image: nginx
                  Memory: 512
                  Secrets:
                    - Name: DB_USER
                      ValueFrom: !Sub "${DBSecret}:username::"
                    - Name: DB_PASSWORD
                      ValueFrom: !Sub "${DBSecret}:password::"
        """,
        id="existing-role-policies",
    ),
    pytest.param(
        """\
        Resources:
          SecretKey:
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
          ApiSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              Name: prod/api
              KmsKeyId: !Ref SecretKey
              GenerateSecretString:
                GenerateStringKey: key
                SecretStringTemplate: '{}'
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
            Properties:
              ExecutionRoleArn: !Sub "${ExecutionRole.Arn}"
              TaskRoleArn: !GetAtt ExecutionRole.Arn
              ContainerDefinitions:
                - Name: app
                  Image: nginx
                  Memory: 512
                  Secrets:
                    - Name: EXISTING
                      ValueFrom: !Ref ApiSecret
                  Environment:
                    - Name: API_KEY
                      Value: "{{resolve:secretsmanager:prod/api:SecretString:key}}"
        """,
        """\
        Resources:
          SecretKey:
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
          ApiSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              Name: prod/api
              KmsKeyId: !Ref SecretKey
              GenerateSecretString:
                GenerateStringKey: key
                SecretStringTemplate: '{}'
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
              Policies:
                - PolicyName: ReadContainerSecrets
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: secretsmanager:GetSecretValue
                        Resource:
                          - !Ref ApiSecret
                      - Effect: Allow
                        Action: kms:Decrypt
                        Resource:
                          - !GetAtt SecretKey.Arn
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ExecutionRoleArn: !Sub "${ExecutionRole.Arn}"
              TaskRoleArn: !GetAtt ExecutionRole.Arn
              ContainerDefinitions:
                - Name: app
                  Image: nginx
                  Memory: 512
                  Secrets:
                    - Name: EXISTING
                      ValueFrom: !Ref ApiSecret
                    - Name: API_KEY
                      ValueFrom: !Sub "${ApiSecret}:key::"
        """,
        id="customer-key",
    ),
    pytest.param(
        """\
        Resources:
          Token:
            Type: AWS::SecretsManager::Secret
            Properties:
              GenerateSecretString: {}
          Task:
            Type: AWS::ECS::TaskDefinition
            Condition: IsProd
            Properties:
              TaskRoleArn: arn:aws:iam::123456789012:role/app
              ContainerDefinitions:
                - Name: app
                  Image: nginx
                  Memory: 512
                  Environment:
                    - Name: TOKEN
                      Value: !Join ["", ["{{resolve:secretsmanager:", !Ref Token, "}}"]]
        Conditions:
          IsProd: !Equals [!Ref AWS::Region, us-east-1]
        """,
        """\
        Resources:
          Token:
            Type: AWS::SecretsManager::Secret
            Properties:
              GenerateSecretString: {}
          TaskExecutionRole:
            Type: AWS::IAM::Role
            Condition: IsProd
            Properties:
              AssumeRolePolicyDocument:
                Version: '2012-10-17'
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: ecs-tasks.amazonaws.com
                    Action: sts:AssumeRole
              ManagedPolicyArns:
                - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
              Policies:
                - PolicyName: ReadContainerSecrets
                  PolicyDocument:
                    Version: '2012-10-17'
                    Statement:
                      - Effect: Allow
                        Action: secretsmanager:GetSecretValue
                        Resource:
                          - !Ref Token
          Task:
            Type: AWS::ECS::TaskDefinition
            Condition: IsProd
            Properties:
              TaskRoleArn: arn:aws:iam::123456789012:role/app
              ContainerDefinitions:
                - Name: app
                  Image: nginx
                  Memory: 512
                  Secrets:
                    - Name: TOKEN
                      ValueFrom: !Ref Token
              ExecutionRoleArn: !GetAtt TaskExecutionRole.Arn
        Conditions:
          IsProd: !Equals [!Ref AWS::Region, us-east-1]
        """,
        id="whole-secret-join",
    ),
    pytest.param(
        """\
        Parameters:
          ApiKey:
            Type: String
            NoEcho: true
        Conditions:
          ShowKey: !Equals [!Ref AWS::Region, us-east-1]
        Resources:
          DBSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              GenerateSecretString: {}
        Outputs:
          SecretArn:
            Value: !Ref DBSecret
          Password:
            Value: !Sub "{{resolve:secretsmanager:${DBSecret}:SecretString:password}}"
          User:
            Value: !Sub "{{resolve:secretsmanager:${DBSecret}:SecretString:username}}"
          Key:
            Condition: ShowKey
            Value: !Sub "key=${ApiKey}"
        """,
        """\
        Resources:
          DBSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              GenerateSecretString: {}
        Outputs:
          SecretArn:
            Value: !Ref DBSecret
          User:
            Value: !Sub "{{resolve:secretsmanager:${DBSecret}:SecretString:username}}"
        """,
        id="outputs",
    ),
]

AFTER_PASSWORD_FIX = [
    pytest.param(
        """\
        Parameters:
          DBPassword:
            Type: String
            NoEcho: true
            MinLength: 8
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: "20"
              MasterUsername: admin
              MasterUserPassword: !Ref DBPassword
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              TaskRoleArn: arn:aws:iam::123456789012:role/app
              ContainerDefinitions:
                - Name: app
                  Image: nginx
                  Memory: 512
                  Environment:
                    - Name: DB_PASSWORD
                      Value: !Ref DBPassword
        """,
        """\
        Resources:
          DatabaseSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              Description: Master user credentials for AWS::RDS::DBInstance
              GenerateSecretString:
                SecretStringTemplate: "{\\"username\\": \\"admin\\"}"
                GenerateStringKey: password
                PasswordLength: 32
                ExcludeCharacters: "\\"'/@&\\\\"
          Database:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: "20"
              MasterUsername: !Sub "{{resolve:secretsmanager:${DatabaseSecret}:SecretString:username}}"
              MasterUserPassword: !Sub "{{resolve:secretsmanager:${DatabaseSecret}:SecretString:password}}"
          TaskExecutionRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: ecs-tasks.amazonaws.com
                    Action: sts:AssumeRole
              ManagedPolicyArns:
                - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
              Policies:
                - PolicyName: ReadContainerSecrets
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: secretsmanager:GetSecretValue
                        Resource:
                          - !Ref DatabaseSecret
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              TaskRoleArn: arn:aws:iam::123456789012:role/app
              ContainerDefinitions:
                - Name: app
                  Image: nginx
                  Memory: 512
                  Secrets:
                    - Name: DB_PASSWORD
                      ValueFrom: !Sub "${DatabaseSecret}:password::"
              ExecutionRoleArn: !GetAtt TaskExecutionRole.Arn
        """,
        id="with-password-fix",
    ),
]

REPAIRED_JSON = [
    pytest.param(
        """\
        {
          "Resources": {
            "UserSecret": {
              "Type": "AWS::SecretsManager::Secret",
              "Properties": {"GenerateSecretString": {}}
            },
            "AdminSecret": {
              "Type": "AWS::SecretsManager::Secret",
              "Properties": {"GenerateSecretString": {}}
            },
            "ExecutionRole": {
              "Type": "AWS::IAM::Role",
              "Properties": {
                "AssumeRolePolicyDocument": {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                      "Action": "sts:AssumeRole"
                    }
                  ]
                }
              }
            },
            "UserTask": {
              "Type": "AWS::ECS::TaskDefinition",
              "Properties": {
                "ExecutionRoleArn": {"Fn::GetAtt": ["ExecutionRole", "Arn"]},
                "TaskRoleArn": {"Fn::GetAtt": ["ExecutionRole", "Arn"]},
                "ContainerDefinitions": [
                  {
                    "Name": "app",
                    "Image": "nginx",
                    "Memory": 512,
                    "Environment": [
                      {
                        "Name": "DB_PASSWORD",
                        "Value": {"Fn::Sub": "{{resolve:secretsmanager:${UserSecret}:SecretString:password}}"}
                      }
                    ]
                  }
                ]
              }
            },
            "AdminTask": {
              "Type": "AWS::ECS::TaskDefinition",
              "Properties": {
                "ExecutionRoleArn": {"Fn::GetAtt": ["ExecutionRole", "Arn"]},
                "TaskRoleArn": {"Fn::GetAtt": ["ExecutionRole", "Arn"]},
                "ContainerDefinitions": [
                  {
                    "Name": "admin",
                    "Image": "nginx",
                    "Memory": 512,
                    "Environment": [
                      {"Name": "STAGE", "Value": "prod"},
                      {
                        "Name": "DB_PASSWORD",
                        "Value": {"Fn::Sub": "{{resolve:secretsmanager:${AdminSecret}:SecretString:password}}"}
                      }
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
          "Resources": {
            "UserSecret": {
              "Type": "AWS::SecretsManager::Secret",
              "Properties": {"GenerateSecretString": {}}
            },
            "AdminSecret": {
              "Type": "AWS::SecretsManager::Secret",
              "Properties": {"GenerateSecretString": {}}
            },
            "ExecutionRole": {
              "Type": "AWS::IAM::Role",
              "Properties": {
                "AssumeRolePolicyDocument": {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                      "Action": "sts:AssumeRole"
                    }
                  ]
                },
                "Policies": [
                  {
                    "PolicyName": "ReadContainerSecrets",
                    "PolicyDocument": {
                      "Version": "2012-10-17",
                      "Statement": [
                        {
                          "Effect": "Allow",
                          "Action": "secretsmanager:GetSecretValue",
                          "Resource": [
                            {
                              "Ref": "UserSecret"
                            },
                            {
                              "Ref": "AdminSecret"
                            }
                          ]
                        }
                      ]
                    }
                  }
                ]
              }
            },
            "UserTask": {
              "Type": "AWS::ECS::TaskDefinition",
              "Properties": {
                "ExecutionRoleArn": {"Fn::GetAtt": ["ExecutionRole", "Arn"]},
                "TaskRoleArn": {"Fn::GetAtt": ["ExecutionRole", "Arn"]},
                "ContainerDefinitions": [
                  {
                    "Name": "app",
                    "Image": "nginx",
                    "Memory": 512,
                    "Secrets": [
                      {
                        "Name": "DB_PASSWORD",
                        "ValueFrom": {
                          "Fn::Sub": "${UserSecret}:password::"
                        }
                      }
                    ]
                  }
                ]
              }
            },
            "AdminTask": {
              "Type": "AWS::ECS::TaskDefinition",
              "Properties": {
                "ExecutionRoleArn": {"Fn::GetAtt": ["ExecutionRole", "Arn"]},
                "TaskRoleArn": {"Fn::GetAtt": ["ExecutionRole", "Arn"]},
                "ContainerDefinitions": [
                  {
                    "Name": "admin",
                    "Image": "nginx",
                    "Memory": 512,
                    "Environment": [
                      {"Name": "STAGE", "Value": "prod"}
                    ],
                    "Secrets": [
                      {
                        "Name": "DB_PASSWORD",
                        "ValueFrom": {
                          "Fn::Sub": "${AdminSecret}:password::"
                        }
                      }
                    ]
                  }
                ]
              }
            }
          }
        }
        """,
        id="shared-role",
    ),
]

UNCHANGED_YAML = [
    pytest.param(
        """\
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              TaskRoleArn: arn:aws:iam::123456789012:role/app
              ContainerDefinitions:
                - Name: app
                  Image: nginx
                  Memory: 512
                  Environment:
                    - Name: STAGE
                      Value: prod
                    - Name: DB_SECRET_ARN
                      Value: arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf
        """,
        id="plain-env",
    ),
    pytest.param(
        """\
        Parameters:
          ExecutionRoleArn:
            Type: String
        Resources:
          DBSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              GenerateSecretString: {}
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ExecutionRoleArn: !Ref ExecutionRoleArn
              TaskRoleArn: !Ref ExecutionRoleArn
              ContainerDefinitions:
                - Name: app
                  Image: nginx
                  Memory: 512
                  Environment:
                    - Name: DB_PASSWORD
                      Value: !Sub "{{resolve:secretsmanager:${DBSecret}:SecretString:password}}"
        """,
        id="role-parameter",
    ),
    pytest.param(
        """\
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              TaskRoleArn: arn:aws:iam::123456789012:role/app
              ContainerDefinitions:
                - Name: app
                  Image: nginx
                  Memory: 512
                  Environment:
                    - Name: DB_PASSWORD
                      Value: "{{resolve:secretsmanager:arn:aws:secretsmanager:us-east-1:123456789012:secret:shared-AbCdEf:SecretString:password}}"
        """,
        id="external-secret",
    ),
    pytest.param(
        """\
        Resources:
          DBSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              GenerateSecretString: {}
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              TaskRoleArn: arn:aws:iam::123456789012:role/app
              ContainerDefinitions:
                - Name: app
                  Image: nginx
                  Memory: 512
                  Environment:
                    - Name: DATABASE_URL
                      Value: !Sub "mysql://admin:{{resolve:secretsmanager:${DBSecret}:SecretString:password}}@db:3306/app"
        """,
        id="embedded-reference",
    ),
    pytest.param(
        """\
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              TaskRoleArn: arn:aws:iam::123456789012:role/app
              ContainerDefinitions:
                - Name: app
                  Image: nginx
                  Memory: 512
                  Environment:
                    - Name: GITHUB_TOKEN
                      Value: ghp_example0123456789
        """,
        id="plaintext-token",
    ),
    pytest.param(
        """\
        Resources:
          DBSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              GenerateSecretString: {}
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              TaskRoleArn: arn:aws:iam::123456789012:role/app
              ContainerDefinitions:
                - Name: app
                  Image: nginx
                  Memory: 512
                  Secrets:
                    - Name: DB_PASSWORD
                      ValueFrom: !Ref DBSecret
                  Environment:
                    - Name: DB_PASSWORD
                      Value: !Sub "{{resolve:secretsmanager:${DBSecret}:SecretString:password}}"
        """,
        id="secrets-name-taken",
    ),
    pytest.param(
        """\
        Resources:
          DBSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              KmsKeyId: alias/app-secrets
              GenerateSecretString: {}
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              TaskRoleArn: arn:aws:iam::123456789012:role/app
              ContainerDefinitions:
                - Name: app
                  Image: nginx
                  Memory: 512
                  Environment:
                    - Name: DB_PASSWORD
                      Value: !Sub "{{resolve:secretsmanager:${DBSecret}:SecretString:password}}"
        """,
        id="alias-key",
    ),
    pytest.param(
        """\
        Resources:
          DBSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              GenerateSecretString: {}
          Task:
            Type: AWS::ECS::TaskDefinition
            Metadata:
              cfn-fixer:
                ignore: [container-secret-environment]
            Properties:
              TaskRoleArn: arn:aws:iam::123456789012:role/app
              ContainerDefinitions:
                - Name: app
                  Image: nginx
                  Memory: 512
                  Environment:
                    - Name: DB_PASSWORD
                      Value: !Sub "{{resolve:secretsmanager:${DBSecret}:SecretString:password}}"
        """,
        id="suppressed",
    ),
    pytest.param(
        """\
        Conditions:
          HasDatabase: !Equals [!Ref AWS::Region, us-east-1]
        Resources:
          DBSecret:
            Type: AWS::SecretsManager::Secret
            Condition: HasDatabase
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
            Condition: HasDatabase
            Properties:
              ExecutionRoleArn: !GetAtt ExecutionRole.Arn
              TaskRoleArn: !GetAtt ExecutionRole.Arn
              ContainerDefinitions:
                - Name: app
                  Image: nginx
                  Memory: 512
                  Environment:
                    - Name: DB_PASSWORD
                      Value: !Sub "{{resolve:secretsmanager:${DBSecret}:SecretString:password}}"
        """,
        id="conditional-secret",
    ),
    pytest.param(
        """\
        Resources:
          DBSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              GenerateSecretString: {}
        Outputs:
          User:
            Value: !Sub "{{resolve:secretsmanager:${DBSecret}:SecretString:username}}"
        """,
        id="username-output",
    ),
]

FIRST_VARIABLE = (
    "Resources",
    "Task",
    "Properties",
    "ContainerDefinitions",
    0,
    "Environment",
    0,
)

NOTICES = [
    pytest.param(
        "role-parameter",
        ("Resources", "Task", "Properties", "ExecutionRoleArn"),
        "the execution role is not an AWS::IAM::Role in this template, so it cannot be "
        "granted the secrets; environment variables that read secrets left as written",
        id="role-parameter",
    ),
    pytest.param(
        "external-secret",
        FIRST_VARIABLE,
        "environment variable DB_PASSWORD: reads a secret that this template does not "
        "define, or names it in a way this fix cannot follow; left as written",
        id="external-secret",
    ),
    pytest.param(
        "embedded-reference",
        FIRST_VARIABLE,
        "environment variable DATABASE_URL embeds a Secrets Manager reference in a longer "
        "value, which the task definition stores resolved; pass the secret as its own "
        "Secrets entry",
        id="embedded-reference",
    ),
    pytest.param(
        "plaintext-token",
        FIRST_VARIABLE,
        "environment variable GITHUB_TOKEN looks like a plaintext secret; keep it in "
        "Secrets Manager and pass it in Secrets",
        id="plaintext-token",
    ),
    pytest.param(
        "secrets-name-taken",
        FIRST_VARIABLE,
        "environment variable DB_PASSWORD: the container already has a Secrets entry "
        "with this name; left as written",
        id="secrets-name-taken",
    ),
    pytest.param(
        "alias-key",
        FIRST_VARIABLE,
        "environment variable DB_PASSWORD: the KMS key is an alias that the template "
        "does not define; left as written",
        id="alias-key",
    ),
    pytest.param(
        "conditional-secret",
        FIRST_VARIABLE,
        "environment variable DB_PASSWORD reads secret 'DBSecret', whose Condition the "
        "execution role does not share; left as written",
        id="conditional-secret",
    ),
]

LITERAL_PASSWORD = "Tr0ub4dor-and-3"

LITERAL_PASSWORD_TEMPLATE = f"""\
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      MasterUsername: app
      MasterUserPassword: {LITERAL_PASSWORD}
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      TaskRoleArn: arn:aws:iam::123456789012:role/app
      ContainerDefinitions:
        - Name: app
          Image: nginx
          Memory: 512
          Environment:
            - Name: DB_PASSWORD
              Value: {LITERAL_PASSWORD}
            - Name: SESSION_SECRET
              Value: hunter2-session
"""


# -- checks ---------------------------------------------------------------------------


def _assert_repaired(before: str, expected: str, format: str, select: str) -> None:
    fix = fix_yaml if format == "yaml" else fix_json
    output, changes = fix(before, select)
    assert output == textwrap.dedent(expected)
    assert any(change.fix_id == "FX203" for change in changes)

    lint_before = set(lint_findings(textwrap.dedent(before)))
    lint_after = lint_findings(output)
    assert [finding for finding in lint_after if finding.startswith("E")] == []
    assert set(lint_after) - lint_before == set()
    assert dangling_references(load(output, format)) == []

    again, again_changes = fix(output, select)
    assert again == output
    assert again_changes == []


def _case(table: list, case_id: str) -> str:
    return next(param.values[0] for param in table if param.id == case_id)


def _repair(text: str, select: str = "FX203"):
    return repair(textwrap.dedent(text), "t.yaml", Options(select=frozenset({select})))


@pytest.mark.parametrize(("before", "expected"), REPAIRED_YAML)
def test_secret_env_yaml_repaired(before, expected):
    _assert_repaired(before, expected, "yaml", "FX203")


@pytest.mark.parametrize(("before", "expected"), REPAIRED_JSON)
def test_secret_env_json_repaired(before, expected):
    _assert_repaired(before, expected, "json", "FX203")


@pytest.mark.parametrize(("before", "expected"), AFTER_PASSWORD_FIX)
def test_secret_env_after_password_fix(before, expected):
    # The prefix FX20 selects FX201 to FX204. FX204 changes nothing here because
    # the task definition already has a task role.
    _assert_repaired(before, expected, "yaml", "FX20")


@pytest.mark.parametrize("text", UNCHANGED_YAML)
def test_secret_env_yaml_unchanged(text):
    output, changes = fix_yaml(text, "FX203")
    assert output == textwrap.dedent(text)
    assert changes == []


@pytest.mark.parametrize(("case", "path", "message"), NOTICES)
def test_secret_env_reports_notice(case, path, message):
    result = _repair(_case(UNCHANGED_YAML, case))
    assert result.output == result.input
    assert [(notice.path, notice.message) for notice in result.notices] == [
        (path, message)
    ]


def test_secret_env_literal_password_leaves_no_copy():
    result = _repair(LITERAL_PASSWORD_TEMPLATE, "FX20")
    assert result.error is None
    assert LITERAL_PASSWORD not in result.output
    data = load(result.output)
    container = data["Resources"]["Task"]["Properties"]["ContainerDefinitions"][0]
    assert container["Secrets"] == [
        {
            "Name": "DB_PASSWORD",
            "ValueFrom": {"Fn::Sub": "${DatabaseSecret}:password::"},
        }
    ]
    assert [entry["Name"] for entry in container["Environment"]] == ["SESSION_SECRET"]
    assert lint_findings(result.output) == []


def test_secret_env_notice_omits_value():
    result = _repair(LITERAL_PASSWORD_TEMPLATE, "FX20")
    messages = [notice.message for notice in result.notices if notice.fix_id == "FX203"]
    assert len(messages) == 1
    assert "SESSION_SECRET" in messages[0]
    assert "hunter2-session" not in messages[0]
    assert LITERAL_PASSWORD not in " ".join(notice.message for notice in result.notices)


def test_secret_env_grants_only_moved_secrets():
    text = _case(REPAIRED_JSON, "shared-role")
    output, _ = fix_json(text, "FX203")
    role = load(output, "json")["Resources"]["ExecutionRole"]["Properties"]
    statements = role["Policies"][0]["PolicyDocument"]["Statement"]
    assert statements == [
        {
            "Effect": "Allow",
            "Action": "secretsmanager:GetSecretValue",
            "Resource": [{"Ref": "UserSecret"}, {"Ref": "AdminSecret"}],
        }
    ]
