"""Monitoring-plan expressions: operators, precedence, quoting, full-width forms, errors."""

from __future__ import annotations

import pytest

from core.errors import ConfigError
from core.pipeline.expressions import ExpressionSyntaxError, compile_expression


@pytest.mark.parametrize(
    ("expression", "text", "expected"),
    [
        ("华为+退款", "华为手机申请退款被拒", True),
        ("华为+退款", "华为手机很好用", False),
        ("华为|荣耀", "荣耀平板", True),
        ("华为|荣耀", "小米手机", False),
        ("华为!广告", "华为客服态度差", True),
        ("华为!广告", "华为广告太多", False),
        ("华为 投诉", "投诉华为", True),  # whitespace means AND
        ("华为 投诉", "华为新品", False),
        ("a|b+c", "a", True),  # + binds tighter than |
        ("a|b+c", "b", False),
        ("(a|b)+c", "a", False),
        ("(a|b)+c", "bc", True),
        ("!(a|b)", "c", True),
        ("!(a|b)", "xbx", False),
        ("!!a", "a", True),
        ("HUAWEI+mate", "华为 Huawei MATE 60", True),  # case-insensitive
        ("ｉＰｈｏｎｅ", "iphone", True),  # full-width letters fold to half-width
        ("华为＋（退款｜投诉）！广告", "华为投诉", True),  # full-width operators
        ("华为＋（退款｜投诉）！广告", "华为投诉广告", False),
        ("华为 AND 退款", "华为退款", True),
        ("华为 OR 小米", "小米", True),
        ("华为 NOT 广告", "华为广告", False),
        ("华为 and 退款", "华为退款", False),  # lower-case 'and' is a plain word
        ('"C++"', "c++ 教程", True),
        ('"C++"', "c 教程", False),
        ('"iPhone 15"+屏幕', "iphone 15 屏幕碎了", True),
        ('"iPhone 15"+屏幕', "iphone15 屏幕", False),
        ("“双十一”+价保", "双十一价保不给", True),
        ("华为(退款)", "华为退款", True),  # a group right after a word is ANDed
        ("华为|(小米 !广告)", "小米广告", False),
    ],
)
def test_matches(expression: str, text: str, expected: bool) -> None:
    assert compile_expression(expression).matches(text) is expected


def test_exclude_words_are_anded_as_not() -> None:
    expression = compile_expression("华为|小米", exclude=["招聘", "广告"])
    assert expression.matches("小米售后")
    assert not expression.matches("小米招聘")
    assert not expression.matches("华为广告")


def test_terms_are_collected_folded() -> None:
    assert compile_expression("(Huawei|荣耀)+!广告").terms == ("huawei", "荣耀", "广告")


@pytest.mark.parametrize(
    ("expression", "position", "fragment"),
    [
        ("", 0, "表达式为空"),
        ("   ", 0, "表达式为空"),
        ("(华为|小米+投诉", 9, "缺少右括号 ')'"),
        ("华为+(退款|(投诉)", 11, "与第 4 个字符的 '('"),
        ("华为)", 2, "多余的右括号"),
        ("华为+|小米", 3, "'|' 前缺少关键词"),
        ("|华为", 0, "'|' 前缺少关键词"),
        ("华为+", 3, "缺少关键词"),
        ("华为+!", 4, "缺少关键词"),
        ('华为+"退款', 3, "引号没有闭合"),
        ('华为+""', 3, "引号内为空"),
        ("华为 OR", 5, "缺少关键词"),
        ("华为+()", 4, "括号内缺少关键词"),
        ("(华为|)", 4, "'|' 后缺少关键词"),
        ("华为 ” 小米", 3, "多余的右引号"),
    ],
)
def test_syntax_errors_report_position(expression: str, position: int, fragment: str) -> None:
    with pytest.raises(ExpressionSyntaxError) as caught:
        compile_expression(expression)
    assert caught.value.position == position
    assert fragment in str(caught.value)
    assert str(caught.value).startswith(f"第 {position + 1} 个字符：")


def test_syntax_error_is_a_config_error_in_chinese() -> None:
    with pytest.raises(ConfigError, match="缺少右括号") as caught:
        compile_expression("(a|b")
    assert "missing" not in str(caught.value)
