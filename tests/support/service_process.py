"""`yuqing run` in a child process, its log read as it is written: tests wait for the line
that says the state they assert (服务已启动, 服务已停止), not for a number of seconds."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

# Far above a start on a loaded machine (≈ 40 s at load 17 on 2 cores): only a hung or dead
# service reaches it; the waits end at the line they wait for.
PATIENCE = 240.0


class RunningService:
    """A `yuqing run` child; `log` grows with every line it writes to stderr."""

    def __init__(self, config: Path, data_dir: Path) -> None:
        command = [sys.executable, "-m", "app", "run", "--config", str(config)]
        self.proc = subprocess.Popen(
            [*command, "--data-dir", str(data_dir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.log: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.log.append(line)

    @property
    def err(self) -> str:
        """Everything written to stderr so far."""
        return "".join(self.log)

    def wait_for(self, text: str) -> None:
        """Until a line containing text is written; fails when the service exits first."""
        deadline = time.monotonic() + PATIENCE
        while not any(text in line for line in self.log) and time.monotonic() < deadline:
            if self.proc.poll() is not None:  # it ended: read its last lines, then judge
                self._reader.join(10)
                break
            time.sleep(0.2)
        assert any(text in line for line in self.log), f"no {text!r} in the log:\n{self.err}"

    def stop(self) -> None:
        """Ctrl-C, then wait for the process to end and its log to be read to the end."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(PATIENCE)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
        self._reader.join(10)
