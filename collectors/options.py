"""Typed reading of `sources[i].options`: every error names `sources[name].options.key`.

The getters note a bad value and go on with the default, so one `from_config` reports every
problem of a source at once; `reject_unknown()` (called last) raises them all together.
"""

from __future__ import annotations

import codecs
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from collectors.config import SourceConfig
from core.errors import ConfigError
from core.timeutil import parse_duration
from core.validation import close_match

if TYPE_CHECKING:
    from core.context import Context

_MISSING = object()


class SourceOptionsError(ConfigError):
    """A source's options have problems; `problems` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


class OptionReader:
    """Reads one source's options with typed getters; unknown keys are reported."""

    def __init__(self, source: SourceConfig) -> None:
        self.raw: dict[str, Any] = dict(source.options)
        self.where = f"sources[{source.name}].options"
        self.used: set[str] = set()
        self.problems: list[str] = []

    def report(self, key: str, message: str) -> None:
        """Note a problem of the option `key` (raised with the others by reject_unknown)."""
        self.problems.append(f"{self.where}.{key}：{message}")

    def _get(self, key: str, default: Any, required: bool) -> Any:
        self.used.add(key)
        value = self.raw.get(key, _MISSING)
        if value is _MISSING or value is None or value == "":
            if required:
                self.report(key, "缺少（必填）")
            return default
        return value

    def string(self, key: str, default: str | None = None, required: bool = False) -> str | None:
        """A text option."""
        value = self._get(key, default, required)
        return None if value is None else str(value)

    def strings(self, key: str, default: tuple[str, ...] = (), required: bool = False) -> list[str]:
        """A list of texts; a single text is a one-element list."""
        value = self._get(key, list(default), required)
        if isinstance(value, str | int) and not isinstance(value, bool):
            return [str(value)]
        if not isinstance(value, list) or not all(
            isinstance(v, str | int) and not isinstance(v, bool) for v in value
        ):
            self.report(key, f"应为文本列表（写作 [a, b]），实际为 {value!r}")
            return list(default)
        if required and self.raw.get(key) == []:
            self.report(key, "不能为空")
        return [str(v) for v in value]

    def urls(self, key: str, required: bool = False) -> list[str]:
        """A list of http(s) addresses; a single address is a one-element list."""
        urls = self.strings(key, required=required)
        for index, url in enumerate(urls):
            parts = urlsplit(url.strip())
            if parts.scheme not in {"http", "https"} or not parts.netloc:
                self.report(
                    f"{key}[{index}]",
                    f"不是 http(s) 地址：{url!r}（写成 https://example.com/feed 这样的完整地址）",
                )
        return [url.strip() for url in urls]

    def plans(self, ctx: Context) -> list[str]:
        """Pre-assigned plan ids; each must be the id of a configured plan."""
        ids = self.strings("plans")
        for index, plan_id in enumerate(ids):
            if ctx.config.plan(plan_id) is None:
                self.report(f"plans[{index}]", ctx.config.unknown_plan_zh(plan_id))
        return ids

    def encoding(self, key: str) -> str | None:
        """A text encoding Python knows (gbk, gb18030, utf-8, ...), or None."""
        value = self.string(key)
        if value is None:
            return None
        try:
            codecs.lookup(value)
        except LookupError:
            self.report(key, f"未知的编码 {value!r}（例如 gbk、gb18030、utf-8）")
            return None
        return value

    def integer(self, key: str, default: int, minimum: int = 0) -> int:
        """A whole number ≥ minimum."""
        value = self._get(key, default, False)
        if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).isdigit():
            self.report(key, f"应为整数，实际为 {value!r}")
            return default
        if int(value) < minimum:
            self.report(key, f"不能小于 {minimum}")
            return default
        return int(value)

    def number(self, key: str, default: float) -> float:
        """A non-negative number."""
        value = self._get(key, default, False)
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.report(key, f"应为数字，实际为 {value!r}")
            return default
        if number < 0:
            self.report(key, f"不能为负数（收到 {value!r}）")
            return default
        return number

    def boolean(self, key: str, default: bool) -> bool:
        """true/false."""
        value = self._get(key, default, False)
        if not isinstance(value, bool):
            self.report(key, f"应为 true 或 false，实际为 {value!r}")
            return default
        return value

    def duration(self, key: str, default: str) -> timedelta:
        """A duration such as 30s, 5m, 2h."""
        value = self._get(key, default, False)
        try:
            return parse_duration(value)
        except ValueError as exc:
            self.report(key, str(exc))
            return parse_duration(default)

    def mapping(self, key: str) -> dict[str, Any]:
        """A key: value mapping (empty when absent)."""
        value = self._get(key, {}, False)
        if not isinstance(value, dict):
            self.report(key, f"应为映射（key: value），实际为 {value!r}")
            return {}
        return value

    def reject_unknown(self) -> None:
        """SourceOptionsError listing every problem: bad values and options nobody read."""
        for key in sorted(set(self.raw) - self.used, key=str):
            near = close_match(str(key), self.used)
            hint = f"是不是 {near}？" if near else f"可用：{', '.join(sorted(self.used))}"
            self.report(str(key), f"未知选项（拼写错误？{hint}）")
        if self.problems:
            raise SourceOptionsError(self.problems)
