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

A post quoting the answer's own words (“合作运力公司所属司机”？钱是畅行收的，出了事就是别人的司机？)
reacts to it as surely as one naming it: four or more characters in quotes that one of the
brand's last answers in a story (`Cluster.answers`) holds put the post in that story.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
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


# A quoted phrase: what a reader holds up from the statement (“合作运力公司所属司机”, 「高度重视」).
QUOTED = re.compile('[“「『"]([^“”「」『』"\\n]{4,40})[”」』"]')
ANSWER_MEMORY = 3  # the brand's last answers a story keeps for quotes
ANSWER_CHARS = 300  # of each, its first characters


def names_answer(text: str) -> bool:
    """True when the text speaks of the brand's statement (声明, 道歉信, 甩锅 …)."""
    return ANSWER.search(text) is not None


def is_statement(text: str) -> bool:
    """True when the text is headed as a statement (关于网传…的情况说明：, 致…的道歉：)."""
    return STATEMENT.search(text) is not None


def quotes(text: str) -> bool:
    """True when the text quotes a phrase of four characters or more (a cheap first test)."""
    return QUOTED.search(text) is not None


def quotes_answer(text: str, answers: Sequence[str]) -> bool:
    """True when the text quotes (in “…”, 「…」 or 『…』) four or more characters that one of
    the brand's `answers` holds: 钱是畅行收的 beside “合作运力公司所属司机”."""
    if not answers:
        return False
    for found in QUOTED.finditer(text):
        phrase = found.group(1).strip()
        if len(phrase) >= 4 and any(phrase in answer for answer in answers):
            return True
    return False


def remembered(answers: Sequence[str], text: str) -> list[str]:
    """The story's answers with the brand's new one (its first ANSWER_CHARS) last, at most
    ANSWER_MEMORY."""
    return [*answers, text[:ANSWER_CHARS]][-ANSWER_MEMORY:]
