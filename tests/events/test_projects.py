"""One project, one story (`brand_events/projects.py`): the property week's crisis (安居·翡翠湾,
a handover ten months late) began its event with an everyday complaint about another project
posted 35 minutes earlier (安居·学府里又发通知推迟交付，业主们已经在准备一起维权了): the two share
推迟交付, 业主 and 维权, merged, and the crisis was titled and dated by the other project's post.
A post or story naming another project stays apart — by topic, by a merge, by the brand's own
promotion of another 楼盘, and after a restart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from brand_events import service
from brand_events.projects import apart, names
from brand_events.tracker import EventTracker
from core.context import Context
from core.models import Author
from tests.events.conftest import brand_context
from tests.events.test_retold_copies import mention

OTHER_PROJECT = "安居·学府里又发通知推迟交付，业主们已经在准备一起维权了"
SEED = (
    "翡翠湾今天终于收房了，等了整整十个月。逾期交房的违约金安居一分不给，精装也缩水了，"
    "业主们明天一起去售楼处维权。#安居翡翠湾业主维权#"
)
VOICES = [
    "安居翡翠湾推迟交付十个月，违约金一分不赔，业主维权还被保安拦",
    "业主群里三百多人了，逾期交房十个月违约金安居一分不给，推迟交付还要业主闭嘴",
    "安居逾期交房的违约金一分不给，精装还缩水，业主去售楼处维权还被拦",
    "支持翡翠湾业主维权，安居推迟交付还想不赔违约金",
]
LATER_OTHER = "安居·云樾府又发通知推迟交付，业主们已经在准备一起维权了，大家遇到过吗"
OFFICIAL = Author(id="official", name="安居地产")
PROMOTION = "安居·滨江壹号样板间今日开放，业主推荐购房享维权无忧交付承诺，到访即送礼品"


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[Context]:
    yield from brand_context(tmp_path, "aj", "安居地产", "安居|安居地产", "安居地产")


def test_what_names_a_project() -> None:
    assert names(OTHER_PROJECT) == {"学府里"}
    assert names("#安居翡翠湾业主维权#") == {"翡翠湾"}
    assert names("致翡翠湾业主的致歉信") == {"翡翠湾"}
    assert names("安居·滨江壹号样板间今日开放") == {"滨江壹号"}
    assert names("我们碧水华庭小区的电梯又坏了") == {"碧水华庭"}
    # Words ending in a project word, and owners' talk that names no project.
    assert names("业主群里三百多人了，准备向市政府反映") == frozenset()
    assert names("对比华府置业的楼盘，安居交付差远了") == frozenset()
    assert apart({"学府里"}, {"翡翠湾"}) and not apart({"翡翠湾"}, {"居翡翠湾"})
    assert not apart({"学府里"}, set()) and not apart(frozenset(), {"翡翠湾"})


def _crisis(ctx: Context) -> EventTracker:
    tracker = EventTracker(ctx.sessions, ctx.config)
    tracker.track([mention("x", OTHER_PROJECT, 0)])
    seed = mention("s", SEED, 35)
    reposts = [mention(f"r{m}", "转发微博", 35 + m, repost_of="s") for m in range(1, 30)]
    voices = [mention(f"v{n}", text, 40 + 3 * n) for n, text in enumerate(VOICES)]
    tracker.track(sorted([seed, *reposts, *voices], key=lambda m: m.published_at))
    return tracker


def _members(ctx: Context, event_id: str) -> set[str]:
    with ctx.sessions() as session:
        return {m.native_id for m in service.members(session, event_id=event_id)}


def test_another_projects_complaint_stays_out_of_the_crisis(ctx: Context) -> None:
    _crisis(ctx)
    crisis = _members(ctx, mention("s", SEED, 35).id)
    assert {f"v{n}" for n in range(len(VOICES))} <= crisis  # voices naming none or 翡翠湾
    assert "x" not in crisis


def test_another_project_stays_apart_after_a_restart(ctx: Context) -> None:
    _crisis(ctx)
    restarted = EventTracker(ctx.sessions, ctx.config)
    later = [
        mention("y", LATER_OTHER, 90),
        mention("v9", "翡翠湾业主维权第二天，安居推迟交付的违约金还是不赔", 95),
        mention("p", PROMOTION, 100, OFFICIAL),
    ]
    restarted.track(later)
    crisis = _members(ctx, mention("s", SEED, 35).id)
    assert "v9" in crisis
    assert "y" not in crisis and "p" not in crisis
