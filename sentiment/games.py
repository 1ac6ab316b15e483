"""A mobile-game publisher (手游, 玩家, 抽卡, 封号, 充值; issue #13): the words that mark a game's
text, what its words mean there, and the harm an offline event or a piece of merch does.

The models read shoppers', diners' and hotel guests' reviews; they never read a player's post. A
banned account read as a defect (号突然被封了: 商品质量), gacha odds lower than published as a
defect or as nothing (概率公示就是写给人看的), a paid skin nerfed as a defect, a recharge not
credited as a refund, a fake customer-service caller as rudeness (冒充…客服), a crowd crush at a
carnival as nothing. As DOMAIN.md reads them (bench/game_texts.py decides each once): odds lower
than published and a 保底 not honoured, a recharge paid and not credited (没到账) and a paid item
nerfed or deleted by an update are 购销合同/价格 — what was sold is not what was given; a minor's
recharge whose refund is refused and a game shut down without refund are 售后/退换货 — the
remedy decides over the purchase it remedies; servers down, lag, crashes, in-game ads and 外挂
left unpunished are 商品质量 — the game does not work, even where reports changed nothing; an
account banned without reason, an appeal nobody answers and a customer service that pastes the
same reply are 服务态度 (a ban decides over the 外挂 it names: 说我使用第三方软件); a stolen
account, real-name data misused and a caller posing as the brand are 隐私/欺诈 (over the 客服
they name); a crowd crush and merch that burns or stinks are 食品安全/人身安全, and urgent. A
game is never carried (货物运输/物流 is ruled out).
"""

from __future__ import annotations

from core.enums import Category
from sentiment.industry_cues import Meanings, words

# A game's own words. Not 游戏 alone (a phone's 打游戏, a broadband's 游戏延迟), nor 保底 (a
# phone plan's 保底消费), 钻石 (a ring), 封号 (a driver's account), 实名 or 充值 (a bank's), 停运
# (a train's), 礼包, 策划, 道具, 嘉年华, 官方商城 or 月卡 (any shop's, any event's, a milk-tea
# membership's).
GAME_CONTEXT = words(
    """手游 玩家 抽卡 卡池 限定池 十连 排位 外挂 开挂 氪金 氪满 氪了 副本 防沉迷 区服 公会 盗号
    停服 削弱 出金 UID 游戏里 游戏内 这游戏 首充 战令 抽的角色 解包 号被封 无故封号 游戏账号
    钻石没到账 点券 被封了 封号理由 公示概率 概率公示 概率造假 五星概率 线下嘉年华 永久道具
    付费道具 游戏道具 限定皮肤 账号违规"""
)
# What the words of a game's complaints mean there. Each counts as its category's GAME_CUE.
GAME_MEANINGS: dict[Category, frozenset[str]] = {
    Category.FOOD_SAFETY_HEALTH: words("踩踏 挤倒 扭伤 刺鼻 疹子 冒烟 中暑"),
    Category.PRIVACY_FRAUD: words(
        """盗号 被盗 号被盗 实名认证完 解除防沉迷 冒充 扫码 保证金 异地登录 身份证被 公开我的信息
        截图发出来"""
    ),
    Category.AFTER_SALES_REFUND: words("退款 不退 拒绝退款 驳回 差额退款 退回来 全部退回 退还全部"),
    Category.SERVICE_ATTITUDE: words(
        """封号 被封 封了 封禁 误封 申诉 自动回复 不方便透露 复制粘贴 机器人 占线 人工客服 没回
        已反馈 踢皮球 踢出群 封口 傲慢 威胁玩家 恶意剪辑 态度"""
    ),
    Category.CONTRACT_PRICING: words(
        """概率 公示 保底 歪了 出金 暗改 没到账 不到账 一分没到 到账少 只给了单倍 首充双倍 返利
        月卡 卖完就削 削弱 技能被砍 改没了 永久道具 变成了限时 用户协议 冤大头 割韭菜 欺骗玩家
        缺斤短两 审计报告 未购买"""
    ),
    Category.PRODUCT_QUALITY: words(
        """闪退 掉线 卡成 崩了 延迟 发热 烫得 转圈 网络异常 卡住 bug 维护 外挂 开挂 锁头 透视
        脚本 反作弊 开屏广告 看广告 弹窗 弹广告 视频广告"""
    ),
}
# The cue each meaning counts as (sentiment/lexicons.py CATEGORY_CUES): words no text holds,
# weighing more than a cue word.
GAME_CUE_OF = {category: f"游戏里{category.value}" for category in GAME_MEANINGS}
GAME_CUES: dict[Category, dict[str, int]] = {
    category: {cue: 4} for category, cue in GAME_CUE_OF.items()
}
# Which meaning decides over which where both are named: a refund asked or refused over the
# purchase, the odds, the ban or the nerf it remedies; a ban over the 外挂 it accuses the player
# of; a thief or a fake caller over the 客服 he names.
_CUE = GAME_CUE_OF
DECIDES: tuple[tuple[str, frozenset[str]], ...] = (
    (
        _CUE[Category.AFTER_SALES_REFUND],
        frozenset(
            _CUE[c]
            for c in (
                Category.CONTRACT_PRICING,
                Category.PRODUCT_QUALITY,
                Category.SERVICE_ATTITUDE,
                Category.PRIVACY_FRAUD,
            )
        ),
    ),
    (_CUE[Category.PRIVACY_FRAUD], frozenset({_CUE[Category.SERVICE_ATTITUDE]})),
    (_CUE[Category.SERVICE_ATTITUDE], frozenset({_CUE[Category.PRODUCT_QUALITY]})),
)
# What counted as another category's word before: a player's 客服 and 电话 say nothing beside a
# game word; 骗人 of the odds is a broken promise, not a scam; 没到账 is a recharge's, not a
# refund's (REFUND_PENDING); the 软件 a ban accuses the player of is no soft product (软).
GAME_SETTING = words("客服 电话 骗人 骗 差 威胁 不管 没人管 没到账 不到账 未到账 软")
# A game's lapses the complaint cues lack (sentiment/complaint_cues.py), counted only there.
GAME_FAILURES = words(
    """闪退 掉线 卡成 崩了 开挂 外挂 锁头 透视 开屏广告 关不掉 看广告 弹窗 没到账 一分没到 不到账
    歪了 概率造假 卖完就削 技能被砍 改没了 变成了限时 号被盗 盗号 踩踏 疹子 冒烟"""
)
GAME_LAPSES = words(
    """无故封号 被封 误封 自动回复 不方便透露 复制粘贴 就是不管 不补偿 驳回 拒绝退款 写给人看
    解除防沉迷"""
)
# What the cue scan must find for the rules above (sentiment/complaint_cues.py MATCHER).
GAME_WORDS = GAME_CONTEXT | frozenset().union(*GAME_MEANINGS.values()) | GAME_SETTING
# Harm at an offline event or from merch that no other word names (urgency: as 受伤).
GAME_HARM = {"入口踩踏": 40, "踩踏事故": 40, "发生踩踏": 40, "被挤倒": 30, "起了一身疹子": 30}
# An account stolen, real-name data misused, a caller posing as the brand (urgency: as 泄露).
GAME_PRIVACY = {"号被盗": 25, "盗号": 25, "实名认证完": 25, "解除防沉迷": 25, "交保证金": 25}
# Players gathering to complain together (urgency: collective action, as 维权群).
GAME_COLLECTIVE = {"玩家群": 25}


def is_game(found: set[str], finance: frozenset[str]) -> bool:
    """A game's text (a player, a gacha, a ban, a recharge) that is no finance text."""
    return not found.isdisjoint(GAME_CONTEXT) and found.isdisjoint(finance)


# A game's text: each game word counts as its category's GAME_CUE; a meaning decides over those
# it remedies or names (DECIDES); the setting (客服, 电话) does not count where a game word is
# named; a game is never carried (货物运输/物流 is ruled out), nor a scam unless a scam or an
# account's data is named strongly.
GAME = Meanings(GAME_CUE_OF, GAME_MEANINGS, GAME_SETTING, DECIDES)
game_cues = GAME.cues
