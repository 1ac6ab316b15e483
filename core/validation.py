"""Pydantic validation errors as Chinese lines that name the key, what is wrong and how to fix it.

One formatter for every place that validates what a person wrote: yuqing.yaml, rule and
playbook files, notifier options, intake records.
"""

from __future__ import annotations

import difflib
import types
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

# pydantic error type → Chinese; {…} are filled from the error's context.
_MESSAGES: dict[str, str] = {
    "missing": "缺少必填项",
    "extra_forbidden": "未知的键（检查拼写或删除）",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数（不能带小数）",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "string_type": "应为文本",
    # A lone UTF-16 surrogate ("\\ud800" in JSON, half an emoji cut by a platform).
    "string_unicode": "含无法保存的字符（孤立的 UTF-16 代理项，如半个表情）：请在来源数据里修正",
    "list_type": "应为列表（每项一行，以 - 开头）",
    "dict_type": "应为键值映射（key: value）",
    "model_type": "应为键值映射（key: value）",
    "model_attributes_type": "应为键值映射（key: value）",
    "enum": "应为以下之一：{expected}",
    "literal_error": "应为以下之一：{expected}",
    "greater_than": "应大于 {gt}",
    "greater_than_equal": "应不小于 {ge}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "应不大于 {le}",
    "string_too_short": "至少 {min_length} 个字符",
    "string_too_long": "至多 {max_length} 个字符",
    "too_short": "至少 {min_length} 项",
    "too_long": "至多 {max_length} 项",
    "string_pattern_mismatch": "格式不符（应匹配 {pattern}）",
    "datetime_parsing": "应为日期时间（如 2026-11-30T09:00:00+08:00）",
    "datetime_from_date_parsing": "应为日期时间（如 2026-11-30T09:00:00+08:00）",
    "date_parsing": "应为日期（如 2026-11-30）",
    "date_from_datetime_parsing": "应为日期（如 2026-11-30）",
    "time_parsing": "应为时间（如 09:00）",
    "url_parsing": "应为网址（如 https://example.com）",
}


def key_path(location: tuple[int | str, ...]) -> str:
    """('plans', 0, 'expression') → 'plans[0].expression'."""
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def choices_zh(expected: str) -> str:
    """pydantic's "'a', 'b' or 'c'" as "'a'、'b' 或 'c'"."""
    head, sep, last = expected.rpartition("' or '")
    listed = f"{head}' 或 '{last}" if sep else expected
    return listed.replace("', '", "'、'")


def message(error: Any) -> str:
    """What is wrong, in Chinese, with the value that was given."""
    kind = str(error["type"])
    template = _MESSAGES.get(kind)
    if template is None:
        text = str(error["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    else:
        context = {k: str(v) for k, v in (error.get("ctx") or {}).items()}
        if "expected" in context:
            context["expected"] = choices_zh(context["expected"])
        try:
            text = template.format(**context)
        except KeyError:
            text = template.split("{")[0].rstrip("：（ ")
    got = error.get("input")
    if kind in {"missing", "extra_forbidden"} or isinstance(got, dict | list) or got is None:
        return text
    if repr(got) in text:  # the message already quotes the value (a validator's own words)
        return text
    return f"{text}（收到 {got!r}）"


def close_match(word: str, choices: list[str] | set[str]) -> str | None:
    """The choice `word` is probably a misspelling of (difflib), or None."""
    found = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def _models(annotation: Any) -> list[type[BaseModel]]:
    """The models an annotation can hold: Model, list[Model], dict[K, Model], Model | None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType, list, tuple, dict):
        return [m for arg in get_args(annotation) for m in _models(arg)]
    if origin is not None:  # Annotated[...] and friends: the first argument is the type
        return _models(get_args(annotation)[0]) if get_args(annotation) else []
    return []


def known_keys(model: type[BaseModel], location: tuple[int | str, ...]) -> set[str]:
    """The keys the model accepts at `location` (the path to a mapping), empty when unknown."""
    models = [model]
    for part in location:
        if isinstance(part, int):
            continue
        field_models = [m.model_fields[part] for m in models if part in m.model_fields]
        if field_models:
            models = [m for f in field_models for m in _models(f.annotation)]
        # a dict key of a dict[K, Model] field keeps the value models
    return {key for m in models for key in m.model_fields}


def _with_hint(error: Any, model: type[BaseModel] | None) -> str:
    text = message(error)
    location = tuple(error["loc"])
    if model is None or error["type"] != "extra_forbidden" or not location:
        return text
    near = close_match(str(location[-1]), known_keys(model, location[:-1]))
    return f"{text}；是不是 {near}？" if near else text


def problems(exc: ValidationError, model: type[BaseModel] | None = None) -> list[tuple[str, str]]:
    """(key path, Chinese message) for every problem; with the model, a misspelt key gets a
    "是不是 interval？" hint naming the close known key."""
    return error_problems(exc.errors(), model)


def error_problems(
    errors: list[Any], model: type[BaseModel] | None = None
) -> list[tuple[str, str]]:
    """problems() of some of a ValidationError's `errors()`."""
    return [(key_path(tuple(e["loc"])), _with_hint(e, model)) for e in errors]


def format_lines(label: str, found: list[tuple[str, str]], *, prefix: str = "") -> list[str]:
    """One line per problem: `label: prefix.key：message`."""
    lines = []
    for key, text in found:
        where = ".".join(p for p in (prefix, key) if p) or "（顶层）"
        lines.append(f"{label}: {where}：{text}")
    return lines


def format_validation_error(
    label: str, exc: ValidationError, *, prefix: str = "", model: type[BaseModel] | None = None
) -> str:
    """One line per problem: `label: prefix.key：message`."""
    return "\n".join(format_lines(label, problems(exc, model), prefix=prefix))


def one_line(exc: ValidationError, *, whole: str = "记录") -> str:
    """All problems on one line ('key：message; …'), for a rejected record or an option block."""
    return "; ".join(f"{key or whole}：{text}" for key, text in problems(exc))
