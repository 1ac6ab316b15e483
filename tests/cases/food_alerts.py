"""A food-poisoning crisis stored as an alert and its posts, for opening cases from alerts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session

from core.enums import Category, Channel, Severity
from core.index.sqlite import SQLiteMentionIndex
from core.models import Author, Mention, Urgency
from crisis_playbooks.cases import flows
from crisis_playbooks.cases.models import Case
from crisis_playbooks.playbook.definition import Playbook

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))  # a Shanghai wall clock


def mention(native: str, text: str, category: Category, level: Severity) -> Mention:
    return Mention(
        source="weibo-search",
        channel=Channel.WEIBO,
        native_id=native,
        url=f"https://weibo.com/{native}",
        author=Author(name="吃货小王大王", followers=1_260_000, verified=True),
        text=text,
        published_at=NOW - timedelta(minutes=30),
        category=category,
        urgency=Urgency(level=level, score=90.0),
    )


@pytest.fixture
def incident() -> list[Mention]:
    return [
        mention(
            "1",
            "鲜味坊酸菜鱼里吃出虫子，孩子食物中毒住院，已联系记者",
            Category.FOOD_SAFETY_HEALTH,
            Severity.CRITICAL,
        ),
        mention("2", "不止我一个！吃完拉肚子", Category.FOOD_SAFETY_HEALTH, Severity.HIGH),
    ]


@pytest.fixture
def index(tmp_path: Path, incident: list[Mention]) -> Iterator[SQLiteMentionIndex]:
    idx = SQLiteMentionIndex(tmp_path / "mentions.db")
    idx.upsert_many(incident)
    yield idx
    idx.close()


def store_alert(session: Session, mentions: list[Mention], rule: str = "urgent-food") -> int:
    from tests.support.alerts import alert_row

    alert = alert_row(
        NOW,
        rule=rule,
        key=mentions[0].id,
        title="紧急舆情：鲜味坊疑似食物中毒",
        summary="大V 发帖称食物中毒，转发 3400",
        sample_mention_ids=[m.id for m in mentions],
        plans=["xianweifang"],
    )
    session.add(alert)
    session.commit()
    return alert.id


def open_from(
    session: Session,
    alert_id: int,
    index: SQLiteMentionIndex,
    library: dict[str, Playbook],
    *,
    actor: str = "李娜",
) -> Case:
    """The case opened from the stored alert (as 预警中心's 立案 does), at NOW."""
    return flows.open_from_alert_id(
        session,
        alert_id=alert_id,
        brand="鲜味坊",
        library=library,
        index=index,
        actor=actor,
        now=NOW,
    )
