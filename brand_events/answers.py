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


def names_answer(text: str) -> bool:
    """True when the text speaks of the brand's statement (声明, 道歉信, 甩锅 …)."""
    return ANSWER.search(text) is not None
