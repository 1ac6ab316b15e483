"""Index test fixtures: a real OpenSearch node and a real Elasticsearch node (each built with
Maven and started once per session, or given by TEST_OPENSEARCH_URL / TEST_ELASTICSEARCH_URL)
and one index per backend.

The variables deliberately lack the YUQING_ prefix: load_config reads every YUQING_* variable
as a configuration override.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from core.config import IndexConfig
from core.index.engines import EngineMentionIndex, open_engine_index
from core.index.protocol import MentionIndex
from core.index.sqlite import SQLiteMentionIndex
from tests.conftest import require
from tests.support import localnode

ENGINES = ["opensearch", "elasticsearch"]
BACKENDS = ["sqlite", *ENGINES]


def local_node(engine: str, home: Path | None) -> Iterator[str]:
    """URL of TEST_<ENGINE>_URL, or of a node built and started from Maven for the session."""
    given = os.environ.get(f"TEST_{engine.upper()}_URL")
    if given:
        yield given.rstrip("/")
        return
    missing = localnode.missing_tools()
    require(
        not missing, f"{' and '.join(missing)} not found (apt-get install openjdk-17-jdk maven)"
    )
    node = localnode.LocalNode(engine, home=home)
    try:
        yield node.start()
    finally:
        node.stop()


@pytest.fixture(scope="session")
def opensearch_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of an OpenSearch 2.x node: TEST_OPENSEARCH_URL, or one built and started from Maven."""
    yield from local_node("opensearch", tmp_path_factory.mktemp("opensearch"))


@pytest.fixture(scope="session")
def elasticsearch_url() -> Iterator[str]:
    """URL of an Elasticsearch 8.x node: TEST_ELASTICSEARCH_URL, or one from Maven's integ-test-zip.

    The local node gets a home of its own in the system temp directory (not pytest's, which is
    private to root): under root Elasticsearch runs as `nobody`.
    """
    yield from local_node("elasticsearch", None)


@pytest.fixture(params=ENGINES)
def engine_url(request: pytest.FixtureRequest) -> tuple[str, str]:
    """(engine, URL) of each real engine in turn."""
    return str(request.param), str(request.getfixturevalue(f"{request.param}_url"))


def engine_index(backend: str, url: str) -> EngineMentionIndex:
    """A fresh engine index under a unique prefix, one replica-free shard per month."""
    config = IndexConfig(backend=backend, urls=[url], index_prefix=f"yqt-{uuid.uuid4().hex[:10]}")
    index = open_engine_index(config)
    index.replicas = 0
    return index


def drop_engine_index(index: EngineMentionIndex) -> None:
    """Delete every monthly index the test created."""
    for name in index.monthly_indices():
        index.client.delete_index(name)
    index.close()


@contextmanager
def fresh_index(
    backend: str, request: pytest.FixtureRequest, folder: Path
) -> Iterator[MentionIndex]:
    """An empty MentionIndex of a backend, removed afterwards."""
    if backend == "sqlite":
        sqlite = SQLiteMentionIndex(folder / "mentions.db")
        yield sqlite
        sqlite.close()
        return
    engine = engine_index(backend, request.getfixturevalue(f"{backend}_url"))
    try:
        yield engine
    finally:
        drop_engine_index(engine)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Each backend name in turn."""
    return str(request.param)


@pytest.fixture
def index(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[MentionIndex]:
    """An empty MentionIndex of the backend under test."""
    with fresh_index(backend, request, tmp_path) as created:
        yield created


@pytest.fixture(scope="module", params=BACKENDS)
def loaded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[MentionIndex]:
    """A MentionIndex holding the whole corpus, shared by a module's read-only tests."""
    from tests.index.corpus import CORPUS

    folder = tmp_path_factory.mktemp(f"loaded-{request.param}")
    with fresh_index(str(request.param), request, folder) as created:
        result = created.upsert_many(list(CORPUS.values()))
        assert not result.errors, result.errors
        created.refresh()
        yield created
