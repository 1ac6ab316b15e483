"""The clusterer's recurring-word runs in the workflow store: saved per batch, loaded at start."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from brand_events.clustering import RECURRING_GAP, Clusterer
from brand_events.models import TermHours

CHUNK = 500


def load(session: Session, clusterer: Clusterer) -> int:
    """Give the clusterer every stored run; returns how many."""
    rows = session.execute(select(TermHours.term, TermHours.last_hour, TermHours.hours))
    clusterer.streak = {term: (last, hours) for term, last, hours in rows}
    clusterer.streak_changed = set()
    return len(clusterer.streak)


def save(session: Session, clusterer: Clusterer, hour: int) -> None:
    """Write the runs changed since the last save; drop runs broken by `hour` (here and there)."""
    clusterer.prune_streaks(hour)
    session.execute(delete(TermHours).where(TermHours.last_hour < hour - RECURRING_GAP))
    changed = sorted(clusterer.streak_changed)
    for start in range(0, len(changed), CHUNK):
        terms = changed[start : start + CHUNK]
        session.execute(delete(TermHours).where(TermHours.term.in_(terms)))
        rows = [
            {"term": t, "last_hour": clusterer.streak[t][0], "hours": clusterer.streak[t][1]}
            for t in terms
        ]
        session.execute(insert(cast(Table, TermHours.__table__)), rows)
    clusterer.streak_changed = set()
