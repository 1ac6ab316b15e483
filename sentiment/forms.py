"""The form of a post, said the same way in every industry: a question asking for information,
a news or notice report, a brand's own reply or apology, and sarcasm.

The polarity model learnt from reviews, where a question is mostly a rhetorical complaint and
nobody writes news or a brand's reply: it reads "选座要付费吗？", "工信部公布…申诉率环比下降" and
"您好，非常抱歉给您带来不便，请私信…" as negative, and "甩锅甩得真快" or "呵呵，真是太“好”了" as
praise (issue #13). Texts are folded (sentiment/features.py: NFKC, lower case, so ？ is ?).
"""

from __future__ import annotations

import math
import re
from enum import StrEnum

from sentiment.adjust import logit
from sentiment.lexicons import words
from sentiment.wordscan import alternatives


class Form(StrEnum):
    """What kind of post a text is, when its form tells (sentiment/decisions.py)."""

    QUESTION = "question"  # asks for information: 月租多少, 套餐怎么改, 要付费吗
    NEWS = "news"  # reports or announces: 据…报道, 公布, 宣布, 同比
    BRAND_REPLY = "brand_reply"  # the brand speaking: 您好…我们已…, 致歉, 请私信
    NOTICE = "notice"  # an authority's notice in its own name: 我局已约谈…, 我委将…


# Said as the brand's words are: drawn to neutral and no complaint (sentiment/decisions.py).
OFFICIAL_VOICES = frozenset({Form.BRAND_REPLY, Form.NOTICE})


# A question asking for information: a question word that is one in any sentence, 吗 closing a
# clause, a single ? after a word, or 怎么/如何/多少 used as one (not 不怎么样, 或多或少).
QUESTION_WORDS = words(
    """能不能 可不可以 要不要 有没有 是不是 什么时候 啥时候 多久 几点 求推荐 推荐一下 请问
    有人知道 哪家 哪款 哪个好 多少钱 怎么办理 如何办理"""
)
# A question that is a grievance, whatever else it asks: "为什么扣我钱？", "怎么还没到账？",
# "能不能管管你们的快递员", "有没有人管"; a rhetorical one (反问: "这还是卸妆水吗", "这算是
# 创新吗", "还有一瓶去哪里了") and a guess at a failure's cause ("不知道是不是加装了内存条的
# 原因，偶尔会蓝屏"): review complaints of the training side's grouped validation (round 27).
RHETORICAL = words(
    """为什么 为啥 凭什么 凭啥 怎么还 怎么又 怎么就 怎么能 怎么可以 怎么回事 到底 难道 谁来
    谁负责 管管 有没有人管 给个说法 给个解释 还让不让 像话吗 合理吗 有意思吗 好意思 是人吗
    搞什么 什么鬼 什么玩意 搞笑吗 开玩笑 谁信 谁理解 还有没有 又是 还是没 一直 多少次
    多少遍 多少天了 几次了 几天了
    扣我 退我 还我 赔我 欠我 骗我 坑我
    这还是 这也叫 这也算 这算 这就是 你说这 就是这么 有没搞错 搞错没 走点心 去哪了 去哪里了
    哪去了 哪里去了 不知道是不是 不知道能不能 谁干的 谁弄的 怎么这么 怎么那么 咋这么 咋那么"""
)
# A yes-no question that asserts the opposite (反问): "不是买一送一吗？就一瓶" (not 是不是).
_NOT_SO = "(?<!是)不是[^?,.!;。]{0,12}吗"
# Asking peers whether it happened to them too: said after a complaint ("…说好月底交车，又推迟
# 到下个月，有同样情况的吗"), it makes no question of it.
PEER_TAGS = words(
    """大家怎么看 有同样情况的吗 有同样情况吗 有一样的吗 大家遇到过吗 有人遇到过吗 有遇到过的吗
    有遇到的吗 有没有人遇到过 有没有遇到过的 是我一个人吗 只有我吗 就我一个吗 正常吗 求助"""
)
# The register of a news item or a notice (a report, an announcement, figures).
NEWS_MARKERS = words(
    """据悉 据了解 报道 记者 消息称 获悉 公布 发布 宣布 公告 通告 通报 发布会 同比 环比 将于
    将投入 正式上线 正式开通 正式开业 新引进 引进 签约 启用 亮相 新建 首航 开航 举办"""
)
# The brand speaking to a customer or to the public: a reply under a complaint, a statement,
# an apology. The weak ones only where a customer is addressed (您): "我们已经在机场等了五个小时"
# is passengers complaining.
BRAND_MARKERS = words(
    """本公司 给您带来 给您造成 请私信 私信我们 私信小 深表歉意 诚挚歉意 诚恳致歉 郑重致歉
    致歉 道歉信 的道歉: 敬请谅解 感谢广大 已为您 为您核实 为您处理 为您加急 为您安排 情况说明"""
)
BRAND_MARKERS_TO_YOU = words("我们已 我们会 我们将 将尽快 第一时间 感谢您的 非常抱歉")
# A customer demanding the brand's words ("要求公开致歉", "必须给个情况说明") is no brand.
DEMANDS = words("要求 必须 应该 赶紧 凭什么")
# Praise said in mockery: "真是太“好”了", "谢谢你们啊", "真服了"; "呵呵" opening a post and
# "X得真快" only beside a complaint cue ("呵呵，退款拖了一个月", "甩锅甩得真快"; not "呵呵，很好",
# "送得真快"). Found on the training side: 服了 is also 衣服了, 舒服了 and 让我服了.
SARCASM_MARKERS = words(
    """谢谢你啊 谢谢你们啊 真是谢谢 谢谢您嘞 真服了 服了你 服了服了 可真行
    太会了 真会玩"""
)
SARCASM_BESIDE_CUE = words("得真快 得真及时 真是好样的 真贴心 真周到")
PRAISE_IN_QUOTES = words("好 棒 优秀 贴心 给力 靠谱 良心 专业 快 及时 负责")
# A praise word in quotes after an intensifier ("真是太“好”了"; not "下次还住这里，“好”").
_QUOTED_PRAISE = re.compile(
    f"(?:太|真是|真|这么|如此|多么|够)[“\"「『'‘](?:{alternatives(PRAISE_IN_QUOTES)})[”\"」』'’]"
)

_CLAUSE_END = "(?=[?,.!~。;:\\s]|$)"
_QUESTION = re.compile(
    f"{alternatives(QUESTION_WORDS)}|吗{_CLAUSE_END}|(?<=[\\w)])\\?(?!\\?)"
    f"|(?<![不没这那])(?:怎么|如何)(?!样|说|也|都|这|那|回事)|多少{_CLAUSE_END}|(?<![前这那没过好])几天"
)
# A judgement: a question or a news item with one is a review or a grievance ("质量怎么这么差",
# "不知京东有吗？很满意", "确定是全网通？真是失望").
JUDGEMENTS = words(
    """满意 不满 失望 不错 喜欢 好用 难用 好吃 难吃 垃圾 过分 无语 坑 烂 棒 赞 好评 差评 后悔 糟糕
    恶心 生气 郁闷 舒服 糊弄 骗 太差 很差 真差 好差 差劲 一般般 还行 还可以 给力 气人 心累 崩溃
    离谱 靠谱 值得 划算 性价比 失败 麻烦 可惜 遗憾 吐槽 难受 开心 高兴 感谢 谢谢
    良心 就那样 心慌 无奈 贵了 太贵 有点慢 太慢 很慢 真慢 好慢 怪味 异味
    吸血鬼 骗子 黑心 奸商 无良 流氓 强盗 土匪 抵制 负面 狗日 妈的 他妈"""
)
# Emotion a question or a news item does not carry: an emoticon ([怒], 《泪》), !! or ??.
_EMOTION = re.compile(f"[\\[《][^\\]》]{{1,4}}[\\]》]|!!|\\?\\?|{alternatives(JUDGEMENTS)}")
_RHETORICAL = re.compile(f"{alternatives(RHETORICAL)}|{_NOT_SO}|连.{{1,8}}?都(?:没|不)|就能")
_PEER_TAGS = re.compile(alternatives(PEER_TAGS))
# A Weibo topic (#平安夜怎么过#) is a title the author posts under, not his question.
_TOPIC = re.compile("#[^#]{1,30}#")
# A report of what something fails to do ("不支持Xp，网站公布的驱动不全") is a review, not news.
_FAILS = re.compile("不支持|未能|不全|不能|无法")
_NEWS = re.compile(alternatives(NEWS_MARKERS))
_BRAND = re.compile(alternatives(BRAND_MARKERS))
_BRAND_TO_YOU = re.compile(alternatives(BRAND_MARKERS_TO_YOU))
_DEMANDS = re.compile(alternatives(DEMANDS))
_BRAND_OPENING = re.compile(
    r"^(?:【[^】]*】|@\S+\s*)?(?:您好|你好|亲,|亲爱的|尊敬的|抱歉|非常抱歉|致)"
)
# A customer speaks of himself: 我 that is not 我们/我司 (the brand) nor 我国/我省/我市 (news).
_FIRST_PERSON = re.compile(r"我(?![们司国省市行局委厅])")
_WE = re.compile("我们|我司|本公司|为您|给您|让您|请您|与您|联系您|请留意|敬请")
# A government body speaking of what it did (the 教育局's 通报: 我局已约谈该机构负责人，责令…; the
# police's: 我局接到一名女子报警): a notice, whatever complaint it names.
_AUTHORITY = re.compile(
    "我(?:局|委|厅)(?:已|将|依法|责令|约谈|立即|会同|高度重视|接到|接群众|接报)"
)
_SARCASM = re.compile(alternatives(SARCASM_MARKERS))
_SARCASM_BESIDE_CUE = re.compile(alternatives(SARCASM_BESIDE_CUE))


# A customer asking about his own case (我的额度…吗?) may be complaining: False reads only
# questions without 我 as asking for information.
OWN_CASE_QUESTIONS = False

# The brand speaks from the start: a review followed by the hotel's reply (宾馆反馈：您好…) or a
# complaint with the merchant's answer appended is the customer's post.
_OPENING = 24


def text_form(text: str, complaint_cue: bool, max_chars: int = 1_000) -> Form | None:
    """The form of a folded text, or None when it tells nothing.

    A brand's reply may name the complaint it answers (扣费, 延误); a question or a news item
    with a complaint cue (`complaint_cue`) or a grievance in question form is a complaint, and
    one longer than `max_chars` is a review or a story with a question in it."""
    opening = text[:_OPENING]
    customer = _FIRST_PERSON.search(text) is not None  # (searched once: read twice below)
    if not customer and _DEMANDS.search(text) is None:
        if _BRAND.search(opening):
            return Form.BRAND_REPLY
        to_you = _BRAND_TO_YOU.search(opening) or _BRAND_OPENING.search(opening)
        if to_you and "您" in text and _WE.search(text):
            return Form.BRAND_REPLY
        if _AUTHORITY.search(text):
            return Form.NOTICE
    if complaint_cue or len(text) > max_chars or _RHETORICAL.search(text) or _EMOTION.search(text):
        return None
    if (OWN_CASE_QUESTIONS or not customer) and _QUESTION.search(
        _PEER_TAGS.sub("", _TOPIC.sub("", text))
    ):
        return Form.QUESTION
    if not customer and _NEWS.search(text) and not _FAILS.search(text):
        return Form.NEWS
    return None


def is_sarcasm(text: str, complaint_cue: bool) -> bool:
    """Praise words said in mockery (SARCASM_MARKERS, a quoted praise word, or 呵呵 opening
    and SARCASM_BESIDE_CUE beside a complaint cue)."""
    if _SARCASM.search(text) or _QUOTED_PRAISE.search(text):
        return True
    beside = text.startswith("呵呵") or _SARCASM_BESIDE_CUE.search(text) is not None
    return complaint_cue and beside


BRAND_SHRINK = 0.1  # a brand's reply: its polarity logit scaled by this (towards neutral)
SARCASM_CEILING = 0.15  # sarcasm: P(positive) at most this, beyond the neutral head's reach


def form_polarity(form: Form | None, p_pos: float, sarcasm: bool) -> float:
    """P(positive) after a brand's reply or an authority's notice is drawn towards 0.5 and
    sarcasm read as praise is mirrored ("呵呵，退款拖了一个月，真是高效" is no neutral remark)."""
    if form in OFFICIAL_VOICES:
        return 1.0 / (1.0 + math.exp(-logit(p_pos) * BRAND_SHRINK))
    if sarcasm and p_pos > 0.5:
        return min(1.0 - p_pos, SARCASM_CEILING)
    return p_pos


# A question that only asks (its polarity shrunk as an inquiry's, decisions.FORM_SHRINKS):
# no negation, no pointing at the thing at hand (这), nobody addressed (你), once the question
# words' own 不/没 (能不能, 有没有) are left out.
_ASKING_WORDS = re.compile("可不可以|要不要|有没有|用不用|需不需要")
_NOT_ONLY_ASKING = re.compile(
    "[不没别无未这你太!才差死]|那么|好像|居然|竟然|怎么.{0,6}了|怎么办(?!理)|有用[吗么]"
    "|越.{1,6}越|真货|正品|假货"
)


def only_asks(text: str) -> bool:
    """A question asking for information and saying nothing else (see _NOT_ONLY_ASKING)."""
    return _NOT_ONLY_ASKING.search(_ASKING_WORDS.sub("", text)) is None


# A bystander's reaction to someone else's misfortune (issue #13, the demo's food-poisoning
# crisis: "太吓人了，孩子还好吗？" was flagged 0.64, 商品质量): fear, concern or sympathy with no
# experience of the author's own. Negative in tone, no complaint and no category.
REACTION_WORDS = words(
    """吓人 可怕 吓死 好怕 心疼 抱抱 还好吗 没事吧 平安 康复 保重 揪心 发冷 太惨 好惨
    好可怜 太可怜 细思极恐 天哪 天呐 注意安全 不敢想 后背发凉"""
)
# What makes a reaction a consumer's own case or a grievance against the brand: his household,
# an order, a purchase or a use ("吓得赶紧取消了订单", "家里老人天天用"), a review's words
# (质量, 味道, "贵得吓人": the fear word as a degree), the brand's handling (甩锅, 声明, 客服)
# or a demand of it (召回, 严查, 给个说法). The outrage of the weeks' gold
# (bench/*_crisis.py AFTER_STATEMENT: "甩锅也太快了", "连句道歉都没有") is a complaint.
NOT_REACTION = words(
    """家里 自家 一家都 订单 下单 点了 买了 买的 用了 用着 在用 坐过 寄过 收到 退 赔 召回
    严查 查 甩锅 道歉 声明 态度 客服 售后 说法 负责 处理 投诉 维权 曝光 报警 卸载 取关
    质量 东西 商品 产品 味道 包装 价格 价钱 发货 得可怕 的可怕 得吓人 的吓人"""
)
REACTION_MAX_CHARS = 30  # the author's own words, before a repost chain's first //@
# A repost that only passes a reaction on ("转发//@某人:太吓人了") is judged by the reaction.
BARE_REPOSTS = frozenset({"", "转发", "转发微博", "repost"})
_REACTION = re.compile(alternatives(REACTION_WORDS))
_NOT_REACTION = re.compile(alternatives(NOT_REACTION))


def is_reaction(text: str) -> bool:
    """A folded text whose own words (before //@, or the words it passes on when it only reposts)
    are a bystander's fear, concern or sympathy (REACTION_WORDS) and nothing of the author's own:
    no 我, no NOT_REACTION word, no demand, judgement or grievance in question form. The caller
    also requires no complaint cue."""
    own, *chain = text.split("//@", 2)
    own = own.strip()
    if own in BARE_REPOSTS and chain:  # "转发//@小米粥不加糖:太吓人了，孩子还好吗？" passes one on
        own = chain[0].partition(":")[2].strip()
    if not own or len(own) > REACTION_MAX_CHARS or _REACTION.search(own) is None:
        return False
    if _FIRST_PERSON.search(own) or _NOT_REACTION.search(own) or _DEMANDS.search(own):
        return False
    return _RHETORICAL.search(own) is None and _EMOTION.search(own) is None
