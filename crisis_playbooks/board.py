"""The case board: the one read of which cases it shows, in what order, with which clocks.

`yuqing case list` and the dashboard (案件看板, 态势's 待处理事项) read it: three SELECTs
(cases, their SLA pauses, their tasks) through core.store_read, with stdlib sqlite3 on the
embedded store (so the command starts without the ORM), SQLAlchemy on a configured database,
or in a session the dashboard already holds: the same SQL every way. The cards are computed by
crisis_playbooks.cards, as for the one ORM case of the case page (crisis_playbooks.overview).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from core.store_read import read_rows, stored_time
from crisis_playbooks.cards import CaseCard, group_cards, make_card
from crisis_playbooks.cases.enums import CaseLevels, CaseStatus
from crisis_playbooks.sla.clocks import SlaPolicy
from crisis_playbooks.tasks.enums import is_overdue

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from core.context import Context

CASE_COLUMNS = (
    "id, title, severity, status, owner, opened_at, first_response_at, resolved_at, "
    "proposed_playbook"
)


def _time(value: Any) -> datetime:
    moment = stored_time(value)
    assert moment is not None  # a NOT NULL column
    return moment


@dataclass(frozen=True)
class CaseRow(CaseLevels):
    """A case on the board: a read-only copy of the `cases` columns the board reads."""

    id: int
    title: str
    severity: str
    status: str
    owner: str | None
    opened_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    proposed_playbook: str | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> CaseRow:
        """From a row of `cases`."""
        return cls(
            id=int(row["id"]),
            title=str(row["title"]),
            severity=str(row["severity"]),
            status=str(row["status"]),
            owner=row["owner"],
            opened_at=_time(row["opened_at"]),
            first_response_at=stored_time(row["first_response_at"]),
            resolved_at=stored_time(row["resolved_at"]),
            proposed_playbook=row["proposed_playbook"],
        )


@dataclass(frozen=True)
class PauseRow:
    """An SLA pause of a case (`case_sla_pauses`)."""

    started_at: datetime
    ended_at: datetime | None


@dataclass(frozen=True)
class TaskRow:
    """What the board counts of a task (`case_tasks`)."""

    status: str
    due_at: datetime | None

    def is_overdue(self, now: datetime) -> bool:
        """Open and past its due time."""
        return is_overdue(self.status, self.due_at, now)


def _filter(statuses: Sequence[CaseStatus]) -> tuple[str, dict[str, object]]:
    """The WHERE clause on `cases` for some statuses (none: every case) and its parameters."""
    if not statuses:
        return "", {}
    params: dict[str, object] = {f"status{i}": s.value for i, s in enumerate(statuses)}
    return f" WHERE status IN ({', '.join(f':{name}' for name in params)})", params


def read_board(
    source: Context | Session,
    *,
    policy: SlaPolicy,
    now: datetime,
    statuses: Sequence[CaseStatus] = (),
) -> dict[CaseStatus, list[CaseCard[CaseRow]]]:
    """Cards grouped by status (every status present, possibly empty), overdue first, then
    warnings, then the most severe, then the newest; only some statuses when given."""
    where, params = _filter(statuses)
    chosen = f"SELECT id FROM cases{where}"
    cases = read_rows(
        source, f"SELECT {CASE_COLUMNS} FROM cases{where} ORDER BY opened_at DESC, id DESC", params
    )
    pauses: defaultdict[int, list[PauseRow]] = defaultdict(list)
    sql = f"SELECT case_id, started_at, ended_at FROM case_sla_pauses WHERE case_id IN ({chosen})"
    for row in read_rows(source, f"{sql} ORDER BY started_at", params):
        pauses[row["case_id"]].append(
            PauseRow(_time(row["started_at"]), stored_time(row["ended_at"]))
        )
    tasks: defaultdict[int, list[TaskRow]] = defaultdict(list)
    sql = f"SELECT case_id, status, due_at FROM case_tasks WHERE case_id IN ({chosen})"
    for row in read_rows(source, f"{sql} ORDER BY position, id", params):
        tasks[row["case_id"]].append(TaskRow(str(row["status"]), stored_time(row["due_at"])))
    rows = [CaseRow.from_row(row) for row in cases]
    return group_cards(make_card(c, pauses[c.id], tasks[c.id], policy, now) for c in rows)
