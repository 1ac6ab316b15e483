"""`own_post_reaction`: an official account's post with a burst of reactions is an alert."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from alerting.loader import parse_rule
from alerting.rules import RuleContext
from bench.synthetic import make_mention
from core.config import CoreConfig, Plan
from core.enums import Channel
from core.index.sqlite import SQLiteMentionIndex
from core.models import Metrics
from core.own_accounts import OwnAccounts

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
SPEC = {"name": "own", "type": "own_post_reaction", "min_reactions": 1000, "min_per_hour": 300}


def post(key: str, author: str, reposts: int, comments: int, hours: float = 1.0):  # type: ignore[no-untyped-def]
    mention = make_mention(
        key, NOW - timedelta(hours=hours), "不排除是您自己放入的异物", author=author
    )
    return mention.model_copy(
        update={
            "metrics": Metrics(reposts=reposts, comments=comments, likes=0),
            "collected_at": NOW,
        }
    )


def context(tmp_path, own: OwnAccounts) -> RuleContext:  # type: ignore[no-untyped-def]
    index = SQLiteMentionIndex(tmp_path / "m.db")
    return RuleContext(index=index, tz=UTC, now=NOW, own_accounts=own)


def test_own_post_with_many_reactions_fires_others_do_not(tmp_path) -> None:  # type: ignore[no-untyped-def]
    config = CoreConfig(
        own_accounts={Channel.WEIBO: ["鲜味坊官方"]},
        plans=[Plan(id="b", name="b", expression="b", own_accounts=["鲜味坊客服"])],
    )
    rc = context(tmp_path, OwnAccounts.of(config))
    rule = parse_rule(SPEC, "test")
    mentions = [
        post("a1", "鲜味坊官方", 2100, 5600),  # own, 7,700 reactions in an hour
        post("a2", "鲜味坊官方", 10, 20),  # own, quiet
        post("a3", "鲜味坊客服", 200, 200, hours=0.5),  # own via the plan, 800/h
        post("a4", "吃货小王大王", 3400, 1800),  # not ours, however loud
    ]
    findings = rule.on_mentions(mentions, rc)
    assert [f.key for f in findings] == [f"own:{mentions[0].id}", f"own:{mentions[2].id}"]
    first = findings[0]
    assert first.count == 7700 and "@鲜味坊官方" in first.title
    assert "7,700 次互动" in first.summary and "评论 5,600" in first.summary
    # A reply that blames the customer says so, not only 请核查回应口径 (round 29).
    assert first.summary.endswith("；含调查结论出来前的归咎用户或第三方「您自己放入」")


def test_no_own_accounts_no_alert_and_old_posts_ignored(tmp_path) -> None:  # type: ignore[no-untyped-def]
    rule = parse_rule(SPEC, "test")
    loud = post("b1", "鲜味坊官方", 5000, 5000)
    assert rule.on_mentions([loud], context(tmp_path, OwnAccounts())) == []
    own = OwnAccounts.of(CoreConfig(own_accounts={Channel.WEIBO: ["鲜味坊官方"]}))
    old = post("b2", "鲜味坊官方", 5000, 5000, hours=72)
    assert rule.on_mentions([old], context(tmp_path, own)) == []
    # The same name on another channel is somebody else.
    elsewhere = loud.model_copy(update={"channel": Channel.FORUM})
    assert rule.on_mentions([elsewhere], context(tmp_path, own)) == []


def test_chance_in_plain_words() -> None:
    from alerting.rules.stats import chance_zh

    assert chance_zh(3.7e-22) == "纯属偶然的可能不到百万分之一"
    assert chance_zh(2e-4) == "纯属偶然的可能不到千分之一"
    assert chance_zh(0.012) == "纯属偶然的可能约 1.2%"


def test_durations_read_in_minutes_and_no_hourly_rate_from_minutes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from alerting.models import Alert
    from alerting.rules import describe

    own = OwnAccounts.of(CoreConfig(own_accounts={Channel.WEIBO: ["鲜味坊官方"]}))
    rule = parse_rule(SPEC, "test")
    fresh = post("c1", "鲜味坊官方", 2100, 5900, hours=0.2)  # 12 minutes, 8,000 reactions
    (finding,) = rule.on_mentions([fresh], context(tmp_path, own))
    assert "的发文发布后 12 分钟内引发 8,000 次互动" in finding.summary
    assert "小时" not in finding.summary

    def line(start, end) -> str:  # type: ignore[no-untyped-def]
        alert = Alert(rule_type="own_post_reaction", count=8000, window_start=start, window_end=end)
        return describe(alert)

    assert line(finding.window_start, finding.window_end) == "互动：8,000 次（发布后 12 分钟内）"
    assert line(NOW - timedelta(hours=2, minutes=30), NOW) == (
        "互动：8,000 次（发布后 2 小时 30 分钟内），平均每小时约 3,200 次"
    )
    assert line(NOW, NOW) == "互动：8,000 次（发布不到 1 分钟）"
