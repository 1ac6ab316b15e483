"""Bad JSON and YAML are explained in Chinese with what to fix, never in the parser's English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.errors import ConfigError
from core.json_errors import json_problem
from core.yamlfile import read_yaml_file


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("not json", "此处应为一个值"),
        ('{"a": 1,}', "键名须用英文双引号括起"),
        ('{"a" 1}', "键名后缺少英文冒号"),
        ('{"a": "x', "字符串缺少结尾的双引号"),
        ('{"a": "\x01"}', "未转义的控制字符"),
        ('{"a": "\\u12"}', "\\u 转义须为 4 位十六进制数"),
        ('{"a": "\\q"}', "无效的反斜杠转义"),
        ("{} {}", "多余内容"),
        ("[1 2]", "缺少英文逗号"),
    ],
)
def test_json_problems_are_chinese_with_the_column(line: str, reason: str) -> None:
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads(line)
    said = json_problem(caught.value)
    assert said.startswith("不是合法的 JSON：") and reason in said
    assert f"（第 {caught.value.colno} 列）" in said
    assert not any(word in said for word in ("Expecting", "Invalid", "Unterminated", "Extra"))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("a: [1, 2\n", "方括号列表未闭合"),
        ("a: {b: 1\n", "花括号映射未闭合"),
        ("a:\n  b: 1\n c: 2\n", "缩进不一致"),
        ('a: "x\n', "引号或括号闭合前就结束"),
        ("a: b: c\n", "此处不能有冒号"),
        ("a:\tb\n\t- x\n", "不能用制表符缩进"),
        ("a: *nothing\n", "未定义的锚点"),
        ('a: "\\q"\n', "无效的反斜杠转义"),
    ],
)
def test_yaml_problems_are_chinese_with_line_and_column(
    tmp_path: Path, text: str, reason: str
) -> None:
    path = tmp_path / "yuqing.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_yaml_file(path)
    said = str(caught.value)
    assert "YAML 语法错误：" in said and reason in said and "行第" in said
    assert "expected" not in said and "found" not in said
