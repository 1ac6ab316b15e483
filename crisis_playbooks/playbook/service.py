"""Playbook library look-ups, proposals for an alert, and run data access."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.enums import Severity
from crisis_playbooks.errors import PlaybookNotFound
from crisis_playbooks.playbook.definition import Playbook
from crisis_playbooks.playbook.models import PlaybookRun

Library = Mapping[str, Playbook]


@dataclass(frozen=True)
class Situation:
    """What is known about an incident when choosing a playbook."""

    severity: Severity
    rule_type: str | None = None
    categories: frozenset[str] = frozenset()
    text: str = ""


def get(library: Library, *, playbook_id: str) -> Playbook:
    """The playbook with this id; PlaybookNotFound names the available ones."""
    playbook = library.get(playbook_id)
    if playbook is None:
        known = ", ".join(sorted(library)) or "无"
        raise PlaybookNotFound(f"没有预案 {playbook_id!r}（可用：{known}）")
    return playbook


def score(playbook: Playbook, situation: Situation) -> int:
    """How well a playbook fits (0 = does not apply); categories weigh most."""
    rule = playbook.applies_to
    if situation.severity.rank < rule.min_severity.rank:
        return 0
    category_hit = bool({c.value for c in rule.categories} & situation.categories)
    keyword_hits = sum(1 for word in rule.keywords if word in situation.text)
    if not category_hit and not keyword_hits:
        return 0
    rule_hit = not rule.rule_types or situation.rule_type in rule.rule_types
    return 4 * category_hit + min(keyword_hits, 3) + int(rule_hit)


def propose(library: Library, *, situation: Situation) -> list[Playbook]:
    """Applicable playbooks, best first."""
    scored = [(score(p, situation), p.id, p) for p in library.values()]
    return [p for s, _id, p in sorted(scored, key=lambda t: (-t[0], t[1])) if s > 0]


def get_runs(session: Session, *, case_id: int) -> list[PlaybookRun]:
    """Playbook runs of a case, oldest first."""
    query = select(PlaybookRun).where(PlaybookRun.case_id == case_id).order_by(PlaybookRun.id)
    return list(session.scalars(query))


def categories_of(values: Iterable[object]) -> frozenset[str]:
    """Category values from mentions' categories (None skipped)."""
    return frozenset(str(getattr(v, "value", v)) for v in values if v is not None)
