"""The thin client layer: what the shared index code needs from an engine's Python client.

`OpenSearchClient` and `ElasticsearchClient` implement it; everything else (mapping, query
DSL, result parsing, retries) is shared and never imports a client library.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import Any, Protocol

from core.config import IndexConfig
from core.errors import ConfigError
from core.index.engines.errors import EngineRequestError

BulkItem = tuple[bool, dict[str, Any]]


class EngineClient(Protocol):
    """One cluster connection, requests as plain dicts, errors as EngineError subclasses."""

    flavor: str
    url: str

    def info(self) -> dict[str, Any]:
        """The root endpoint: name, version, distribution."""
        ...

    def version(self) -> str:
        """The server's version number, "?" when the cluster does not say."""
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

    def put_mapping(self, index: str, properties: dict[str, Any]) -> None:
        """Add fields to the mapping of every index of a pattern (none is fine)."""
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

    def index_settings(self, index: str) -> dict[str, dict[str, Any]]:
        """Concrete index name → its flat settings (`index.sort.field`, …)."""
        ...

    def create_index(self, name: str, body: dict[str, Any]) -> None:
        """Create one index with settings, mappings and aliases."""
        ...

    def put_settings(self, index: str, settings: dict[str, Any]) -> None:
        """Change dynamic settings (e.g. a write block) of an index."""
        ...

    def update_aliases(self, actions: list[dict[str, Any]]) -> None:
        """Apply alias (and remove_index) actions atomically."""
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
        raise ConfigError(f"index.ca_certs：无法加载 {config.ca_certs}：{exc}") from None
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
            "index.password：已设置 index.username 但缺少密码"
            "（设置环境变量 YUQING_INDEX__PASSWORD）"
        )
    return (config.username, config.password)


def root_cause(body: object) -> str | None:
    """`type: reason` of the first root cause in an error response body, or None."""
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):
        cause = (error.get("root_cause") or [error])[0]
        return f"{cause.get('type', '')}: {cause.get('reason', '')}"
    return None


class ClientLayer:
    """The EngineClient methods whose requests read the same in both Python clients.

    A subclass sets `_client`, translates errors in `_translate`, unwraps responses in
    `_body` and runs the library's streaming bulk helper in `_streaming_bulk`.
    """

    flavor: str
    url: str
    _client: Any

    def _translate(self, what: str) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _body(self, response: Any) -> Any:
        raise NotImplementedError

    def _streaming_bulk(self, actions: list[dict[str, Any]], **options: Any) -> Iterable[BulkItem]:
        raise NotImplementedError

    def info(self) -> dict[str, Any]:
        """The root endpoint."""
        with self._translate("GET /"):
            return dict(self._body(self._client.info()))

    def version(self) -> str:
        """From GET /, or from the local node's info where the root endpoint is missing.

        A cluster may serve no `GET /` (Elastic's integ-test-zip lacks the rest-root module and
        answers 405); the version is then read from `GET /_nodes/_local`.
        """
        try:
            return str(self.info().get("version", {}).get("number", "?"))
        except EngineRequestError:
            with self._translate("GET /_nodes/_local"):
                nodes = self._body(self._client.nodes.info(node_id="_local")).get("nodes", {})
        versions = {str(node.get("version", "?")) for node in nodes.values()}
        return versions.pop() if len(versions) == 1 else "?"

    def plugin_names(self) -> set[str]:
        """Plugins installed on the nodes."""
        with self._translate("GET /_nodes/plugins"):
            nodes = self._body(self._client.nodes.info(metric="plugins")).get("nodes", {})
        return {p["name"] for node in nodes.values() for p in node.get("plugins", [])}

    def get_template(self, name: str) -> dict[str, Any] | None:
        """The composable template body, or None."""
        try:
            with self._translate(f"GET /_index_template/{name}"):
                found = self._body(self._client.indices.get_index_template(name=name))
        except EngineRequestError as exc:
            if "HTTP 404" in str(exc):
                return None
            raise
        templates = found.get("index_templates", [])
        return dict(templates[0]["index_template"]) if templates else None

    def put_template(self, name: str, body: dict[str, Any]) -> None:
        """Create or replace the template."""
        with self._translate(f"PUT /_index_template/{name}"):
            self._client.indices.put_index_template(name=name, body=body)

    def put_mapping(self, index: str, properties: dict[str, Any]) -> None:
        """Add fields to the existing indices of a pattern."""
        with self._translate(f"PUT /{index}/_mapping"):
            self._client.indices.put_mapping(
                index=index,
                body={"properties": properties},
                allow_no_indices=True,
                ignore_unavailable=True,
            )

    def search(self, index: str, body: dict[str, Any]) -> dict[str, Any]:
        """Search an index pattern."""
        with self._translate(f"search {index}"):
            return dict(
                self._body(
                    self._client.search(
                        index=index, body=body, ignore_unavailable=True, allow_no_indices=True
                    )
                )
            )

    def bulk(
        self, actions: list[dict[str, Any]], chunk_size: int, wait_for_refresh: bool
    ) -> Iterable[BulkItem]:
        """One streaming_bulk pass; per-item failures are yielded, never raised."""
        extra: dict[str, Any] = {"refresh": "wait_for"} if wait_for_refresh else {}
        with self._translate("bulk"):
            yield from self._streaming_bulk(
                actions,
                chunk_size=chunk_size,
                raise_on_error=False,
                raise_on_exception=False,
                max_retries=0,
                **extra,
            )

    def refresh(self, index: str) -> None:
        """Refresh the pattern's indices."""
        with self._translate(f"refresh {index}"):
            self._client.indices.refresh(
                index=index, allow_no_indices=True, ignore_unavailable=True
            )

    def delete_index(self, name: str) -> None:
        """Delete one index."""
        with self._translate(f"delete {name}"):
            self._client.indices.delete(index=name)

    def index_settings(self, index: str) -> dict[str, dict[str, Any]]:
        """Flat settings of the pattern's concrete indices."""
        with self._translate(f"GET /{index}/_settings"):
            found = self._body(
                self._client.indices.get_settings(
                    index=index, flat_settings=True, allow_no_indices=True, ignore_unavailable=True
                )
            )
        return {name: dict(info.get("settings", {})) for name, info in found.items()}

    def create_index(self, name: str, body: dict[str, Any]) -> None:
        """Create the index."""
        with self._translate(f"PUT /{name}"):
            self._client.indices.create(index=name, body=body)

    def put_settings(self, index: str, settings: dict[str, Any]) -> None:
        """Update index settings."""
        with self._translate(f"PUT /{index}/_settings"):
            self._client.indices.put_settings(index=index, body={"index": settings})

    def update_aliases(self, actions: list[dict[str, Any]]) -> None:
        """POST /_aliases."""
        with self._translate("POST /_aliases"):
            self._client.indices.update_aliases(body={"actions": actions})

    def close(self) -> None:
        """Close the pool."""
        self._client.close()
