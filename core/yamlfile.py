"""Reading YAML files (config, rules, playbooks) with the file, line and column in every error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from core.errors import ConfigError, YuqingError

# The start of PyYAML's problem text → what to fix, in Chinese; others keep the parser's words.
_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("expected ',' or ']'", "方括号列表未闭合或缺少逗号（写作 [a, b]）"),
    ("expected ',' or '}'", "花括号映射未闭合或缺少逗号（写作 {a: 1, b: 2}）"),
    ("expected <block end>", "缩进不一致：同一层的键或列表项须左端对齐"),
    ("found unexpected end of stream", "文件在引号或括号闭合前就结束了"),
    ("mapping values are not allowed here", "此处不能有冒号（值里含冒号时请用引号括起）"),
    ("found character '\\t' that cannot start any token", "不能用制表符缩进，请改用空格"),
    ("could not find expected ':'", "缺少冒号（写作 key: value）"),
    ("found undefined alias", "引用了未定义的锚点（*名称 须先以 &名称 定义）"),
    ("found unknown escape character", "双引号字符串里有无效的反斜杠转义（改用单引号）"),
)


def yaml_problem(problem: str) -> str:
    """PyYAML's problem text in Chinese (the original kept when it is not one we know)."""
    known = next((zh for en, zh in _PROBLEMS if problem.startswith(en)), None)
    return known or f"无法解析（解析器原文：{problem}）"


def _indent(line: str) -> int:
    """The column where the line's key starts (after any list dashes)."""
    column = len(line) - len(line.lstrip(" "))
    while line[column : column + 2] == "- ":
        column += 2
        column += len(line[column:]) - len(line[column:].lstrip(" "))
    return column


def indentation_problem(text: str, line_number: int) -> str | None:
    """Why a key where PyYAML saw a stray colon is really out of line with the key above it:
    deeper than a sibling that opens no block (or None when the indentation is not the issue)."""
    lines = text.splitlines()
    if not 0 < line_number < len(lines):
        return None
    line = lines[line_number]
    above = next(
        (
            (number, lines[number])
            for number in range(line_number - 1, -1, -1)
            if lines[number].strip() and not lines[number].lstrip().startswith("#")
        ),
        None,
    )
    if above is None:
        return None
    number, previous = above
    opens_block = previous.split(" #")[0].rstrip().endswith(":")
    if opens_block or _indent(line) <= _indent(previous):
        return None
    return (
        f"缩进不一致：此行缩进 {_indent(line)} 个空格，上一行（第 {number + 1} 行）"
        f"{_indent(previous)} 个；同一层的键须左端对齐"
    )


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
        explained = yaml_problem(problem)
        if mark and problem.startswith("mapping values are not allowed here"):
            explained = indentation_problem(text, mark.line) or explained
        raise error(f"{where}:{position} YAML 语法错误：{explained}") from None


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
