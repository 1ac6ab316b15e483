"""Take corrections back (`yuqing label undo`): the field returns to the model's decision in the
index at once, audited, and the adaptation no longer trains on it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from core.enums import Category
from core.index.protocol import MentionIndex
from core.models import Complaint, Mention, corrected_value
from core.pipeline.classifier import Classifier
from sentiment.corrections.enums import CorrectedField
from sentiment.corrections.models import LabelCorrection
from sentiment.corrections.service import OTHER, checked_actor, find_mention, store


@dataclass(frozen=True)
class Undone:
    """What one undo did: per field taken back, (the corrected value, the model's value now);
    and the fields asked for that had no correction."""

    mention: Mention
    fields: dict[CorrectedField, tuple[str | None, str | None]] = field(default_factory=dict)
    not_corrected: list[CorrectedField] = field(default_factory=list)


def undo(
    session: Session,
    index: MentionIndex,
    classifier: Classifier,
    mention_id: str,
    fields: Sequence[CorrectedField] = (),
    *,
    actor: str,
    now: datetime,
) -> Undone:
    """Take back the corrections of `fields` (every corrected field when none is given): the
    classifier decides them again, the other corrections stay, one audit row per field."""
    actor = checked_actor(actor)
    mention = find_mention(index, mention_id)
    asked = list(dict.fromkeys(fields)) or [
        f for f in CorrectedField if f.value in mention.corrected
    ]
    taken = [f for f in asked if f.value in mention.corrected]
    missing = [f for f in asked if f.value not in mention.corrected]
    if not taken:
        return Undone(mention, {}, missing)
    remaining = {k: v for k, v in mention.corrected.items() if k not in {f.value for f in taken}}
    restored = model_decision(mention, classifier, taken, remaining)
    done: dict[CorrectedField, tuple[str | None, str | None]] = {}
    for name in taken:
        before, after = corrected_value(mention, name.value), corrected_value(restored, name.value)
        done[name] = (before, after)
        session.add(
            LabelCorrection(
                mention_id=mention.id,
                field=name.value,
                before=before,
                after=after or "",
                actor=actor,
                at=now,
                text=mention.full_text,
                channel=mention.channel,
                undo=True,
            )
        )
    store(session, index, restored)
    return Undone(restored, done, missing)


def model_decision(
    mention: Mention,
    classifier: Classifier,
    fields: Sequence[CorrectedField],
    remaining: dict[str, str],
) -> Mention:
    """The mention with `fields` as the classifier decides them now and the `remaining`
    corrections kept, the complaint flag and the category consistent as `correct` keeps them."""
    fresh = classifier.classify([mention.model_copy(update={"corrected": {}})])[0]
    update: dict[str, object] = {name.value: getattr(fresh, name.value) for name in fields}
    restored = mention.model_copy(update={**update, "corrected": remaining}).with_corrections()
    if remaining.get("complaint") == "false" and CorrectedField.CATEGORY in fields:
        return restored.model_copy(update={"category": Category.OTHER})
    staff_category = remaining.get("category") not in (None, OTHER)
    flagged = restored.complaint is not None and restored.complaint.flag
    if staff_category and CorrectedField.COMPLAINT in fields and not flagged:
        probability = restored.complaint.probability if restored.complaint else 1.0
        return restored.model_copy(
            update={"complaint": Complaint(flag=True, probability=probability)}
        )
    return restored
