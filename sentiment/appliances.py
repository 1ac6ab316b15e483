"""Home appliances (空调, 冰箱, 洗衣机, 热水器, 燃气灶, 油烟机, 扫地机器人; issue #13): the words
that mark them, the cue words their complaints add to the category lexicon, and what the cues mean
there.

The models never read an appliance owner's post: 空调 and 热水 are 商品质量 cues for a hotel room
(the room's air conditioning is the room's defect), so every post naming a brand's air
conditioner read as a defect, a fee for the bracket as nothing and a gas leak as a smell. As
DOMAIN.md reads them: the appliance failing (不制冷, 结冰, 滴水, 轰轰响) is 商品质量; a fee nobody
named (支架费, 加长费, 打孔费, 材料费), parts one must buy from them (必须用他们的, 指定的), a
repair quoted far above the part, a subsidy or a trade-in
smaller than promised (国补, 补贴) and an energy label or a quietness claim the machine does not
meet are 购销合同/价格; a repair visit that cannot be booked or is done again (约不上, 返工) is
售后/退换货; a machine left at the gate (不送上楼) is 货物运输/物流; a camera that uploads the home
and sales calls after a purchase are 隐私/欺诈; a technician asking for a five-star review is
服务态度; gas or fumes leaking (煤气味, 一氧化碳) and a plug that burns are 食品安全/人身安全.
"""

from __future__ import annotations

from core.enums import Category
from sentiment.industry_cues import words

# An appliance at home, its installation and its parts.
APPLIANCE_CONTEXT = words(
    """空调 冰箱 洗衣机 热水器 燃气灶 油烟机 烟机 扫地机 扫地机器人 洗碗机 洗烘 滚筒 电热水器
    燃气热水器 灶具 内机 外机 压缩机 铜管 冷凝水 一匹 两匹 匹数 冷藏 冷冻室 脱水 排烟管 能效"""
)
# A hotel's or a trip's air conditioning is the room's or the cabin's defect: no appliance text.
NOT_AT_HOME = words("酒店 宾馆 房间 前台 入住 民宿 客房 车里 车内 车上")
# Where an appliance's complaint happens, not what went wrong: no 商品质量 cue there.
APPLIANCE_SETTING = words("空调 热水")
# The technician's visit (安装, 维修, 上门): the complaint where nothing else is named (售后), the
# setting of a fee, a late delivery or rudeness named beside it (sentiment/category.py).
APPLIANCE_VISIT = words("安装 安装师傅 维修 维修师傅 师傅 上门 装机 修 材料")

APPLIANCE_CUES: dict[Category, dict[str, int]] = {
    Category.FOOD_SAFETY_HEALTH: dict.fromkeys(
        words(
            """一氧化碳 煤气味 燃气味 煤气泄漏 燃气泄漏 烟气泄漏 漏煤气 插头烧 插座烧 电线烧
            被电了 电了一下"""
        ),
        2,
    ),
    Category.CONTRACT_PRICING: {
        **dict.fromkeys(
            words(
                """支架费 加长费 打孔费 高空作业费 材料费 国补 补贴 报价 一级能效 多花了
                必须用他们的 必须买他们 指定的"""
            ),
            2,
        ),
        "能效": 1,
        "分贝": 1,
    },
    Category.AFTER_SALES_REFUND: dict.fromkeys(words("约不上 改约 返工"), 2),
    Category.DELIVERY_LOGISTICS: dict.fromkeys(words("搬上楼 送上楼 不送上楼"), 2),
    Category.PRIVACY_FRAUD: {
        **dict.fromkeys(words("上传云端 传到云端 拍家里 推销延保"), 2),
        "推销": 1,
    },
    Category.SERVICE_ATTITUDE: dict.fromkeys(words("五星好评 要好评 索要好评 来回踢"), 3),
    Category.PRODUCT_QUALITY: dict.fromkeys(
        words("滴水 结冰 结霜 冻坏 轰轰 嗡嗡 不排水 排不出 不加热 制冷差 制冷效果差"), 2
    ),
}
# An appliance's failures in owners' words the complaint cues lack: defects move the complaint
# logit as 故障 does, the service's lapses (fees, visits, reviews asked for) as 推诿 does.
APPLIANCE_DEFECTS = words("滴水 结冰 冻坏 轰轰响 不排水 排不出 泡起来 煤气味 一氧化碳 漏电")
APPLIANCE_LAPSES = words(
    """支架费 加长费 打孔费 高空作业费 材料费 多花了 只减了 名额用完 必须用他们的 必须买他们
    约不上 返工 不送上楼 不负责搬
    五星好评 要好评 来回踢 推销延保 上传云端"""
)
# Gas, fumes or current where people are (as 触电 35 in HARM_WORDS); an alarm is no police call.
APPLIANCE_HARM = {
    "一氧化碳": 45,
    "煤气味": 45,
    "燃气味": 45,
    "报警器响": 15,
    "煤气泄漏": 45,
    "燃气泄漏": 45,
    "烟气泄漏": 45,
    "漏电": 40,
    "被电了": 30,
    "电了一下": 30,
    "冒烟": 35,
    "插头烧": 45,
    "插座烧": 45,
    "电线烧": 45,
}
# A longer word that holds a signal word but is none (报警器 is an alarm, not 报警 to the police):
# it hides the shorter word and is no evidence itself (sentiment/urgency.py matched_words).
NOT_SIGNALS = {"报警器": 0, "报警声": 0, "报警灯": 0}
# What the cue scan must find for the rules above (sentiment/complaint_cues.py MATCHER).
APPLIANCE_WORDS = APPLIANCE_CONTEXT | NOT_AT_HOME | APPLIANCE_DEFECTS | APPLIANCE_LAPSES


def is_appliance(found: set[str], finance: frozenset[str]) -> bool:
    """An appliance owner's text (no hotel room, no car, no finance text)."""
    marked = not found.isdisjoint(APPLIANCE_CONTEXT)
    return marked and found.isdisjoint(NOT_AT_HOME) and found.isdisjoint(finance)


def appliance_cues(found: set[str]) -> set[str]:
    """The cue words that count in an appliance's text: the setting (空调, 热水) never."""
    return found - APPLIANCE_SETTING
