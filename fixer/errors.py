"""Errors that name the file, line and column of the problem."""

from __future__ import annotations


class TemplateError(Exception):
    """An input that cannot be read or repaired.

    ``line`` and ``column`` are 1-based and refer to the file as a whole, so a
    block inside a Markdown file reports the position in the Markdown file.
    """

    def __init__(self, message: str, line: int = 1, column: int = 1, path: str = "-"):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.path = path

    def located(self, path: str | None = None, line_offset: int = 0) -> TemplateError:
        return type(self)(
            self.message, self.line + line_offset, self.column, path or self.path
        )

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class NotATemplate(TemplateError):
    """A well-formed file that is not a CloudFormation template (a skip, not a failure)."""


class EditConflict(TemplateError):
    """A change that cannot be written without touching bytes it does not own."""
