"""Options every command shares: --config (YUQING_CONFIG) and --data-dir (YUQING_DATA_DIR)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", "-c", envvar="YUQING_CONFIG", help="yuqing.yaml 配置文件"),
]
DataDirOption = Annotated[
    Path,
    typer.Option("--data-dir", envvar="YUQING_DATA_DIR", help="嵌入式存储目录"),
]
DEFAULT_DATA_DIR = Path("var")
