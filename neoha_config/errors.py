"""The library's one exception base, with structured fields."""

from __future__ import annotations


class NeohaConfigError(ValueError):
    """A real error of the library (bad argument, unwritable target), never a finding.

    ``path``, ``line``, ``column`` and ``key`` say where, when known.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        key: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.key = key

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        return where + self.message
