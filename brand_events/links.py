"""What other domains attach to an event (its alerts, its cases), registered by those domains.

Events sit below alerting and case work in the house: an alert names its event, so the event
cannot import alerts back. Alerting and crisis_playbooks register a finder here instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from core.registry import Registry

if TYPE_CHECKING:  # every command installs the domains: SQLAlchemy loads only with the store
    from sqlalchemy.orm import Session

Linked = list[dict[str, object]]
# (session, the event's member mention ids, what earlier finders found by key) → rows
LinkFinder = Callable[["Session", set[str], dict[str, Linked]], Linked]

EVENT_LINKS: Registry[LinkFinder] = Registry("事件关联")


def linked(session: Session, member_ids: set[str]) -> dict[str, Linked]:
    """Every finder's rows by key; keys run sorted, so "alerts" is found before "cases"."""
    found: dict[str, Linked] = {}
    for key in EVENT_LINKS.names():
        found[key] = EVENT_LINKS.get(key)(session, member_ids, found)
    return found
