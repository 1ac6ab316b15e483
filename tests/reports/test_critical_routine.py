"""The 周报's 紧急提及 are counted as alerting counts them: routine 黑猫 complaints are not.

The bank review week: alerting's 高危舆情 saw two crises, the 周报 said "133 条紧急提及" —
every 黑猫 complaint naming 律师 or 12378 scored 紧急 in the report."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from alerting.loader import DEFAULTS_DIR, load_rule_file
from alerting.rules.urgent import UrgentMentionRule
from core.enums import Channel, SentimentLabel, Severity, UrgencySignal
from core.models import Author, Mention, Sentiment, Urgency, UrgencyReason
from reports.config import Period
from reports.period import last_full
from reports.service import build_data
from tests.reports.conftest import ContextFactory
from tests.reports.factories import NOW, PLAN, TZ, WEEK

LEGAL, MEDIA, HARM = (
    UrgencySignal.LEGAL_REGULATORY,
    UrgencySignal.MEDIA_EXPOSURE,
    UrgencySignal.HARM_TO_PEOPLE,
)


def complaint(key: str, channel: Channel, *reasons: tuple[UrgencySignal, float]) -> Mention:
    """A critical complaint with these reasons, published in the reported week."""
    score = min(100.0, sum(weight for _, weight in reasons))
    return Mention(
        source="heimao" if channel == Channel.COMPLAINT_PLATFORM else "weibo_search",
        channel=channel,
        native_id=key,
        author=Author(name=f"用户{key}", followers=80),
        text=f"招财银行催收骚扰家人，已找律师，向12378投诉 {key}",
        published_at=WEEK + timedelta(days=2, hours=int(key[-1])),
        plans=[PLAN],
        urgency=Urgency(
            level=Severity.from_score(score),
            score=score,
            reasons=[UrgencyReason(code=c, evidence="…", weight=w) for c, w in reasons],
        ),
    )


MENTIONS = [
    *(complaint(f"hm{i}", Channel.COMPLAINT_PLATFORM, (LEGAL, 50), (MEDIA, 40)) for i in range(3)),
    complaint("hurt1", Channel.COMPLAINT_PLATFORM, (HARM, 85), (LEGAL, 10)),  # someone harmed
    complaint("wb1", Channel.WEIBO, (LEGAL, 50), (MEDIA, 40)),  # the same words on Weibo
]


def without_discount(tmp_path: Path) -> Path:
    """A rules folder whose urgent-mention rule has no routine lists (no discount)."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "urgent.yaml").write_text(
        "name: urgent-mention\ntype: urgent_mention\nmin_urgency: critical\n", encoding="utf-8"
    )
    return rules


def test_weekly_critical_mentions_are_the_ones_alerting_pages_for(
    make_ctx: ContextFactory,
) -> None:
    ctx = make_ctx()
    assert not ctx.index.upsert_many(MENTIONS).errors
    assert all(m.urgency and m.urgency.level == Severity.CRITICAL for m in MENTIONS)
    rule = load_rule_file(DEFAULTS_DIR / "urgent-mention.yaml")
    assert isinstance(rule, UrgentMentionRule)
    paged = {m.native_id for m in MENTIONS if rule.level(m) == Severity.CRITICAL}
    assert paged == {"hurt1", "wb1"}

    data = build_data(ctx, last_full(Period.WEEKLY, NOW, TZ), PLAN)
    assert data.headline.critical == 2  # was 5: every stored 紧急
    (item,) = [a for a in data.attention if a.rule == "critical_mentions"]
    assert "有 2 条紧急程度为「紧急」的提及" in item.text


def test_a_deployment_without_the_discount_counts_every_critical_complaint(
    make_ctx: ContextFactory, tmp_path: Path
) -> None:
    """Its own urgent-mention rule without routine lists: alerting and report count all five."""
    ctx = make_ctx(alerting={"rules_dir": str(without_discount(tmp_path))})
    assert not ctx.index.upsert_many(MENTIONS).errors
    data = build_data(ctx, last_full(Period.WEEKLY, NOW, TZ), PLAN)
    assert data.headline.critical == 5


def test_the_reputation_index_weighs_a_routine_complaint_as_alerting_judges_it(
    make_ctx: ContextFactory, tmp_path: Path
) -> None:
    """口碑指数 weighs each voice by its level: the three routine 黑猫 complaints weigh as low
    (1), not as the 紧急 (8) their platform's words made them, as in 紧急提及 and alerting."""
    negative = Sentiment(label=SentimentLabel.NEGATIVE, score=0.9)
    praise = [
        complaint(f"ok{i}", Channel.WEIBO).model_copy(
            update={"sentiment": Sentiment(label=SentimentLabel.POSITIVE, score=0.9)}
        )
        for i in range(2)
    ]
    mentions = [m.model_copy(update={"sentiment": negative}) for m in MENTIONS] + praise
    window = last_full(Period.WEEKLY, NOW, TZ)
    ctx = make_ctx()
    assert not ctx.index.upsert_many(mentions).errors
    # 3 routine complaints at 1, 2 real crises at 8, 2 praises at 1: 50 × (1 + (2 − 19) / 21)
    assert build_data(ctx, window, PLAN).headline.reputation == round(50 * (1 - 17 / 21), 1)
    plain = make_ctx(alerting={"rules_dir": str(without_discount(tmp_path))})
    assert not plain.index.upsert_many(mentions).errors
    # without the discount every complaint weighs 8: 50 × (1 + (2 − 40) / 42)
    assert build_data(plain, window, PLAN).headline.reputation == round(50 * (1 - 38 / 42), 1)
