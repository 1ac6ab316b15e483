"""A local single-node OpenSearch 2.x from tools/opensearch-node (Maven Central, no Docker).

Tests and benchmarks start it through `LocalNode`; developers run
`python -m core.index.engines.localnode` (or `make opensearch-node`) and point
`index.urls` at the printed URL.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from types import TracebackType

from core.errors import MentionIndexError

NODE_DIR = Path(__file__).resolve().parents[3] / "tools" / "opensearch-node"
READY = "YUQING_NODE_READY port="
HEAP = ["-Xms512m", "-Xmx1g"]


class LocalNodeError(MentionIndexError):
    """The local node could not be built or started."""


def missing_tools() -> list[str]:
    """Which of java and mvn are not on PATH."""
    return [tool for tool in ("java", "mvn") if shutil.which(tool) is None]


def is_built(node_dir: Path = NODE_DIR) -> bool:
    """True when target/ holds a build newer than the pom and the sources."""
    main_class = node_dir / "target" / "classes" / "yuqing" / "node" / "Main.class"
    if not main_class.exists() or not any((node_dir / "target" / "lib").glob("opensearch-2*.jar")):
        return False
    sources = [node_dir / "pom.xml", *node_dir.glob("src/**/*.java")]
    return all(s.stat().st_mtime <= main_class.stat().st_mtime for s in sources)


def build(node_dir: Path = NODE_DIR, timeout: float = 900) -> None:
    """`mvn -q -B package` unless the build is current."""
    if is_built(node_dir):
        return
    if missing_tools():
        raise LocalNodeError(f"cannot build {node_dir}: {' and '.join(missing_tools())} not found")
    done = subprocess.run(
        ["mvn", "-q", "-B", "package"], cwd=node_dir, timeout=timeout, capture_output=True
    )
    if done.returncode != 0:
        tail = (done.stdout + done.stderr).decode(errors="replace")[-3000:]
        raise LocalNodeError(f"mvn package failed in {node_dir}:\n{tail}")


class LocalNode:
    """Start the node in a temporary home; stop it on exit (SIGTERM, then kill)."""

    def __init__(self, home: Path | None = None, start_timeout: float = 180) -> None:
        self._tmp = None if home else tempfile.TemporaryDirectory(prefix="yuqing-opensearch-")
        self.home = home or Path(self._tmp.name if self._tmp else ".")
        self.start_timeout = start_timeout
        self.url = ""
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def log(self) -> Path:
        """The node's combined stdout/stderr."""
        return self.home / "node.log"

    def start(self) -> str:
        """Build if needed, start, wait for yellow health; return the HTTP URL."""
        build()
        classpath = f"{NODE_DIR / 'target' / 'classes'}:{NODE_DIR / 'target' / 'lib'}/*"
        command = ["java", *HEAP, "-cp", classpath, "yuqing.node.Main"]
        command += ["--data", str(self.home / "node"), "--stop-on-stdin-eof"]
        with self.log.open("wb") as out:
            self._process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=out, stderr=out)
        self.url = f"http://127.0.0.1:{self._wait_ready()}"
        self._wait_healthy()
        return self.url

    def _wait_ready(self) -> int:
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            text = self.log.read_text(errors="replace") if self.log.exists() else ""
            if READY in text:
                return int(text.split(READY, 1)[1].split()[0])
            if self._process is not None and self._process.poll() is not None:
                break
            time.sleep(0.25)
        tail = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
        self.stop()
        raise LocalNodeError(f"OpenSearch node did not start; log tail:\n{tail}")

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


def main() -> int:
    """Run a node in the foreground until Ctrl-C."""
    with LocalNode() as node:
        print(f"OpenSearch at {node.url} (Ctrl-C to stop)", flush=True)
        print(
            f"  YUQING_INDEX__BACKEND=opensearch YUQING_INDEX__URLS='[\"{node.url}\"]'", flush=True
        )
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
