"""Case-domain fixtures: a real database (SQLite and PostgreSQL), factories, a notice recorder."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from sqlalchemy import Engine
from sqlalchemy.orm import Session

import crisis_playbooks.models  # noqa: F401  (registers the case tables on Base)
from alerting.notifiers import Notification
from core.context import Context
from core.db import Base, make_engine, make_session_factory
from core.enums import Severity
from crisis_playbooks.cases import flows
from crisis_playbooks.cases.models import Case, CaseCreate
from crisis_playbooks.config import CasesConfig
from crisis_playbooks.playbook import flows as playbook_flows
from crisis_playbooks.playbook.definition import Playbook
from crisis_playbooks.playbook.loader import load_library
from crisis_playbooks.playbook.models import PlaybookRun
from crisis_playbooks.sla.clocks import SlaPolicy
from tests.cases.food_alerts import incident, index  # noqa: F401  (fixtures)
from tests.conftest import require
from tests.support.receivers import receiver, smtp_inbox  # noqa: F401  (fixtures)

TZ = ZoneInfo("Asia/Shanghai")
CASE_TABLES = [
    "cases",
    "case_alerts",
    "case_mentions",
    "case_events",
    "playbook_runs",
    "case_tasks",
    "recovery_records",
    "case_sla_pauses",
    "case_sla_notices",
]


def local(*args: int) -> datetime:
    """A Shanghai wall-clock time."""
    return datetime(*args, tzinfo=TZ)  # type: ignore[misc]


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database URL on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cases.db'}"
    server = request.getfixturevalue("pg_server")
    require(server is not None, "PostgreSQL is not installed (scripts/system-deps.sh)")
    return server.create_database()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine with the case tables created."""
    engine = make_engine(db_url)
    Base.metadata.create_all(engine, tables=[Base.metadata.tables[t] for t in CASE_TABLES])
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on the test database."""
    with make_session_factory(engine)() as session:
        yield session


@pytest.fixture
def cases_config() -> CasesConfig:
    """Business hours 09:00–18:00 Mon–Fri, National Day 2026 holidays and its 调休 Saturday."""
    return CasesConfig.model_validate(
        {
            "calendar": {
                "timezone": "Asia/Shanghai",
                "holidays": ["2026-10-01..2026-10-07"],
                "makeup_workdays": ["2026-10-10"],
            },
            "sla": {"high": {"first_response": "PT2H", "resolution": "PT18H"}},
            "notify_targets": ["duty"],
            "owner_targets": {"李娜": ["lina-dingtalk"]},
            "escalation_targets": ["lead"],
        }
    )


@pytest.fixture
def policy(cases_config: CasesConfig) -> SlaPolicy:
    """The SLA policy of cases_config."""
    return SlaPolicy.from_config(cases_config, "Asia/Shanghai")


@pytest.fixture(scope="session")
def library() -> dict[str, Playbook]:
    """The shipped playbooks."""
    return load_library(None)


class Recorder:
    """A test-double notice sender that keeps what it was given."""

    def __init__(self) -> None:
        self.notices: list[Notification] = []

    def __call__(self, notice: Notification) -> None:
        self.notices.append(notice)

    @property
    def titles(self) -> list[str]:
        """Titles of the notices sent so far."""
        return [n.title for n in self.notices]


@pytest.fixture
def recorder() -> Recorder:
    """A fresh notice recorder."""
    return Recorder()


def make_case(session: Session, *, now: datetime | None = None, **fields: Any) -> Case:
    """Factory: an open case (default high severity, opened Monday 2026-11-23 10:00 Shanghai)."""
    values: dict[str, Any] = {
        "title": "外卖吃出异物",
        "brand": "鲜味坊",
        "severity": Severity.HIGH,
    }
    values.update(fields)
    moment = now or local(2026, 11, 23, 10, 0)
    case = flows.open_case(session, case_in=CaseCreate(**values), actor="tester", now=moment)
    session.commit()
    return case


def start_playbook(
    session: Session,
    case: Case,
    playbook: Playbook,
    *,
    actor: str = "a",
    now: datetime | None = None,
    tz: ZoneInfo = TZ,
) -> PlaybookRun:
    """Factory: start `playbook` on `case` (default five minutes after make_case's opening)."""
    moment = now or local(2026, 11, 23, 10, 5)
    return playbook_flows.start(
        session, case=case, playbook=playbook, actor=actor, now=moment, tz=tz
    )


def utc(*args: int) -> datetime:
    """A UTC time."""
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


@pytest.fixture
def setup(db_url: str, tmp_path: Path) -> list[str]:
    """--config/--data-dir arguments for a config using the test database."""
    config = {
        "brand": "鲜味坊",
        "database": {"url": db_url},
        "cases": {"calendar": {"holidays": ["2026-10-01..2026-10-07"]}},
    }
    path = tmp_path / "yuqing.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return ["--config", str(path), "--data-dir", str(tmp_path / "var")]


def db(args: list[str]) -> Session:
    """A session on the database of the `setup` arguments."""
    ctx = Context.load(args[1], args[3])
    return make_session_factory(ctx.engine)()


@pytest.fixture
def alert_table(engine: Engine) -> None:
    """The alert store's tables beside the case store (态势 reads both)."""
    from alerting.models import Alert, Incident

    Alert.__table__.create(engine, checkfirst=True)  # type: ignore[attr-defined]
    Incident.__table__.create(engine, checkfirst=True)  # type: ignore[attr-defined]
