"""Routine complaints on complaint platforms: the built-in 高危舆情 rule does not count the
words every 黑猫 complaint carries (律师, 起诉, 12378, 催收骚扰) — the same words on Weibo do."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from alerting.loader import DEFAULTS_DIR, RuleFileError, load_rule_file, parse_rule
from alerting.rules import RuleContext
from alerting.rules.urgent import UrgentMentionRule
from app.config import AppConfig
from core.enums import Channel, Severity, UrgencySignal
from core.index.sqlite import SQLiteMentionIndex
from core.models import Author, Mention, Urgency, UrgencyReason
from core.pipeline.classifier import get_classifier

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
COLLECTION_COMPLAINT = (
    "投诉招财银行信用卡中心：催收行为 本人因疫情失去收入，多次协商延后还款，平台仍然暴力催收，"
    "爆通讯录，打电话给我父母和同事，威胁要上门，已经找律师准备起诉，还要向12378投诉。"
)


def builtin() -> UrgentMentionRule:
    rule = load_rule_file(DEFAULTS_DIR / "urgent-mention.yaml")
    assert isinstance(rule, UrgentMentionRule)
    return rule


def post(channel: Channel, *reasons: tuple[UrgencySignal, float], key: str = "p1") -> Mention:
    score = min(100.0, sum(weight for _, weight in reasons))
    return Mention(
        source="heimao" if channel == Channel.COMPLAINT_PLATFORM else "weibo_search",
        channel=channel,
        native_id=key,
        author=Author(name="用户1", followers=80),
        text="投诉内容",
        published_at=NOW - timedelta(minutes=1),
        urgency=Urgency(
            level=Severity.from_score(score),
            score=score,
            reasons=[UrgencyReason(code=c, evidence="…", weight=w) for c, w in reasons],
        ),
    )


def fires(rule: UrgentMentionRule, mentions: list[Mention], tmp_path: Path) -> int:
    index = SQLiteMentionIndex(tmp_path / "m.db")
    try:
        findings = rule.on_mentions(mentions, RuleContext(index=index, tz=UTC, now=NOW))
    finally:
        index.close()
    return sum(f.count for f in findings)


def test_a_classified_collection_complaint_alerts_on_weibo_not_on_heimao(tmp_path: Path) -> None:
    classifier = get_classifier(AppConfig().classifier.model, tmp_path)
    raw = post(Channel.WEIBO).model_copy(update={"text": COLLECTION_COMPLAINT, "urgency": None})
    (weibo,) = classifier.classify([raw])
    on_heimao = raw.model_copy(update={"channel": Channel.COMPLAINT_PLATFORM})
    (heimao,) = classifier.classify([on_heimao])
    assert weibo.urgency is not None and weibo.urgency.level == Severity.CRITICAL
    assert heimao.urgency is not None and heimao.urgency.level == Severity.CRITICAL
    rule = builtin()
    assert fires(rule, [weibo], tmp_path) == 1
    assert fires(rule, [heimao], tmp_path) == 0


def test_on_a_complaint_platform_harm_collective_action_and_reach_still_count(
    tmp_path: Path,
) -> None:
    rule = builtin()
    routine = [
        (UrgencySignal.LEGAL_REGULATORY, 45),
        (UrgencySignal.PRIVACY_HARASSMENT, 45),
        (UrgencySignal.NEGATIVE_EMOTION, 15),
    ]
    harmed = [(UrgencySignal.HARM_TO_PEOPLE, 50), (UrgencySignal.COLLECTIVE_ACTION, 30)]
    assert fires(rule, [post(Channel.COMPLAINT_PLATFORM, *routine)], tmp_path) == 0
    assert fires(rule, [post(Channel.COMPLAINT_PLATFORM, *harmed)], tmp_path) == 1
    # The routine words do not make a harmed-people complaint less urgent either.
    both = post(Channel.COMPLAINT_PLATFORM, *routine, *harmed)
    assert fires(rule, [both], tmp_path) == 1


def test_a_staff_correction_to_critical_is_believed_on_a_complaint_platform(
    tmp_path: Path,
) -> None:
    mention = post(Channel.COMPLAINT_PLATFORM, (UrgencySignal.LEGAL_REGULATORY, 45))
    corrected = mention.model_copy(
        update={
            "urgency": Urgency(level=Severity.CRITICAL, score=75, reasons=[]),
            "corrected": {"urgency": "critical"},
        }
    )
    assert fires(builtin(), [corrected], tmp_path) == 1


def test_routine_options_read_chinese_names_and_refuse_half_a_pair() -> None:
    rule = parse_rule(
        {
            "name": "u",
            "type": "urgent_mention",
            "routine_channels": ["投诉平台"],
            "routine_signals": ["法律/监管投诉", "media_exposure"],
        },
        "rules/u.yaml",
    )
    assert isinstance(rule, UrgentMentionRule)
    assert rule.spec.routine_signals == [
        UrgencySignal.LEGAL_REGULATORY,
        UrgencySignal.MEDIA_EXPOSURE,
    ]
    with pytest.raises(RuleFileError, match="routine_channels 和 routine_signals 要一起写"):
        parse_rule(
            {"name": "u", "type": "urgent_mention", "routine_channels": ["投诉平台"]},
            "rules/u.yaml",
        )
    with pytest.raises(RuleFileError, match="legal_regulatory（法律/监管投诉）"):
        parse_rule(
            {
                "name": "u",
                "type": "urgent_mention",
                "routine_channels": ["投诉平台"],
                "routine_signals": ["律师"],
            },
            "rules/u.yaml",
        )
