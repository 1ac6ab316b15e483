"""Options every command shares: --config (YUQING_CONFIG, else ./yuqing.yaml), --data-dir
(YUQING_DATA_DIR), --actor."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer

LOCAL_CONFIG = Path("yuqing.yaml")


def local_config(value: Path | None) -> Path | None:
    """Without --config or YUQING_CONFIG: ./yuqing.yaml when there is one, as a person who
    keeps the config beside the data dir expects (before, every command silently ran on the
    defaults there: no plans, brand 未命名品牌); else None, the defaults."""
    if value is None and LOCAL_CONFIG.is_file():
        return LOCAL_CONFIG
    return value


ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        envvar="YUQING_CONFIG",
        callback=local_config,
        help="yuqing.yaml 配置文件（默认：当前目录下的 yuqing.yaml，没有则用内置默认配置）",
    ),
]
DataDirOption = Annotated[
    Path,
    typer.Option("--data-dir", envvar="YUQING_DATA_DIR", help="嵌入式存储目录"),
]
DEFAULT_DATA_DIR = Path("var")

ActorOption = Annotated[str | None, typer.Option("--actor", help="操作人（默认当前系统用户）")]
DryRunOption = Annotated[bool, typer.Option("--dry-run", help="只统计会变化多少条，不写回索引")]
# Written to a record when no person can be named: say where it came from, in words.
UNNAMED_ACTOR = "命令行"


def actor_name(value: str | None) -> str:
    """The --actor (trimmed), or the OS user, or 命令行 when the OS has no name for it."""
    if value and value.strip():
        return value.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return UNNAMED_ACTOR
