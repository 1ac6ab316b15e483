"""The thin client layer: what the shared index code needs from an engine's Python client.

`OpenSearchClient` and `ElasticsearchClient` implement it; everything else (mapping, query
DSL, result parsing, retries) is shared and never imports a client library.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterable
from typing import Any, Protocol

from core.config import IndexConfig
from core.errors import ConfigError

BulkItem = tuple[bool, dict[str, Any]]


class EngineClient(Protocol):
    """One cluster connection, requests as plain dicts, errors as EngineError subclasses."""

    flavor: str
    url: str

    def info(self) -> dict[str, Any]:
        """The root endpoint: name, version, distribution."""
        ...

    def plugin_names(self) -> set[str]:
        """Names of the plugins installed on every node."""
        ...

    def get_template(self, name: str) -> dict[str, Any] | None:
        """A composable index template body, or None if missing."""
        ...

    def put_template(self, name: str, body: dict[str, Any]) -> None:
        """Create or replace a composable index template."""
        ...

    def search(self, index: str, body: dict[str, Any]) -> dict[str, Any]:
        """Run a search over an index pattern (missing indices count as empty)."""
        ...

    def count(self, index: str, query: dict[str, Any]) -> int:
        """How many documents match."""
        ...

    def bulk(
        self, actions: list[dict[str, Any]], chunk_size: int, wait_for_refresh: bool
    ) -> Iterable[BulkItem]:
        """One pass of the client's streaming bulk helper, per-item (ok, item), no retries."""
        ...

    def refresh(self, index: str) -> None:
        """Make recent writes searchable."""
        ...

    def index_stats(self, index: str) -> dict[str, tuple[int, int]]:
        """Index name → (document count, store size in bytes)."""
        ...

    def delete_index(self, name: str) -> None:
        """Delete one concrete index."""
        ...

    def close(self) -> None:
        """Release the connection pool."""
        ...


def tls_context(config: IndexConfig) -> ssl.SSLContext | None:
    """An SSL context when a CA bundle is configured (None = the client's default)."""
    if not config.ca_certs:
        return None
    try:
        context = ssl.create_default_context(cafile=config.ca_certs)
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(f"index.ca_certs: cannot load {config.ca_certs}: {exc}") from None
    if not config.verify_certs:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def basic_auth(config: IndexConfig) -> tuple[str, str] | None:
    """(username, password) when a username is configured."""
    if config.username is None:
        return None
    if config.password is None:
        raise ConfigError(
            "index.password: missing while index.username is set (set YUQING_INDEX__PASSWORD)"
        )
    return (config.username, config.password)
