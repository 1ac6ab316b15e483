"""Index test fixtures: a real OpenSearch node (built with Maven, started once per session),
an optional real Elasticsearch (TEST_ELASTICSEARCH_URL) and one index per backend.

The variables deliberately lack the YUQING_ prefix: load_config reads every YUQING_* variable
as a configuration override.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.request
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

REPO = Path(__file__).resolve().parents[2]
NODE_DIR = REPO / "tools" / "opensearch-node"
NODE_CLASSPATH = f"{NODE_DIR / 'target' / 'classes'}:{NODE_DIR / 'target' / 'lib'}/*"
READY = "YUQING_NODE_READY port="
BUILD_TIMEOUT = 900
START_TIMEOUT = 180
# Elasticsearch joins the parity runs only when a real cluster is given.
BACKENDS = ["sqlite", "opensearch"] + (
    ["elasticsearch"] if os.environ.get("TEST_ELASTICSEARCH_URL") else []
)


def _node_is_built() -> bool:
    stamp = NODE_DIR / "target" / "lib"
    if not stamp.is_dir() or not any(stamp.glob("opensearch-2*.jar")):
        return False
    sources = [NODE_DIR / "pom.xml", *NODE_DIR.glob("src/**/*.java")]
    built = (NODE_DIR / "target" / "classes" / "yuqing" / "node" / "Main.class").stat().st_mtime
    return all(s.stat().st_mtime <= built for s in sources)


def build_node() -> None:
    """mvn package tools/opensearch-node unless target/ is up to date."""
    if _node_is_built():
        return
    subprocess.run(["mvn", "-q", "-B", "package"], cwd=NODE_DIR, check=True, timeout=BUILD_TIMEOUT)


def _wait_ready(process: subprocess.Popen[bytes], log: Path) -> int:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        text = log.read_text(errors="replace") if log.exists() else ""
        if READY in text:
            return int(text.split(READY, 1)[1].split()[0])
        if process.poll() is not None:
            break
        time.sleep(0.25)
    tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
    raise RuntimeError(f"OpenSearch node did not start (exit {process.poll()}); log tail:\n{tail}")


def _wait_healthy(url: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            health = f"{url}/_cluster/health?wait_for_status=yellow&timeout=5s"
            with urllib.request.urlopen(health, timeout=10) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.5)


@pytest.fixture(scope="session")
def opensearch_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of an OpenSearch 2.x node: TEST_OPENSEARCH_URL, or one started from Maven."""
    given = os.environ.get("TEST_OPENSEARCH_URL")
    if given:
        yield given.rstrip("/")
        return
    require(shutil.which("java") is not None, "java not found (apt-get install openjdk-17-jre)")
    require(shutil.which("mvn") is not None, "mvn not found (apt-get install maven)")
    build_node()
    home = tmp_path_factory.mktemp("opensearch")
    log = home / "node.log"
    command = ["java", "-Xms512m", "-Xmx1g", "-cp", NODE_CLASSPATH, "yuqing.node.Main"]
    command += ["--data", str(home / "node"), "--stop-on-stdin-eof"]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=out, stderr=out)
    try:
        url = f"http://127.0.0.1:{_wait_ready(process, log)}"
        _wait_healthy(url)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdin:
            process.stdin.close()


@pytest.fixture(scope="session")
def elasticsearch_url() -> str:
    """URL of a real Elasticsearch 8/9 from TEST_ELASTICSEARCH_URL (skipped otherwise)."""
    url = os.environ.get("TEST_ELASTICSEARCH_URL")
    if not url:
        pytest.skip("set TEST_ELASTICSEARCH_URL=http://127.0.0.1:9200 to test Elasticsearch")
    return url.rstrip("/")


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
