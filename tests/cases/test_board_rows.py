"""The one case board (crisis_playbooks.board) on every route its SQL runs: stdlib sqlite3 on
the embedded store, SQLAlchemy on PostgreSQL or an already-open store, the dashboard's session;
the same cases, order, SLA clocks and task counts, and `yuqing case list` prints it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from app.cli import app
from core.context import Context
from core.store_read import EMBEDDED_STORE
from crisis_playbooks import runtime
from crisis_playbooks.board import read_board
from crisis_playbooks.cards import CaseCard
from crisis_playbooks.cases.enums import CaseStatus
from crisis_playbooks.commands.board_render import print_board
from crisis_playbooks.sla.clocks import SlaPolicy
from tests.cases.conftest import local
from tests.conftest import require
from tests.postgres import PostgresServer

runner = CliRunner()
# A store with every board feature: business-hours and around-the-clock severities, a playbook
# with a ticked step, a resumed and a running pause, met, breached and stopped clocks, a
# resolved case, titles with rich markup, a case opened at the same time as another.
STEPS = [
    (
        "open",
        "--title",
        "外卖吃出异物",
        "--severity",
        "high",
        "--owner",
        "李娜",
        "--now",
        "2026-11-23T10:00",
    ),
    ("open", "--title", "骑手态度差", "--severity", "low", "--now", "2026-11-23T11:00"),
    (
        "open",
        "--title",
        "食品安全 [bold]危机[/bold]",
        "--severity",
        "critical",
        "--now",
        "2026-11-20T09:00",
    ),
    ("open", "--title", "退款慢", "--now", "2026-11-24T15:30"),
    ("open", "--title", "包装破损", "--now", "2026-11-23T09:00"),
    ("open", "--title", "配送超时", "--severity", "high", "--now", "2026-11-25T09:30"),
    ("open", "--title", "同时立案", "--severity", "high", "--now", "2026-11-25T09:30"),
    ("start-playbook", "1", "food_safety", "--now", "2026-11-23T10:05"),
    ("task", "1", "1", "--now", "2026-11-23T10:30"),
    ("update", "2", "--status", "acknowledged", "--waiting", "--now", "2026-11-23T11:30"),
    ("update", "4", "--status", "acknowledged", "--now", "2026-11-24T16:00"),
    ("update", "4", "--status", "responding", "--now", "2026-11-24T16:10"),
    ("update", "3", "--status", "acknowledged", "--now", "2026-11-20T09:10"),
    ("update", "3", "--status", "responding", "--now", "2026-11-20T09:20"),
    ("update", "3", "--status", "recovering", "--now", "2026-11-20T12:00"),
    ("update", "3", "--status", "resolved", "--now", "2026-11-21T12:00"),
    ("update", "5", "--waiting", "--now", "2026-11-23T09:30"),
    ("update", "5", "--not-waiting", "--now", "2026-11-23T14:00"),
    ("update", "6", "--status", "acknowledged", "--now", "2026-11-25T09:40"),
]
MOMENTS = [local(2026, 11, 23, 12, 0), local(2026, 11, 25, 10, 0), local(2026, 12, 1, 0, 0)]
FILTERS: list[list[CaseStatus]] = [
    [],
    [CaseStatus.NEW, CaseStatus.ACKNOWLEDGED],
    [CaseStatus.CLOSED],
]


def _cli(where: list[str], *args: str) -> str:
    result = runner.invoke(app, [*args, *where], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(params=["sqlite", "postgresql"])
def where(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[list[str]]:
    """--config/--data-dir of a store holding STEPS: the embedded SQLite file, or PostgreSQL."""
    config: dict[str, object] = {
        "brand": "鲜味坊",
        "cases": {"calendar": {"holidays": ["2026-10-01..2026-10-07"]}},
    }
    if request.param == "postgresql":
        server: PostgresServer | None = request.getfixturevalue("pg_server")
        require(server is not None, "PostgreSQL is not installed (scripts/system-deps.sh)")
        assert server is not None
        config["database"] = {"url": server.create_database()}
    path = tmp_path / "yuqing.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    args = ["--config", str(path), "--data-dir", str(tmp_path / "var")]
    for step in STEPS:
        _cli(args, "case", *step)
    yield args


def _view(grouped: Mapping[CaseStatus, Sequence[CaseCard[Any]]]) -> list[tuple[object, ...]]:
    """Everything a board shows, card by card, in order."""
    return [
        (
            status,
            card.case.id,
            card.case.title,
            card.case.owner,
            card.case.severity_enum,
            card.clocks,
            (card.tasks_open, card.tasks_total, card.tasks_overdue),
            (card.overdue, card.warning),
        )
        for status, cards in grouped.items()
        for card in cards
    ]


Boards = dict[tuple[datetime, tuple[CaseStatus, ...]], list[tuple[object, ...]]]
# Case ids in board order (status by status, overdue first) at each of MOMENTS: checked once
# against the ORM board this read replaced.
ORDERS = [[1, 7, 5, 6, 2, 4, 3], [1, 5, 7, 6, 2, 4, 3], [7, 1, 5, 6, 2, 4, 3]]


def _boards(source: Context | Session, policy: SlaPolicy) -> Boards:
    """Every moment's board for every status filter, read from the store or a session."""
    return {
        (now, tuple(statuses)): _view(read_board(source, policy=policy, now=now, statuses=statuses))
        for now in MOMENTS
        for statuses in FILTERS
    }


def test_the_board_is_the_same_on_every_route(where: list[str]) -> None:
    reader = Context.load(where[1], where[3])
    policy = runtime.policy(reader)
    got = _boards(reader, policy)
    if reader.config.database.url is None:
        assert "engine" not in reader.__dict__  # stdlib sqlite3: the ORM never opened
    with reader.sessions() as session:  # as the dashboard reads it
        assert _boards(session, policy) == got
    assert _boards(reader, policy) == got  # the store is open now: the SQL through SQLAlchemy
    reader.close()

    for (now, statuses), view in got.items():  # a filter keeps the same cards, in order
        if statuses:
            assert view == [row for row in got[(now, ())] if row[0] in statuses], (now, statuses)
    assert [[row[1] for row in got[(now, ())]] for now in MOMENTS] == ORDERS
    board_now = got[(MOMENTS[1], ())]
    assert [row[1] for row in board_now] == [1, 5, 7, 6, 2, 4, 3]  # overdue first per status
    assert board_now[0][6] == (8, 9, 4) and board_now[0][7] == (True, True)
    assert {str(c.state) for row in board_now for c in row[5]} >= {"breached", "met", "paused"}


def test_the_command_prints_the_board(
    where: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "220")
    ctx = Context.load(where[1], where[3])
    with ctx.sessions() as session:
        grouped = read_board(session, policy=runtime.policy(ctx), now=MOMENTS[1])
        print_board(grouped, ctx.config.tz)
    ctx.close()
    expected = capsys.readouterr().out

    printed = _cli(where, "case", "list", "--now", "2026-11-25T10:00")

    assert printed == expected
    assert "食品安全 [bold]危机[/bold]" in printed and "暂停(等待客户)" in printed
    assert "首次响应 已超时 (900%) 截止 2026-11-23 12:00" in printed
    titles = [t for _, t in sorted((printed.index(t), t) for t in ("外卖吃出异物", "包装破损"))]
    assert titles == ["外卖吃出异物", "包装破损"]  # case 1 before case 5: the board's order


def test_a_store_never_opened_is_refused_and_stays_uncreated(tmp_path: Path) -> None:
    config = tmp_path / "yuqing.yaml"
    config.write_text("brand: 鲜味坊\n", encoding="utf-8")
    where = ["--config", str(config), "--data-dir", str(tmp_path / "var")]

    result = runner.invoke(app, ["case", "list", *where])

    assert result.exit_code == 2  # a mistyped --data-dir is named, not shown as an empty board
    # one line, however long the path: a wrapped path could not be copied from the terminal
    assert f"数据目录 {tmp_path / 'var'} 不存在；检查 --data-dir" in result.output.splitlines()[0]
    assert not (tmp_path / "var" / EMBEDDED_STORE).exists()


def test_a_store_without_cases_says_so(tmp_path: Path) -> None:
    config = tmp_path / "yuqing.yaml"
    config.write_text("brand: 鲜味坊\n", encoding="utf-8")
    store = Context.load(config, tmp_path / "var")
    store.engine  # noqa: B018 (creates the store, without cases)
    store.close()
    where = ["--config", str(config), "--data-dir", str(tmp_path / "var")]

    assert _cli(where, "case", "list").strip() == "没有案件。"  # as alerts list: 没有预警。


def test_task_counts_read_done_and_skipped_apart() -> None:
    from datetime import UTC, datetime

    from crisis_playbooks.cards import CaseCard

    def card(open_: int, skipped: int, total: int) -> CaseCard[None]:
        now = datetime(2026, 12, 2, tzinfo=UTC)
        return CaseCard(None, now, [], open_, skipped, total, 0, False, False)

    assert card(7, 1, 9).tasks_zh == "完成 1 · 跳过 1 / 9"  # was 2/9: a skip counted as done
    assert card(8, 0, 9).tasks_zh == "完成 1 / 9"
    assert card(0, 0, 0).tasks_zh == "尚无任务"
