"""Ride-hailing (网约车, 打车, 司机, 接驾, 顺风车; issue #13): the words that mark a ride's text,
what its words mean there, and the harm a driver does.

The models read shoppers', diners' and hotel guests' reviews; they never read a passenger's or a
driver's post. A detour read as a defect (绕远路…多跑了八公里: 商品质量), 大数据杀熟 as a defect,
a cancellation fee as a price, a driver who will not give a lost phone back as a lost parcel, a
driver who drives while watching videos or asks a woman where she lives as nothing. As DOMAIN.md
reads them: a detour, a fare above the estimate, 高速费 or 动态加价, 杀熟 and the drivers'
commission (抽成) and fines are 购销合同/价格; a cancellation fee or a 免单 not paid back is
售后/退换货; a driver who refuses a trip, makes the passenger cancel, swears or keeps a lost item,
and a statement that shifts the blame are 服务态度; a driver who never comes is
货物运输/物流 (the service not delivered, as a late parcel); the number behind the 虚拟号 and a
driver adding a passenger on WeChat are 隐私/欺诈; dangerous driving and harassment of a passenger
(尾随, 摸腿, asking where she lives) are 食品安全/人身安全, and urgent.
"""

from __future__ import annotations

from core.enums import Category
from sentiment.industry_cues import StrongCue, words

# A ride's own words (行程 is an airline's 行程单 too; 跑车 a sports car).
RIDE_CONTEXT = words(
    """网约车 打车 叫车 约车 接单 接驾 派单 上车点 车费 预估价 一口价 取消费 快车 专车 拼车
    顺风车 虚拟号 抽成 司机端 司机 动态加价 一键报警 安全求助"""
)
# What the words of a ride's complaints mean there. Each counts as its category's RIDE_CUE.
RIDE_MEANINGS: dict[Category, frozenset[str]] = {
    Category.FOOD_SAFETY_HEALTH: words(
        """猥亵 性骚扰 尾随 跟到楼下 跟到我楼下 跟到我家 摸腿 摸我 腿上 闯红灯 连闯 闯了 疲劳驾驶
        打瞌睡 看手机 刷视频 开得飞快 飙车 超速 急刹 差点撞 男朋友 住哪 盯着我 提前下车 不安全
        安不安全 一键报警 安全求助"""
    ),
    Category.PRIVACY_FRAUD: words("真实手机号 真实号码 加我微信 我微信 虚拟号是假的"),
    Category.AFTER_SALES_REFUND: words("取消费 免单"),
    Category.SERVICE_ATTITUDE: words(
        """拒载 嫌近 不想拉 骂骂咧咧 骂我 不还 电话不接 记住我家 外放 落在 丢在 让我自己取消
        声明 洗地 撇清"""
    ),
    Category.DELIVERY_LOGISTICS: words("没人接单 叫不到车 不来了 原地不动 接驾要 离我"),
    Category.CONTRACT_PRICING: words(
        """绕路 绕远 绕了 兜圈 大圈子 多跑了 预估价 一口价 高速费 过路费 停车费 附加费 动态加价
        抽成 罚我 罚款 奖励 杀熟"""
    ),
    Category.PRODUCT_QUALITY: words("定位 付了两次 小程序"),
}
# The cue each meaning counts as (sentiment/lexicons.py CATEGORY_CUES): words no text holds,
# weighing more than a cue word (the model read 送过来 or 五块钱 strongly), an app's less.
RIDE_CUE_OF = {category: f"行程中{category.value}" for category in RIDE_MEANINGS}
RIDE_CUES: dict[Category, dict[str, int]] = {
    category: {cue: 2 if category is Category.PRODUCT_QUALITY else 4}
    for category, cue in RIDE_CUE_OF.items()
}
# 骚扰 by the driver is the passenger's safety (not a collector's calls), but weaker than what he
# did: a complaint about how 骚扰 was handled stays the handling's.
HARASSED = "骚扰"
HARASSED_CUE = "行程中被骚扰"
RIDE_CUES[Category.FOOD_SAFETY_HEALTH][HARASSED_CUE] = 1
# A statement that shifts the blame: the backlash is about the brand's answer, not the harm.
BACKLASH = words("声明 洗地 撇清")
# What counted as another category's word before: a lost item is no lost parcel (丢了), a driver's
# 客服 or 乘客 says nothing.
RIDE_SETTING = words("丢了 弄丢 行李 乘客 客服 差")
# A ride's lapses the complaint cues lack (sentiment/complaint_cues.py), counted only in a ride.
RIDE_FAILURES = words(
    """绕路 绕远 兜圈 大圈子 多跑了 闯红灯 疲劳驾驶 打瞌睡 猥亵 尾随 跟到楼下 摸腿 拒载
    看手机 刷视频 提前下车"""
)
RIDE_LAPSES = words(
    """动态加价 罚我 没人接单 叫不到车 不来了 原地不动 加我微信
    真实手机号 真实号码 嫌近 不想拉 骂骂咧咧 不还 电话不接 洗地 撇清 取消费"""
)
# What the cue scan must find for the rules above (sentiment/complaint_cues.py MATCHER).
RIDE_WORDS = RIDE_CONTEXT | frozenset().union(*RIDE_MEANINGS.values()) | {HARASSED}
# A driver's harm that no other word names (urgency: as 受伤); 性骚扰 is inside 严重性骚扰 (a
# bank's marketing texts), a ride's danger only.
RIDE_HARM = {
    "猥亵": 50,
    "尾随": 45,
    "跟到楼下": 45,
    "跟到我楼下": 45,
    "摸腿": 45,
    "闯红灯": 45,
    "疲劳驾驶": 45,
}
# Harm a driver does that only a ride's text means so (看手机 of a clerk is rudeness).
RIDE_DANGER = words(
    "性骚扰 看手机 刷视频 打瞌睡 开得飞快 飙车 超速 急刹 差点撞 连闯 闯了 男朋友 住哪 盯着我 腿上"
)
RIDE_DANGER_HARM = 50  # a passenger in a car driven so, or asked so, is in danger


def is_ride(found: set[str], finance: frozenset[str]) -> bool:
    """A ride's text (a driver, a fare, a pick-up) that is no finance text."""
    return not found.isdisjoint(RIDE_CONTEXT) and found.isdisjoint(finance)


def ride_cues(found: set[str], strong: StrongCue) -> tuple[set[str], tuple[Category, ...]]:
    """The cue words that count in a ride's text and the categories it rules out: each ride
    word counts as its category's RIDE_CUE; 骚扰 is the passenger's safety, weaker than what
    the driver did; where a statement is answered (声明, 洗地) the harm it names (人都跟到楼下了)
    is no cue; the setting (丢了, 客服)
    does not count where a ride word is named; a ride is no product: 商品质量 needs a defect
    named strongly (闪退, 断网, 定位…, 付了两次)."""
    meant = {RIDE_CUE_OF[c] for c, ride_words in RIDE_MEANINGS.items() if found & ride_words}
    if HARASSED in found and "骚扰电话" not in found:
        meant.add(HARASSED_CUE)
        found = found - {HARASSED}
    if not found.isdisjoint(BACKLASH):
        meant -= {RIDE_CUE_OF[Category.FOOD_SAFETY_HEALTH], HARASSED_CUE}
    if meant:
        found = found - RIDE_SETTING
    found = found | meant
    if strong(found, Category.PRODUCT_QUALITY):
        return found, ()
    return found, (Category.PRODUCT_QUALITY,)


def ride_danger(text: str, found: set[str] | None, finance: frozenset[str]) -> str | None:
    """'司机…看手机' where a ride's text names a danger only a driver means (看手机, 打瞌睡,
    男朋友), else None (`found`: the words known to occur in text, if scanned)."""
    words = found if found is not None else {w for w in RIDE_DANGER | RIDE_CONTEXT if w in text}
    danger = words & RIDE_DANGER
    if not danger or not is_ride(words, finance):
        return None
    return f"{DANGER_MARK}{min(danger, key=text.find)}"


# How ride_danger's evidence begins: a danger read from a ride's words, not named outright.
DANGER_MARK = "司机…"


def is_read_danger(evidence: str) -> bool:
    """Whether a harm reason's evidence is ride_danger's reading (司机…男朋友), which a text
    read as positive does not bear out (和男朋友打车…司机师傅人很好)."""
    return evidence.startswith(DANGER_MARK)
