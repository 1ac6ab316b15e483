"""The clusterer's recurring-word runs in the workflow store: saved per batch, loaded at start."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from brand_events.clustering import RECURRING_GAP, Clusterer
from brand_events.event_sql import UPSERT_TERM_HOURS, EventSQL
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
    streak = clusterer.streak
    EventSQL(session).run(UPSERT_TERM_HOURS, [(t, *streak[t]) for t in changed])
