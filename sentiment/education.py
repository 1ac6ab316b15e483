"""Education and training texts (校外培训, 考研, 语言, 职业培训; issue #13): the words that mark
them, the cue words their complaints add to the category lexicon, and what the cues mean there.

The models never read a school's complaints: 课程 and 老师 (weak 商品质量 cues elsewhere) are where
everything happens, and 学费 is the money a refund is asked for, not a price dispute. As DOMAIN.md
reads them: a refund refused or dragged out is 售后/退换货; false promises (包过, 提分, 师资造假),
training loans talked into (教培贷), unfair terms (概不退款, 转让费) and class hours deducted
without accounting are 购销合同/价格; sales calls are 隐私/欺诈; a pupil punished, hurt or made
ill (体罚, 摔倒, 超载的接送车) is 食品安全/人身安全.
"""

from __future__ import annotations

from core.enums import Category
from sentiment.industry_cues import words

# A school or a training company: the course, its fees and its staff.
EDUCATION_CONTEXT = words(
    """学费 课时 课时费 课程顾问 班主任 校区 培训班 培训机构 教培 网课 直播课 录播课
    补课 补习 辅导班 试听 报班 续费 续课 退课 退学 学员 家长群 托管班 一对一 教辅 考研班 驾校
    节课 小班 名师"""
)
# Where a school's complaint happens, not what went wrong: no 商品质量 cue there.
EDUCATION_SETTING = words("课程 老师")
# The money a refund is asked for (退剩余学费): the refund is the complaint, not the price.
PAID_MONEY = words("学费 课时费 钱 元 块钱")
REFUND_ASKED = words(
    """退费 退款 退钱 退课 退学 不退 退剩余 退学费 剩余学费 剩余课时费 退还 还没退 没退 退给 退费难
    拒不退费"""
)
# Class hours and a deduction both named (课时都扣掉了, 照样扣课时): the hours charged, a contract
# matter (购销合同/价格), whatever else the text says about the class.
CLASS_HOURS = words("课时 课次 节课")
DEDUCTED = words("扣 扣掉 扣了 被扣 照扣 照样扣 多扣 乱扣")
HOURS_DEDUCTED = "课时被扣"  # the pricing cue such a text counts as

EDUCATION_CUES: dict[Category, dict[str, int]] = {
    Category.FOOD_SAFETY_HEALTH: dict.fromkeys(words("体罚 打手心 罚站 扇耳光 摔倒 磕破 超载"), 2),
    Category.PRIVACY_FRAUD: {
        **dict.fromkeys(words("电话推销 推销课程 打电话推销 轮番打电话"), 2),
        "推销": 1,
    },
    Category.AFTER_SALES_REFUND: dict.fromkeys(
        words("退学费 退剩余 剩余学费 剩余课时费 拒不退费"), 2
    ),
    Category.SERVICE_ATTITUDE: dict.fromkeys(words("孩子笨 羞辱 挖苦 嘲讽"), 2),
    Category.CONTRACT_PRICING: {
        **dict.fromkeys(
            words(
                f"""{HOURS_DEDUCTED} 转让费 师资造假 与宣传不符 跟宣传 宣传说 广告上写
                提分 教培贷 概不退款 一经售出 免息"""
            ),
            2,
        ),
        "作废": 2,
    },
}
# A pupil hurt or punished: urgency's harm words (as 刹车失灵 40 or 食物中毒 40 in HARM_WORDS).
EDUCATION_HARM = {"体罚": 40, "打手心": 40, "扇耳光": 35, "磕破": 30, "超载": 35}
# The schools' regulator (as 12300 or 民航局 in LEGAL_WORDS): a complaint taken to it, not news.
EDUCATION_LEGAL = dict.fromkeys(
    ("向教育局", "去教育局", "找教育局", "到教育局", "教育局投诉", "教育局举报"), 25
)
# What expires in a school is a course's hours, not food.
EXPIRED_HOURS = ("课时过期", "课程过期", "过期剩下", "课时作废", "有效期只有")


def is_education(found: set[str], finance: frozenset[str]) -> bool:
    """A school's or a training company's text that is no finance text (a loan's own words)."""
    return not found.isdisjoint(EDUCATION_CONTEXT) and found.isdisjoint(finance)


def education_cues(found: set[str]) -> set[str]:
    """The cue words that count in an education text: the setting (课程, 老师) never, the money
    paid never where a refund is asked, and class hours with a deduction as HOURS_DEDUCTED."""
    found = found - EDUCATION_SETTING
    if not found.isdisjoint(REFUND_ASKED):
        found = found - PAID_MONEY
    if not found.isdisjoint(CLASS_HOURS) and not found.isdisjoint(DEDUCTED):
        found = found | {HOURS_DEDUCTED}
    return found


# A school's complaints in words the complaint cues lack (a course out of date, a live class that
# freezes, a teacher changed again, messages unanswered): they count as service failures.
EDUCATION_FAILURES = words(
    """都过时 听不清 断断续续 没人批改 不批改 换老师 频繁更换 不回消息 退费难
    拒不退费 师资造假 造假 与宣传不符 跟宣传 不给退 作废 推销 孩子笨 羞辱 挖苦 嘲讽"""
)
# What the cue scan must find for the rules above (sentiment/complaint_cues.py MATCHER).
EDUCATION_WORDS = EDUCATION_CONTEXT | REFUND_ASKED | CLASS_HOURS | DEDUCTED | EDUCATION_FAILURES
