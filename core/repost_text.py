"""What a repost says itself: its text without the platform's boilerplate ("转发微博",
"//@name:" chains, @names) and punctuation. One definition for the classifier (a bare repost
gets no complaint category of its own) and the pipeline (a bare repost takes its original's
labels)."""

from __future__ import annotations

import re

_BOILERPLATE = re.compile(
    r"转发微博|轉發微博|转发|轉發|repost|//@[^:：/\s]{1,40}[:：]?|@[^:：/\s]{1,40}", re.IGNORECASE
)
_NO_WORDS = re.compile(r"[\W_]+")
_HANDLE = re.compile(r"@[^:：/\s@]{1,40}")


def without_handles(text: str) -> str:
    """The text with every @name blanked (a chain's //@用户784796: names nobody's topic)."""
    return _HANDLE.sub(" ", text) if "@" in text else text


# What people type to pass a post on, saying nothing of their own: a repost reading 关注 took the
# model's 正面 (关注 reads as interest) under a parent's post about a closed school.
_PASSING_ON_WORDS = """关注 持续关注 扩散 求扩散 帮扩散 帮转 转起来 围观 mark 马克 马住 码住
    顶 顶一下 已阅 蹲 蹲后续 插眼 up 1"""
PASSING_ON = frozenset(_PASSING_ON_WORDS.split())


def own_words(text: str) -> str:
    """The text without repost boilerplate, @names and punctuation ("" when all that is left
    is a word that only passes the post on)."""
    words = _NO_WORDS.sub("", _BOILERPLATE.sub("", text))
    return "" if words.lower() in PASSING_ON else words
