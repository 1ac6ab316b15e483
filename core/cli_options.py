"""Options every command shares: --config (YUQING_CONFIG) and --data-dir (YUQING_DATA_DIR),
and the parser of values given by code or Chinese name (LabelChoice)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

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


class LabelChoice:
    """A parser (typer's `parser=`) of one of fixed values, given as its code (`negative`) or
    the Chinese name the tables show (`负面`); an unknown value is refused with every
    `code（中文）` pair. `aliases` adds other names for a code (an older wording)."""

    def __init__(self, labels: Mapping[Any, str], aliases: Mapping[str, Any] | None = None):
        self.labels = dict(labels)
        self.names: dict[str, Any] = {str(code).casefold(): code for code in self.labels}
        self.names.update({zh.casefold(): code for code, zh in self.labels.items()})
        self.names.update({name.casefold(): code for name, code in (aliases or {}).items()})

    def choices_zh(self) -> str:
        """Every value as `code（中文）`, for help and errors."""
        return "、".join(f"{code}（{zh}）" for code, zh in self.labels.items())

    def __call__(self, value: Any) -> Any:
        """The code of a code or Chinese name (surrounding spaces and letter case ignored)."""
        if value in self.labels:
            return value
        code = self.names.get(str(value).strip().casefold())
        if code is None:
            raise ValueError(f"{value!r} 不是可选值（可选：{self.choices_zh()}）")
        return code
