"""A post's form decides where its words cannot (issue #13): questions asking for information,
news and a brand's own replies of any industry are no complaint, brand replies are neutral, a
question that complains stays negative, and sarcasm is not praise. The brand replies, the
sarcasm and two of the questions were read wrong before sentiment/forms.py."""

from __future__ import annotations

import pytest

from core.enums import SentimentLabel
from sentiment.complaint_cues import MATCHER, is_slang_praise
from sentiment.forms import Form, is_sarcasm, only_asks, text_form
from sentiment.linear_classifier import LinearClassifier
from tests.sentiment.conftest import MakeMention

# Questions without 请问, of a bank, a delivery platform, a courier and a telecom operator.
QUESTIONS = [
    "星河银行的信用卡年费多少，能免吗",
    "鲜味坊外卖几点开始配送",
    "顺达快递寄到新疆要几天",
    "顺达快递能不能寄液体",
]
NEWS = [
    "云帆手机宣布明年在成都新建研发中心",
]
BRAND_REPLIES = [
    "您好，给您带来不便深表歉意，请私信订单号，我们会尽快为您处理。",
    "顺达快递致歉：因暴雨部分线路延误，我们已安排加班派送。",
    "您好，关于您反映的退款问题，我们已为您加急处理，预计三个工作日内到账。",
    # round 27: passed on to someone else, who will call (与您联系); a regulator's notice
    "您好，关于您反映的会员卡退费问题，已转交天河门店负责人跟进，将在两个工作日内与您联系。",
    "市场监管局关于力行健身闭店的通报：我局已约谈该公司负责人，责令其妥善处理会员退费事宜，"
    "其预收款已依法冻结，会员可拨打12315登记诉求，我局将持续跟进。",
]
# Questions that complain: a grievance in question form, a failure named in a question.
COMPLAINING_QUESTIONS = [
    "为什么扣我钱？我根本没开通过这个业务",
    "星河银行凭什么收我年费？",
    "快递五天了怎么还没到？",
    "能不能管管你们的骑手，汤洒了一半",
    "云帆手机到底什么时候给我退款？",
    # round 27: a request that is a grievance, a plea after a defect
    "配送能不能快点呢？",
    "领子上很大一个洞怎么办？",
]
# Praise words said in mockery (read as praise or neutral before).
SARCASM = [
    "呵呵，退个款拖了一个月，真是高效",
    "鲜味坊涨价涨得真快，分量倒是越来越少",
    "顺达快递的服务真是“优秀”，我等了一周",
    "谢谢你啊云帆手机，让我体验了一把什么叫售后",
]


@pytest.mark.parametrize("text", QUESTIONS + NEWS + BRAND_REPLIES)
def test_questions_news_and_brand_replies_are_no_complaint(
    classifier: LinearClassifier, make_mention: MakeMention, text: str
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.complaint is not None and not result.complaint.flag, result.complaint


# Questions that only ask (forms.only_asks): read as negative by the polarity model before round
# 27, their polarity is now shrunk as an inquiry's (FORM_SHRINKS).
ONLY_ASKING = [
    "星河银行的信用卡年费多少，能免吗",
    "顺达快递寄到新疆要几天",
    "云帆手机的保修期是多久，电池算在里面吗",
    "顺达快递的保价费怎么算，贵重物品可以寄吗",
]


@pytest.mark.parametrize("text", [*ONLY_ASKING, QUESTIONS[1], *BRAND_REPLIES])
def test_questions_that_only_ask_and_brand_replies_are_neutral(
    classifier: LinearClassifier, make_mention: MakeMention, text: str
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.sentiment is not None and result.sentiment.label == SentimentLabel.NEUTRAL


@pytest.mark.parametrize("text", COMPLAINING_QUESTIONS + SARCASM)
def test_complaining_questions_and_sarcasm_are_negative(
    classifier: LinearClassifier, make_mention: MakeMention, text: str
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.sentiment is not None and result.sentiment.label == SentimentLabel.NEGATIVE


def test_forms() -> None:
    assert text_form("选座要付费吗?app上有些座位显示要加钱", complaint_cue=False) == Form.QUESTION
    assert text_form("工信部公布电信服务质量通告,申诉率环比下降", complaint_cue=False) == Form.NEWS
    # a brand's reply may name the complaint it answers
    reply = "您好,关于您反映的扣费问题,我们已提交核查,如确属未经同意订购,将全额退还。"
    assert text_form(reply, complaint_cue=True) == Form.BRAND_REPLY
    # passengers, not the airline; a demand for an apology, not one
    assert text_form("我们已经在机场等了五个小时,航班延误没人管", complaint_cue=True) is None
    assert text_form("强烈要求航空公司公开致歉", complaint_cue=False) is None
    # asking peers whether it happened to them too makes no question of a complaint
    assert text_form("说好月底交车,又推迟到下个月,有同样情况的吗", complaint_cue=False) is None
    assert text_form("油耗5个多,比预期还低,推荐", complaint_cue=False) is None


def test_sarcasm_markers() -> None:
    assert is_sarcasm("呵呵,真是太“好”了", complaint_cue=False)
    assert is_sarcasm("甩锅甩得真快", complaint_cue=True)
    assert not is_sarcasm("快递送得真快,包装完好", complaint_cue=False)
    assert not is_sarcasm("呵呵,很好,下次和朋友一起来", complaint_cue=False)
    assert not is_sarcasm("收到衣服了,面料很好,穿着很舒服了", complaint_cue=False)


# Rhetorical questions (反问) and guesses at a failure's cause: reviews that complain, read as
# questions asking for information before round 27 (their lean towards negative was dropped).
RHETORICAL_QUESTIONS = [
    "抹了三天照样晒黑,这还是防晒霜吗?",
    "这算是新鲜水果吗",
    "不是说好送两个杯子吗?就一个",
    "下单时写着两瓶,另一瓶去哪里了?",
    "不知道是不是装了新系统的原因,偶尔会黑屏",
]


@pytest.mark.parametrize("text", RHETORICAL_QUESTIONS)
def test_rhetorical_questions_are_no_inquiry(text: str) -> None:
    assert text_form(text, complaint_cue=False) is None


def test_an_authority_speaking_of_what_it_did_is_a_notice() -> None:
    assert text_form(BRAND_REPLIES[-1], complaint_cue=True) == Form.NOTICE
    # a customer quoting the bureau's promise, and a customer who works there, are no notice
    quoted = "教育局说我局将持续跟进,结果两个月了我的学费还没退"
    assert text_form(quoted, complaint_cue=True) is None


def test_a_weibo_topic_is_no_question_and_a_failure_no_news() -> None:
    assert text_form("#周末去哪儿#没心情出门.在家躺着.", complaint_cue=False) is None
    assert text_form("周末去哪儿好?想带孩子出去走走", complaint_cue=False) == Form.QUESTION
    failing = "不支持旧系统,官网公布的驱动也不全,需要找客服要链接"
    assert text_form(failing, complaint_cue=False) is None
    assert text_form("云帆手机宣布明年在成都新建研发中心", complaint_cue=False) == Form.NEWS


def test_only_asks() -> None:
    assert all(only_asks(t) for t in ONLY_ASKING)
    # a request, a plea after a defect, a surprise at what arrived, a doubt: not only asking
    assert not only_asks("配送能不能快点呢?")
    assert not only_asks("领子上很大一个洞怎么办?")
    assert not only_asks("买的蓝的怎么成红的了")
    assert not only_asks("越用头屑越多,是真货么?")
    assert not only_asks("写了备注,有用吗?")


def test_supposed_praise_slang_lifts_nothing() -> None:
    supposed = "没有夜景模式,拍照发灰,哪怕有个防抖也算值了"
    assert not is_slang_praise(supposed, MATCHER.found(supposed))
    assert is_slang_praise("用了两年,真耐造,值了", MATCHER.found("用了两年,真耐造,值了"))
