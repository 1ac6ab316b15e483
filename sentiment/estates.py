"""A property developer and its 物业 (楼盘, 业主, 交房, 物业费, 售楼处; issue #13): the words
that mark a house's text, what its words mean there, and the harm a building does.

The models read shoppers', diners' and hotel guests' reviews; they never read an owner's post.
A handover years late read as a late parcel (还没交房: 物流), a sales office's broken promise of
a school or a metro as a defect or a scam (全是骗人的), a 物业 nobody answers as a parcel nobody
brings (从来没人来), a lift that traps a child as a parcel late. As DOMAIN.md reads them: a
late handover (the purchase contract's date and penalty, 违约金), a promise the house does not
keep (学区, 地铁, 公摊, 货不对板) and 物业费, 停车费 or fees nobody agreed to are
购销合同/价格 — no goods travel in a house's text, so it is never 货物运输/物流; a leaking,
cracking, hollow house or a fit-out cheaper than shown (精装缩水) is 商品质量; a 物业 whose
guards and cleaners do nothing, who answers nobody, and a statement that calls owners
rumour-mongers are 服务态度; a repair pushed between the developer and the 物业 (报修,
踢皮球), a 定金 or 退房 refused are 售后/退换货 — the remedy decides over the defect or the
delay it remedies; owners' numbers sold to decorators and agents are 隐私/欺诈; a lift that
traps people, things falling from height, a blocked fire lane and formaldehyde are
食品安全/人身安全, and urgent.
"""

from __future__ import annotations

from core.enums import Category
from sentiment.industry_cues import Meanings, words

# A house's own words (小区 is a courier's and a ride's drop-off too; 交付 a phone's order).
ESTATE_CONTEXT = words(
    """交房 收房 业主 物业 开发商 售楼处 楼盘 样板间 精装 精装房 物业费 楼栋 房产证 认筹 验房
    户型 精装修 毛坯 地产 置业 学区 公摊"""
)
# A house is bought on a mortgage: these finance words do not make an owner's text a bank's.
HOUSE_FINANCE = words("贷款 逾期 分期 银行 利息 还款")
# What the words of a house's complaints mean there. Each counts as its category's ESTATE_CUE.
ESTATE_MEANINGS: dict[Category, frozenset[str]] = {
    Category.FOOD_SAFETY_HEALTH: words(
        """电梯困人 困人 困在电梯 关在电梯 电梯下坠 高空坠物 掉下来 砸到 砸中 被砸 消防通道 甲醛
        甲醛超标"""
    ),
    Category.PRIVACY_FRAUD: words(
        "装修公司的电话 推销电话 业主信息 业主名单 门牌号 留了个电话 中介和贷款 信息泄露"
    ),
    Category.AFTER_SALES_REFUND: words(
        "报修 维修 保修 保修期 踢皮球 退房 定金不退 退定金 认筹金 诚意金 退房款 不给退"
    ),
    Category.SERVICE_ATTITUDE: words(
        """保安 保洁 管家 物业经理 不作为 管不了 啥也不管 没人管 没人来 从来没人 没人修 没人回
        记下了 拦着 不实信息 造谣 傲慢 威胁业主 声明"""
    ),
    Category.CONTRACT_PRICING: words(
        """逾期交房 延期交房 还没交房 没交房 交房又延期 推迟交付 延期 违约金 货不对板 宣传页
        宣传册 学区 对口 地铁站 公摊 拍着胸脯 说好的 承诺 物业费 停车费 装修押金 乱收费
        工本费 公共收益 补充协议 合同"""
    ),
    Category.PRODUCT_QUALITY: words(
        "空鼓 渗水 漏水 滴水 开裂 裂缝 墙皮 瓷砖 精装缩水 复合地板 强化地板 地面不平 掉了好几块"
    ),
}
# The cue each meaning counts as (sentiment/lexicons.py CATEGORY_CUES): words no text holds,
# weighing more than a cue word (the model read 没人来 or 骗人 strongly).
ESTATE_CUE_OF = {category: f"楼盘里{category.value}" for category in ESTATE_MEANINGS}
ESTATE_CUES: dict[Category, dict[str, int]] = {
    category: {cue: 4} for category, cue in ESTATE_CUE_OF.items()
}
# The remedy decides over what it remedies: a leak reported for repair and pushed around is the
# repair's, a delay that makes the owner ask to withdraw is the refund's.
REMEDY = ESTATE_CUE_OF[Category.AFTER_SALES_REFUND]
REMEDIED = frozenset(
    ESTATE_CUE_OF[c]
    for c in (Category.PRODUCT_QUALITY, Category.CONTRACT_PRICING, Category.SERVICE_ATTITUDE)
)
# What counted as another category's word before: an owner's 骗人 is a broken promise, not a
# scam; 电话 and 客服 of a 物业 say nothing; a neighbour's 噪音 is no defect of the house.
ESTATE_SETTING = words("骗人 骗 客服 电话 差 噪音")
# A house's lapses the complaint cues lack (sentiment/complaint_cues.py), counted only there.
ESTATE_FAILURES = words(
    """空鼓 渗水 漏水 滴水 开裂 逾期交房 延期交房 还没交房 延期 货不对板 精装缩水 电梯困人
    困人 高空坠物 掉了好几块 消防通道"""
)
ESTATE_LAPSES = words(
    """踢皮球 没人管 没人来 没人修 没人回 啥也不管 管不了 乱收费 定金不退 说好的 拍着胸脯
    不给钥匙 不在保修范围 装修公司的电话 推销电话"""
)
# Not 涨到: a stock's 不涨到45 is no negated lapse (cutting it changed the model's reading).
# What the cue scan must find for the rules above (sentiment/complaint_cues.py MATCHER).
ESTATE_WORDS = ESTATE_CONTEXT | HOUSE_FINANCE | frozenset().union(*ESTATE_MEANINGS.values())
ESTATE_WORDS |= ESTATE_SETTING
# A building's harm that no other word names (urgency: as 受伤). Not 砸到 or 推倒 alone: a
# share price is 砸到 a level (股吧), a plan 推倒重来.
ESTATE_HARM = {
    "电梯困人": 40,
    "困在电梯": 40,
    "电梯下坠": 45,
    "高空坠物": 45,
    "消防通道": 30,
    "甲醛超标": 35,
    "被推倒": 25,
    "砸到孩子": 35,
    "砸到人": 30,
    "砸伤": 30,
}
# Owners gathering at the sales office (urgency: collective action, as 集体维权).
ESTATE_COLLECTIVE = {"拉横幅": 30, "维权现场": 25, "业主维权": 30}


def is_estate(found: set[str], finance: frozenset[str]) -> bool:
    """A house's text (a handover, an owner, the 物业) that is no other finance text (a
    mortgage's 贷款 or 逾期 beside a house is the house's)."""
    return not found.isdisjoint(ESTATE_CONTEXT) and (found & finance) <= HOUSE_FINANCE


# A house's text: each house word counts as its category's ESTATE_CUE; a remedy (报修, 退房,
# 定金不退) decides over the defect, the delay or the 物业 it remedies; the setting (骗人, 电话)
# does not count where a house word is named; a house is never carried (货物运输/物流 is ruled
# out), nor a scam unless an owner's data or a scam is named strongly.
ESTATE = Meanings(ESTATE_CUE_OF, ESTATE_MEANINGS, ESTATE_SETTING, ((REMEDY, REMEDIED),))
estate_cues = ESTATE.cues
