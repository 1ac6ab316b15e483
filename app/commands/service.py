"""`yuqing run`, `yuqing dashboard` and `yuqing demo`: the service, the UI, or both."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

import app
from app.check import checked_context
from app.datalock import writer_lock
from app.service import Service
from collectors.config import SOURCES
from core.cli_options import DEFAULT_DATA_DIR, ConfigOption, DataDirOption
from core.context import Context

console = Console()
log = logging.getLogger(__name__)


def run(config: ConfigOption = None, data_dir: DataDirOption = DEFAULT_DATA_DIR) -> None:
    """Run the service in the foreground (collectors, alerting, housekeeping); Ctrl-C stops it."""
    # The same checks as `yuqing check`: every config mistake refuses the start, before the
    # start is announced (not at the first job that compiles a plan or opens a source).
    ctx = checked_context(config, data_dir)
    with writer_lock(data_dir):
        console.print(
            f"yuqing 服务启动：{len(SOURCES.of(ctx.config))} 个数据源，数据目录 {data_dir}"
        )
        Service(ctx).run_forever()
    ctx.close()


def dashboard_process(
    config: Path | None, data_dir: Path, port: int, host: str
) -> subprocess.Popen[bytes]:
    """Start the Streamlit dashboard as a child process reading the same stores."""
    script = Path(app.__file__).with_name("dashboard_main.py")
    env = dict(os.environ, YUQING_DATA_DIR=str(data_dir.resolve()))
    if config:
        env["YUQING_CONFIG"] = str(config.resolve())
    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.port", str(port), "--server.address", host, "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
        "--client.toolbarMode", "viewer",
    ]  # fmt: skip
    return subprocess.Popen(command, env=env)


def dashboard_command(
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
    port: Annotated[int | None, typer.Option(help="端口（默认取配置 dashboard.port）")] = None,
) -> None:
    """Start the Streamlit dashboard (reads while `yuqing run` writes)."""
    ctx = Context.load(config, data_dir)
    settings = ctx.config.dashboard
    console.print(f"看板地址：http://{settings.host}:{port or settings.port}")
    process = dashboard_process(config, data_dir, port or settings.port, settings.host)
    # Stopping `yuqing dashboard` (SIGTERM) stops Streamlit too instead of orphaning it.
    signal.signal(signal.SIGTERM, lambda *_: process.terminate())
    try:
        process.wait()
    except KeyboardInterrupt:
        process.terminate()


def demo(
    config: ConfigOption = None,
    data_dir: Annotated[
        Path, typer.Option("--data-dir", envvar="YUQING_DATA_DIR", help="演示数据目录")
    ] = Path("var/demo"),
    fresh: Annotated[bool, typer.Option(help="从头开始演示（会删除 --data-dir）")] = False,
    port: Annotated[int | None, typer.Option(help="看板端口（默认取配置 dashboard.port）")] = None,
) -> None:
    """Demo: replay source + service + dashboard together; prints the dashboard URL."""
    if fresh and data_dir.exists():
        shutil.rmtree(data_dir)
    ctx = Context.load(config, data_dir)
    settings = ctx.config.dashboard
    url = f"http://{settings.host}:{port or settings.port}"
    process = dashboard_process(config, data_dir, port or settings.port, settings.host)
    console.rule("yuqing 舆情监测演示")
    console.print(f"看板地址：[bold]{url}[/bold]")
    console.print("演示事件约 2 分钟后开始。Ctrl-C 退出")
    try:
        with writer_lock(data_dir):
            Service(ctx).run_forever()
    finally:
        process.terminate()
        process.wait(timeout=10)
        ctx.close()
