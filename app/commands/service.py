"""`yuqing run`, `yuqing dashboard` and `yuqing demo`: the service, the UI, or both."""

from __future__ import annotations

import errno
import logging
import os
import shutil
import signal
import socket
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
from core.errors import YuqingError

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
    """Start the Streamlit dashboard as a child process reading the same stores.

    Streamlit's own banner (English, on stdout: "You can now view your Streamlit app…") is
    not shown: the caller prints the address in Chinese. Its warnings and errors (stderr)
    still reach the terminal. The toolbar is minimal: Streamlit's ⋮ menu (System / Light /
    Dark / Print / Record screen / Made with Streamlit) is English and is not shown."""
    script = Path(app.__file__).with_name("dashboard_main.py")
    env = dict(os.environ, YUQING_DATA_DIR=str(data_dir.resolve()))
    if config:
        env["YUQING_CONFIG"] = str(config.resolve())
    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.port", str(port), "--server.address", host, "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
        "--client.toolbarMode", "minimal", "--logger.level", "warning",
    ]  # fmt: skip
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)


def ensure_port_free(host: str, port: int) -> None:
    """Refuse, in Chinese, a dashboard address that cannot be listened on (Streamlit would only
    log "Port … is not available" in English and exit, while the service ran on and the address
    printed led to the other program)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            why = _BIND_ERRORS.get(exc.errno or 0, f"无法监听：{exc}")
            raise YuqingError(
                f"看板地址 {host}:{port} {why}；用 --port 换一个端口，"
                "或修改配置 dashboard.port / dashboard.host"
            ) from None


_BIND_ERRORS = {
    errno.EADDRINUSE: "已被其他程序占用（可能已有看板或演示在运行）",
    errno.EACCES: "无权监听（1024 以下的端口需要管理员权限）",
    errno.EADDRNOTAVAIL: "不是本机的地址",
}


def dashboard_command(
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
    port: Annotated[int | None, typer.Option(help="端口（默认取配置 dashboard.port）")] = None,
) -> None:
    """Start the Streamlit dashboard (reads while `yuqing run` writes)."""
    settings = Context.load(config, data_dir).config.dashboard
    port = port or settings.port
    ensure_port_free(settings.host, port)
    console.print(f"看板地址：http://{settings.host}:{port}")
    process = dashboard_process(config, data_dir, port, settings.host)
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
    ctx = Context.load(config, data_dir)  # its stores open on first use, after the rmtree
    settings = ctx.config.dashboard
    port = port or settings.port
    ensure_port_free(settings.host, port)  # before anything is deleted
    if fresh and data_dir.exists():
        shutil.rmtree(data_dir)
    url = f"http://{settings.host}:{port}"
    process = dashboard_process(config, data_dir, port, settings.host)
    console.rule("yuqing 舆情监测演示")
    console.print(f"看板地址：[bold]{url}[/bold]")
    console.print("演示事件约 2 分钟后开始。Ctrl-C 退出")
    config_flag = f" --config {config}" if config else ""
    console.print(
        f"演示数据目录：{data_dir}（其他命令加 --data-dir 即可查看，如"
        f" yuqing report daily{config_flag} --data-dir {data_dir}）",
        highlight=False,
    )
    try:
        with writer_lock(data_dir):
            Service(ctx).run_forever()
    finally:
        process.terminate()
        process.wait(timeout=10)
        ctx.close()
