"""Named, coded errors. Each message says what went wrong and how to fix it."""
from __future__ import annotations


class KGError(Exception):
    """Base class: `code` is a stable identifier (E001...), the message is one line."""

    code = "E000"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class DocumentError(KGError):
    """A file could not be read as a document (empty, binary, too large, malformed)."""

    code = "E001"

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class StoreError(KGError):
    """The store cannot be opened, written or read."""

    code = "E002"


class QueryError(KGError):
    """A SPARQL query is invalid, unknown, or its parameters do not fit."""

    code = "E003"


class NotFoundError(KGError):
    """A named thing (document, entity, query) is not in the store or the library."""

    code = "E004"


class ValidationFailed(KGError):
    """The graph does not conform to the SHACL shapes; `report` holds pyshacl's text report."""

    code = "E005"

    def __init__(self, message: str, report: str):
        super().__init__(message)
        self.report = report


class ConfigError(KGError):
    """An option or environment variable has a value kg cannot use."""

    code = "E006"


class WriteError(KGError):
    """A file or folder kg was asked to write cannot be written."""

    code = "E007"
