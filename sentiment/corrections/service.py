"""Record corrections, apply them to the indexed mention at once, read them back for training."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core.enums import CATEGORY_CHOICE, SENTIMENT_CHOICE, SEVERITY_CHOICE, Channel
from core.errors import YuqingError
from core.index.protocol import MentionIndex
from core.models import Mention, corrected_value
from sentiment.corrections.enums import FIELD_LABELS_ZH, CorrectedField
from sentiment.corrections.models import LabelCorrection

_YES = {"true", "yes", "1", "是", "投诉"}
_NO = {"false", "no", "0", "否", "非投诉", "不是"}


class CorrectionError(YuqingError):
    """A correction names an unknown mention or a value the field does not take."""


def parse_value(field: CorrectedField, raw: str) -> str:
    """The canonical stored value for a field ('negative', 'true', 'product_quality', 'high')."""
    text = raw.strip().lower()
    allowed: list[str]
    if field is CorrectedField.COMPLAINT:
        if text in _YES:
            return "true"
        if text in _NO:
            return "false"
        allowed = ["是", "否"]
    else:
        choice = {
            CorrectedField.SENTIMENT: SENTIMENT_CHOICE,
            CorrectedField.CATEGORY: CATEGORY_CHOICE,
            CorrectedField.URGENCY: SEVERITY_CHOICE,
        }[field]
        code = choice.get(raw)  # the code, or the Chinese name the tables show
        if code is not None:
            return str(code)
        allowed = [choice.choices_zh()]
    raise CorrectionError(f"{FIELD_LABELS_ZH[field]}不能设为 {raw!r}；可选值：{'、'.join(allowed)}")


def correct(
    session: Session,
    index: MentionIndex,
    mention_id: str,
    changes: Mapping[CorrectedField, str],
    *,
    actor: str,
    now: datetime,
) -> Mention:
    """Set the given fields on one mention, in the index at once, with one audit row per field.

    A field already corrected to the same value is left alone (no second audit row, nothing
    new to train on). Setting the classifier's own value is kept: a person confirmed it, and
    the adaptation learns from confirmations as from changes."""
    mention = index.get(mention_id)
    if mention is None:
        raise CorrectionError(f"找不到提及 {mention_id}（用 yuqing search 查到的 id）")
    if not changes:
        raise CorrectionError("没有要校正的字段：至少给出情感、是否投诉、类别或紧急程度之一")
    values = {
        field: value
        for field, value in ((f, parse_value(f, raw)) for f, raw in changes.items())
        if mention.corrected.get(field.value) != value
    }
    if not values:
        return mention
    for field, value in values.items():
        session.add(
            LabelCorrection(
                mention_id=mention.id,
                field=field.value,
                before=corrected_value(mention, field.value),
                after=value,
                actor=actor,
                at=now,
                text=mention.full_text,
                channel=mention.channel,
            )
        )
    merged = {**mention.corrected, **{f.value: v for f, v in values.items()}}
    updated = mention.model_copy(update={"corrected": merged}).with_corrections()
    result = index.upsert_many([updated])
    if result.errors:
        raise CorrectionError(f"写入索引失败：{'; '.join(result.errors.values())}")
    index.refresh()
    session.commit()
    return updated


def history(session: Session, mention_id: str | None = None) -> Sequence[LabelCorrection]:
    """Corrections, newest first; of one mention when given."""
    statement = select(LabelCorrection).order_by(LabelCorrection.at.desc(), LabelCorrection.id)
    if mention_id:
        statement = statement.where(LabelCorrection.mention_id == mention_id)
    return list(session.scalars(statement))


# Channel of a correction stored before channels were kept whose mention had left the index when
# it was looked up: trained on the text alone, and not looked up again.
CHANNEL_UNKNOWN = ""


@dataclass(frozen=True)
class ChannelFill:
    """What fill_channels did: mentions whose corrections got their channel, and mentions no
    longer in the index (their corrections train on the text alone)."""

    filled: int = 0
    gone: int = 0

    def message_zh(self) -> str:
        """One line for the CLI and the log; empty when there was nothing to fill."""
        if not self.filled and not self.gone:
            return ""
        line = f"为 {self.filled} 条提及的旧校正补上了渠道（此前未记录）"
        if self.gone:
            line += f"；{self.gone} 条提及已不在索引中，其校正按文本训练"
        return line


def fill_channels(session: Session, index: MentionIndex) -> ChannelFill:
    """Give corrections stored before their channel was kept the channel of their mention in
    the index, so a complaint-platform post is trained as `classify` decides it. Each mention
    is looked up once: rows whose mention is gone get CHANNEL_UNKNOWN."""
    statement = select(LabelCorrection.mention_id).where(LabelCorrection.channel.is_(None))
    wanted = sorted(set(session.scalars(statement)))
    fill = ChannelFill()
    for mention_id in wanted:
        mention = index.get(mention_id)
        channel = CHANNEL_UNKNOWN if mention is None else str(mention.channel)
        session.execute(
            update(LabelCorrection)
            .where(LabelCorrection.mention_id == mention_id, LabelCorrection.channel.is_(None))
            .values(channel=channel)
        )
        fill = ChannelFill(fill.filled + (mention is not None), fill.gone + (mention is None))
    if wanted:
        session.commit()
    return fill


@dataclass(frozen=True)
class LabelledText:
    """The latest human label of one field of one text (for training)."""

    mention_id: str
    text: str
    field: CorrectedField
    value: str
    filed: bool = False  # posted on a complaint platform (decided with its complaint floor)


def training_labels(session: Session, field: CorrectedField) -> list[LabelledText]:
    """The latest correction of `field` per mention, oldest first."""
    latest: dict[str, LabelCorrection] = {}
    statement = (
        select(LabelCorrection)
        .where(LabelCorrection.field == field.value)
        .order_by(LabelCorrection.at, LabelCorrection.id)
    )
    for row in session.scalars(statement):
        latest[row.mention_id] = row
    return [
        LabelledText(r.mention_id, r.text, field, r.after, r.channel == Channel.COMPLAINT_PLATFORM)
        for r in latest.values()
    ]
