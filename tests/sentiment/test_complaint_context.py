"""What surrounds a complaint cue decides: negations (没有异响), expectations a turn
contradicts (本来担心…结果), grievances without a defect word, and praise of a complaint put
right (补救后好评)."""

from __future__ import annotations

import pytest

from core.enums import Category, SentimentLabel
from sentiment.complaint_cues import MATCHER, is_slang_praise
from sentiment.linear_classifier import LinearClassifier
from tests.sentiment.conftest import MakeMention

# A car owner's or buyer's praise that says a defect did not happen ("没有任何异响"): the cue
# words are there, the complaint is not.
NEGATED_DEFECTS = [
    "开了三万公里，没有任何异响，也没出过故障，非常满意",
    "用了一年没有卡死，也没死机，电池也没鼓包，很耐用",
    "这车底盘扎实，高速不抖动，没有异响",
    "保养了一次，4S店服务很好，从来没有乱收费",
    "扫地机很好用，每天省下半小时，一点也不后悔",
    "这台老卡罗拉开了八年，除了保养没进过店，真耐造",  # negative before 耐造 lifted it
]
# ... while a defect that did happen stays one, even beside a negator.
DEFECTS_BESIDE_NEGATORS = [
    "新车不到一个月就异响",
    "以前没有异响，现在异响很大",
    "异响到现在还没解决，4S店一直推诿",
]
# Grievances voiced without a defect or service word: rhetorical questions, warnings to others.
GRIEVANCES = [
    "按时交了三年保费，凭什么说停售就停售",
    "姐妹们避雷这家月子中心，宣传的和实际完全两回事",
]


@pytest.mark.parametrize("text", NEGATED_DEFECTS)
def test_negated_defect_is_no_complaint(
    classifier: LinearClassifier, make_mention: MakeMention, text: str
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.complaint is not None and not result.complaint.flag, result.complaint
    assert result.sentiment is not None and result.sentiment.label != SentimentLabel.NEGATIVE


def test_defect_denied_after_the_word_is_no_complaint(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    # Flagged before (0.95); the sentiment stays negative: "这车开了两年" alone reads like the
    # start of a complaint to the models.
    (result,) = classifier.classify([make_mention("这车开了两年一点毛病没有，异响也没有。")])
    assert result.complaint is not None and not result.complaint.flag, result.complaint


def test_negated_or_turned_praise_slang_stays_a_complaint(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    texts = ["这车一点都不省心，三天两头进店", "说是很省心，结果三天两头进店"]
    assert [is_slang_praise(t, MATCHER.found(t)) for t in [*texts, "开了八年，真省心"]] == [
        False,
        False,
        True,
    ]
    for result in classifier.classify([make_mention(t) for t in texts]):
        assert result.sentiment is not None
        assert result.sentiment.label == SentimentLabel.NEGATIVE, result.text


@pytest.mark.parametrize("text", DEFECTS_BESIDE_NEGATORS + GRIEVANCES)
def test_defect_beside_a_negator_or_a_grievance_is_a_complaint(
    classifier: LinearClassifier, make_mention: MakeMention, text: str
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.complaint is not None and result.complaint.flag, result.complaint
    assert result.complaint.cues and result.category != Category.OTHER


def test_complaint_names_its_cues_in_text_order(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    texts = ["异响到现在还没解决，4S店一直推诿，我要投诉", "开了三万公里，没有任何异响，但是漏油"]
    decided = classifier.classify([make_mention(t) for t in texts])
    complaints = [m.complaint for m in decided]
    assert complaints[0] is not None and complaints[0].cues == ["异响", "没解决", "推诿", "投诉"]
    assert complaints[1] is not None and complaints[1].cues == ["漏油"]  # 异响 is negated


def test_negated_cues_are_left_out_and_cut_from_the_text() -> None:
    (found,), (stripped,) = MATCHER.scan(["没有任何异响，也没出过故障，但是漏油"])
    assert "漏油" in found and not {"异响", "故障"} & found
    assert stripped == "，也，但是漏油"
    assert MATCHER.scan(["以前没有异响，现在异响很大"]) == ([{"异响"}], [None])
    assert "异响" not in MATCHER.found("有没有异响？")
    # After the word, a negator counts only where it ends the clause.
    assert MATCHER.scan(["什么毛病都没有，异响也没有了。"]) == ([set()], ["，。"])
    assert MATCHER.scan(["异响没有解决"])[0] == [{"异响", "没有解决"}]
    assert "问题" not in MATCHER.found("质量有问题")  # scanned only to cut its negation


def test_an_expectation_the_turn_contradicts_is_cut() -> None:
    (found,), (stripped,) = MATCHER.scan(["本来担心变速箱会顿挫，结果开了三万公里都很平顺"])
    assert "顿挫" not in found
    assert stripped == "结果开了三万公里都很平顺"
    (found,), (stripped,) = MATCHER.scan(["本以为做工不错，没想到用了三天就坏了"])
    assert "坏了" in found and stripped == "没想到用了三天就坏了"
    # No turn in the same sentence: nothing is cut.
    (found,), (stripped,) = MATCHER.scan(["还担心会漏水。结果今天真漏了"])
    assert "漏水" in found and stripped is None
    assert MATCHER.scan(["担心刹车异响"])[1] == [None]


def test_worry_that_did_not_come_true_is_praise(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    *praise, broken = classifier.classify(
        [
            make_mention("本来担心空调会异响漏水，结果用了一个夏天安静得很，很满意"),
            make_mention("我以为这个价位的车隔音会很差，结果上了高速安静得很"),
            make_mention("第一次在这家店买家电，完全没有失望，下次还来"),  # 没有失望 is cut
            make_mention("本来以为这牌子的洗衣机质量靠谱，没想到用了一个月就漏水"),
        ]
    )
    for fine in praise:
        assert fine.complaint is not None and not fine.complaint.flag, fine.complaint
        assert fine.sentiment is not None and fine.sentiment.label == SentimentLabel.POSITIVE
    assert broken.complaint is not None and broken.complaint.flag, broken.complaint
    assert broken.sentiment is not None and broken.sentiment.label == SentimentLabel.NEGATIVE


def test_praise_of_a_complaint_put_right_is_no_complaint(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    *recovered, reopened, broken_again, demand = classifier.classify(
        [
            make_mention(
                "上个月投诉物业电梯老坏，第二天就派人来修好了，还上门道歉，这次的处理我给好评"
            ),
            make_mention("空调漏水报修后，售后当天就来了，免费换了排水管，师傅很专业"),
            make_mention("客服第二天就打电话道歉了，但是问题到现在还没解决，太失望"),
            make_mention("第二天就修好了，结果用了三天又坏了，服务还说满意度要打满分"),
            make_mention("要求商家道歉并赔偿，必须给个说法"),
        ]
    )
    for praise in recovered:
        assert praise.complaint is not None and not praise.complaint.flag, praise.complaint
        assert praise.complaint.resolved, praise.text
        assert praise.sentiment is not None and praise.sentiment.label == SentimentLabel.POSITIVE
    for complaint in (reopened, broken_again, demand):
        assert complaint.complaint is not None and complaint.complaint.flag, complaint.complaint
        assert complaint.sentiment is not None
        assert complaint.sentiment.label == SentimentLabel.NEGATIVE


def test_fast_service_praised_without_a_problem_is_no_recovery(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    # 第二天就 / 很快就 + 点赞 / 满意 without anything that went wrong before: plain praise (the
    # rule marked 25 such reviews 补救后好评 before a problem was required first).
    plain = classifier.classify(
        [
            make_mention("下单第二天就到了，包装完好，给快递小哥点赞"),
            make_mention("很快就送到了，饭还是热的，很满意"),
        ]
    )
    for praise in plain:
        assert praise.complaint is not None and not praise.complaint.flag, praise.complaint
        assert not praise.complaint.resolved, praise.text
        assert praise.sentiment is not None and praise.sentiment.label == SentimentLabel.POSITIVE
    (delayed,) = classifier.classify(
        [make_mention("行李晚到了两天，航空公司第二天就送到家了，还赔了钱，处理得很到位")]
    )
    assert delayed.complaint is not None and delayed.complaint.resolved, delayed.complaint
