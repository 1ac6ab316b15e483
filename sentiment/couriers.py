"""Express delivery (快递, 驿站, 包裹, 派送, 面单; issue #13): the words that mark a courier's text,
the cue words its complaints add to the category lexicon, and what the cues mean there.

The models read shoppers' reviews, where 快递 is how the goods came and a broken vase is the
shop's defect; they never read a post about a courier brand itself. Every fee a courier took read
as 物流 (快递 is a strong logistics cue), a threat from a courier as a debt collector's (隐私/欺诈),
a scam call telling of a lost parcel as the lost parcel, and a vase broken in transit as 商品质量.
As DOMAIN.md reads them: a parcel lost, late, not delivered, signed for by nobody or broken in
transit is 货物运输/物流; a 驿站 storage fee, a 到付 or weighing surcharge and a 次日达 or 限时达
promise not kept are 购销合同/价格; a 保价 claim refused or left in review is 售后/退换货; a
courier who swears or threatens, or customer service passing the customer around, is 服务态度;
a waybill that shows a phone number and calls from people posing as the courier's 理赔 staff
are 隐私/欺诈; a tricycle knocking a child down or a parcel leaking fumes is 食品安全/人身安全.
"""

from __future__ import annotations

from core.enums import Category
from sentiment.industry_cues import StrongCue, words

# A courier's own words. 快递, 物流, 包裹 and 签收 alone are no mark: every shopper's review says
# how the goods came (寄过 is inside 寄过来); 单号 is inside 订单号, and 网点 is a bank's too.
COURIER_CONTEXT = words(
    """快递员 快递柜 驿站 派送 派件 待派送 揽收 揽件 面单 运单 快递单号 寄件 取件 到付
    转运中心 中转站 分拣 代签收 次日达 限时达 快件 保价费 快递丢了 包裹丢了 三倍赔"""
)
# A finance text's words that a parcel's claim uses too: they leave a courier's text one.
PARCEL_CLAIMS = words("理赔 拒赔")
# Where a courier's complaint happens, not what went wrong: where a fee, a claim, rudeness, data
# or harm is named these do not count (驿站…保管费 is the fee), and 保价 is the parcel's declared
# value (a phone shop's 保价 is a price promise: sentiment/devices.py).
COURIER_SETTING = words("快递 快递员 驿站 包裹 网点 上门 物流 保价 取件 寄件 派件 送上楼")
# A parcel's claim refused, capped or left waiting: the complaint is the refusal (as a repair
# refused, sentiment/lexicons.py REPAIR_REFUSALS), not the loss before it.
CLAIM_WAITING = "理赔审核中"  # the claim cue a courier's 理赔…审核中 counts as
CLAIM_REFUSED = words(f"不予理赔 三倍赔 拒赔 只能赔 {CLAIM_WAITING}")
# A parcel not found and a claim in review, which only a courier's text means so (查不到详单 is a
# telecom question, 资料审核中 a card application): counted as these cues there.
NOT_FOUND = words("找不到 查不到 没找到")
PARCEL_NOT_FOUND = "包裹找不到"
WAITING = "审核中"
# A caller posing as the brand (冒充客服, 自称…理赔客服): the lost parcel and the claim they
# speak of are the scam's story, in any text.
IMPERSONATION = words("冒充 自称 假客服")
# 冒充 beside whom a caller claims to be (冒充迅达客服, 冒充的理赔专员; not 冒充正品) counts as
# IMPERSONATOR, which decides 隐私/欺诈 where no other grievance is named (sentiment/category.py).
CLAIMED_CALLERS = words("客服 专员 工作人员 快递员")
IMPERSONATOR = "冒充客服"
# Whom one talks to, not the grievance: 客服 counts only where nothing else is named.
COURIER_CHANNEL = words("客服")
# A courier's threat (找上门来威胁我删评论) is rudeness, not a debt collector's harassment.
THREATS = words("威胁 恐吓")
COURIER_THREAT = "快递员威胁"  # the attitude cue such a text counts as
# What a scam call tells (快递丢了要理赔): the scammer's story, not the parcel's fate.
SCAM_STORY = words("丢了 理赔 双倍理赔 赔偿 理赔专员")

COURIER_CUES: dict[Category, dict[str, int]] = {
    Category.FOOD_SAFETY_HEALTH: dict.fromkeys(words("撞倒 擦破 闻了头晕 闻着头晕"), 2),
    Category.PRIVACY_FRAUD: dict.fromkeys(words("自称 倒卖 面单信息 明文 真名 卖给 报出了"), 2),
    Category.AFTER_SALES_REFUND: dict.fromkeys(words(f"不予理赔 三倍赔 {CLAIM_WAITING}"), 2),
    Category.DELIVERY_LOGISTICS: dict.fromkeys(
        words(
            f"""{PARCEL_NOT_FOUND} 转运中心 中转站 待派送 不派送 派送失败 没更新 嫌远 扔驿站
            代签收 点了签收 碎成 压扁 泡了 湿透 摔过"""
        ),
        2,
    ),
    Category.CONTRACT_PRICING: dict.fromkeys(
        words("保管费 超区 称了重 到付 限时达 次日达 超时赔付"),
        3,
    ),
    Category.SERVICE_ATTITUDE: dict.fromkeys(words(f"骂了 把我骂 皮球 {COURIER_THREAT}"), 3),
}
# A courier's failures the complaint cues lack: a parcel lost or broken moves the complaint logit
# as 故障 does, the service's lapses (not delivered, signed for by nobody, fees, claims) as 推诿.
COURIER_DEFECTS = words("快递丢了 包裹丢了 再也查不到 碎成 压扁 泡了 湿透 撞倒 闻了头晕")
COURIER_LAPSES = words(
    """待派送 不派送 派送失败 没更新 扔驿站 代签收 点了签收 不打招呼 没人给答复 不予理赔
    保管费 超区 称了重 皮球 骂了"""
)
# What a parcel broken in transit is called: the courier's handling, not the goods' defect.
DAMAGE_IN_TRANSIT = words("坏了 损坏 破损 摔坏 裂了 压坏 断了 变形 开裂 断裂 脱落 坏")
_NOT_TRANSIT = (
    Category.FOOD_SAFETY_HEALTH,
    Category.PRIVACY_FRAUD,
    Category.AFTER_SALES_REFUND,
    Category.CONTRACT_PRICING,
    Category.SERVICE_ATTITUDE,
)
# What the cue scan must find for the rules above (sentiment/complaint_cues.py MATCHER).
COURIER_WORDS = (
    COURIER_CONTEXT | COURIER_SETTING | COURIER_CHANNEL | THREATS | SCAM_STORY | CLAIM_REFUSED
) | (IMPERSONATION | PARCEL_CLAIMS | NOT_FOUND | CLAIMED_CALLERS | {WAITING})
# A courier who knocks people down, fumes from a parcel that make people dizzy (as 受伤).
COURIER_HARM = {"撞倒": 25, "擦破": 15, "闻了头晕": 30, "闻着头晕": 30}
# A caller posing as the brand, who knows the waybill (报出了), money taken by one (as 冒用, 盗刷)
# and a courier who comes to the door (找上门来威胁).
COURIER_HARASSMENT = {"冒充": 25, "骗走": 30, "报出了": 20, "找上门": 20}


def is_courier(found: set[str], finance: frozenset[str]) -> bool:
    """A courier's text (a parcel, a 驿站, a waybill) that is no finance text; a
    parcel's claim (理赔, 拒赔) is a courier's word too."""
    marked = not found.isdisjoint(COURIER_CONTEXT)
    return marked and (found & finance) <= PARCEL_CLAIMS


def courier_cues(found: set[str], strong: StrongCue) -> tuple[set[str], tuple[Category, ...]]:
    """The cue words that count in a courier's text and the categories it rules out: a threat
    is the courier's rudeness (COURIER_THREAT); where data or a scam is named strongly the parcel
    lost and the claim are the scammer's story; where a fee, a claim, rudeness or harm is named
    the setting (快递, 驿站, 上门, 保价) does not count and 物流 needs a cue of its own; a claim
    refused or capped (不予理赔, 三倍赔) is the complaint, not the parcel lost or broken before it;
    客服 counts only where nothing else is named; a parcel is no product of the courier's:
    商品质量 needs a defect of its own."""
    found, ruled_out = _threat_cues(found, strong)
    if not found.isdisjoint(NOT_FOUND):
        found = found | {PARCEL_NOT_FOUND}
    if WAITING in found and "理赔" in found:
        found = found | {CLAIM_WAITING}
    if strong(found, Category.PRIVACY_FRAUD):
        found = found - SCAM_STORY - COURIER_SETTING
    named = found - COURIER_SETTING - COURIER_CHANNEL
    if any(strong(named, each) for each in _NOT_TRANSIT):
        found = found - COURIER_SETTING
        if not strong(found, Category.DELIVERY_LOGISTICS):
            ruled_out.append(Category.DELIVERY_LOGISTICS)
    if not found.isdisjoint(CLAIM_REFUSED):
        ruled_out.append(Category.DELIVERY_LOGISTICS)
        if not strong(found, Category.CONTRACT_PRICING):
            ruled_out.append(Category.CONTRACT_PRICING)
    if strong(found - COURIER_CHANNEL, None):
        found = found - COURIER_CHANNEL
    if not strong(found - DAMAGE_IN_TRANSIT, Category.PRODUCT_QUALITY):
        ruled_out.append(Category.PRODUCT_QUALITY)
    return found, tuple(dict.fromkeys(ruled_out))


def _threat_cues(found: set[str], strong: StrongCue) -> tuple[set[str], list[Category]]:
    """A courier's threat (威胁, 恐吓; no debt collection named) as COURIER_THREAT, and 隐私/欺诈
    ruled out unless a cue of its own is named."""
    if found.isdisjoint(THREATS) or "催收" in found:
        return found, []
    found = (found - THREATS) | {COURIER_THREAT}
    return found, [] if strong(found, Category.PRIVACY_FRAUD) else [Category.PRIVACY_FRAUD]


def impersonation_cues(found: set[str]) -> set[str]:
    """The cue words that count where a caller poses as the brand (冒充, 自称, 假客服): the
    parcel lost and the claim they speak of (快递丢了要理赔) are no category's cue."""
    if found.isdisjoint(IMPERSONATION):
        return found
    if "冒充" in found and not found.isdisjoint(CLAIMED_CALLERS):
        found = found | {IMPERSONATOR}
    return found - SCAM_STORY
