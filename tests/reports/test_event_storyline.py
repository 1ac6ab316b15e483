"""The 周报's 事件脉络 tells what the brand did: its latest statements, not only its first two.

The gym week's crisis had three posts by 悦动健身: the statement blaming the franchisee, a
class promotion the same evening, and the next day's apology taking over the refunds. The
storyline told the first two and left the apology (what was done) out; and the same alert rule
firing twice 12 minutes apart read as two identical 触发预警 lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from brand_events.detail import EventDetail
from brand_events.propagation import KeyNode, Propagation
from reports.event_section import storyline
from tests.support.statement_story import poster

START = datetime(2026, 11, 25, 14, 10, tzinfo=UTC)
post = poster(START)
OWN = "悦动健身"


@dataclass(frozen=True)
class Facts:
    """What storyline reads of an event."""

    first_mention_id: str
    started_at: datetime


def crisis(own_posts: int) -> EventDetail:
    """A member's post, then `own_posts` posts of the brand's account, an hour apart."""
    first = post("m", "长沙的五家悦动健身今天全关了，会员的钱到底谁来退？", 0, "长沙会员小林")
    texts = ["加盟商私自停业，我司已终止合作", "团课上新：普拉提本周开课", "致长沙会员的致歉信"]
    texts += [f"第 {n} 次说明退款进度" for n in range(4, own_posts + 1)]
    own = [post(f"o{n}", texts[n], 60 * (n + 1), OWN) for n in range(own_posts)]
    alerts: list[dict[str, object]] = [
        {"title": "高危舆情：#悦动健身长沙多店闭店#", "opened_at": START + timedelta(minutes=3)},
        {"title": "高危舆情：#悦动健身长沙多店闭店#", "opened_at": START + timedelta(minutes=15)},
        {"title": "负面声量激增", "opened_at": START + timedelta(minutes=17)},
    ]
    for alert in alerts:
        alert["opened_at"] = str(alert["opened_at"])
    return EventDetail(
        event=Facts(first.id, START),  # type: ignore[arg-type]  # storyline reads only these
        members=[],
        mentions=[first, *own],
        propagation=Propagation(own_posts=[m.id for m in own]),
        alerts=alerts,
    )


def told(detail: EventDetail, start: str) -> list[str]:
    return [p.text for p in storyline(detail) if p.text.startswith(start)]


def test_the_brands_latest_statement_is_told() -> None:
    spoken = told(crisis(3), "品牌账号发声")
    assert spoken == [
        "品牌账号发声：“加盟商私自停业，我司已终止合作”",
        "品牌账号发声：“团课上新：普拉提本周开课”",
        "品牌账号发声：“致长沙会员的致歉信”",
    ]


def test_many_statements_keep_the_first_and_the_latest() -> None:
    spoken = told(crisis(5), "品牌账号发声")
    assert spoken == [
        "品牌账号发声：“加盟商私自停业，我司已终止合作”",
        "品牌账号发声：“第 4 次说明退款进度”",
        "品牌账号发声：“第 5 次说明退款进度”",
    ]


def test_an_alert_that_fired_twice_is_one_step() -> None:
    assert told(crisis(1), "触发预警") == [
        "触发预警：高危舆情：#悦动健身长沙多店闭店#",
        "触发预警：负面声量激增",
    ]


def test_the_authorities_and_the_media_first_words_are_told() -> None:
    """The gym crisis's escalation — the evening paper's report, 长沙商务's 预付卡 notice — was
    missing from the storyline, while a 47-follower reposter was told as 关键传播."""
    detail = crisis(1)
    paper = post("p", "【长沙多家健身房一夜关门 会员储值难退】记者走访发现…", 120, "潇湘晚报")
    again = post("p2", "追踪：悦动健身称系加盟商私自停业", 300, "潇湘晚报")
    bureau = post("b", "关于办理健身、美容等预付式消费卡的消费提示", 1500, "长沙商务")
    police = post("c", "警情通报：已对该健身房负责人立案调查", 1600, "平安岳麓")
    member = post("x", "我在晚报上看到了，我的卡里还有六千", 130, "会员阿杰")
    detail.mentions.extend([paper, again, bureau, police, member])
    assert told(detail, "媒体报道") == [
        "媒体报道：潇湘晚报“【长沙多家健身房一夜关门 会员储值难退】记者走访发现…”"
    ]
    assert told(detail, "政务发布") == [
        "政务发布：长沙商务“关于办理健身、美容等预付式消费卡的消费提示”"
    ]


def test_a_spreader_who_carried_little_is_not_told() -> None:
    """Beside the first post's 387 reposts, a 47-follower reposter's 10 were told as 关键传播."""
    detail = crisis(1)
    relay = post("k", "转发微博", 30, "用户025024")
    blogger = post("kb", "这事大家关注一下", 40, "健身博主阿强")
    detail.mentions.extend([relay, blogger])
    nodes = [
        KeyNode(detail.mentions[0].id, "m", "长沙会员小林", 2600, 387, 1),
        KeyNode(relay.id, "k", "用户025024", 47, 10, 2),
    ]
    detail.propagation.key_nodes = nodes
    assert [t.split("（")[0] for t in told(detail, "关键传播")] == ["关键传播：长沙会员小林"]
    nodes[1] = KeyNode(blogger.id, "kb", "健身博主阿强", 310_000, 120, 2)
    assert [t.split("（")[0] for t in told(detail, "关键传播")] == [
        "关键传播：长沙会员小林",
        "关键传播：健身博主阿强",
    ]
