"""事态再起: a story that flares up again after its incident ended reopens that incident."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from alerting import incidents
from alerting.config import GroupingConfig
from alerting.enums import AlertStatus
from alerting.models import Alert, Incident
from core.context import Context
from core.enums import Severity
from tests.alerting.conftest import advance, make_ctx
from tests.alerting.test_incidents import NOON, attached_alert, crisis_rules
from tests.events.stored import add_event
from tests.support.receivers import HttpReceiver


def story(ctx: Context, event_id: str, mention_ids: list[str]) -> None:
    """An event (brand_events) holding these mentions, as the event tracker records one."""
    add_event(ctx, event_id, event_id, mention_ids, ctx.clock())


def test_a_story_flaring_up_again_reopens_its_incident_as_a_resurgence(
    data_dir: Path, receiver: HttpReceiver
) -> None:
    """Last night's crisis went quiet and its incident ended; the morning wave of the same story
    is the same crisis: its first alert reopens the incident, leads it and says 事态再起 — and
    an alert of another story the same morning starts its own."""
    ctx = make_ctx(data_dir, NOON)
    config = GroupingConfig(window=timedelta(hours=2))

    def opened(rule: str, samples: list[str]) -> tuple[Alert, bool]:
        return attached_alert(
            ctx,
            config,
            rule,
            rule_type="urgent_mention",
            severity=Severity.CRITICAL,
            samples=samples,
        )

    story(ctx, "serum", ["m1", "m2", "m3"])
    story(ctx, "parcel", ["p1"])
    night, _ = opened("urgent", ["m1"])
    with ctx.sessions() as session:
        first = session.get(Alert, night.id)
        assert first is not None
        first.status, first.resolved_at = AlertStatus.RESOLVED, ctx.clock() + timedelta(hours=2)
        incidents.settle(session, [first], ctx.clock() + timedelta(hours=2))
        session.commit()
    advance(ctx, timedelta(hours=10))  # the next morning, 8 h after the incident ended
    other, other_reopened = opened("spike", ["p1"])
    morning, reopened = opened("urgent", ["m2", "m3"])

    assert reopened and not other_reopened
    assert morning.incident_id == night.incident_id != other.incident_id
    with ctx.sessions() as session:
        incident = session.get(Incident, morning.incident_id)
        assert incident is not None and incident.status == AlertStatus.OPEN
        assert incident.resolved_at is None and incident.lead_alert_id == morning.id
        line = incidents.describe(session, session.get(Alert, morning.id))  # type: ignore[arg-type]
    assert line is not None and line.startswith(
        f"事态再起：预警组 #{incident.id} 的事件一度平息后再次升温。同属预警组"
    )
    advance(ctx, timedelta(hours=30))  # beyond reopen_within: a new crisis
    later, late_reopened = opened("urgent2", ["m1"])
    assert not late_reopened and later.incident_id != night.incident_id


def finding(key: str, samples: list[str], at: Any) -> Any:
    from alerting.rules import Finding

    return Finding(
        key=key,
        title="高危舆情",
        summary="",
        count=1,
        window_start=at,
        window_end=at,
        sample_ids=samples,
    )


def test_a_resurgence_is_announced(data_dir: Path, receiver: HttpReceiver) -> None:
    """The reopening alert notifies (nobody watches an ended incident)."""
    from alerting.lifecycle import apply_finding

    ctx = make_ctx(data_dir, NOON)
    rule = crisis_rules()[1]
    story(ctx, "serum", ["m1", "m2"])
    with ctx.sessions() as session:
        first = apply_finding(session, rule, finding("k", ["m1"], ctx.clock()), ctx.clock())
        first.alert.status, first.alert.resolved_at = AlertStatus.RESOLVED, ctx.clock()
        incidents.settle(session, [first.alert], ctx.clock())
        session.commit()
    advance(ctx, timedelta(hours=9))
    with ctx.sessions() as session:
        again = apply_finding(session, rule, finding("k2", ["m2"], ctx.clock()), ctx.clock())
        session.commit()
        assert again.notify and again.alert.incident_id == first.alert.incident_id


def test_the_next_mornings_media_report_reopens_the_crisis_it_reports(
    data_dir: Path, receiver: HttpReceiver
) -> None:
    """The airline week: a flight held on the tarmac from 13:10, talked about all night, its
    alert group ended at 21:20; the media report at 08:30 the next morning (19 hours after the
    first post, past the 12 hours a topic join looks back) started an event of its own, so its
    high-risk alert opened a second alert group. A live story (≥ 10 posts, the last within 6
    hours, the first within 24) takes it at once, and its alert reopens the group."""
    from alerting.lifecycle import apply_finding
    from brand_events.links import owners
    from core.models import Author, Mention

    ctx = make_ctx(data_dir, NOON)
    rule = crisis_rules()[1]
    seed = "DW8853机上滞留五个小时，空调不开，老人晕倒送医，乘务员还说不想坐自己下去"
    voices = [
        "DW8853机上滞留五个小时，老人晕倒，谁来负责",
        "老人晕倒了还不开舱门，机上滞留五个小时",
    ]
    media = "【DW8853机上滞留五个小时 老人晕倒送医】记者：机上空调不开，老人晕倒后被送医"

    def post(native_id: str, text: str, hours: float, **extra: Any) -> Mention:
        when = NOON + timedelta(hours=hours)
        who = Author(id=native_id, name=native_id)
        return Mention(
            source="weibo", native_id=native_id, text=text, published_at=when, author=who, **extra
        )

    posts = [post("s", seed, 0)]
    posts += [post(f"v{i}", voices[i % 2], 0.1 * (i + 1)) for i in range(12)]
    posts += [post(f"n{h}", "转发微博", h, repost_of="s") for h in range(2, 19)]  # all night
    for hour in sorted({int((m.published_at - NOON).total_seconds() // 3600) for m in posts}):
        ctx.pipeline.process(
            [m for m in posts if (m.published_at - NOON) // timedelta(hours=1) == hour]
        )
    with ctx.sessions() as session:
        night = apply_finding(session, rule, finding("k", [posts[0].id], NOON), NOON)
        night.alert.status, night.alert.resolved_at = AlertStatus.RESOLVED, NOON
        incidents.settle(session, [night.alert], NOON + timedelta(hours=8))
        session.commit()
    report = post("media", media, 19)
    ctx.pipeline.process([report])
    advance(ctx, timedelta(hours=19))
    with ctx.sessions() as session:
        story = owners(session, {0: [report.id], 1: [posts[0].id]})
        assert story[0].id == story[1].id  # the report is in the crisis's event at once
        morning = apply_finding(session, rule, finding("k2", [report.id], ctx.clock()), ctx.clock())
        session.commit()
        assert morning.notify and morning.alert.incident_id == night.alert.incident_id


def test_a_new_alert_of_a_quiet_unresolved_crisis_joins_it(data_dir: Path) -> None:
    """Nobody resolved last night's crisis and its alerts went quiet beyond the grouping window;
    the regulator's notice of the same story the next morning joins it, another story does not."""
    ctx = make_ctx(data_dir, NOON)
    config = GroupingConfig(window=timedelta(hours=2))

    def opened(rule: str, samples: list[str]) -> Alert:
        return attached_alert(
            ctx, config, rule, rule_type="urgent_mention", severity=Severity.HIGH, samples=samples
        )[0]

    story(ctx, "closure", ["c1", "c2"])
    story(ctx, "parcel", ["p1"])
    night = opened("urgent", ["c1"])
    advance(ctx, timedelta(hours=9))
    other = opened("spike", ["p1"])
    notice = opened("urgent2", ["c2"])
    assert notice.incident_id == night.incident_id != other.incident_id
    advance(ctx, timedelta(hours=30))  # beyond reopen_within: a crisis of its own
    assert opened("urgent3", ["c1"]).incident_id not in {night.incident_id, other.incident_id}


def resolved(ctx: Context, alert_id: int, at: Any, *, group_too: bool) -> None:
    """The alert ended (its rule's timers); its group too when `group_too`."""
    with ctx.sessions() as session:
        alert = session.get(Alert, alert_id)
        assert alert is not None
        alert.status, alert.resolved_at = AlertStatus.RESOLVED, at
        if group_too:
            incidents.settle(session, [alert], at)
        session.commit()


def test_one_high_risk_alert_per_crisis_whatever_its_quiet_hours(
    data_dir: Path, receiver: HttpReceiver
) -> None:
    """An express brand's leak (round 30): the crisis's 高危舆情 alert ended after two quiet
    hours, and each later voice opened a new one — seven in one group, and the morning's first,
    in a post its event had not taken in yet, started a second group for the same crisis. The
    alert comes back as itself while its group runs or ended within reopen_within, saying what
    brought it back; its event's name stays when the new post has none yet."""
    from alerting.lifecycle import apply_finding

    ctx = make_ctx(data_dir, NOON)
    rule = crisis_rules()[1]
    story(ctx, "leak", ["m1", "m2"])

    def fire(samples: list[str], summary: str, title: str, provisional: bool = False) -> Any:
        found = finding("privacy_fraud", samples, ctx.clock())
        found.summary, found.title, found.accumulate = summary, title, True
        found.provisional_title = provisional
        with ctx.sessions() as session:
            outcome = apply_finding(session, rule, found, ctx.clock())
            session.commit()
            return outcome.alert.id, outcome.alert.incident_id, outcome.event, outcome.notify

    first, group, _, _ = fire(["m1"], "@钱塘都市报 发布高危内容", "高危舆情：快递信息泄露")
    advance(ctx, timedelta(hours=3))
    resolved(ctx, first, ctx.clock(), group_too=False)  # another alert of the group runs on
    advance(ctx, timedelta(hours=2))
    again, same_group, event, notify = fire(
        ["m9"], "@用户066579 发布高危内容", "高危舆情：隐私/欺诈", True
    )
    assert (again, same_group, event, notify) == (first, group, "reopened", False)

    advance(ctx, timedelta(hours=3))
    resolved(ctx, first, ctx.clock(), group_too=True)  # the whole group ended
    advance(ctx, timedelta(hours=8))
    back, back_group, event, notify = fire(
        ["m8"], "@平安西湖 发布高危内容", "高危舆情：隐私/欺诈", True
    )
    assert (back, back_group, event, notify) == (first, group, "reopened", True)
    with ctx.sessions() as session:
        alert = session.get(Alert, first)
        incident = session.get(Incident, group)
        assert alert is not None and incident is not None
        assert alert.title == "高危舆情：快递信息泄露", "named by its event, not its category"
        assert alert.summary == "@平安西湖 发布高危内容" and alert.sample_mention_ids[0] == "m8"
        assert incident.status == AlertStatus.OPEN and incident.lead_alert_id == first
        assert session.query(Alert).count() == 1

    resolved(ctx, first, ctx.clock(), group_too=True)
    advance(ctx, timedelta(hours=30))  # beyond reopen_within: another crisis, another alert
    later, later_group, event, notify = fire(
        ["m7"], "@某人 发布高危内容", "高危舆情：隐私/欺诈", True
    )
    assert later != first and later_group != group and (event, notify) == ("opened", True)


def test_an_alert_of_the_same_rule_and_key_reopens_its_ended_group_without_a_story(
    data_dir: Path, receiver: HttpReceiver
) -> None:
    """A new alert of a rule and key the ended group held (a store whose old alert is gone from
    the rule's view, or a per-key alert the rule opened afresh) joins that group again even when
    its posts are in no event yet; another key starts its own."""
    ctx = make_ctx(data_dir, NOON)
    config = GroupingConfig(window=timedelta(hours=2))

    def leak(sample: str) -> tuple[Alert, bool]:
        """A 高危舆情 alert keyed by its category, as urgent-mention opens one."""
        return attached_alert(
            ctx,
            config,
            "urgent",
            key="privacy_fraud",
            rule_type="urgent_mention",
            severity=Severity.CRITICAL,
            samples=[sample],
            recur=True,
        )

    night, _ = leak("a")
    spike, _ = attached_alert(ctx, config, "spike", rule_type="spike", samples=["d"])
    resolved(ctx, spike.id, ctx.clock() + timedelta(hours=2), group_too=True)
    resolved(ctx, night.id, ctx.clock() + timedelta(hours=2), group_too=True)
    advance(ctx, timedelta(hours=9))
    other, other_reopened = attached_alert(
        ctx, config, "urgent", key="food", rule_type="urgent_mention", samples=["c"], recur=True
    )
    count, count_reopened = attached_alert(ctx, config, "spike", rule_type="spike", samples=["e"])
    again, reopened = leak("b")
    assert reopened and again.incident_id == night.incident_id
    assert not other_reopened and other.incident_id != night.incident_id
    # A brand-wide count (key "*") is no subject: the next day's spike is not that thread.
    assert not count_reopened and count.incident_id != night.incident_id
