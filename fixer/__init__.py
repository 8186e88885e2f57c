"""cfn-fixer: repair CloudFormation templates with surgical edits."""

__version__ = "0.1.0"


def repair(text, path="-", options=None, format=None):
    """Repair one template's text; see ``fixer.api.repair``."""
    from fixer.api import repair as _repair

    return _repair(text, path, options, format)
