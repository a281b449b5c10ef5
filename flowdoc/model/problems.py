"""Problems travel beside the data; exceptions are only for unusable input."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """Something flowdoc noticed but could not fully handle, with where it happened."""

    file: str
    line: int
    kind: str
    message: str

    def as_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.kind}: {self.message}"


class InputError(Exception):
    """Unusable input (bad path, malformed file, unknown name): one line, exit code 2."""
