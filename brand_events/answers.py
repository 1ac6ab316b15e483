"""Reactions to the brand's statement join the story it answered.

When the brand answers a crisis (a statement, an explanation, an apology), people react to the
answer itself: 这声明是在搞笑吗, 声明里一句道歉都没有, 甩锅天气太恶心了, 这种公关是要把品牌做死吗.
They speak of the statement, not of the story's facts, so they share no word with the story's
posts and started events of their own (the airline, car and telecom weeks each showed two to
four such side events, or left them in none).

A post that names the brand's answer (声明, 道歉信, 情况说明, 官方回应, 公关, 甩锅 …) joins the
largest live story the brand's own account posted in within the last ANSWER_SPAN (a story its
account did not start: not its own promotion), when nothing else placed it: in the day after
the brand spoke in a crisis, "the statement" is that one.

The statement itself, headed as one (关于网传乘客投诉的情况说明：, 致乘客和公众的道歉：),
answers the largest live story someone else started when none of its words is central to a
story: a statement that never names what happened (网传乘客投诉, 涉事司机) is still about it.
"""

from __future__ import annotations

import re
from datetime import timedelta

# What people call the brand's answer when they react to it; 声明 only as a noun, the statement
# (这声明, 的声明, 声明里): a customer's 我一再声明不要肥肉 is no reaction.
ANSWER = re.compile(
    "(?:这|那|的|份|篇|官方|致歉)声明|声明(?:里|中|说|称|写)|道歉信|致歉信|情况说明|官方回应|"
    "回应称|官方说|这种公关|公关稿|甩锅|通报说|公告说"
)
ANSWER_SPAN = timedelta(hours=24)  # how long after the brand spoke a reaction is to that answer

# A statement by its headline, before the colon: 关于网传乘客投诉的情况说明：, 致乘客和公众的道歉：,
# 致X5用户的致歉与召回公告：, 致歉声明：. Not a reply under a complaint (您好，…) nor a promotion's
# 关于…活动的公告：.
STATEMENT = re.compile(
    r"^\W{0,2}(?:关于[^，。：:！？]{0,40}?(?:说明|声明|回应)|致[^，。：:！？]{0,24}?(?:道歉|致歉)"
    r"|(?:致歉|道歉|严正)声明|(?:道歉|致歉)信)[^，。：:！？]{0,8}[：:]"
)


def names_answer(text: str) -> bool:
    """True when the text speaks of the brand's statement (声明, 道歉信, 甩锅 …)."""
    return ANSWER.search(text) is not None


def is_statement(text: str) -> bool:
    """True when the text is headed as a statement (关于网传…的情况说明：, 致…的道歉：)."""
    return STATEMENT.search(text) is not None
