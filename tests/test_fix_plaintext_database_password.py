"""FX201: plaintext master passwords move into a generated Secrets Manager secret."""

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

FIX = "FX201"
# Warnings this fix removes. None may remain after a repair.
PASSWORD_WARNINGS = ("W2501", "W1011")


def _warnings(text: str) -> set[str]:
    return {finding for finding in lint_findings(text) if finding.startswith("W")}


def _check_repaired(before: str, after: str, plaintext: str, fmt: str = "yaml") -> None:
    assert plaintext not in after
    assert lint_errors(after) == []
    assert [w for w in _warnings(after) if w.startswith(PASSWORD_WARNINGS)] == []
    assert _warnings(after) <= _warnings(before)
    assert dangling_references(load(after, fmt)) == []
    again, changes = (fix_json if fmt == "json" else fix_yaml)(after, FIX)
    assert again == after
    assert changes == []


def _repair(text: str, fmt: str = "yaml"):
    options = Options(select=frozenset({FIX}))
    return repair(textwrap.dedent(text), f"template.{fmt}", options, format=fmt)


def _notices(text: str) -> list[str]:
    return [notice.message for notice in _repair(text).notices]


REPAIRED = [
    pytest.param(
        """
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: app
              MasterUserPassword: Kq8vLm2Px9
        """,
        """
        Resources:
          DatabaseSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              Description: Master user credentials for AWS::RDS::DBInstance
              GenerateSecretString:
                SecretStringTemplate: '{"username": "app"}'
                GenerateStringKey: password
                PasswordLength: 32
                ExcludeCharacters: '"''/@&\\'
          Database:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: !Sub '{{resolve:secretsmanager:${DatabaseSecret}:SecretString:username}}'
              MasterUserPassword: !Sub '{{resolve:secretsmanager:${DatabaseSecret}:SecretString:password}}'
        """,
        "Kq8vLm2Px9",
        id="mysql_instance_literal",
    ),
    pytest.param(
        """
        Parameters:
          DBPassword:
            Type: String
            NoEcho: true
            Default: Kq8vLm2Px9
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: postgres
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: app
              MasterUserPassword: !Ref DBPassword
        Outputs:
          Endpoint:
            Value: !GetAtt Database.Endpoint.Address
          Password:
            Value: !Ref DBPassword
          Url:
            Value: !Sub 'postgresql://app:${DBPassword}@${Database.Endpoint.Address}/app'
        """,
        """
        Resources:
          DatabaseSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              Description: Master user credentials for AWS::RDS::DBInstance
              GenerateSecretString:
                SecretStringTemplate: '{"username": "app"}'
                GenerateStringKey: password
                PasswordLength: 32
                ExcludeCharacters: '"''/@&\\'
          Database:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: postgres
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: !Sub '{{resolve:secretsmanager:${DatabaseSecret}:SecretString:username}}'
              MasterUserPassword: !Sub '{{resolve:secretsmanager:${DatabaseSecret}:SecretString:password}}'
        Outputs:
          Endpoint:
            Value: !GetAtt Database.Endpoint.Address
        """,
        "Kq8vLm2Px9",
        id="parameter_default_and_exposing_outputs_go",
    ),
    pytest.param(
        """
        Parameters:
          DBUser:
            Type: String
            Default: oracleadmin
          DBPassword:
            Type: String
            NoEcho: true
            Default: Kq8vLm2Px9
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: oracle-se2
              LicenseModel: license-included
              DBInstanceClass: db.t3.medium
              AllocatedStorage: '20'
              MasterUsername: !Ref DBUser
              MasterUserPassword: !Ref DBPassword
        """,
        """
        Parameters:
          DBUser:
            Type: String
            Default: oracleadmin
        Resources:
          DatabaseSecret:
            Type: AWS::SecretsManager::Secret
            DeletionPolicy: Retain
            UpdateReplacePolicy: Retain
            Properties:
              Description: Master user credentials for AWS::RDS::DBInstance
              GenerateSecretString:
                SecretStringTemplate: !Sub '{"username": "${DBUser}"}'
                GenerateStringKey: password
                PasswordLength: 30
                ExcludeCharacters: '"''/@&\\'
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: oracle-se2
              LicenseModel: license-included
              DBInstanceClass: db.t3.medium
              AllocatedStorage: '20'
              MasterUsername: !Sub '{{resolve:secretsmanager:${DatabaseSecret}:SecretString:username}}'
              MasterUserPassword: !Sub '{{resolve:secretsmanager:${DatabaseSecret}:SecretString:password}}'
        """,
        "Kq8vLm2Px9",
        id="oracle_snapshot_policy_username_parameter",
    ),
    pytest.param(
        """
        Resources:
          Cluster:
            Type: AWS::RDS::DBCluster
            Properties:
              DBClusterIdentifier: orders
              Engine: aurora-postgresql
              MasterUsername: app
              MasterUserPassword: Kq8vLm2Px9
          Writer:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: aurora-postgresql
              DBClusterIdentifier: !Ref Cluster
              DBInstanceClass: db.r6g.large
        """,
        """
        Resources:
          ClusterSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              Description: Master user credentials for AWS::RDS::DBCluster
              GenerateSecretString:
                SecretStringTemplate: '{"username": "app"}'
                GenerateStringKey: password
                PasswordLength: 32
                ExcludeCharacters: '"''/@&\\'
          Cluster:
            Type: AWS::RDS::DBCluster
            Properties:
              DBClusterIdentifier: orders
              Engine: aurora-postgresql
              MasterUsername: !Sub '{{resolve:secretsmanager:${ClusterSecret}:SecretString:username}}'
              MasterUserPassword: !Sub '{{resolve:secretsmanager:${ClusterSecret}:SecretString:password}}'
          Writer:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: aurora-postgresql
              DBClusterIdentifier: !Ref Cluster
              DBInstanceClass: db.r6g.large
        """,
        "Kq8vLm2Px9",
        id="aurora_cluster_member_instance_untouched",
    ),
    pytest.param(
        """
        Resources:
          Documents:
            Type: AWS::DocDB::DBCluster
            Properties:
              MasterUsername: docs
              MasterUserPassword: Kq8vLm2Px9
          Warehouse:
            Type: AWS::Redshift::Cluster
            Properties:
              ClusterType: single-node
              NodeType: ra3.xlplus
              DBName: dev
              MasterUsername: awsuser
              MasterUserPassword: Kq8vLm2Px9
        """,
        """
        Resources:
          DocumentsSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              Description: Master user credentials for AWS::DocDB::DBCluster
              GenerateSecretString:
                SecretStringTemplate: '{"username": "docs"}'
                GenerateStringKey: password
                PasswordLength: 32
                ExcludeCharacters: '"''/@&\\'
          Documents:
            Type: AWS::DocDB::DBCluster
            Properties:
              MasterUsername: !Sub '{{resolve:secretsmanager:${DocumentsSecret}:SecretString:username}}'
              MasterUserPassword: !Sub '{{resolve:secretsmanager:${DocumentsSecret}:SecretString:password}}'
          WarehouseSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              Description: Master user credentials for AWS::Redshift::Cluster
              GenerateSecretString:
                SecretStringTemplate: '{"username": "awsuser"}'
                GenerateStringKey: password
                PasswordLength: 32
                ExcludeCharacters: '"''/@&\\'
          Warehouse:
            Type: AWS::Redshift::Cluster
            Properties:
              ClusterType: single-node
              NodeType: ra3.xlplus
              DBName: dev
              MasterUsername: !Sub '{{resolve:secretsmanager:${WarehouseSecret}:SecretString:username}}'
              MasterUserPassword: !Sub '{{resolve:secretsmanager:${WarehouseSecret}:SecretString:password}}'
        """,
        "Kq8vLm2Px9",
        id="docdb_and_redshift_same_literal_own_secrets",
    ),
    pytest.param(
        """
        Resources:
          Orders:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: orders
              MasterUserPassword: Kq8vLm2Px9
          Billing:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: billing
              MasterUserPassword: Kq8vLm2Px9
        """,
        """
        Resources:
          OrdersSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              Description: Master user credentials for AWS::RDS::DBInstance
              GenerateSecretString:
                SecretStringTemplate: '{"username": "orders"}'
                GenerateStringKey: password
                PasswordLength: 32
                ExcludeCharacters: '"''/@&\\'
          Orders:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: !Sub '{{resolve:secretsmanager:${OrdersSecret}:SecretString:username}}'
              MasterUserPassword: !Sub '{{resolve:secretsmanager:${OrdersSecret}:SecretString:password}}'
          BillingSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              Description: Master user credentials for AWS::RDS::DBInstance
              GenerateSecretString:
                SecretStringTemplate: '{"username": "billing"}'
                GenerateStringKey: password
                PasswordLength: 32
                ExcludeCharacters: '"''/@&\\'
          Billing:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: !Sub '{{resolve:secretsmanager:${BillingSecret}:SecretString:username}}'
              MasterUserPassword: !Sub '{{resolve:secretsmanager:${BillingSecret}:SecretString:password}}'
        """,
        "Kq8vLm2Px9",
        id="two_instances_same_literal_own_secrets",
    ),
    pytest.param(
        """
        Metadata:
          AWS::CloudFormation::Interface:
            ParameterGroups:
              - Label: {default: Database}
                Parameters: [DBPassword, DBName]
            ParameterLabels:
              DBName: {default: Database name}
              DBPassword: {default: Master password}
        Parameters:
          DBName:
            Type: String
            Default: app
          DBPassword:
            Type: String
            NoEcho: true
            Default: Kq8vLm2Px9
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: postgres
              DBName: !Ref DBName
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: app
              MasterUserPassword: !Ref DBPassword
          Function:
            Type: AWS::Lambda::Function
            Properties:
              Runtime: python3.12
              Handler: index.handler
              Role: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/app
              Code: {ZipFile: 'def handler(event, context): pass'}
              Environment:
                Variables:
                  PASSWORD: !Ref DBPassword
                  URL: !Sub postgresql://app:${DBPassword}@${Database.Endpoint.Address}/${DBName}
        """,
        """
        Metadata:
          AWS::CloudFormation::Interface:
            ParameterGroups:
              - Label: {default: Database}
                Parameters: [DBName]
            ParameterLabels:
              DBName: {default: Database name}
        Parameters:
          DBName:
            Type: String
            Default: app
        Resources:
          DatabaseSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              Description: Master user credentials for AWS::RDS::DBInstance
              GenerateSecretString:
                SecretStringTemplate: '{"username": "app"}'
                GenerateStringKey: password
                PasswordLength: 32
                ExcludeCharacters: '"''/@&\\'
          Database:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: postgres
              DBName: !Ref DBName
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: !Sub '{{resolve:secretsmanager:${DatabaseSecret}:SecretString:username}}'
              MasterUserPassword: !Sub '{{resolve:secretsmanager:${DatabaseSecret}:SecretString:password}}'
          Function:
            Type: AWS::Lambda::Function
            Properties:
              Runtime: python3.12
              Handler: index.handler
              Role: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/app
              Code: {ZipFile: 'def handler(event, context): pass'}
              Environment:
                Variables:
                  PASSWORD: !Sub '{{resolve:secretsmanager:${DatabaseSecret}:SecretString:password}}'
                  URL: !Sub postgresql://app:{{resolve:secretsmanager:${DatabaseSecret}:SecretString:password}}@${Database.Endpoint.Address}/${DBName}
        """,
        "Kq8vLm2Px9",
        id="parameter_uses_elsewhere_read_secret",
    ),
    pytest.param(
        """
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: mariadb
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: app
              MasterUserPassword: Kq8vLm2Px9
          Function:
            Type: AWS::Lambda::Function
            Properties:
              Runtime: python3.12
              Handler: index.handler
              Role: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/app
              Code: {ZipFile: 'def handler(event, context): pass'}
              Environment:
                Variables:
                  PASSWORD: Kq8vLm2Px9
                  URL: !Sub mysql://app:Kq8vLm2Px9@${Database.Endpoint.Address}/app
                  BANNER: 'user app, password Kq8vLm2Px9, ${literal}'
        """,
        """
        Resources:
          DatabaseSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              Description: Master user credentials for AWS::RDS::DBInstance
              GenerateSecretString:
                SecretStringTemplate: '{"username": "app"}'
                GenerateStringKey: password
                PasswordLength: 32
                ExcludeCharacters: '"''/@&\\'
          Database:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: mariadb
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: !Sub '{{resolve:secretsmanager:${DatabaseSecret}:SecretString:username}}'
              MasterUserPassword: !Sub '{{resolve:secretsmanager:${DatabaseSecret}:SecretString:password}}'
          Function:
            Type: AWS::Lambda::Function
            Properties:
              Runtime: python3.12
              Handler: index.handler
              Role: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/app
              Code: {ZipFile: 'def handler(event, context): pass'}
              Environment:
                Variables:
                  PASSWORD: !Sub '{{resolve:secretsmanager:${DatabaseSecret}:SecretString:password}}'
                  URL: !Sub mysql://app:{{resolve:secretsmanager:${DatabaseSecret}:SecretString:password}}@${Database.Endpoint.Address}/app
                  BANNER: !Sub 'user app, password {{resolve:secretsmanager:${DatabaseSecret}:SecretString:password}}, ${!literal}'
        """,
        "Kq8vLm2Px9",
        id="literal_copies_read_secret",
    ),
    pytest.param(
        """
        Conditions:
          IsProduction: !Equals [!Ref 'AWS::StackName', production]
        Resources:
          Key:
            Type: AWS::KMS::Key
            Properties:
              KeyPolicy:
                Version: '2012-10-17'
                Statement:
                  - Effect: Allow
                    Principal: {AWS: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root'}
                    Action: kms:*
                    Resource: '*'
          Database:
            Type: AWS::RDS::DBInstance
            Condition: IsProduction
            DeletionPolicy: Retain
            UpdateReplacePolicy: Retain
            Properties:
              Engine: sqlserver-ex
              LicenseModel: license-included
              DBInstanceClass: db.t3.small
              AllocatedStorage: '20'
              StorageEncrypted: true
              KmsKeyId: !GetAtt Key.Arn
              MasterUsername: sqladmin
              MasterUserPassword: Kq8vLm2Px9
        """,
        """
        Conditions:
          IsProduction: !Equals [!Ref 'AWS::StackName', production]
        Resources:
          Key:
            Type: AWS::KMS::Key
            Properties:
              KeyPolicy:
                Version: '2012-10-17'
                Statement:
                  - Effect: Allow
                    Principal: {AWS: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root'}
                    Action: kms:*
                    Resource: '*'
          DatabaseSecret:
            Type: AWS::SecretsManager::Secret
            Condition: IsProduction
            DeletionPolicy: Retain
            UpdateReplacePolicy: Retain
            Properties:
              Description: Master user credentials for AWS::RDS::DBInstance
              GenerateSecretString:
                SecretStringTemplate: '{"username": "sqladmin"}'
                GenerateStringKey: password
                PasswordLength: 32
                ExcludeCharacters: '"''/@&\\'
              KmsKeyId: !GetAtt Key.Arn
          Database:
            Type: AWS::RDS::DBInstance
            Condition: IsProduction
            DeletionPolicy: Retain
            UpdateReplacePolicy: Retain
            Properties:
              Engine: sqlserver-ex
              LicenseModel: license-included
              DBInstanceClass: db.t3.small
              AllocatedStorage: '20'
              StorageEncrypted: true
              KmsKeyId: !GetAtt Key.Arn
              MasterUsername: !Sub '{{resolve:secretsmanager:${DatabaseSecret}:SecretString:username}}'
              MasterUserPassword: !Sub '{{resolve:secretsmanager:${DatabaseSecret}:SecretString:password}}'
        """,
        "Kq8vLm2Px9",
        id="condition_retain_and_kms_key_copied",
    ),
    pytest.param(
        """
        Resources:
          ClusterSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              Description: API token
          Cluster:
            Type: AWS::RDS::DBCluster
            Properties:
              Engine: aurora-mysql
              MasterUsername: app
              MasterUserPassword: Kq8vLm2Px9
        """,
        """
        Resources:
          ClusterSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              Description: API token
          ClusterSecret2:
            Type: AWS::SecretsManager::Secret
            Properties:
              Description: Master user credentials for AWS::RDS::DBCluster
              GenerateSecretString:
                SecretStringTemplate: '{"username": "app"}'
                GenerateStringKey: password
                PasswordLength: 32
                ExcludeCharacters: '"''/@&\\'
          Cluster:
            Type: AWS::RDS::DBCluster
            Properties:
              Engine: aurora-mysql
              MasterUsername: !Sub '{{resolve:secretsmanager:${ClusterSecret2}:SecretString:username}}'
              MasterUserPassword: !Sub '{{resolve:secretsmanager:${ClusterSecret2}:SecretString:password}}'
        """,
        "Kq8vLm2Px9",
        id="secret_id_taken_gets_number",
    ),
]


UNCHANGED = [
    pytest.param(
        """
        Resources:
          Secret:
            Type: AWS::SecretsManager::Secret
            Properties:
              GenerateSecretString:
                SecretStringTemplate: '{"username": "app"}'
                GenerateStringKey: password
                ExcludeCharacters: '"@/\\'
          Database:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: !Sub '{{resolve:secretsmanager:${Secret}:SecretString:username}}'
              MasterUserPassword: !Sub '{{resolve:secretsmanager:${Secret}:SecretString:password}}'
        """,
        id="already_secrets_manager",
    ),
    pytest.param(
        """
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: app
              MasterUserPassword: '{{resolve:ssm-secure:/app/db/password:1}}'
        """,
        id="ssm_secure_reference",
    ),
    pytest.param(
        """
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: app
              ManageMasterUserPassword: true
        """,
        id="managed_master_password",
    ),
    pytest.param(
        """
        Parameters:
          DBPassword:
            Type: String
            NoEcho: true
            Default: Kq8vLm2Px9
        Resources:
          Replica:
            Type: AWS::RDS::DBInstance
            Properties:
              SourceDBInstanceIdentifier: primary-db
              DBInstanceClass: db.t3.micro
              MasterUserPassword: !Ref DBPassword
        """,
        id="read_replica",
    ),
    pytest.param(
        """
        Resources:
          Restored:
            Type: AWS::RDS::DBInstance
            Properties:
              DBSnapshotIdentifier: nightly-snapshot
              DBInstanceClass: db.t3.micro
              MasterUserPassword: Kq8vLm2Px9
          RestoredCluster:
            Type: AWS::RDS::DBCluster
            Properties:
              Engine: aurora-mysql
              SnapshotIdentifier: nightly-cluster-snapshot
              MasterUserPassword: Kq8vLm2Px9
        """,
        id="snapshot_restores",
    ),
    pytest.param(
        """
        Resources:
          Cluster:
            Type: AWS::RDS::DBCluster
            Properties:
              Engine: aurora-mysql
              MasterUsername: app
              ManageMasterUserPassword: true
          Writer:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: aurora-mysql
              DBClusterIdentifier: !Ref Cluster
              DBInstanceClass: db.r6g.large
        """,
        id="aurora_member_instance",
    ),
    pytest.param(
        """
        Parameters:
          DBPassword:
            Type: AWS::SSM::Parameter::Value<String>
            Default: /app/db/password
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: app
              MasterUserPassword: !Ref DBPassword
        """,
        id="ssm_parameter_type",
    ),
    pytest.param(
        """
        Resources:
          Warehouse:
            Type: AWS::Redshift::Cluster
            Properties:
              ClusterType: single-node
              NodeType: ra3.xlplus
              DBName: dev
              MasterUsername: awsuser
              ManageMasterPassword: true
        """,
        id="redshift_managed_password",
    ),
    pytest.param(
        """
        Parameters:
          DBPassword:
            Type: String
            NoEcho: true
            Default: Kq8vLm2Px9
        Conditions:
          HasPassword: !Not [!Equals [!Ref DBPassword, '']]
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            Condition: HasPassword
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: app
              MasterUserPassword: !Ref DBPassword
        """,
        id="parameter_used_by_condition",
    ),
    pytest.param(
        """
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            Metadata:
              cfn-fixer:
                ignore: FX201
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: app
              MasterUserPassword: Kq8vLm2Px9
        """,
        id="resource_suppresses_fix",
    ),
    pytest.param(
        """
        Resources:
          Neptune:
            Type: AWS::Neptune::DBCluster
            Properties:
              IamAuthEnabled: true
          Cache:
            Type: AWS::ElastiCache::ReplicationGroup
            Properties:
              ReplicationGroupDescription: sessions
              Engine: redis
              CacheNodeType: cache.t3.micro
              NumCacheClusters: 1
        """,
        id="no_master_password_anywhere",
    ),
]


@pytest.mark.parametrize(("before", "expected", "plaintext"), REPAIRED)
def test_password_moved_to_secret(before, expected, plaintext):
    before, expected = textwrap.dedent(before), textwrap.dedent(expected)
    output, changes = fix_yaml(before, FIX)
    assert output == expected
    assert changes
    assert all(change.fix_id == FIX for change in changes)
    _check_repaired(before, output, plaintext)


@pytest.mark.parametrize("before", UNCHANGED)
def test_password_without_plaintext_unchanged(before):
    before = textwrap.dedent(before)
    output, changes = fix_yaml(before, FIX)
    assert changes == []
    assert output == before


@pytest.mark.parametrize(
    ("engine", "length", "oracle"),
    [
        pytest.param("mysql", 32, False, id="mysql"),
        pytest.param("postgres", 32, False, id="postgres"),
        pytest.param("sqlserver-se", 32, False, id="sqlserver"),
        pytest.param("oracle-ee", 30, True, id="oracle_ee"),
        pytest.param("oracle-se2-cdb", 30, True, id="oracle_se2_cdb"),
        pytest.param("custom-oracle-ee", 30, True, id="custom_oracle"),
        pytest.param("Oracle-EE", 30, True, id="oracle_mixed_case"),
    ],
)
def test_password_generated_fits_engine(engine, length, oracle):
    output, _ = fix_yaml(f"""
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: {engine}
              DBInstanceClass: db.t3.medium
              AllocatedStorage: '20'
              MasterUsername: app
              MasterUserPassword: Kq8vLm2Px9
        """, FIX)
    secret = load(output)["Resources"]["DatabaseSecret"]
    generate = secret["Properties"]["GenerateSecretString"]
    assert generate["PasswordLength"] == length
    excluded = generate["ExcludeCharacters"]
    for character in '/"@':
        assert character in excluded
    if oracle:
        assert "&" in excluded
        assert "'" in excluded
    assert generate.get("IncludeSpace") in (None, False)


def test_password_condition_parameter_reported():
    messages = _notices("""
        Parameters:
          DBPassword:
            Type: String
            NoEcho: true
            Default: Kq8vLm2Px9
        Conditions:
          HasPassword: !Not [!Equals [!Ref DBPassword, '']]
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: app
              MasterUserPassword: !Ref DBPassword
        """)
    assert messages == [
        "password parameter 'DBPassword' is used by a condition or rule; "
        "left as written"
    ]


def test_password_plain_ssm_reference_reported():
    messages = _notices("""
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: app
              MasterUserPassword: '{{resolve:ssm:/app/db/password}}'
        """)
    assert len(messages) == 1
    assert messages[0].startswith("password comes from a plain SSM String parameter")


def test_password_computed_username_reported():
    text = """
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: !Join ['', [app, !Ref 'AWS::Region']]
              MasterUserPassword: Kq8vLm2Px9
        """
    output, changes = fix_yaml(text, FIX)
    assert changes == []
    assert output == textwrap.dedent(text)
    assert _notices(text) == [
        "MasterUsername is not a literal or a parameter; left as written"
    ]


def test_password_parameter_without_default_removed():
    before = textwrap.dedent("""
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
              AllocatedStorage: '20'
              MasterUsername: app
              MasterUserPassword: !Ref DBPassword
        """)
    output, _ = fix_yaml(before, FIX)
    data = load(output)
    assert "Parameters" not in data
    assert "DatabaseSecret" in data["Resources"]
    # With no default there is no plaintext, so check that the parameter name is gone.
    _check_repaired(before, output, "DBPassword")


def test_password_reports_mask_plaintext():
    result = _repair("""
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: app
              MasterUserPassword: Kq8vLm2Px9
        """)
    assert "Kq8vLm2Px9" in result.secrets
    assert "Kq8vLm2Px9" not in result.diff()
    assert all("Kq8vLm2Px9" not in line for line in result.summary())


def test_password_comments_and_quoting_survive():
    before = textwrap.dedent("""\
        # Orders database.
        AWSTemplateFormatVersion: "2010-09-09"
        Description: 'Orders: "primary" store'  # keep this quoting
        Resources:
          # The database keeps its comments.
          Database:
            Type: "AWS::RDS::DBInstance"  # quoted type
            Properties:
              Engine: 'mysql'
              DBInstanceClass: db.t3.micro   # smallest class
              AllocatedStorage: "20"
              MasterUsername: app  # user
              MasterUserPassword: Kq8vLm2Px9  # plaintext
              Tags: [{Key: team, Value: "orders"}]
        Outputs:
          # Where clients connect.
          Endpoint:
            Value: !GetAtt Database.Endpoint.Address
        """)
    output, changes = fix_yaml(before, FIX)
    assert len(changes) == 3
    after_lines = output.splitlines()
    unchanged = [line for line in before.splitlines() if "MasterUser" not in line]
    # Lines of the added secret sit between the comment and the database.
    secret_start = after_lines.index("  DatabaseSecret:")
    secret_end = after_lines.index("  Database:")
    kept = [line for index, line in enumerate(after_lines)
            if "MasterUser" not in line and not secret_start <= index < secret_end]
    assert kept == unchanged
    assert "      MasterUsername: !Sub" in output
    assert output.count("{{resolve:secretsmanager:${DatabaseSecret}") == 2
    _check_repaired(before, output, "Kq8vLm2Px9")


def test_password_json_literal_repaired():
    before = textwrap.dedent("""\
        {
          "Resources": {
            "Database": {
              "Type": "AWS::RDS::DBInstance",
              "Properties": {
                "Engine": "mysql",
                "DBInstanceClass": "db.t3.micro",
                "AllocatedStorage": "20",
                "MasterUsername": "app",
                "MasterUserPassword": "Kq8vLm2Px9"
              }
            }
          }
        }
        """)
    output, changes = fix_json(before, FIX)
    assert len(changes) == 3
    reference = "{{resolve:secretsmanager:${DatabaseSecret}:SecretString:%s}}"
    username = reference % "username"
    password = reference % "password"
    assert '"MasterUsername": {"Fn::Sub": "%s"}' % username in output
    assert '"MasterUserPassword": {"Fn::Sub": "%s"}' % password in output
    secret = load(output, "json")["Resources"]["DatabaseSecret"]
    assert secret["Type"] == "AWS::SecretsManager::Secret"
    generate = secret["Properties"]["GenerateSecretString"]
    assert generate["SecretStringTemplate"] == '{"username": "app"}'
    assert list(load(output, "json")["Resources"]) == ["DatabaseSecret", "Database"]
    _check_repaired(before, output, "Kq8vLm2Px9", "json")


def test_password_json_parameter_repaired():
    before = textwrap.dedent("""\
        {
            "Parameters": {
                "DBUser": {"Type": "String", "Default": "app"},
                "DBPassword": {"Type": "String", "NoEcho": true, "Default": "Kq8vLm2Px9"}
            },
            "Resources": {
                "Cluster": {
                    "Type": "AWS::RDS::DBCluster",
                    "DeletionPolicy": "Snapshot",
                    "UpdateReplacePolicy": "Snapshot",
                    "Properties": {
                        "Engine": "aurora-postgresql",
                        "MasterUsername": {"Ref": "DBUser"},
                        "MasterUserPassword": {"Ref": "DBPassword"}
                    }
                }
            },
            "Outputs": {
                "Password": {"Value": {"Ref": "DBPassword"}},
                "Endpoint": {"Value": {"Fn::GetAtt": ["Cluster", "Endpoint.Address"]}}
            }
        }
        """)
    output, _ = fix_json(before, FIX)
    data = load(output, "json")
    assert list(data["Parameters"]) == ["DBUser"]
    assert list(data["Outputs"]) == ["Endpoint"]
    secret = data["Resources"]["ClusterSecret"]
    assert secret["DeletionPolicy"] == "Retain"
    assert secret["UpdateReplacePolicy"] == "Retain"
    template = secret["Properties"]["GenerateSecretString"]["SecretStringTemplate"]
    assert template == {"Fn::Sub": '{"username": "${DBUser}"}'}
    _check_repaired(before, output, "Kq8vLm2Px9", "json")


def test_password_json_unchanged_when_managed():
    before = textwrap.dedent("""\
        {
          "Resources": {
            "Database": {
              "Type": "AWS::RDS::DBInstance",
              "Properties": {
                "Engine": "mysql",
                "DBInstanceClass": "db.t3.micro",
                "AllocatedStorage": "20",
                "MasterUsername": "app",
                "ManageMasterUserPassword": true
              }
            }
          }
        }
        """)
    output, changes = fix_json(before, FIX)
    assert changes == []
    assert output == before


# Edge cases that an earlier version of the fix got wrong.

DATABASE = """
    Resources:
      Database:
        Type: AWS::RDS::DBInstance
        Properties:
          Engine: {engine}
          DBInstanceClass: db.t3.micro
          AllocatedStorage: '20'
          MasterUsername: {username}
          MasterUserPassword: {password}
    """


def test_password_numeric_literal_moved():
    text = DATABASE.format(engine="mysql", username="app", password="20240101")
    result = _repair(text)
    assert "20240101" not in result.output


def test_password_equal_to_engine_keeps_engine():
    text = DATABASE.format(engine="postgres", username="app", password="postgres")
    output, _ = fix_yaml(text, FIX)
    assert load(output)["Resources"]["Database"]["Properties"]["Engine"] == "postgres"


def test_password_manage_false_still_moved():
    text = DATABASE.format(engine="mysql", username="app", password="Kq8vLm2Px9")
    text = text.rstrip(" ")
    output, _ = fix_yaml(text + "          ManageMasterUserPassword: false\n", FIX)
    assert "Kq8vLm2Px9" not in output


USER_DATA_COPY = """
    Parameters:
      ImageId:
        Type: AWS::EC2::Image::Id
    Resources:
      Database:
        Type: AWS::RDS::DBInstance
        Properties:
          Engine: mysql
          DBInstanceClass: db.t3.micro
          AllocatedStorage: '20'
          MasterUsername: app
          MasterUserPassword: Kq8vLm2Px9
      Server:
        Type: AWS::EC2::Instance
        Properties:
          ImageId: !Ref ImageId
          InstanceType: t3.micro
          UserData:
            Fn::Base64: !Sub |
              #!/bin/bash
              mysql -u app -pKq8vLm2Px9 -h ${Database.Endpoint.Address}
    """


def test_password_user_data_copy_reported():
    # Under Fn::Base64 the instance would get the encoded {{resolve:...}} text,
    # so the script keeps the password and a notice asks for a change by hand.
    result = _repair(USER_DATA_COPY)
    user_data = load(result.output)["Resources"]["Server"]["Properties"]["UserData"]
    assert "resolve:secretsmanager" not in str(user_data)
    assert "-pKq8vLm2Px9" in str(user_data)
    assert any("remove it by hand" in message for message in _notices(USER_DATA_COPY))


def test_password_embedded_copy_moved():
    # A copy glued to other text (mysql -pSECRET) in a resolvable property.
    output, _ = fix_yaml("""
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: app
              MasterUserPassword: Kq8vLm2Px9
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: app
                  Image: public.ecr.aws/docker/library/mysql:8
                  Command:
                    - !Sub mysql -u app -pKq8vLm2Px9 -h ${Database.Endpoint.Address}
        """, FIX)
    assert "Kq8vLm2Px9" not in output


def test_password_cfn_init_copy_left():
    output, _ = fix_yaml("""
        Parameters:
          ImageId:
            Type: AWS::EC2::Image::Id
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: app
              MasterUserPassword: Kq8vLm2Px9
          Server:
            Type: AWS::EC2::Instance
            Metadata:
              AWS::CloudFormation::Init:
                config:
                  files:
                    /etc/app.conf:
                      content: !Sub |
                        host=${Database.Endpoint.Address}
                        password=Kq8vLm2Px9
            Properties:
              ImageId: !Ref ImageId
              InstanceType: t3.micro
        """, FIX)
    metadata = load(output)["Resources"]["Server"]["Metadata"]
    assert "resolve:secretsmanager" not in str(metadata)


def test_password_custom_resource_copy_left():
    output, _ = fix_yaml("""
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: app
              MasterUserPassword: Kq8vLm2Px9
          Seed:
            Type: Custom::SeedData
            Properties:
              ServiceToken: !Sub arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:seed
              Password: Kq8vLm2Px9
        """, FIX)
    seed = load(output)["Resources"]["Seed"]["Properties"]
    assert "resolve:secretsmanager" not in str(seed)


def test_password_shared_parameter_own_secrets():
    before = textwrap.dedent("""
        Parameters:
          DBPassword:
            Type: String
            NoEcho: true
            Default: Kq8vLm2Px9
        Conditions:
          WithReports: !Equals [!Ref 'AWS::Region', us-east-1]
        Resources:
          Reports:
            Type: AWS::RDS::DBInstance
            Condition: WithReports
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: app
              MasterUserPassword: !Ref DBPassword
          Ledger:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: oracle-ee
              DBInstanceClass: db.t3.medium
              AllocatedStorage: '20'
              MasterUsername: app
              MasterUserPassword: !Ref DBPassword
        """)
    output, _ = fix_yaml(before, FIX)
    assert "LedgerSecret" in load(output)["Resources"]
    assert _warnings(output) <= _warnings(before)


def test_password_copy_avoids_conditional_secret():
    before = textwrap.dedent("""
        Conditions:
          WithDatabase: !Equals [!Ref 'AWS::Region', us-east-1]
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            Condition: WithDatabase
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: app
              MasterUserPassword: Kq8vLm2Px9
          Queue:
            Type: AWS::SQS::Queue
            Properties:
              Tags:
                - Key: password
                  Value: Kq8vLm2Px9
        """)
    output, _ = fix_yaml(before, FIX)
    assert _warnings(output) <= _warnings(before)


def test_password_last_output_removed_drops_section():
    output, _ = fix_yaml("""
        Parameters:
          DBPassword:
            Type: String
            NoEcho: true
            Default: Kq8vLm2Px9
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: app
              MasterUserPassword: !Ref DBPassword
        Outputs:
          Password:
            Value: !Ref DBPassword
        """, FIX)
    assert "Outputs" not in load(output)


def test_password_on_read_replica_reported():
    text = """
        Parameters:
          DBPassword:
            Type: String
            NoEcho: true
            Default: Kq8vLm2Px9
        Resources:
          Replica:
            Type: AWS::RDS::DBInstance
            Properties:
              SourceDBInstanceIdentifier: primary-db
              DBInstanceClass: db.t3.micro
              MasterUserPassword: !Ref DBPassword
        """
    result = _repair(text)
    assert result.changes == []
    assert any("SourceDBInstanceIdentifier is set" in message for message in _notices(text))
