"""Negation: a defect, failure or worry said not to have happened is no complaint.

Where a cue word stands right after a negator (at most two fillers between) or is followed by
one that ends the clause, that occurrence is negated; the cue scan (`complaint_cues.py`) cuts
negated occurrences out of the models' input and does not count them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sentiment.lexicons import words
from sentiment.wordscan import alternatives

# A defect or service failure said not to have happened is no complaint: "没有任何异响",
# "没出过故障", "零故障", "高速不抖动", "从来没有乱收费", "异响也没有。" (a car owner's praise). A
# cue counts only where it is neither right after a negator (at most two fillers between) nor
# followed by one that ends the clause; "有没有异响？" and "会不会漏油" are questions, not
# defect reports, either. "不到一个月就异响" still counts (something stands between 不 and the
# cue), and so does "异响没有解决" (the negator does not end the clause).
NEGATORS = words("没有 没 无 未 不 不会 不再 零 毫无 并无 从未 从没 从来没")
# A harm or failure guarded against has not happened either: "跳绳前先活动脚踝，防止扭伤",
# "热身做足以免拉伤", "为避免漏水" (a coach's or a manual's advice, not a report).
PRECAUTIONS = words("防止 避免 以免 预防 谨防")
NEGATION_FILLERS = words("任何 出现 出现过 出过 发生 发生过 发现 过 什么 一点 再 啥 有 一次")
# Said after the word: "什么毛病都没有", "异响也没有了。".
NEGATORS_AFTER = words("没有 没 没出现过 没出过 没发生过 从来没有 从没有过")
INTENSIFIERS = words("一点 一点儿 什么 任何 啥")
# Words that are no cue but whose negation is praise the models misread: "一点毛病没有",
# "没有任何问题", "一点也不后悔", "没有失望", "不用担心", "一点都不累", a parcel's "一个都没碎"
# are cut out of the models' input; the words never count as cues.
NEGATED_ONLY = words("毛病 问题 小毛病 后悔 失望 担心 累 碎")


_NEGATED_BEFORE = re.compile(
    f"(?:{alternatives((*NEGATORS, *PRECAUTIONS))})(?:{alternatives(NEGATION_FILLERS)}){{0,2}}$"
)
_NEGATED_AFTER = re.compile(
    f"(?:都|也)?(?:{alternatives(NEGATORS_AFTER)})(?:过|了)?(?=$|[\\s，。！？!?,.；;、~…）)])"
)
_INTENSIFIED = re.compile(f"(?:{alternatives(INTENSIFIERS)})$")
NEGATOR_CHARS = frozenset("".join((*NEGATORS, *PRECAUTIONS)) + "".join(NEGATORS_AFTER))
_PREFIX = 8  # characters before a cue that are checked for a negator


def negated_spans(text: str, word: str) -> list[tuple[int, int]] | None:
    """(start, end) of each negated occurrence of `word` with its negator, or None when one
    occurrence is not negated."""
    spans = []
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        before = _NEGATED_BEFORE.search(text, max(0, start - _PREFIX), start)
        if before is not None:
            spans.append((before.start(), end))
        elif after := _NEGATED_AFTER.match(text, end):
            lead = _INTENSIFIED.search(text, max(0, start - 3), start)
            spans.append((start if lead is None else lead.start(), after.end()))
        else:
            return None
        start = text.find(word, start + 1)
    return spans


def without_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """The text with these (possibly overlapping) character spans cut out."""
    kept, at = [], 0
    for start, end in sorted(spans):
        if start > at:
            kept.append(text[at:start])
        at = max(at, end)
    kept.append(text[at:])
    return "".join(kept)
