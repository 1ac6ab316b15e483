"""Typed reading of `sources[i].options`: every error names `sources[name].options.key`."""

from __future__ import annotations

import codecs
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from collectors.config import SourceConfig
from core.errors import ConfigError
from core.timeutil import parse_duration

_MISSING = object()


class OptionReader:
    """Reads one source's options with typed getters; unknown keys are reported."""

    def __init__(self, source: SourceConfig) -> None:
        self.raw: dict[str, Any] = dict(source.options)
        self.where = f"sources[{source.name}].options"
        self.used: set[str] = set()

    def error(self, key: str, message: str) -> ConfigError:
        """A ConfigError naming the option."""
        return ConfigError(f"{self.where}.{key}: {message}")

    def _get(self, key: str, default: Any, required: bool) -> Any:
        self.used.add(key)
        value = self.raw.get(key, _MISSING)
        if value is _MISSING or value is None or value == "":
            if required:
                raise self.error(key, "缺少（必填）")
            return default
        return value

    def string(self, key: str, default: str | None = None, required: bool = False) -> str | None:
        """A text option."""
        value = self._get(key, default, required)
        return None if value is None else str(value)

    def strings(self, key: str, default: tuple[str, ...] = (), required: bool = False) -> list[str]:
        """A list of texts; a single text is a one-element list."""
        value = self._get(key, list(default), required)
        if isinstance(value, str | int):
            return [str(value)]
        if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
            raise self.error(key, f"应为文本列表，实际为 {value!r}")
        if required and not value:
            raise self.error(key, "不能为空")
        return [str(v) for v in value]

    def urls(self, key: str, required: bool = False) -> list[str]:
        """A list of http(s) addresses."""
        found = self.strings(key, required=required)
        for url in found:
            parts = urlsplit(url.strip())
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise self.error(
                    key, f"不是 http(s) 地址：{url}；请填写以 http:// 或 https:// 开头的完整地址"
                )
        return found

    def encoding(self, key: str) -> str | None:
        """A text encoding Python knows (gbk, gb18030, utf-8, ...), or None."""
        value = self.string(key)
        if value is None:
            return None
        try:
            codecs.lookup(value)
        except LookupError:
            raise self.error(key, f"未知的编码 {value!r}（例如 gbk、gb18030、utf-8）") from None
        return value

    def integer(self, key: str, default: int, minimum: int = 0) -> int:
        """A whole number ≥ minimum."""
        value = self._get(key, default, False)
        if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).isdigit():
            raise self.error(key, f"应为整数，实际为 {value!r}")
        if int(value) < minimum:
            raise self.error(key, f"不能小于 {minimum}")
        return int(value)

    def number(self, key: str, default: float) -> float:
        """A non-negative number."""
        value = self._get(key, default, False)
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise self.error(key, f"应为数字，实际为 {value!r}") from None
        if number < 0:
            raise self.error(key, "不能为负数")
        return number

    def boolean(self, key: str, default: bool) -> bool:
        """true/false."""
        value = self._get(key, default, False)
        if not isinstance(value, bool):
            raise self.error(key, f"应为 true 或 false，实际为 {value!r}")
        return value

    def duration(self, key: str, default: str) -> timedelta:
        """A duration such as 30s, 5m, 2h."""
        value = self._get(key, default, False)
        try:
            return parse_duration(value)
        except ValueError as exc:
            raise self.error(key, str(exc)) from None

    def mapping(self, key: str) -> dict[str, Any]:
        """A key: value mapping (empty when absent)."""
        value = self._get(key, {}, False)
        if not isinstance(value, dict):
            raise self.error(key, f"应为映射（key: value），实际为 {value!r}")
        return value

    def reject_unknown(self) -> None:
        """ConfigError for options nobody read (typos)."""
        unknown = sorted(set(self.raw) - self.used)
        if unknown:
            known = ", ".join(sorted(self.used))
            raise self.error(unknown[0], f"未知选项（拼写错误？可用：{known}）")
