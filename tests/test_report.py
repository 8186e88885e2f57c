"""Secrets are masked in every text a repair reports, without garbling the rest."""

from __future__ import annotations

from fixer.report import MASK, redact


def test_redact_weak_secret_whole_words_only():
    text = "Database: admin\nEnableCloudwatchLogsExports: [error]\nuser admin, administrator\n"
    assert redact(text, {"admin"}) == (
        f"Database: {MASK}\nEnableCloudwatchLogsExports: [error]\nuser {MASK}, administrator\n"
    )


def test_redact_short_secret_keeps_words():
    text = "MasterUserPassword: ab\nDBName: database\n"
    assert redact(text, {"ab"}) == f"MasterUserPassword: {MASK}\nDBName: database\n"


def test_redact_strong_secret_inside_text():
    text = "mysql -u app -pKq8vLm2Px9 -h db\n"
    assert redact(text, {"Kq8vLm2Px9"}) == f"mysql -u app -p{MASK} -h db\n"


def test_redact_json_escaped_form():
    assert redact('"Default": "a\\"b9c$d2e!"', {'a"b9c$d2e!'}) == f'"Default": "{MASK}"'
