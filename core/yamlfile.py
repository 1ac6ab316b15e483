"""Reading YAML files (config, rules, playbooks) with the file, line and column in every error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from core.errors import ConfigError, YuqingError


def read_yaml_file(
    path: Path, *, label: str | None = None, error: type[YuqingError] = ConfigError
) -> Any:
    """The parsed document (None when empty); `error` names the file, line and column."""
    where = label or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(f"{where}: 文件不存在（检查路径）") from None
    except IsADirectoryError:
        raise error(f"{where}: 是文件夹，不是文件") from None
    except UnicodeDecodeError:
        raise error(f"{where}: 不是 UTF-8 文本；请以 UTF-8 编码保存") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        position = f" 第 {mark.line + 1} 行第 {mark.column + 1} 列:" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise error(f"{where}:{position} YAML 语法错误：{problem}") from None


def read_yaml_mapping(
    path: Path, *, label: str | None = None, error: type[YuqingError] = ConfigError, shape: str = ""
) -> dict[str, Any]:
    """A YAML file whose top level must be a mapping (an empty file is an empty mapping)."""
    data = read_yaml_file(path, label=label, error=error)
    if data is None:
        return {}
    if not isinstance(data, dict):
        hint = f" ({shape})" if shape else ""
        raise error(f"{label or path}: 顶层必须是键值映射{hint}，不能是列表或单个值")
    return data
