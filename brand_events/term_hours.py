"""The clusterer's recurring-word runs in the workflow store: saved per batch, loaded at start."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from brand_events.event_sql import UPSERT_TERM_HOURS, EventSQL
from brand_events.models import TermHours
from brand_events.term_runs import RECURRING_GAP, TermRuns


def load(session: Session, runs: TermRuns) -> int:
    """Replace the runs by every stored one; returns how many."""
    rows = session.execute(select(TermHours.term, TermHours.last_hour, TermHours.hours))
    runs.load({term: (last, hours) for term, last, hours in rows})
    return len(runs.runs)


def save(session: Session, runs: TermRuns, hour: int) -> None:
    """Write the runs changed since the last save (one upsert); drop runs broken by `hour`."""
    if runs.prune(hour):
        session.execute(delete(TermHours).where(TermHours.last_hour < hour - RECURRING_GAP))
    EventSQL(session).run(UPSERT_TERM_HOURS, runs.take_changed())
