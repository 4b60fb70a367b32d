"""What a running `kg serve` is told: its defaults (the CLI shows these) and the settings of one server."""
from __future__ import annotations

from dataclasses import dataclass

from kg.errors import ConfigError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30  # seconds a query may run
DEFAULT_LIMIT = 10_000  # rows (or triples) in an answer


@dataclass(frozen=True)
class Settings:
    """Whether updates are accepted and with which token, how long a query may run, how many rows it returns."""

    allow_update: bool = False
    token: str | None = None
    timeout: int = DEFAULT_TIMEOUT
    limit: int = DEFAULT_LIMIT

    def __post_init__(self):
        if self.allow_update and not self.token:
            raise ConfigError("--allow-update needs --token TOKEN: clients send it as 'Authorization: Bearer TOKEN'")
        if self.timeout < 1 or self.limit < 1:
            raise ConfigError("--timeout and --limit must be at least 1")
