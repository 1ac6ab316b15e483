"""The Elasticsearch 8/9 client layer on the official elasticsearch client."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, MutableMapping
from contextlib import contextmanager
from typing import Any

import elastic_transport
import elasticsearch
from elasticsearch import ApiError, Elasticsearch, helpers

from core.config import IndexConfig
from core.index.engines.client import BulkItem, ClientLayer, basic_auth, root_cause, tls_context
from core.index.engines.errors import refused, rejected, unreachable

_COMPAT = re.compile(r"compatible-with=\d+")


def _detail(exc: ApiError) -> str:
    return root_cause(exc.body) or str(exc.message)


def _older_server(status: int, detail: str) -> bool:
    """A server older than the client rejects its `compatible-with` headers with HTTP 400."""
    return status == 400 and ("media_type_header" in detail or "Accept version" in detail)


class CompatTransport(elastic_transport.Transport):
    """Transport that can lower the client's `compatible-with=N` headers for an older server.

    The 9.x client sends `compatible-with=9`, which Elasticsearch 8 refuses; 8 understands
    requests of the 9 client's REST API as long as the header says 8.
    """

    compatible_with: int | None = None

    def perform_request(self, method: str, target: str, **kwargs: Any) -> Any:
        """Rewrite Accept/Content-Type when a lower compatibility version is set."""
        headers = kwargs.get("headers")
        if self.compatible_with is not None and isinstance(headers, MutableMapping):
            for name in ("accept", "content-type"):
                value = headers.get(name)
                if value:
                    headers[name] = _COMPAT.sub(f"compatible-with={self.compatible_with}", value)
        return super().perform_request(method, target, **kwargs)


class ElasticsearchClient(ClientLayer):
    """EngineClient for Elasticsearch; requests and errors translated at this boundary only."""

    flavor = "elasticsearch"
    _client: Elasticsearch

    def __init__(self, config: IndexConfig, request_timeout: float = 30.0) -> None:
        self.url = ", ".join(config.urls)
        options: dict[str, Any] = {
            "verify_certs": config.verify_certs,
            "request_timeout": request_timeout,
            "max_retries": 2,
            "retry_on_status": (502, 503, 504),
        }
        auth = basic_auth(config)
        if auth:
            options["basic_auth"] = auth
        if config.api_key:
            options["api_key"] = config.api_key
        context = tls_context(config)
        if context is not None:
            options = {k: v for k, v in options.items() if k != "verify_certs"}
            options["ssl_context"] = context
        self._client = Elasticsearch(
            hosts=list(config.urls), transport_class=CompatTransport, **options
        )
        self._negotiated = False

    def _negotiate(self) -> None:
        # One GET / per client: an Elasticsearch one major older than the client answers 400
        # to the default headers; from then on every request says compatible-with=<major-1>.
        self._negotiated = True
        try:
            self._client.info()
        except ApiError as exc:
            status = int(exc.meta.status) if exc.meta else 0
            transport = self._client.transport
            if _older_server(status, _detail(exc)) and isinstance(transport, CompatTransport):
                transport.compatible_with = int(elasticsearch.__versionstr__.split(".")[0]) - 1
        except elastic_transport.TransportError:
            self._negotiated = False  # unreachable: the real request reports it

    @contextmanager
    def _translate(self, what: str) -> Iterator[None]:
        if not self._negotiated:
            self._negotiate()
        try:
            yield
        except elastic_transport.ConnectionError as exc:
            raise unreachable(self.url, str(exc.message)) from None
        except ApiError as exc:
            status = int(exc.meta.status) if exc.meta else 0
            detail = _detail(exc)
            if status in (401, 403):
                raise refused(self.url, status, detail) from None
            raise rejected(self.url, what, status, detail) from None
        except elastic_transport.TransportError as exc:
            raise unreachable(self.url, str(exc.message)) from None

    def _body(self, response: Any) -> Any:
        return response.body

    def _streaming_bulk(self, actions: list[dict[str, Any]], **options: Any) -> Iterable[BulkItem]:
        return helpers.streaming_bulk(self._client, actions, **options)

    def count(self, index: str, query: dict[str, Any]) -> int:
        """Count matching documents."""
        with self._translate(f"count {index}"):
            found = self._client.count(
                index=index, query=query, ignore_unavailable=True, allow_no_indices=True
            )
        return int(found["count"])

    def index_stats(self, index: str) -> dict[str, tuple[int, int]]:
        """Per-index doc count and size."""
        with self._translate(f"stats {index}"):
            found = self._client.indices.stats(index=index, metric=["docs", "store"]).body
        return {
            name: (int(s["primaries"]["docs"]["count"]), int(s["total"]["store"]["size_in_bytes"]))
            for name, s in found.get("indices", {}).items()
        }
