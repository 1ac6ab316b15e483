"""Urgency: score, level and explained reasons on hand-written mentions."""

from __future__ import annotations

from core.enums import SentimentLabel, Severity, UrgencySignal
from core.numbers_zh import followers_zh
from sentiment.linear_classifier import LinearClassifier
from sentiment.urgency import author_reason, score_urgency, velocity_reason
from tests.sentiment.conftest import MakeMention


def codes(mention) -> set[str]:  # type: ignore[no-untyped-def]
    return {reason.code for reason in mention.urgency.reasons}


def test_food_poisoning_from_verified_kol_with_media_threat_is_critical(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    crisis, calm = classifier.classify(
        [
            make_mention(
                "在XX餐厅吃饭后全家食物中毒，孩子送医住院，已经报警，准备联系记者曝光！",
                followers=1_200_000,
                verified=True,
                reposts=3000,
                comments=800,
                hours=2,
            ),
            make_mention("还行吧，一般般"),
        ]
    )
    assert crisis.urgency.level == Severity.CRITICAL
    assert calm.urgency.level == Severity.LOW
    assert crisis.urgency.score - calm.urgency.score >= 60
    assert {
        UrgencySignal.HARM_TO_PEOPLE,
        UrgencySignal.MEDIA_EXPOSURE,
        UrgencySignal.LEGAL_REGULATORY,
        UrgencySignal.AUTHOR_INFLUENCE,
        UrgencySignal.SPREAD_VELOCITY,
        UrgencySignal.NEGATIVE_EMOTION,
    } <= codes(crisis)
    evidence = {r.code: r.evidence for r in crisis.urgency.reasons}
    assert "食物中毒" in evidence[UrgencySignal.HARM_TO_PEOPLE]
    assert "中毒" not in evidence[UrgencySignal.HARM_TO_PEOPLE].replace("食物中毒", "")
    assert "记者" in evidence[UrgencySignal.MEDIA_EXPOSURE]
    assert evidence[UrgencySignal.AUTHOR_INFLUENCE] == "粉丝 120 万，认证用户"
    assert "每小时 1900 次" in evidence[UrgencySignal.SPREAD_VELOCITY]
    assert "小时内转评" in evidence[UrgencySignal.SPREAD_VELOCITY]
    assert "负面概率" in evidence[UrgencySignal.NEGATIVE_EMOTION]
    assert calm.urgency.reasons == []


def test_reasons_sorted_by_weight_and_sum_to_score(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (m,) = classifier.classify(
        [make_mention("第三次投诉了，一直没人处理，我们已经建了维权群，不止我一个")]
    )
    weights = [r.weight for r in m.urgency.reasons]
    assert weights == sorted(weights, reverse=True)
    assert m.urgency.score == round(min(100.0, sum(weights)), 1)
    assert {UrgencySignal.REPEAT_CONTACT, UrgencySignal.COLLECTIVE_ACTION} <= codes(m)
    assert m.urgency.level.rank >= Severity.MEDIUM.rank


def test_legal_threat_alone_is_medium_or_more(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (m,) = classifier.classify([make_mention("商家拒不退款，我已经打了12315，还要找律师起诉")])
    assert UrgencySignal.LEGAL_REGULATORY in codes(m)
    assert m.urgency.level.rank >= Severity.HIGH.rank


def test_one_customer_made_ill_by_the_food_is_at_least_medium(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    # Harm to people is the first urgency signal (DOMAIN.md): one diarrhoea complaint was 一般.
    texts = ["鲜味坊的外卖吃了拉肚子，要求退款！", "昨天吃完有点腹泻", "吃完一直呕吐，什么情况"]
    for m in classifier.classify([make_mention(t) for t in texts]):
        assert UrgencySignal.HARM_TO_PEOPLE in codes(m)
        assert m.urgency.level.rank >= Severity.MEDIUM.rank, (m.text, m.urgency.score)


def test_influence_is_damped_for_praise(make_mention: MakeMention) -> None:
    mention = make_mention("很好", followers=5_000_000, verified=True, reposts=10_000, hours=1)
    negative = score_urgency(mention, "很好", SentimentLabel.NEGATIVE, 0.1)
    positive = score_urgency(mention, "很好", SentimentLabel.POSITIVE, 0.9)
    assert positive.score < negative.score / 3


def test_author_influence_grows_with_followers(make_mention: MakeMention) -> None:
    small = author_reason(make_mention("x", followers=100))
    big = author_reason(make_mention("x", followers=1_000_000))
    assert small is None
    assert big is not None and big.weight >= 15 and big.evidence == "粉丝 100 万"


def test_velocity_uses_time_since_publication(make_mention: MakeMention) -> None:
    fast = velocity_reason(make_mention("x", reposts=600, hours=1))
    slow = velocity_reason(make_mention("x", reposts=600, hours=48))
    assert fast is not None and slow is not None
    assert fast.weight > slow.weight
    assert fast.evidence == "发布后 1 小时内转评 600 次（每小时 600 次）"
    assert slow.evidence == "发布后 2 天内转评 600 次（每小时 12 次）"


def test_velocity_says_how_long_the_post_was_up_not_the_quarter_hour_floor(
    make_mention: MakeMention,
) -> None:
    # Collected 13 minutes after posting: weighed as a quarter hour (no wild rate), told as
    # the 13 minutes it was (not 0.2 小时), without an hourly rate read from 13 minutes.
    quick = velocity_reason(make_mention("x", reposts=12400, comments=8800, hours=13 / 60))
    floor = velocity_reason(make_mention("x", reposts=12400, comments=8800, hours=0.25))
    assert quick is not None and floor is not None and quick.weight == floor.weight
    assert quick.evidence == "发布后 13 分钟内转评 21200 次"


def test_hotline_numbers_count_only_as_whole_numbers() -> None:
    from sentiment.urgency import word_reasons

    def legal(text: str) -> list[str]:
        return [r.evidence for r in word_reasons(text) if r.code == "legal_regulatory"]

    assert legal("我的电话13812345678，客服没回") == []
    assert legal("订单号 9123150001") == []
    assert legal("已经打了12345投诉") == ["12345"]
    (both,) = legal("打12315和12345")
    assert sorted(both.split("、")) == ["12315", "12345"]


def test_follower_counts_read_the_chinese_way() -> None:
    assert followers_zh(356_000) == "35.6 万"
    assert followers_zh(8_000) == "8,000"
    assert followers_zh(150_000_000) == "1.5 亿"


def test_debt_collection_calling_relatives_is_high_with_a_privacy_reason(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    """DOMAIN: 催收 harassment is privacy_fraud and urgent, also from an unknown author."""
    harassed, reminded = classifier.classify(
        [
            make_mention("信用卡逾期三天，催收天天给我爸妈打电话，还打到我公司前台，太恶心了"),
            make_mention("信用卡还款日前收到催收短信提醒，还挺及时的"),
        ]
    )
    assert harassed.category == "privacy_fraud"
    assert harassed.urgency.level.rank >= Severity.HIGH.rank
    privacy = [r for r in harassed.urgency.reasons if r.code is UrgencySignal.PRIVACY_HARASSMENT]
    assert privacy and "爸妈" in privacy[0].evidence
    assert reminded.urgency.level == Severity.LOW


def test_data_leak_and_contact_list_harassment_are_urgency_signals(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (leak,) = classifier.classify(
        [make_mention("我的通讯录是怎么到银行催收手里的？我从来没授权过，这是信息泄露！")]
    )
    assert UrgencySignal.PRIVACY_HARASSMENT in codes(leak)
    assert leak.urgency.level.rank >= Severity.MEDIUM.rank
    assert UrgencySignal.PRIVACY_HARASSMENT.label_zh == "隐私/骚扰"


def test_financial_regulators_are_legal_escalation(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (escalated,) = classifier.classify(
        [
            make_mention(
                "年费没经过我同意就扣了，客服推诿，已经打了12378，也向银保监会和金融监管局举报"
            )
        ]
    )
    legal = [r for r in escalated.urgency.reasons if r.code is UrgencySignal.LEGAL_REGULATORY]
    assert legal and {"12378", "银保监", "金融监管"} <= set(legal[0].evidence.split("、"))


def test_a_skincare_reaction_that_sent_people_to_hospital_is_harm_to_people(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    """DOMAIN: injury is 人身安全. A serum that burnt faces (烂脸, 皮炎, 去医院) is a safety
    complaint at 严重 from an ordinary author, not 商品质量 at 一般 (the cosmetics week's first
    post read 商品质量 18 分 and paged nobody); a review that only names 过敏 stays 一般."""
    burnt, daughter, fine = classifier.classify(
        [
            make_mention(
                "用了新买的修护精华第三天，整张脸又红又肿又痒，烂脸了！今天去医院皮肤科，"
                "医生说是接触性皮炎，开了药还要打针。"
            ),
            make_mention("女儿用了这个精华脸肿了，带她去医院花了八百多，必须给个说法"),
            make_mention("本人肤质容易过敏，这款没有过敏反应，很赞，会继续回购"),
        ]
    )
    for hurt in (burnt, daughter):
        assert hurt.category == "food_safety_health", hurt.text
        harm = [r for r in hurt.urgency.reasons if r.code is UrgencySignal.HARM_TO_PEOPLE]
        assert harm and "去医院" in harm[0].evidence, hurt.urgency.reasons
    assert burnt.urgency.level == Severity.HIGH
    assert "烂脸" in burnt.urgency.reasons[0].evidence
    assert daughter.urgency.level.rank >= Severity.MEDIUM.rank
    assert fine.urgency.level == Severity.LOW and fine.category == "other"


def test_a_child_named_is_no_harm_until_harm_is_told(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    question, broken, hurt = classifier.classify(
        [
            make_mention("问一下，有没有家长上过少儿编程，适合几岁的孩子开始学"),
            make_mention("给宝宝买的推车轮子一周就掉了，客服一直推诿，太差了"),
            make_mention("给宝宝买的推车轮子突然掉了，宝宝摔下来磕破了头去医院缝了三针"),
        ]
    )
    assert UrgencySignal.HARM_TO_PEOPLE not in codes(question) | codes(broken)
    harm = next(r for r in hurt.urgency.reasons if r.code == UrgencySignal.HARM_TO_PEOPLE)
    assert "宝宝" in harm.evidence and "去医院" in harm.evidence  # the child weighs beside harm
