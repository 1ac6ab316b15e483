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


def own_words(text: str) -> str:
    """The text without repost boilerplate, @names and punctuation."""
    return _NO_WORDS.sub("", _BOILERPLATE.sub("", text))
