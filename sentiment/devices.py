"""Phones and consumer electronics (手机, 平板, 耳机, 手表; issue #13): the words that mark them,
the cue words their complaints add to the category lexicon, and what the cues mean there.

The models read phone reviews of online shops, not owners' posts about a brand: a repair that
swaps in a refurbished part read as a defect, a trade-in valued down for a scratch as the
scratch, a pushed ad as nothing. As DOMAIN.md reads them: the device failing (发热, 卡顿, 续航崩,
变砖, 断触, 烧屏) is 商品质量; a repair refused (人为损坏, 进水判定) or done with refurbished parts
(翻新件) is 售后/退换货; an order the store has not shipped (待发货, 缺货) is 货物运输/物流; a price
cut not made good (保价), a trade-in valued down and advertising beyond what the device does
(宣传图, 摆拍) are 购销合同/价格; preinstalled apps that cannot be removed and pushed ads are
隐私/欺诈 (harassment); a battery that swells (电池…鼓包) is a fire waiting to happen,
食品安全/人身安全, however the two are worded apart.
"""

from __future__ import annotations

from core.enums import Category
from sentiment.industry_cues import words

# A phone, a tablet, earphones or a watch, and what happens to them. 手机 alone is no mark: 手机号,
# 手机银行 and 手机APP are a finance complaint's words (分期买的手机 is a finance text anyway).
DEVICE_CONTEXT = words(
    """新手机 这手机 这部手机 买的手机 旧手机 手机屏 手机电池 手机发烫 手机发热 手机壳 平板 耳机
    手表 手环 充电器 充电宝 充电头 系统更新 系统升级 刷机 寄修 服务中心 以旧换新 跑分 后盖 主板
    序列号 预装"""
)
# A battery swelling (电池鼓包, 后盖被顶起来了…电池鼓包, 电池鼓得屏幕都翘起来): the battery and the
# swelling both named, in any order. A tyre's or a wall's 鼓包 names no battery and stays a defect.
BATTERY_WORDS = ("电池", "电芯", "充电宝", "后盖")  # in the order a harm reason names them
SWELLING_WORDS = ("鼓包", "鼓起", "鼓了", "鼓得", "顶起来", "膨胀")
BATTERIES, SWELLING = frozenset(BATTERY_WORDS), frozenset(SWELLING_WORDS)
BATTERY_SWELLING = "电池鼓包"  # the safety cue such a text counts as
# A trade-in valued (估价, 验机): the old device's scratches are the valuation's reason, not a
# defect of what the brand sold, so they decide no 商品质量.
TRADE_IN = words("以旧换新 估价 验机 回收价 压价")
VALUATION = words("估价 验机 回收价 压价 只给")

DEVICE_CUES: dict[Category, dict[str, int]] = {
    Category.FOOD_SAFETY_HEALTH: dict.fromkeys(
        words(f"{BATTERY_SWELLING} 随时要炸 随时会炸 随时爆炸 怕爆炸 烫出水泡"), 2
    ),
    Category.PRIVACY_FRAUD: {
        **dict.fromkeys(
            words(
                """预装软件 预装应用 弹广告 推送广告 广告推送 广告弹窗 删不掉 删都删不掉 卸载不了
                无法卸载 静默安装 偷偷安装 自动安装 强制安装"""
            ),
            2,
        ),
        "预装": 1,
    },
    Category.AFTER_SALES_REFUND: {
        **dict.fromkeys(
            words("翻新件 换翻新 换成翻新 换的是翻新 人为损坏 进水判定 判定进水 说是人为"), 2
        ),
        "服务中心": 1,
    },
    Category.DELIVERY_LOGISTICS: {
        **dict.fromkeys(words("待发货 不发货 还没发货 迟迟不发货 缺货 断货 没货"), 2),
        "发货": 1,
    },
    Category.CONTRACT_PRICING: dict.fromkeys(
        words("保价 不保价 宣传图 样张 摆拍 宣传续航 与实际不符 货不对板 名不副实"), 2
    )
    | {"以旧换新": 1},
    Category.SERVICE_ATTITUDE: dict.fromkeys(words("撇清责任 推卸责任 一句道歉"), 2),
    Category.PRODUCT_QUALITY: dict.fromkeys(
        words("变砖 续航崩 断触 烧屏 掉帧 耗电快 耗电特别快 耗电太快 耗电严重"), 2
    ),
}
# A repair refused for the owner's fault (人为损坏, 进水判定): the complaint is the refusal, as
# 不给保 in sentiment/lexicons.py REPAIR_REFUSALS.
DEVICE_REFUSALS = words("人为损坏 进水判定 判定进水 说是人为")
# A device's failures in owners' words the complaint cues lack: defects move the complaint logit
# as 故障 does, the service's lapses as 推诿 does.
DEVICE_DEFECTS = words(
    "变砖 续航崩 断触 烧屏 掉帧 耗电快 耗电特别快 耗电太快 耗电严重 打着就断 通话中断 随时要炸"
)
DEVICE_LAPSES = words(
    """包裹找不到 快递找不到 没更新 没寄回来 还没寄回 不在保价 不给保价 不保价
    推送广告 弹广告 删不掉 删都删不掉 卸载不了 撇清责任 推卸责任 待发货 还没发货 不发货 翻新件"""
)
# Complaints only a phone's or a gadget's owner makes (预装软件, 翻新件, 宣传图, 变砖): they mark a
# device's text as DEVICE_CONTEXT does, where the brand's name stands for the phone (曜石X5锁屏上
# 天天推送广告). Words any shop's complaint uses (缺货, 发货, 保价) do not.
DEVICE_COMPLAINTS = DEVICE_DEFECTS | words(
    """预装软件 预装应用 弹广告 推送广告 广告推送 广告弹窗 删不掉 删都删不掉 卸载不了 无法卸载
    静默安装 翻新件 换翻新 人为损坏 进水判定 宣传图 样张 摆拍 宣传续航 待发货"""
)
# An order not shipped, however it is worded (说好48小时发货…还没发, 迟迟不发): 发货 and a wait both
# named count as 没发货, the logistics cue.
SHIPPING = "发货"
NOT_SENT = words("还没发 没发 迟迟不发 还不发 一直不发")
NOT_SHIPPED = "没发货"
# What the cue scan must find for the rules above (sentiment/complaint_cues.py MATCHER).
DEVICE_WORDS = (
    DEVICE_CONTEXT | BATTERIES | SWELLING | TRADE_IN | VALUATION | DEVICE_REFUSALS | NOT_SENT
)


def is_device(found: set[str], finance: frozenset[str]) -> bool:
    """A phone's or a gadget's text that is no finance text (手机银行, 分期买的手机)."""
    marked = not found.isdisjoint(DEVICE_CONTEXT) or not found.isdisjoint(DEVICE_COMPLAINTS)
    return marked and found.isdisjoint(finance)


def battery_swelling(found: set[str]) -> bool:
    """A battery and its swelling are both named (电池…鼓包, 后盖…顶起来)."""
    return not found.isdisjoint(BATTERIES) and not found.isdisjoint(SWELLING)


def swelling_evidence(text: str, found: set[str] | None = None) -> str | None:
    """'电池…鼓包' when the text names a battery and its swelling (urgency's harm reason), else
    None."""
    words = found if found is not None else {w for w in BATTERIES | SWELLING if w in text}
    if not battery_swelling(words):
        return None
    battery = next(w for w in BATTERY_WORDS if w in words)
    return f"{battery}…{next(w for w in SWELLING_WORDS if w in words)}"


def device_cues(found: set[str]) -> tuple[set[str], tuple[Category, ...]]:
    """The cue words that count in a text that is no finance, travel or school text, and the
    categories it rules out: a swelling battery as BATTERY_SWELLING (鼓包 then no defect), an
    order not sent as NOT_SHIPPED, and a trade-in valued down rules 商品质量 out (the old
    device's scratches)."""
    if battery_swelling(found):
        found = (found - SWELLING) | {BATTERY_SWELLING}
    if SHIPPING in found and not found.isdisjoint(NOT_SENT):
        found = found | {NOT_SHIPPED}
    if not found.isdisjoint(TRADE_IN) and not found.isdisjoint(VALUATION):
        return found, (Category.PRODUCT_QUALITY,)
    return found, ()
