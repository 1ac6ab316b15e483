"""Which mentions the at-ingest rules have judged, so none is lost to a crash or judged twice.

The pipeline stores a mention in the index before the listener saves its alert; a process
killed in between used to lose the alert (the retry is a duplicate, so no listener sees it).
A CheckedMention row is written in the same transaction as the alert change, and the sweep
runs the rule over recent candidates without one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from alerting.models import CheckedMention

KEEP_CHECKS = timedelta(days=8)  # longer than any rule's max_age
CHUNK = 500


def unchecked(session: Session, rule: str, ids: Iterable[str]) -> set[str]:
    """The ids among these that the rule has not judged yet."""
    wanted = list(dict.fromkeys(ids))
    seen: set[str] = set()
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        seen.update(
            session.scalars(
                select(CheckedMention.mention_id).where(
                    CheckedMention.rule == rule, CheckedMention.mention_id.in_(chunk)
                )
            )
        )
    return set(wanted) - seen


def mark_checked(session: Session, rule: str, ids: Iterable[str], now: datetime) -> None:
    """Record that the rule judged these mentions (the caller commits with the alerts)."""
    rows = [{"rule": rule, "mention_id": i, "checked_at": now} for i in dict.fromkeys(ids)]
    if rows:
        session.execute(insert(CheckedMention), rows)


def prune(session: Session, now: datetime) -> None:
    """Forget judgements older than any rule looks back."""
    session.execute(delete(CheckedMention).where(CheckedMention.checked_at < now - KEEP_CHECKS))
