"""Local single-node OpenSearch and Elasticsearch for tests and benchmarks (no Docker).

Both engines share one lifecycle: `mvn -q -B package` in tools/<engine>-node when that build is
stale, start in a temporary home on a free loopback port, wait for yellow health, stop with
SIGTERM. What differs is a `NodeKind`:

- OpenSearch 2.x (tools/opensearch-node): the codelibs runner embedded in `yuqing.node.Main`,
  which prints the HTTP port once the cluster is yellow.
- Elasticsearch 8.x (tools/elasticsearch-node): Elastic's integ-test-zip distribution, started
  with its own `bin/elasticsearch` on the system Java; it writes the bound port to
  `logs/http.ports`. Elasticsearch refuses to run as root, so under root the node runs as
  `nobody` in a home of its own under the system temp directory.

Tests and benchmarks start a node through `LocalNode`; developers run
`python -m tests.support.localnode [opensearch|elasticsearch]` (or `make opensearch-node`,
`make elasticsearch-node`) and point `index.urls` at the printed URL.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from core.errors import MentionIndexError

TOOLS = Path(__file__).resolve().parents[2] / "tools"
NODE_DIR = TOOLS / "opensearch-node"
ES_NODE_DIR = TOOLS / "elasticsearch-node"
READY = "YUQING_NODE_READY port="
HEAP = ["-Xms512m", "-Xmx1g"]
ES_HEAP = ["-Xms512m", "-Xmx512m"]
# Written after a successful `mvn package`: the build is current while it is newer than the
# pom and the sources.
STAMP = Path("target") / ".yuqing-built"


class LocalNodeError(MentionIndexError):
    """The local node could not be built or started."""


def missing_tools() -> list[str]:
    """Which of java and mvn are not on PATH."""
    return [tool for tool in ("java", "mvn") if shutil.which(tool) is None]


@dataclass(frozen=True)
class NodeKind:
    """What one engine's node needs: its Maven project, its command and where it says its port."""

    name: str
    title: str
    node_dir: Path

    def artifacts(self) -> list[str]:
        """Glob patterns (under node_dir) that the build must have produced."""
        raise NotImplementedError

    def missing_artifacts(self) -> list[str]:
        """Artifacts the build has not produced (yet)."""
        return [p for p in self.artifacts() if not any(self.node_dir.glob(p))]

    def launch(self, home: Path) -> tuple[list[str], dict[str, Any]]:
        """Prepare the home; the command and the extra subprocess.Popen options."""
        raise NotImplementedError

    def port(self, home: Path, log: str) -> int | None:
        """The HTTP port once the node has bound it (None while starting)."""
        raise NotImplementedError


class OpenSearchKind(NodeKind):
    """OpenSearch 2.x embedded in tools/opensearch-node's `yuqing.node.Main`."""

    def artifacts(self) -> list[str]:
        """The main class and the OpenSearch jar."""
        return ["target/classes/yuqing/node/Main.class", "target/lib/opensearch-2*.jar"]

    def launch(self, home: Path) -> tuple[list[str], dict[str, Any]]:
        """java Main in the foreground; it stops itself when our end of its stdin closes."""
        target = self.node_dir / "target"
        command = ["java", *HEAP, "-cp", f"{target / 'classes'}:{target / 'lib'}/*"]
        command += ["yuqing.node.Main", "--data", str(home / "node"), "--stop-on-stdin-eof"]
        return command, {"stdin": subprocess.PIPE}

    def port(self, home: Path, log: str) -> int | None:
        """From the READY line Main prints once the cluster is yellow."""
        return int(log.split(READY, 1)[1].split()[0]) if READY in log else None


class ElasticsearchKind(NodeKind):
    """Elasticsearch 8.x from the integ-test-zip in tools/elasticsearch-node/target/dist."""

    @property
    def version(self) -> str:
        """The `elasticsearch.version` property of the pom."""
        pom = (self.node_dir / "pom.xml").read_text(encoding="utf-8")
        found = re.search(r"<elasticsearch\.version>([^<]+)<", pom)
        if not found:
            raise LocalNodeError(f"{self.node_dir / 'pom.xml'}: no <elasticsearch.version>")
        return found.group(1).strip()

    @property
    def distribution(self) -> Path:
        """The unpacked distribution."""
        return self.node_dir / "target" / "dist" / f"elasticsearch-{self.version}"

    def artifacts(self) -> list[str]:
        """The start script and the test analysis plugin."""
        return [
            f"target/dist/elasticsearch-{self.version}/bin/elasticsearch",
            "target/plugin/yuqing-test-analysis.jar",
            "target/plugin/stable-plugin-descriptor.properties",
            "target/plugin/named_components.json",
        ]

    def launch(self, home: Path) -> tuple[list[str], dict[str, Any]]:
        """A private copy (hard links) of the distribution with the plugin; bin/elasticsearch."""
        es_home = home / "elasticsearch"
        _copy_tree(self.distribution, es_home, link=True)
        shutil.rmtree(es_home / "config")
        _copy_tree(self.distribution / "config", es_home / "config", link=False)
        _copy_tree(
            self.node_dir / "target" / "plugin",
            es_home / "plugins" / "yuqing-test-analysis",
            link=False,
        )
        for folder in ("data", "logs", "tmp"):
            (home / folder).mkdir()
        settings = {
            "cluster.name": "yuqing-test",
            "node.name": "yuqing-test",
            "discovery.type": "single-node",
            "network.host": "127.0.0.1",
            "http.port": "0",
            "transport.port": "0",
            "node.portsfile": "true",
            "path.data": str(home / "data"),
            "path.logs": str(home / "logs"),
            "xpack.security.enabled": "false",
            "cluster.routing.allocation.disk.threshold_enabled": "false",
        }
        command = [str(es_home / "bin" / "elasticsearch")]
        for key, value in settings.items():
            command += ["-E", f"{key}={value}"]
        env = dict(os.environ)
        env.pop("JAVA_HOME", None)
        env.update(
            ES_JAVA_HOME=_java_home(),
            ES_JAVA_OPTS=" ".join(ES_HEAP),
            ES_PATH_CONF=str(es_home / "config"),
            ES_TMPDIR=str(home / "tmp"),
            HOME=str(home),
        )
        options: dict[str, Any] = {"env": env, "cwd": home / "logs", "stdin": subprocess.DEVNULL}
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            _hand_over(home, nobody.pw_uid, nobody.pw_gid)
            options.update(user=nobody.pw_uid, group=nobody.pw_gid, extra_groups=[])
        return command, options

    def port(self, home: Path, log: str) -> int | None:
        """From logs/http.ports (node.portsfile), written once HTTP is bound."""
        ports = home / "logs" / "http.ports"
        text = ports.read_text(encoding="utf-8").strip() if ports.exists() else ""
        return int(text.splitlines()[0].rsplit(":", 1)[1]) if text else None


OPENSEARCH = OpenSearchKind("opensearch", "OpenSearch", NODE_DIR)
ELASTICSEARCH = ElasticsearchKind("elasticsearch", "Elasticsearch", ES_NODE_DIR)
KINDS: dict[str, NodeKind] = {kind.name: kind for kind in (OPENSEARCH, ELASTICSEARCH)}


def node_kind(engine: str | NodeKind) -> NodeKind:
    """The NodeKind for an engine name (opensearch, elasticsearch)."""
    if isinstance(engine, NodeKind):
        return engine
    if engine not in KINDS:
        raise LocalNodeError(f"no local node for {engine!r} (use {' or '.join(KINDS)})")
    return KINDS[engine]


def _java_home() -> str:
    """JAVA_HOME of the `java` on PATH (the distribution bundles no JDK)."""
    java = shutil.which("java")
    if java is None:
        raise LocalNodeError("java not found (apt-get install openjdk-17-jdk)")
    return str(Path(java).resolve().parents[1])


def _copy_tree(source: Path, target: Path, link: bool) -> None:
    """Copy a tree; with link, hard-link the files where the filesystem allows it."""

    def link_or_copy(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link_or_copy if link else shutil.copy2)


def _hand_over(home: Path, uid: int, gid: int) -> None:
    """Give the node's user its home: every folder and every file that is not a hard link.

    Hard-linked files share their inode with the build in tools/; they stay root's (and only
    need to be readable).
    """
    os.chmod(home, 0o755)
    for folder, _, files in os.walk(home):
        os.chown(folder, uid, gid)
        for name in files:
            path = os.path.join(folder, name)
            if os.lstat(path).st_nlink == 1:
                os.chown(path, uid, gid, follow_symlinks=False)


def _die_with_parent() -> None:
    """In the child: SIGTERM when the process that started the node dies (Linux only)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def is_built(engine: str | NodeKind = OPENSEARCH) -> bool:
    """True when the build stamp and the artifacts are newer than the pom and the sources."""
    kind = node_kind(engine)
    stamp = kind.node_dir / STAMP
    if not stamp.exists() or kind.missing_artifacts():
        return False
    sources = [
        kind.node_dir / "pom.xml",
        *(p for p in kind.node_dir.glob("src/**/*") if p.is_file()),
    ]
    return all(s.stat().st_mtime <= stamp.stat().st_mtime for s in sources)


def build(engine: str | NodeKind = OPENSEARCH, timeout: float = 900) -> None:
    """`mvn -q -B package` unless the build is current (one build at a time per checkout)."""
    kind = node_kind(engine)
    if is_built(kind):
        return
    if missing_tools():
        raise LocalNodeError(
            f"cannot build {kind.node_dir}: {' and '.join(missing_tools())} not found"
        )
    (kind.node_dir / "target").mkdir(exist_ok=True)
    with (kind.node_dir / "target" / ".build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if is_built(kind):
            return
        done = subprocess.run(
            ["mvn", "-q", "-B", "package"], cwd=kind.node_dir, timeout=timeout, capture_output=True
        )
        if done.returncode != 0:
            tail = (done.stdout + done.stderr).decode(errors="replace")[-3000:]
            raise LocalNodeError(f"mvn package failed in {kind.node_dir}:\n{tail}")
        missing = kind.missing_artifacts()
        if missing:
            raise LocalNodeError(f"mvn package in {kind.node_dir} did not produce {missing}")
        (kind.node_dir / STAMP).touch()


class LocalNode:
    """Start a node in a temporary home; stop it on exit (SIGTERM, then kill)."""

    def __init__(
        self,
        engine: str | NodeKind = OPENSEARCH,
        home: Path | None = None,
        start_timeout: float = 180,
    ) -> None:
        self.kind = node_kind(engine)
        prefix = f"yuqing-{self.kind.name}-"
        self._tmp = None if home else tempfile.TemporaryDirectory(prefix=prefix)
        self.home = home or Path(self._tmp.name if self._tmp else ".")
        self.start_timeout = start_timeout
        self.url = ""
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        """The node process id while it runs (benchmarks read its CPU time from /proc)."""
        return self._process.pid if self._process is not None else None

    @property
    def log(self) -> Path:
        """The node's combined stdout/stderr."""
        return self.home / "node.log"

    def start(self) -> str:
        """Build if needed, start, wait for yellow health; return the HTTP URL."""
        build(self.kind)
        command, options = self.kind.launch(self.home)
        with self.log.open("wb") as out:
            self._process = subprocess.Popen(
                command, stdout=out, stderr=out, preexec_fn=_die_with_parent, **options
            )
        self.url = f"http://127.0.0.1:{self._wait_ready()}"
        self._wait_healthy()
        return self.url

    def _tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""

    def _wait_ready(self) -> int:
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            text = self.log.read_text(errors="replace") if self.log.exists() else ""
            port = self.kind.port(self.home, text)
            if port:
                return port
            if self._process is not None and self._process.poll() is not None:
                break
            time.sleep(0.25)
        tail = self._tail()
        self.stop()
        raise LocalNodeError(f"{self.kind.title} node did not start; log tail:\n{tail}")

    def _wait_healthy(self) -> None:
        health = f"{self.url}/_cluster/health?wait_for_status=yellow&timeout=5s"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(health, timeout=10) as response:
                    if response.status == 200:
                        return
            except OSError as exc:
                if time.monotonic() > deadline:
                    self.stop()
                    raise LocalNodeError(f"{self.url} never became healthy: {exc}") from None
            time.sleep(0.5)

    def stop(self) -> None:
        """SIGTERM and wait; kill after 30 s."""
        process, self._process = self._process, None
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdin:
                process.stdin.close()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> LocalNode:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    """Run a node in the foreground until Ctrl-C: `localnode [opensearch|elasticsearch]`."""
    args = sys.argv[1:] if argv is None else argv
    kind = node_kind(args[0] if args else "opensearch")
    with LocalNode(kind) as node:
        print(f"{kind.title} at {node.url} (Ctrl-C to stop)", flush=True)
        print(
            f"  YUQING_INDEX__BACKEND={kind.name} YUQING_INDEX__URLS='[\"{node.url}\"]'",
            flush=True,
        )
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
