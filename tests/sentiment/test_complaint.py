"""Complaint detection as its own decision; categories across industries absent from training."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from app.commands.classify import classify
from core.enums import Category, Channel, SentimentLabel
from sentiment.complaint_cues import MATCHER, complaint_shift
from sentiment.corpora import Industry, load_examples
from sentiment.data import default_data_dir
from sentiment.groups import fixed_split, near_duplicate_groups
from sentiment.linear_classifier import LinearClassifier
from tests.conftest import require
from tests.sentiment.conftest import MakeMention

# Defect and failure reports in neutral words, from industries with no training corpus.
NEUTRAL_DEFECTS = [
    "刹车异响，4S店说正常",
    "江淮iEV6E动力电池故障 无法充电",
    "洗衣机脱水的时候异响很大，才用了两个月",
    "笔记本开机就蓝屏，无法进入系统",
    "路由器每天掉线好几次，重启也没用",
    "提车第二周方向盘就跑偏，直线要一直往右修",
    "热水器用了半年，一开就报错E3，主板烧了",
]
NOT_COMPLAINTS = [
    "这家店的服务太好了，下次还来",
    "新车提回来了，开起来很舒服，推荐",
    "请问这个套餐怎么办理？",
    "全场五折，限时抢购，欢迎选购",
    "公司今天发布了第三季度财报",
    "周末去爬山，天气不错",
    "高速上方向盘不跑偏，开着很稳",
]
CROSS_INDUSTRY: list[tuple[str, Category]] = [
    ("变速箱顿挫，开了一万公里就漏油", Category.PRODUCT_QUALITY),
    ("平板电脑充不进电，屏幕还有坏点", Category.PRODUCT_QUALITY),
    ("航班延误五个小时，也没有人出来解释", Category.DELIVERY_LOGISTICS),
    ("催收人员天天打电话骚扰我的家人和同事", Category.PRIVACY_FRAUD),
    ("信用卡年费和分期手续费办卡时根本没告知", Category.CONTRACT_PRICING),
    ("宽带合约到期后资费涨了一倍，销户还要交违约金", Category.CONTRACT_PRICING),
    ("保险理赔申请提交两个月了，一直拒赔", Category.AFTER_SALES_REFUND),
    ("装修公司卷款跑路，三十多户业主的预付款全没了", Category.PRIVACY_FRAUD),
    ("客服推三阻四，就是不给办退订", Category.SERVICE_ATTITUDE),
    ("银行柜员全程玩手机，问两句就不耐烦", Category.SERVICE_ATTITUDE),
    ("售票员冲我吼，说爱买不买", Category.SERVICE_ATTITUDE),
    ("新房卫生间墙面空鼓，阳台还渗水，交房才三个月", Category.PRODUCT_QUALITY),
    ("租的公寓刚装修完就让入住，甲醛超标两倍，孩子咳嗽了一周", Category.FOOD_SAFETY_HEALTH),
]


# Questions to peers without any complaint cue: neutral, not complaints. With a cue the same
# form is a defect report.
PEER_QUESTIONS = [
    "大佬们，二十万以内的家用SUV哪款油耗低一些？",
    "请教一下，宽带续约和新装哪个好，有懂的吗",
    "各位大神们，机场到市区坐地铁方便吗",
    "新手求教，车险续保在哪个平台买最便宜？",  # negative (0.32) before 求教 was an inquiry
    "楼主想问下，公积金贷款提前还款要预约吗",  # negative (0.02) before 问下 was one
]


@pytest.mark.parametrize("text", PEER_QUESTIONS)
def test_peer_question_is_neutral(
    classifier: LinearClassifier, make_mention: MakeMention, text: str
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.complaint is not None and not result.complaint.flag, result.complaint
    assert result.sentiment is not None
    assert result.sentiment.label == SentimentLabel.NEUTRAL, result.sentiment


def test_peer_question_with_a_defect_is_a_complaint(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (result,) = classifier.classify(
        [make_mention("求助大佬们，变速箱顿挫，4S店检测说正常，怎么办")]
    )
    assert result.complaint is not None and result.complaint.flag, result.complaint
    assert result.complaint.cues == ["顿挫", "说正常"]


@pytest.mark.parametrize("text", NEUTRAL_DEFECTS)
def test_neutral_defect_report_is_a_quality_complaint(
    classifier: LinearClassifier, make_mention: MakeMention, text: str
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.complaint is not None and result.complaint.flag, result.complaint
    assert result.complaint.probability >= 0.5
    assert result.category == Category.PRODUCT_QUALITY
    assert result.sentiment is not None and result.sentiment.label != SentimentLabel.POSITIVE


@pytest.mark.parametrize("text", NOT_COMPLAINTS)
def test_praise_questions_ads_news_chatter_are_not_complaints(
    classifier: LinearClassifier, make_mention: MakeMention, text: str
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.complaint is not None and not result.complaint.flag, result.complaint
    assert result.category == Category.OTHER


@pytest.mark.parametrize(("text", "expected"), CROSS_INDUSTRY)
def test_cross_industry_category(
    classifier: LinearClassifier, make_mention: MakeMention, text: str, expected: Category
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.complaint is not None and result.sentiment is not None
    # caught as a complaint: flagged, or negative (the fee text sits at P(complaint) ≈ 0.5)
    assert result.complaint.flag or result.sentiment.label == SentimentLabel.NEGATIVE
    assert result.complaint.probability >= 0.4, result.complaint
    assert result.category == expected


def test_cues_match_like_substrings() -> None:
    text = "售后拒绝保修，刹车异响"
    found = MATCHER.found(text)
    assert {"拒绝保修", "拒绝", "保修", "异响", "刹车"} <= found
    assert all(word in text for word in found)
    assert complaint_shift(found) > 0
    assert complaint_shift(MATCHER.found("请问怎么办理")) < 0
    assert complaint_shift(MATCHER.found("请问刹车异响怎么办")) > 0  # a defect stays a defect


def test_classify_command_writes_the_complaint_field(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    rows = [{"id": 1, "text": "刹车异响，4S店说正常"}, {"id": 2, "text": "开起来很舒服，推荐"}]
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    classify(source, target, "default")
    out = [json.loads(line) for line in target.read_text("utf-8").splitlines()]
    assert [r["complaint"]["flag"] for r in out] == [True, False]
    assert 0.0 <= out[0]["complaint"]["probability"] <= 1.0
    assert out[0]["category"] == "product_quality" and out[1]["category"] == "other"


def test_near_duplicates_share_a_group() -> None:
    texts = ["房间很干净，服务也很好，下次还来！", "房间很干净,服务也很好,下次还来", "航班延误了"]
    groups = near_duplicate_groups(texts)
    assert groups[0] == groups[1] != groups[2]


def test_held_out_finance_complaints_floor(classifier: LinearClassifier) -> None:
    root = default_data_dir().parent
    require((root / "complaints").exists(), f"{root}: training data not mounted")
    examples = [e for e in load_examples(root) if e.industry == Industry.FINANCE]
    held = fixed_split(examples)
    index = np.flatnonzero(held)
    sample = [examples[i] for i in np.random.default_rng(5).choice(index, 300, replace=False)]
    from sentiment.evaluate import as_mentions

    out = classifier.classify(as_mentions([e.text for e in sample]))
    caught = np.mean(
        [m.complaint.flag or m.sentiment.label == "negative" for m in out]  # type: ignore[union-attr]
    )
    category = np.mean([m.category == e.category for m, e in zip(out, sample, strict=True)])
    assert caught >= 0.9, caught
    assert category >= 0.6, category


def _tiny_models(p_positive_logit: float, complaint_logit: float, neutral_logit: float) -> Any:
    """Models whose every text gets the given logits (zero weights, biases only)."""
    from sentiment.features import FeatureSpec
    from sentiment.model import LinearHashModel, LoadedModels, SentimentModel
    from sentiment.train import HEAD_LABELS

    spec = FeatureSpec(bits=8)
    idf = np.ones(spec.buckets, dtype=np.float32)
    polarity = LinearHashModel(
        spec,
        idf,
        np.zeros((spec.buckets, 1), np.float32),
        np.array([p_positive_logit], np.float32),
        {"neutral_band": 0.2},
    )
    head_bias = np.full(len(HEAD_LABELS), -5.0, np.float32)
    head_bias[0], head_bias[1] = neutral_logit, complaint_logit
    heads = LinearHashModel(
        spec, idf, np.zeros((spec.buckets, len(HEAD_LABELS)), np.float32), head_bias
    )
    return LoadedModels(sentiment=SentimentModel(polarity), heads=heads)


def test_neutral_head_spares_a_negative_leaning_complaint(monkeypatch: pytest.MonkeyPatch) -> None:
    from sentiment import decisions

    text = "这个东西收到了"  # no cue, no evidence: only the model logits decide
    assert not MATCHER.found_batch([text])[0]
    # P(positive) ≈ 0.35 (inside the 0.5 ± 0.2 band, leaning negative), neutral head ≈ 0.9.
    complaint_like = _tiny_models(-0.62, -1.0, 2.2)  # P(complaint) ≈ 0.27
    chatter = _tiny_models(-0.62, -2.2, 2.2)  # P(complaint) ≈ 0.10

    def label(models: Any) -> SentimentLabel:
        return decisions.decide([text], [text], models).labels[0]

    monkeypatch.setattr(decisions, "NEUTRAL_HEAD_SPARES", None)
    assert label(complaint_like) == SentimentLabel.NEUTRAL
    monkeypatch.setattr(decisions, "NEUTRAL_HEAD_SPARES", 0.2)
    assert label(complaint_like) == SentimentLabel.NEGATIVE
    assert label(chatter) == SentimentLabel.NEUTRAL


def test_a_complaint_platform_post_is_a_complaint_whatever_its_wording() -> None:
    from sentiment import decisions

    text = "这个东西收到了"  # no cue: only the model logits and the channel decide
    # P(positive) ≈ 0.62 (inside the 0.5 ± 0.2 band, leaning positive), P(complaint) ≈ 0.01.
    models = _tiny_models(0.5, -4.5, -3.0)
    decided = decisions.decide([text, text], [text, text], models, [True, False])
    floor = decisions.PLATFORM_COMPLAINT_FLOOR
    assert decided.p_complaint[0] == floor >= decisions.COMPLAINT_THRESHOLD
    assert decided.labels[0] == SentimentLabel.NEGATIVE  # a complaint is not neutral
    assert decided.categories[0] != Category.OTHER
    assert decided.p_complaint[1] < 0.05
    assert decided.labels[1] == SentimentLabel.NEUTRAL
    assert decided.categories[1] == Category.OTHER
    # A sure positive stays positive (a thank-you after the case was closed), still flagged.
    sure = decisions.decide([text], [text], _tiny_models(3.0, -4.5, -3.0), [True])
    assert sure.labels[0] == SentimentLabel.POSITIVE and sure.p_complaint[0] == floor


def test_classify_reads_the_channel(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    text = "长城哈弗H6机油增多"  # a car defect in words no training corpus has
    on_weibo = make_mention(text)
    filed = on_weibo.model_copy(update={"channel": Channel.COMPLAINT_PLATFORM})
    weibo, platform = classifier.classify([on_weibo, filed])
    assert platform.complaint is not None and platform.complaint.flag
    assert platform.sentiment is not None and platform.sentiment.label == SentimentLabel.NEGATIVE
    assert platform.category == Category.PRODUCT_QUALITY
    assert (
        weibo.complaint is not None and weibo.complaint.probability < platform.complaint.probability
    )


def test_classify_command_reads_the_channel_of_a_record_or_of_the_file(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    text = "长城哈弗H6机油增多"
    rows = [{"id": 1, "text": text, "channel": "complaint_platform"}, {"id": 2, "text": text}]
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")

    def probabilities(channel: Channel | None) -> list[float]:
        classify(source, target, "default", channel=channel)
        out = [json.loads(line) for line in target.read_text("utf-8").splitlines()]
        assert [r["id"] for r in out] == [1, 2]
        return [r["complaint"]["probability"] for r in out]

    filed, alone = probabilities(None)
    assert filed >= 0.9 > alone  # the record's own channel; the other is text alone
    assert min(probabilities(Channel.COMPLAINT_PLATFORM)) >= 0.9  # the file's channel
    assert probabilities(Channel.WEIBO) == [filed, alone]  # a record's own channel wins
