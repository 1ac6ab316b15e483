"""A chain of gyms and beauty salons selling prepaid cards (健身房, 私教, 团课, 美容院, 储值卡;
issue #13): the words that mark a member's text, what its words mean there, and the harm a
treatment or a coach's training does.

The models read shoppers', diners' and hotel guests' reviews; they never read a member's post.
A refused 退卡 read as a contract (合同写了不能退), a store closed with the member's balance as a
defect or as nothing (突然关门了…卡里还有), a hard-sell pitch as a price (推销私教), a coach who
left as a defect, an auto-renewal as a contract, a treatment's burn (烫出了水泡) and a coach's
injury (腰扭伤了) as a defect or nothing. As DOMAIN.md reads them (bench/gym_texts.py decides
each once): a card or unused 私教 lessons whose refund is refused, and a store closed (闭店,
跑路) with members' balances unpaid are 售后/退换货 — the money owed back decides over the
contract, the store or the staff it names; a hard-sell pitch and rude or silent staff are
服务态度; a transfer fee, a clause that takes what was paid (最终解释权, 不退不换), a gift or
price promised at 办卡 and not given and a coach who left with the lessons bought from him are
购销合同/价格; an auto-renewal deducted without consent and members' data sold (推销电话) are
隐私/欺诈 (an unauthorised charge, as a telecom's 莫名扣费) and decide over the refund or the
pitch they name; broken equipment, dirty showers and overcrowding are 商品质量; a treatment that
burns or causes an allergy and a training that injures are 食品安全/人身安全, and urgent. A card
is never carried (货物运输/物流 is ruled out).
"""

from __future__ import annotations

from core.enums import Category
from sentiment.industry_cues import Meanings, words

# A member's own words. 健身房 and 淋浴间 only where no hotel is named (GYM_ELSEWHERE); not
# 健身 alone (a book on it), 瑜伽 or 跑步机 (a mat or a treadmill bought online), 更衣室 or 泳池
# (a hotel's), 办卡, 年卡 or 会员卡 (a bank's, a telecom's, a milk-tea shop's), 教练 (a driving
# school's), 课时 (a school's), 闭店 (a takeaway's hours; see GYM_CLOSED), 转卡, 续卡 or 储值卡
# (a bank's), 深蹲 or 体测 (a share price's, 物体测量).
GYM_CONTEXT = words(
    """健身房 淋浴间 退卡 健身卡 健身教练 健身会员 去健身 练健身 健身小白 私教 团课 会籍 动感单车
    卧推 哑铃 杠铃 器械区 瑜伽课 普拉提 做体测 转卡费 入会费 预付卡 疗程卡 美容院 美容店 美容师
    美容项目 美容卡 皮肤管理 水光针 光子嫩肤 果酸焕肤 游泳课"""
)
# A hotel's 健身房 (游泳池和健身房还不错) or a book's is no member's text.
GYM_ELSEWHERE = words("酒店 宾馆 饭店 入住 客房 房间 携程 游泳池 中餐厅 这本书")
# A store closed (闭店, 跑路) with a member's balance or lessons is a member's text whatever else
# it names: a prepaid card's.
GYM_CLOSED = words("闭店 关门了 关店 跑路 人去楼空 卷款 店就没了")
GYM_BALANCE = words("余额 卡里还有 预付款 充值 储值 私教课 年卡 会员卡 疗程卡")
# A member's card is paid from a bank card: these finance words do not make it a bank's text.
GYM_FINANCE = words("银行卡 分期")
# What the words of a member's complaints mean there. Each counts as its category's GYM_CUE.
GYM_MEANINGS: dict[Category, frozenset[str]] = {
    Category.FOOD_SAFETY_HEALTH: words(
        """烫伤 烫出 水泡 烧伤 灼伤 红肿 红疹 过敏 毁容 烂脸 扭伤 拉伤 骨裂 骨折 横纹肌溶解 砸到
        摔了 摔倒 住院 受伤"""
    ),
    Category.PRIVACY_FRAUD: words(
        """自动续费 自动扣款 连续包月 默认开 偷偷 推销电话 会员信息 被卖了 个人信息 身份证号
        未经同意 经过我同意 经我同意 会员名单"""
    ),
    Category.AFTER_SALES_REFUND: words(
        """退卡 退费 退课 退钱 退款 不能退 不给退 拒绝退 不予退 退回来 退还 闭店 关门了 跑路
        人去楼空 卷款 卷走 店就没了 关店 余额 预付款 卡里还有 要钱 换了老板 新老板"""
    ),
    Category.SERVICE_ATTITUDE: words(
        """推销 强制推销 围上来 冷脸 念叨 催我 不让走 吓唬 态度 白眼 事多 嫌麻烦 爱答不理
        阴阳怪气 挂电话 没人理 甩锅 推给 推卸 踢皮球 加盟的 加盟商"""
    ),
    Category.CONTRACT_PRICING: words(
        """转卡费 转让费 手续费 入会费 最终解释权 解释权 不退不换 霸王条款 文字游戏 赠送 承诺
        说好的 附加费 隐形消费 过期作废 离职 跳槽 换了 新手 实习教练 缩水 通用 不认"""
    ),
    Category.PRODUCT_QUALITY: words(
        """坏了 维修中 报修 没人修 起毛 松了 头发 下水道 霉味 臭 消毒 汗渍 发黄 脏 热水 冷水
        空调 人挤人 排队 约不上 储物柜"""
    ),
}
# The cue each meaning counts as (sentiment/lexicons.py CATEGORY_CUES): words no text holds,
# weighing more than a cue word.
GYM_CUE_OF = {category: f"健身卡里{category.value}" for category in GYM_MEANINGS}
GYM_CUES: dict[Category, dict[str, int]] = {
    category: {cue: 4} for category, cue in GYM_CUE_OF.items()
}
# Which meaning decides over which where both are named: a charge never agreed to or data sold
# over the refund, the pitch or the clause it names (推销电话 is no pitch); the money owed back
# over the contract, the store or the staff it remedies; a pitch or rude staff over the shower
# they were asked about.
_CUE = GYM_CUE_OF
DECIDES: tuple[tuple[str, frozenset[str]], ...] = (
    (
        _CUE[Category.PRIVACY_FRAUD],
        frozenset(
            _CUE[c]
            for c in (
                Category.AFTER_SALES_REFUND,
                Category.CONTRACT_PRICING,
                Category.PRODUCT_QUALITY,
                Category.SERVICE_ATTITUDE,
            )
        ),
    ),
    (
        _CUE[Category.AFTER_SALES_REFUND],
        frozenset(
            _CUE[c]
            for c in (
                Category.CONTRACT_PRICING,
                Category.PRODUCT_QUALITY,
                Category.SERVICE_ATTITUDE,
            )
        ),
    ),
    (
        _CUE[Category.SERVICE_ATTITUDE],
        frozenset({_CUE[Category.PRODUCT_QUALITY], _CUE[Category.CONTRACT_PRICING]}),
    ),
)
# What counted as another category's word before: a member's 合同 names the card a refund or a
# clause is about; 电话, 客服 and 销售 say nothing beside a member's word; a bike 报修 is the
# store's defect, not a repair refused; 头发 in a shower is no hair in food.
GYM_SETTING = words("合同 电话 客服 销售 前台 骗 差 涨价 系统升级 修 维修 报修 头发 小 床")
# A member's lapses the complaint cues lack (sentiment/complaint_cues.py), counted only there.
# Not 水泡 (a barbell's 磨出水泡; a treatment's is 烫出), 拖着 (拖着疲惫的身体去打卡; a refund
# dragged out is the cues' 拖着不) or 换了个 (换了个私教 by choice; a coach who left is 离职).
GYM_FAILURES = words(
    """坏了 维修中 没人修 霉味 下水道 不消毒 人挤人 约不上 烫出 烧伤 灼伤 红疹 扭伤 拉伤 骨裂
    横纹肌溶解 跑路 人去楼空 卷款 卷走"""
)
# A defect only beside the store's equipment (GYM_EQUIPMENT): 踏板松了, 钢丝绳都起毛了, 瑜伽垫
# 一层汗渍, but not a stretch's 肩颈终于松了, 泳镜带子松了 or a T恤's 汗渍.
GYM_PART_FAILURES = words("松了 起毛 汗渍")
GYM_EQUIPMENT = words(
    """器械 跑步机 单车 踏板 座椅 坐垫 哑铃 杠铃 龙门架 钢丝绳 拉力绳 卧推凳 史密斯 瑜伽垫
    垫子 螺丝 把手 扶手 储物柜 柜门 花洒 淋浴头"""
)
# A store closed only where the members' money (GYM_BALANCE) or a sudden closing is named: not
# 健身房晚上十点就关门了 nor 春节闭店三天.
GYM_CLOSURES = words("闭店 关门了 关店 店就没了")
GYM_SUDDEN = words("突然 一夜之间 连夜")
GYM_LAPSES = words(
    """推销 围上来 冷脸 不让走 白眼 事多 嫌麻烦 爱答不理 阴阳怪气 挂电话 没人理 不能退 不给退
    拒绝退 不予退 转卡费 最终解释权 霸王条款 不退不换 文字游戏 离职 自动续费 偷偷 推销电话
    被卖了 甩锅 踢皮球 不认"""
)
# What the cue scan must find for the rules above (sentiment/complaint_cues.py MATCHER).
GYM_WORDS = GYM_CONTEXT | GYM_ELSEWHERE | GYM_FINANCE | GYM_SETTING | GYM_CLOSED | GYM_BALANCE
GYM_WORDS |= GYM_PART_FAILURES | GYM_EQUIPMENT | GYM_CLOSURES | GYM_SUDDEN
GYM_WORDS |= frozenset().union(*GYM_MEANINGS.values())
# A treatment's or a training's harm that no other word names (urgency: as 受伤). Not 水泡 or
# 砸到 alone (a screen's 水泡, a share price 砸到 a level).
GYM_HARM = {"烫出": 25, "灼伤": 25, "扭伤": 20, "拉伤": 20, "骨裂": 30, "横纹肌溶解": 40}
# Members' data sold (urgency: as 泄露).
GYM_PRIVACY = {"会员信息": 20}


def is_gym(found: set[str], finance: frozenset[str]) -> bool:
    """A member's text (a card, a coach, a salon, a store closed with a balance) that is no
    hotel's, book's or other finance text (a card paid from a 银行卡 is the member's)."""
    closed = not found.isdisjoint(GYM_CLOSED) and not found.isdisjoint(GYM_BALANCE)
    if (found.isdisjoint(GYM_CONTEXT) and not closed) or not found.isdisjoint(GYM_ELSEWHERE):
        return False
    return (found & finance) <= GYM_FINANCE


def gym_failures(found: set[str]) -> frozenset[str]:
    """The member's failure words that count in this text: GYM_FAILURES, a part's only beside
    the equipment, a closing only beside the balance or where it was sudden."""
    counted = GYM_FAILURES
    if not found.isdisjoint(GYM_EQUIPMENT):
        counted |= GYM_PART_FAILURES
    if not found.isdisjoint(GYM_BALANCE) or not found.isdisjoint(GYM_SUDDEN):
        counted |= GYM_CLOSURES
    return counted


# A member's text: each member's word counts as its category's GYM_CUE; a meaning decides over
# those it names (DECIDES); the setting (合同, 电话) does not count where a member's word is
# named; a card is never carried (货物运输/物流 is ruled out), nor a scam unless a charge or
# members' data is named strongly.
GYM = Meanings(GYM_CUE_OF, GYM_MEANINGS, GYM_SETTING, DECIDES)
gym_cues = GYM.cues
