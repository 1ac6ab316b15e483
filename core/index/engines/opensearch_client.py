"""The OpenSearch 2/3 client layer on opensearch-py."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from opensearchpy import OpenSearch, helpers
from opensearchpy import exceptions as os_exc

from core.config import IndexConfig
from core.index.engines.client import BulkItem, ClientLayer, basic_auth, root_cause, tls_context
from core.index.engines.errors import refused, rejected, unreachable

POOL_SIZE = 10  # as the Elasticsearch client's connections_per_node


def _detail(exc: os_exc.TransportError) -> str:
    return root_cause(exc.info) or str(exc.error or exc)


class OpenSearchClient(ClientLayer):
    """EngineClient for OpenSearch; requests and errors translated at this boundary only."""

    flavor = "opensearch"
    _client: OpenSearch

    def __init__(self, config: IndexConfig, request_timeout: float = 30.0) -> None:
        self.url = ", ".join(config.urls)
        options: dict[str, Any] = {
            "verify_certs": config.verify_certs,
            "ssl_show_warn": config.verify_certs,
            "timeout": request_timeout,
            "max_retries": 2,
            "retry_on_status": (502, 503, 504),
            # Sources collect in parallel threads over this one client: with urllib3's default
            # of 1 pooled connection every other request opened a new one (and logged
            # "Connection pool is full, discarding connection").
            "pool_maxsize": POOL_SIZE,
        }
        auth = basic_auth(config)
        if auth:
            options["http_auth"] = auth
        if config.api_key:
            options["headers"] = {"Authorization": f"ApiKey {config.api_key}"}
        context = tls_context(config)
        if context is not None:  # it carries verify_certs (the client warns about both)
            options = {
                k: v for k, v in options.items() if k not in ("verify_certs", "ssl_show_warn")
            }
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

    def _body(self, response: Any) -> Any:
        return response

    def _streaming_bulk(self, actions: list[dict[str, Any]], **options: Any) -> Iterable[BulkItem]:
        return helpers.streaming_bulk(self._client, actions, **options)

    def count(self, index: str, query: dict[str, Any]) -> int:
        """Count matching documents."""
        with self._translate(f"count {index}"):
            found = self._client.count(
                index=index, body={"query": query}, ignore_unavailable=True, allow_no_indices=True
            )
        return int(found["count"])

    def index_stats(self, index: str) -> dict[str, tuple[int, int]]:
        """Per-index doc count and size."""
        with self._translate(f"stats {index}"):
            found = self._client.indices.stats(index=index, metric="docs,store")
        return {
            name: (int(s["primaries"]["docs"]["count"]), int(s["total"]["store"]["size_in_bytes"]))
            for name, s in found.get("indices", {}).items()
        }
