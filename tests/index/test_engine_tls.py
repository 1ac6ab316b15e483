"""The search cluster over HTTPS with a company CA's certificate, as README "Several workers"
configures it (`https://…` in index.urls, `index.ca_certs`). The real OpenSearch and
Elasticsearch nodes sit behind a TLS-terminating proxy (what nginx or a load balancer does in
front of a cluster); the clients' TLS settings are what is tested: mentions written and found
over TLS, and each way it is set up wrong said in Chinese with the option to change."""

from __future__ import annotations

import uuid
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from core.config import IndexConfig
from core.index.engines import open_engine_index
from core.index.engines.reach import index_findings
from core.index.protocol import SearchQuery
from tests.index.conftest import drop_engine_index
from tests.index.corpus import make_mention
from tests.support.tls import CertificateAuthority
from tests.support.tls_proxy import tls_proxy

WHEN = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def company_ca(tmp_path_factory: pytest.TempPathFactory) -> CertificateAuthority:
    return CertificateAuthority(tmp_path_factory.mktemp("index-ca"), "search CA")


@pytest.fixture
def https_port(engine_url: tuple[str, str], company_ca: CertificateAuthority) -> Iterator[int]:
    """A TLS port (certificate for 127.0.0.1 only) in front of the engine's plain HTTP port."""
    upstream = urlsplit(engine_url[1])
    files = company_ca.issue("search", ["127.0.0.1"])
    with tls_proxy(files, (upstream.hostname or "127.0.0.1", upstream.port or 9200)) as port:
        yield port


def check_index(tmp_path: Path, **index: object) -> str | None:
    """What `yuqing check` says of the cluster (None: reachable)."""
    problem, _ = index_findings(IndexConfig.model_validate(index))
    return problem


def test_mentions_are_written_and_found_over_https_with_the_company_ca(
    engine_url: tuple[str, str], https_port: int, company_ca: CertificateAuthority, tmp_path: Path
) -> None:
    backend, _ = engine_url
    url = f"https://127.0.0.1:{https_port}"
    assert check_index(tmp_path, backend=backend, urls=[url], ca_certs=str(company_ca.path)) is None
    config = IndexConfig(
        backend=backend,
        urls=[url],
        ca_certs=str(company_ca.path),
        index_prefix=f"yqt-tls-{uuid.uuid4().hex[:8]}",
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        index = open_engine_index(config)
    index.replicas = 0
    try:
        mention = make_mention("tls-1", "鲜味坊的退款十天还没到账，客服电话打不通", WHEN)
        index.upsert_many([mention])
        index.refresh()
        found = index.search(SearchQuery(text="退款"))
        assert [m.id for m in found.mentions] == [mention.id]
    finally:
        drop_engine_index(index)
    assert not [w for w in caught if "ssl_context" in str(w.message)]  # no client warning


def test_without_the_company_ca_check_names_index_ca_certs(
    engine_url: tuple[str, str], https_port: int, tmp_path: Path
) -> None:
    said = check_index(tmp_path, backend=engine_url[0], urls=[f"https://127.0.0.1:{https_port}"])
    assert said is not None
    assert "服务器证书无法验证" in said and "index.ca_certs" in said, said


def test_a_host_name_the_certificate_was_not_issued_for(
    engine_url: tuple[str, str], https_port: int, company_ca: CertificateAuthority, tmp_path: Path
) -> None:
    said = check_index(
        tmp_path,
        backend=engine_url[0],
        urls=[f"https://localhost:{https_port}"],
        ca_certs=str(company_ca.path),
    )
    assert said is not None
    assert "服务器证书上的主机名与 index.urls 的主机（localhost）不符" in said, said


def test_plain_http_to_the_tls_port_says_to_write_https(
    engine_url: tuple[str, str], https_port: int, tmp_path: Path
) -> None:
    said = check_index(tmp_path, backend=engine_url[0], urls=[f"http://127.0.0.1:{https_port}"])
    assert said is not None
    assert "连接被对方断开" in said and "集群启用了 HTTPS 时地址要写 https://" in said, said


def test_https_to_a_plain_http_port_says_it_is_not_https(
    engine_url: tuple[str, str], tmp_path: Path
) -> None:
    backend, plain = engine_url
    said = check_index(tmp_path, backend=backend, urls=[plain.replace("http://", "https://")])
    assert said is not None
    assert "这个端口不是 HTTPS" in said and "地址写 http://" in said, said
