"""Log lines are read by operators in `yuqing run`'s output: every one of ours is in Chinese."""

from __future__ import annotations

import ast
import re

from tests.core.test_layering import PRODUCT as PACKAGES
from tests.core.test_layering import ROOT

LEVELS = {"info", "warning", "error", "exception", "critical"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def english_messages(source: str) -> list[tuple[int, str]]:
    """(line, message) of `log.info("…")`-style calls (not debug) with no Chinese character."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in LEVELS
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in {"log", "logger"}
            and node.args
        ):
            continue
        first = node.args[0]
        text = str(first.value) if isinstance(first, ast.Constant) else ast.unparse(first)
        if not CJK.search(text):
            found.append((node.lineno, text))
    return found


def test_every_log_message_is_chinese() -> None:
    english = [
        f"{path.relative_to(ROOT)}:{line}: {text}"
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        for line, text in english_messages(path.read_text(encoding="utf-8"))
    ]
    assert english == []


def test_the_check_sees_an_english_message() -> None:
    sample = 'log.info("service started with %d jobs", 3)\nlog.info("服务已启动")\nlog.debug("x")\n'
    assert english_messages(sample) == [(1, "service started with %d jobs")]
