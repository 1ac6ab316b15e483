"""Cross-industry cues that a text is (or is not) a complaint, matched in one regex pass.

The trained complaint model only knows the industries of its corpora (finance, banking,
cosmetics, reviews). Defects, failures, refusals, fees and delays are said the same way in
every industry (异响, 故障, 无法充电, 拒赔, 扣费, 延误), so these cues move the model's
logit for industries it never saw; questions, ads and news move it the other way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain

from core.enums import Category
from sentiment.appliances import APPLIANCE_DEFECTS, APPLIANCE_LAPSES, APPLIANCE_WORDS
from sentiment.couriers import COURIER_DEFECTS, COURIER_LAPSES, COURIER_WORDS
from sentiment.devices import DEVICE_DEFECTS, DEVICE_LAPSES, DEVICE_WORDS
from sentiment.education import EDUCATION_FAILURES, EDUCATION_WORDS
from sentiment.estates import ESTATE_FAILURES, ESTATE_LAPSES, ESTATE_WORDS, is_estate
from sentiment.games import GAME_FAILURES, GAME_LAPSES, GAME_WORDS, is_game
from sentiment.gyms import (
    GYM_CLOSURES,
    GYM_FAILURES,
    GYM_LAPSES,
    GYM_PART_FAILURES,
    GYM_WORDS,
    gym_failures,
    is_gym,
)
from sentiment.lexicons import (
    CANCELLED,
    CATEGORY_CUES,
    CHARGES,
    COMPLAINT_MARKERS,
    DEMANDED_REMEDY,
    EXPIRED_NOT_FOOD,
    FINANCE_CONTEXT,
    LUGGAGE,
    NEVER_ORDERED,
    PART_FAILURES,
    PART_FITTINGS,
    PLAN_CHANGES,
    REFUND_PENDING,
    REPAIR_REFUSALS,
    SAFETY_PARTS,
    TELECOM_CONTEXT,
    TRANSIT_DAMAGE,
    TRAVEL_CONTEXT,
    TRIPS,
    words,
)
from sentiment.negation import (
    NEGATED_ONLY,
    NEGATOR_CHARS,
    negated_spans,
    without_spans,
)
from sentiment.praise_words import (
    PRAISE_SLANG,
    RECOVERY_PRAISE,
    RECOVERY_PROBLEMS,
    RESOLVED_WORDS,
    SUPPOSING_WORDS,
    TURN_WORDS,
)
from sentiment.rides import RIDE_FAILURES, RIDE_LAPSES, RIDE_WORDS, is_ride
from sentiment.urgency import ALL_URGENCY_WORDS
from sentiment.wordscan import WordScanner, alternatives

# Logit added per matched cue group (capped), see complaint_shift().
FAILURE_WORDS = words(
    """故障 坏了 坏掉 损坏 失灵 异响 漏油 漏水 死机 黑屏 卡死 闪退 重启 掉漆 生锈 开裂 断裂
    脱落 抖动 熄火 无法 不能用 用不了 打不开 连不上 充不进 掉线 没信号 信号差 鼓包 发烫
    进水 短路 不制冷 没声音 杂音 绿线 质量问题 缺陷 虚标 次品 瑕疵 假货 翻新 烂了 变质
    顿挫 烧机油 机油增多 异味 异音 卡顿 失效 故障灯 漏风 风噪 锈蚀 起泡 划痕 变形 松动 趴窝
    花屏 闪屏 自动关机 打不着火 无法启动 掉电 断网 网速慢 缩水 以次充好
    空鼓 渗水 甲醛超标 冒烟 跑偏 bug 报错 故障码 错误代码 烧了 没反应 漏雨 变慢 越来越慢
    卡住 降频"""
) + tuple(sorted(DEVICE_DEFECTS | APPLIANCE_DEFECTS | COURIER_DEFECTS))
FAILURE_OF_SERVICE = words(
    """拒绝 拒赔 拒不 不予 不给退 退不回 推诿 推脱 敷衍 没人管 没人处理 无人处理 不处理
    不回复 没人联系 没人回 未解决 没解决 不解决 没有解决 无果 不兑现 未兑现 欺骗 误导
    诱导 强制 强行 乱收费 多收 多扣 乱扣 扣费 扣款 私自 擅自 未经 没经过 违约金 霸王条款
    催收 爆通讯录 骚扰 威胁 恐吓 延误 晚点 被取消 超售 丢失 摔坏 跑路 拖欠 退款 退费
    一直没 至今 迟迟 还没到账 没到账 不退 态度恶劣 态度差 态度强硬 不让 太离谱 太坑 涨价 涨了
    乱涨 变相 隐形 未告知 没告知 没有告知 不告知 额外收 不及时 拖延 一拖再拖 拖着不 缺货
    隐瞒 不透明 不给开发票 不开发票 加价提车 不认账 冒充 返厂 问题依旧 不给解决 不给处理
    踢皮球 不作为 不接电话 挂电话 爱答不理 石沉大海 不承认 虚假宣传 套路 说正常 说是正常
    说属于正常 都说正常 推三阻四 刁难 杀熟 莫名扣费 莫名扣款 莫名开通 从未办理 没办过
    未经同意 拉黑 不管不问 不闻不问 跑路 卷款 被盗 不耐烦 翻白眼 玩手机 黑脸 臭脸 阴阳怪气 呵斥
    训斥 冷嘲热讽 吼我 冲我吼 吼人 直接吼 突然取消 航班取消 滞留 不让下机 弄丢 没装上 行李没到
    行李箱没到 不到账 未到账 没人上门 没上门 不上门 都没来 还没来 没人来 没人修 没修好 还没装
    迟迟不装 一直没修 吸费 偷偷 不能转 不让转 不给转 不能销 不让销 不给销 不给办 硬塞 非要 冷血"""
) + tuple(sorted(DEVICE_LAPSES | APPLIANCE_LAPSES | COURIER_LAPSES))
# How people voice a grievance whatever the industry: rhetorical questions (凭什么, 什么年代了),
# warnings to others (避雷, 千万别买) and names for being cheated (智商税, 割韭菜).
GRIEVANCE_WORDS = words(
    """吐槽 凭什么 凭啥 说好的 智商税 割韭菜 吃相难看 没天理 有没有天理 忽悠 坑钱 避雷 踩雷
    劝退 千万别买 千万不要买 别买 不要买 后悔买 太后悔 什么年代了 良心不会痛 冤大头 黑心
    甩锅 当傻子 现在才知道 后来才知道 事后才知道"""
)
# A question asking for information (to peers or the brand), not a complaint in question form:
# such a text without any complaint cue is pulled towards neutral and away from complaint.
INQUIRY_WORDS = words(
    """请问 想问 问一下 问下 咨询一下 想咨询 求推荐 推荐一下 推荐哪 有没有人 有人知道 谁知道
    有懂的 请教 求教 求助 求解 大佬们 大神们 哪家 哪款 哪个好 怎么选 好不好 值得买吗 有一起
    怎么办理 如何办理 怎么设置 差多少 差在哪 有冇 怎么查 在不在 给点建议 求建议 有车友
    有没有车友 车友们 落地价 落地多少 有人坐过 有坐过 有没有坐过"""
)
AD_WORDS = words(
    """优惠 促销 限时 抢购 福利 低至 直降 特价 赠送 火热 报名中 预订 享 补贴 礼包 秒杀
    包邮 折起 元起 活动截止 欢迎 咨询热线 详询 扫码 关注 会员日 首单 立减 专享 八折 五折"""
)
NEWS_WORDS = words("发布 宣布 据悉 报道 记者 财报 业绩 销量 榜单 官方 通报 指导意见 上市")
POSITIVE_WORDS = words(
    "推荐 满意 很好 不错 给力 棒 点赞 喜欢 好评 感谢 谢谢 专业 贴心 耐心 严严实实 很负责"
)

FAILURE_SHIFT, SERVICE_SHIFT, MARKER_SHIFT, GRIEVANCE_SHIFT = 2.5, 1.0, 1.0, 1.0
INQUIRY_SHIFT, AD_SHIFT, NEWS_SHIFT, POSITIVE_SHIFT = -1.5, -1.5, -1.0, -0.5
MAX_UP, MAX_DOWN = 3.0, -3.0


# What the author expected is not what happened: "本来担心DSG会顿挫，结果开了两万公里平顺得
# 很" and "本以为质量不错，没想到两天就坏了" are judged by what follows the turn. The models and
# the cues read the text without the expectation (from its marker to the turn, one sentence).
EXPECTATION_MARKERS = words(
    """本来担心 原本担心 之前担心 一开始担心 开始还担心 还担心 本来以为 原本以为 本以为 原以为
    还以为 一开始以为 一直以为 我以为 以为会 本来怕 原本怕 还怕"""
)
OUTCOME_MARKERS = words("结果 没想到 谁知道 谁知 不料 其实 但是 可是 但")
_EXPECTATION = re.compile(
    f"(?:{alternatives(EXPECTATION_MARKERS)})"
    f"[^。！？!?\n]{{0,40}}?(?=(?:{alternatives(OUTCOME_MARKERS)}))"
)


def without_expectation(text: str) -> str | None:
    """The text with each expectation that a turn contradicts cut out, or None if it has none."""
    cut = _EXPECTATION.sub("", text)
    return None if cut == text else cut


_PRAISE_SLANG = frozenset(PRAISE_SLANG)
_RESOLVED = frozenset(RESOLVED_WORDS)
_RECOVERY_PRAISE = frozenset(RECOVERY_PRAISE)
_TURN = re.compile(alternatives(TURN_WORDS))
_PROBLEM = re.compile(alternatives(RECOVERY_PROBLEMS))


def is_recovery_praise(text: str, found: set[str]) -> bool:
    """A complaint put right and praised: a problem (a complaint cue or RECOVERY_PROBLEMS), then
    a resolution word, then a praise word that is not negated; after the resolution no turn
    and no complaint cue."""
    resolved = found & _RESOLVED
    praise = found & _RECOVERY_PRAISE
    if not resolved or not praise:
        return False
    first = min(text.find(w) for w in resolved)
    cues = found & _COMPLAINT_WORDS
    if _TURN.search(text, first) or any(text.rfind(w) > first for w in cues):
        return False
    # Every cue left stands before the resolution (none shares its start with a resolution
    # word), so a cue names the problem; without one, a RECOVERY_PROBLEMS word must.
    if not cues and not _PROBLEM.search(text, 0, first):
        return False  # nothing went wrong before: praise, not a recovery
    return any(text.rfind(w) > first and negated_spans(text, w) is None for w in praise)


# Praise supposed, not given: "哪怕有个MP3功能也算值了", "要是信号满格就好了".
_SUPPOSED = re.compile(f"(?:{alternatives(SUPPOSING_WORDS)})[^,.!?;。，！？；]*$")


def is_slang_praise(text: str, found: set[str]) -> bool:
    """Forum praise: a PRAISE_SLANG word that is not negated, supposed (SUPPOSING_WORDS in its
    clause) nor followed by a turn ("说是很省心，结果…"), and no complaint cue."""
    praise = found & _PRAISE_SLANG
    if not praise or not found.isdisjoint(_COMPLAINT_WORDS):
        return False
    return any(
        negated_spans(text, w) is None
        and not _TURN.search(text, text.rfind(w))
        and not _SUPPOSED.search(text, 0, text.rfind(w))
        for w in praise
    )


class CueMatcher(WordScanner):
    """The cue vocabulary; found(text) = every cue word that is a substring of text, less the
    defect and service-failure cues that are only ever negated ("没有异响")."""

    def __init__(
        self,
        vocabulary: Iterable[str],
        negatable: Iterable[str] = (),
        only: Iterable[str] = (),
        expectations: Iterable[str] = (),
    ) -> None:
        """negatable: cues left out where negated; only: words scanned just to cut their
        negation out of the text (never found); expectations: markers of an expectation that
        a turn may contradict (never found; see without_expectation)."""
        self.only = frozenset(only)
        self.expectations = frozenset(expectations)
        super().__init__([*vocabulary, *self.only, *self.expectations])
        self.negatable = frozenset(negatable) | self.only

    def found(self, text: str) -> set[str]:  # type: ignore[override]
        """Cue words in one text."""
        return self.found_batch([text])[0]

    def found_batch(self, texts: Sequence[str]) -> list[set[str]]:
        """Cue words in each text of a batch (one numpy pass)."""
        return self.scan(texts)[0]

    def scan(self, texts: Sequence[str]) -> tuple[list[set[str]], list[str | None]]:
        """(cue words per text, the text without its negated cues — "没有任何异响" cut out —
        and without an expectation its turn contradicts, or None where it has neither)."""
        found_all = WordScanner.found(self, texts)
        stripped: list[str | None] = [None] * len(texts)
        if self.expectations:
            texts = self._cut_expectations(texts, found_all, stripped)
        for i, (text, found) in enumerate(zip(texts, found_all, strict=True)):
            if self.negatable.isdisjoint(found) or NEGATOR_CHARS.isdisjoint(text):
                continue
            spans = {w: negated_spans(text, w) for w in found & self.negatable}
            cut = [span for word_spans in spans.values() if word_spans for span in word_spans]
            if cut:
                found -= {w for w, word_spans in spans.items() if word_spans}
                stripped[i] = without_spans(text, cut)
        if self.only:
            for found in found_all:
                found -= self.only
        return found_all, stripped

    def _cut_expectations(
        self, texts: Sequence[str], found_all: list[set[str]], stripped: list[str | None]
    ) -> Sequence[str]:
        """The texts with contradicted expectations cut out (those are rescanned and their
        cut text put in `stripped`); found_all is updated in place."""
        cuts: dict[int, str] = {}
        for i, found in enumerate(found_all):
            if not self.expectations.isdisjoint(found):
                found -= self.expectations
                cut = without_expectation(texts[i])
                if cut is not None:
                    cuts[i] = cut
        if not cuts:
            return texts
        texts = list(texts)
        rescanned = WordScanner.found(self, list(cuts.values()))
        for (i, cut), found in zip(cuts.items(), rescanned, strict=True):
            texts[i] = stripped[i] = cut
            found_all[i] = found - self.expectations
        return texts


_SHIFT_GROUPS: tuple[tuple[frozenset[str], float], ...] = (
    (frozenset(FAILURE_WORDS), FAILURE_SHIFT),
    (frozenset(FAILURE_OF_SERVICE) | EDUCATION_FAILURES, SERVICE_SHIFT),
    (frozenset(COMPLAINT_MARKERS), MARKER_SHIFT),
    (frozenset(GRIEVANCE_WORDS), GRIEVANCE_SHIFT),
    (frozenset(INQUIRY_WORDS), INQUIRY_SHIFT),
    (frozenset(AD_WORDS), AD_SHIFT),
    (frozenset(NEWS_WORDS), NEWS_SHIFT),
    (frozenset(POSITIVE_WORDS), POSITIVE_SHIFT),
)
_SHIFT_WORDS = frozenset().union(*(group for group, _ in _SHIFT_GROUPS))
# Urgency words ride along, so one scan per batch serves cues, categories and urgency.
MATCHER = CueMatcher(
    chain.from_iterable(
        [
            *(g for g, _ in _SHIFT_GROUPS),
            *(c.keys() for c in CATEGORY_CUES.values()),
            FINANCE_CONTEXT,  # the category's context words (sentiment/category.py)
            TRAVEL_CONTEXT,
            CANCELLED | TRIPS,  # a trip cancelled (取消 beside a flight)
            TELECOM_CONTEXT,
            EDUCATION_WORDS | DEVICE_WORDS,  # sentiment/education.py, sentiment/devices.py
            APPLIANCE_WORDS,  # sentiment/appliances.py
            COURIER_WORDS,  # sentiment/couriers.py
            RIDE_WORDS | RIDE_FAILURES | RIDE_LAPSES,  # sentiment/rides.py
            ESTATE_WORDS | ESTATE_FAILURES | ESTATE_LAPSES,  # sentiment/estates.py
            GAME_WORDS | GAME_FAILURES | GAME_LAPSES,  # sentiment/games.py
            GYM_WORDS | GYM_FAILURES | GYM_LAPSES,  # sentiment/gyms.py
            NEVER_ORDERED,  # the money's overrules (sentiment/category.py)
            CHARGES,
            PLAN_CHANGES,
            REFUND_PENDING,
            DEMANDED_REMEDY,
            LUGGAGE,
            TRANSIT_DAMAGE,
            EXPIRED_NOT_FOOD,
            REPAIR_REFUSALS,  # sentiment/category.py
            SAFETY_PARTS,
            PART_FAILURES,
            PART_FITTINGS,
            ALL_URGENCY_WORDS,
            RESOLVED_WORDS,
            RECOVERY_PRAISE,
            PRAISE_SLANG,
        ]
    ),
    negatable=(
        *FAILURE_WORDS,
        *FAILURE_OF_SERVICE,
        *EDUCATION_FAILURES,
        *GRIEVANCE_WORDS,
        *RIDE_FAILURES,
        *RIDE_LAPSES,
        *ESTATE_FAILURES,
        *ESTATE_LAPSES,
        *GAME_FAILURES,
        *GAME_LAPSES,
        *GYM_FAILURES,
        *GYM_PART_FAILURES,
        *GYM_CLOSURES,
        *GYM_LAPSES,
    ),
    only=NEGATED_ONLY,
    expectations=EXPECTATION_MARKERS,
)


MAX_COMPLAINT_CUES = 5
# The groups that move the logit towards complaint (failures, service failures, markers).
_COMPLAINT_WORDS = frozenset().union(*(g for g, shift in _SHIFT_GROUPS if shift > 0))
_INQUIRY = frozenset(INQUIRY_WORDS)


def complaint_cue_words(text: str, found: set[str]) -> list[str]:
    """The complaint cues found (negated ones are not), in the order they appear in the text,
    none inside a longer one ("没有解决", not also "解决"), at most MAX_COMPLAINT_CUES."""
    words = found & _COMPLAINT_WORDS
    if not words:
        return []
    kept = [w for w in words if not any(w != o and w in o for o in words)]
    return sorted(kept, key=lambda w: (text.find(w), w))[:MAX_COMPLAINT_CUES]


def is_inquiry(found: set[str]) -> bool:
    """A question asking for information: an inquiry word and no complaint cue ("请问刹车异响
    怎么办" is a defect report, not an inquiry)."""
    asks = not found.isdisjoint(_INQUIRY) and found.isdisjoint(_COMPLAINT_WORDS)
    return asks and not _industry_shift(found)


_RIDE_GROUPS = ((RIDE_FAILURES, FAILURE_SHIFT), (RIDE_LAPSES, SERVICE_SHIFT))
_ESTATE_GROUPS = ((ESTATE_FAILURES, FAILURE_SHIFT), (ESTATE_LAPSES, SERVICE_SHIFT))
_GAME_GROUPS = ((GAME_FAILURES, FAILURE_SHIFT), (GAME_LAPSES, SERVICE_SHIFT))


def _industry_shift(found: set[str]) -> float:
    """A ride's failures and lapses (sentiment/rides.py), counted as the complaint groups are,
    only in a ride's text (绕路, 闯红灯, 动态加价 say nothing of a parcel or a phone); a house's
    (sentiment/estates.py: 逾期交房, 踢皮球, 没人管) only in a house's; a game's
    (sentiment/games.py: 闪退, 开挂, 无故封号) only in a game's; a member's (sentiment/gyms.py:
    闭店, 推销, 烫出) only in a member's."""
    if is_ride(found, FINANCE_CONTEXT):
        groups = _RIDE_GROUPS
    elif is_estate(found, FINANCE_CONTEXT):
        groups = _ESTATE_GROUPS
    elif is_game(found, FINANCE_CONTEXT):
        groups = _GAME_GROUPS
    elif is_gym(found, FINANCE_CONTEXT):  # a part's failure only beside the equipment
        groups = ((gym_failures(found), FAILURE_SHIFT), (GYM_LAPSES, SERVICE_SHIFT))
    else:
        return 0.0
    return sum(shift * min(2, len(found & group)) for group, shift in groups)


def complaint_shift(found: set[str]) -> float:
    """Logit shift towards complaint from the cue words found: a complaint group counts up
    to twice (two distinct words), a question/ad/news/praise group once and only when no
    complaint group matched ("请问刹车异响怎么办" is still a defect report)."""
    industry = _industry_shift(found)
    if _SHIFT_WORDS.isdisjoint(found) and not industry:
        return 0  # what the sums below come to
    up = sum(shift * min(2, len(found & group)) for group, shift in _SHIFT_GROUPS if shift > 0)
    up += industry
    if up:
        return min(MAX_UP, up)
    down = sum(shift for group, shift in _SHIFT_GROUPS if shift < 0 and found & group)
    return max(MAX_DOWN, down)


def cue_scores(found: set[str], cues: Mapping[Category, Mapping[str, int]]) -> dict[Category, int]:
    """Sum of category cue weights over the words found."""
    scores: dict[Category, int] = {}
    for category, lexicon in cues.items():
        if lexicon.keys().isdisjoint(found):
            continue
        total = sum(lexicon.get(word, 0) for word in found)
        if total:
            scores[category] = total
    return scores
