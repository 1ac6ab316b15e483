"""A JSON parse error as one Chinese line: what is wrong, where, and how to fix it.

json.JSONDecodeError speaks English ("Expecting value", "Invalid control character at");
intake files, webhooks and replays report a bad line to people who read Chinese.
"""

from __future__ import annotations

import json

# The start of json's message → what it means in Chinese (json's own messages are few).
_MESSAGES: tuple[tuple[str, str], ...] = (
    ("Expecting value", "此处应为一个值（检查多余的逗号或未加引号的文本）"),
    ("Expecting property name enclosed in double quotes", "键名须用英文双引号括起"),
    ("Expecting ',' delimiter", "缺少英文逗号分隔"),
    ("Expecting ':' delimiter", "键名后缺少英文冒号"),
    ("Unterminated string starting at", "字符串缺少结尾的双引号"),
    ("Invalid control character at", "字符串里有未转义的控制字符（换行写作 \\n，制表符写作 \\t）"),
    ("Invalid \\uXXXX escape", "\\u 转义须为 4 位十六进制数"),
    ("Invalid \\escape", "无效的反斜杠转义（反斜杠本身写作 \\\\）"),
    ("Extra data", "一个 JSON 值之后还有多余内容（每行只放一个对象）"),
)


def json_problem(exc: json.JSONDecodeError) -> str:
    """'不是合法的 JSON：<reason>（第 N 列）' for a failed json.loads."""
    reason = next((zh for en, zh in _MESSAGES if exc.msg.startswith(en)), "格式错误")
    return f"不是合法的 JSON：{reason}（第 {exc.colno} 列）"


NOT_AN_OBJECT = "须为一个 JSON 对象（以 { 开头、} 结尾）"
