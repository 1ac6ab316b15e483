"""The clusterer's recurring-word runs in the workflow store: saved per batch, loaded at start."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table, delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from brand_events.clustering import RECURRING_GAP, Clusterer
from brand_events.models import TermHours


def load(session: Session, clusterer: Clusterer) -> int:
    """Give the clusterer every stored run; returns how many."""
    rows = session.execute(select(TermHours.term, TermHours.last_hour, TermHours.hours))
    clusterer.streak = {term: (last, hours) for term, last, hours in rows}
    clusterer.streak_changed = set()
    return len(clusterer.streak)


def save(session: Session, clusterer: Clusterer, hour: int) -> None:
    """Write the runs changed since the last save (one upsert); drop runs broken by `hour`."""
    if clusterer.prune_streaks(hour):
        session.execute(delete(TermHours).where(TermHours.last_hour < hour - RECURRING_GAP))
    changed = sorted(clusterer.streak_changed)
    clusterer.streak_changed = set()
    if not changed:
        return
    table = cast(Table, TermHours.__table__)
    maker = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = maker(table)
    upsert = statement.on_conflict_do_update(
        index_elements=[table.c.term],
        set_={"last_hour": statement.excluded.last_hour, "hours": statement.excluded.hours},
    )
    rows = [
        {"term": t, "last_hour": clusterer.streak[t][0], "hours": clusterer.streak[t][1]}
        for t in changed
    ]
    session.execute(upsert, rows)
