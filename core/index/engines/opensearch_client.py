"""The OpenSearch 2/3 client layer on opensearch-py."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from opensearchpy import OpenSearch, helpers
from opensearchpy import exceptions as os_exc

from core.config import IndexConfig
from core.index.engines.client import BulkItem, basic_auth, tls_context
from core.index.engines.errors import EngineRequestError, refused, rejected, unreachable


def _detail(exc: os_exc.TransportError) -> str:
    info = exc.info if isinstance(exc.info, dict) else {}
    error = info.get("error")
    if isinstance(error, dict):
        cause = (error.get("root_cause") or [error])[0]
        return f"{cause.get('type', '')}: {cause.get('reason', '')}"
    return str(exc.error or exc)


class OpenSearchClient:
    """EngineClient for OpenSearch; requests and errors translated at this boundary only."""

    flavor = "opensearch"

    def __init__(self, config: IndexConfig, request_timeout: float = 30.0) -> None:
        self.url = ", ".join(config.urls)
        options: dict[str, Any] = {
            "verify_certs": config.verify_certs,
            "ssl_show_warn": config.verify_certs,
            "timeout": request_timeout,
            "max_retries": 2,
            "retry_on_status": (502, 503, 504),
        }
        auth = basic_auth(config)
        if auth:
            options["http_auth"] = auth
        if config.api_key:
            options["headers"] = {"Authorization": f"ApiKey {config.api_key}"}
        context = tls_context(config)
        if context is not None:
            options["ssl_context"] = context
        self._client = OpenSearch(hosts=list(config.urls), **options)

    @contextmanager
    def _translate(self, what: str) -> Iterator[None]:
        try:
            yield
        except os_exc.ConnectionError as exc:
            raise unreachable(self.url, str(exc.info or exc.error or exc)) from None
        except (os_exc.AuthenticationException, os_exc.AuthorizationException) as exc:
            raise refused(self.url, int(exc.status_code), _detail(exc)) from None
        except os_exc.TransportError as exc:
            status = exc.status_code if isinstance(exc.status_code, int) else 0
            raise rejected(self.url, what, status, _detail(exc)) from None

    def info(self) -> dict[str, Any]:
        """The root endpoint."""
        with self._translate("GET /"):
            return dict(self._client.info())

    def plugin_names(self) -> set[str]:
        """Plugins installed on the nodes."""
        with self._translate("GET /_nodes/plugins"):
            nodes = self._client.nodes.info(metric="plugins").get("nodes", {})
        return {p["name"] for node in nodes.values() for p in node.get("plugins", [])}

    def get_template(self, name: str) -> dict[str, Any] | None:
        """The composable template body, or None."""
        try:
            with self._translate(f"GET /_index_template/{name}"):
                found = self._client.indices.get_index_template(name=name)
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

    def search(self, index: str, body: dict[str, Any]) -> dict[str, Any]:
        """Search an index pattern."""
        with self._translate(f"search {index}"):
            return dict(
                self._client.search(
                    index=index, body=body, ignore_unavailable=True, allow_no_indices=True
                )
            )

    def count(self, index: str, query: dict[str, Any]) -> int:
        """Count matching documents."""
        with self._translate(f"count {index}"):
            found = self._client.count(
                index=index, body={"query": query}, ignore_unavailable=True, allow_no_indices=True
            )
        return int(found["count"])

    def bulk(
        self, actions: list[dict[str, Any]], chunk_size: int, wait_for_refresh: bool
    ) -> Iterable[BulkItem]:
        """One streaming_bulk pass; per-item failures are yielded, never raised."""
        extra: dict[str, Any] = {"refresh": "wait_for"} if wait_for_refresh else {}
        with self._translate("bulk"):
            yield from helpers.streaming_bulk(
                self._client,
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

    def index_stats(self, index: str) -> dict[str, tuple[int, int]]:
        """Per-index doc count and size."""
        with self._translate(f"stats {index}"):
            found = self._client.indices.stats(index=index, metric="docs,store")
        return {
            name: (int(s["primaries"]["docs"]["count"]), int(s["total"]["store"]["size_in_bytes"]))
            for name, s in found.get("indices", {}).items()
        }

    def delete_index(self, name: str) -> None:
        """Delete one index."""
        with self._translate(f"delete {name}"):
            self._client.indices.delete(index=name)

    def close(self) -> None:
        """Close the pool."""
        self._client.close()
