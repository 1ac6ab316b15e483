"""Record corrections, apply them to the indexed mention at once, read them back for training."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core.enums import Category, Channel
from core.errors import YuqingError
from core.index.protocol import MentionIndex, SearchQuery
from core.masking import mask_personal_data
from core.models import Mention, corrected_value
from core.text_cut import shorten
from sentiment.corrections.enums import FIELD_LABELS_ZH, VALUE_CHOICES, CorrectedField
from sentiment.corrections.models import LabelCorrection

SHOWN_CANDIDATES = 5  # ids listed when a shortened id fits several mentions
OTHER = Category.OTHER.value


class CorrectionError(YuqingError):
    """A correction names an unknown mention, a value the field does not take, no actor, or
    labels that contradict each other."""


class AmbiguousMention(CorrectionError):
    """A shortened id that several mentions start with."""


def parse_value(field: CorrectedField, raw: str) -> str:
    """The canonical stored value for a field ('negative', 'true', 'product_quality', 'high')."""
    choice = VALUE_CHOICES[field]
    code = choice.get(raw)  # the code, or the Chinese name the tables show
    if code is not None:
        return str(code)
    hint = choice.suggestion(raw)
    meant = f"；是否想用 {hint}？" if hint else ""
    raise CorrectionError(
        f"{FIELD_LABELS_ZH[field]}不能设为 {raw!r}；可选值：{choice.choices_zh()}{meant}"
    )


def checked_actor(actor: str) -> str:
    """The actor without surrounding spaces; refused when empty (an audit row names a person)."""
    if not actor.strip():
        raise CorrectionError(
            "操作人不能为空：用 --actor 写上操作人姓名（不写 --actor 则记为当前系统用户）"
        )
    return actor.strip()


def find_mention(index: MentionIndex, mention_id: str) -> Mention:
    """The mention with this id, or the only one whose id starts with it (as `events show`
    takes a shortened id); refused when none or several match (those are listed)."""
    wanted = mention_id.strip()
    mention = index.get(wanted) if wanted else None
    if mention is not None:
        return mention
    found: list[Mention] = []
    if wanted:
        query = SearchQuery(id_prefix=wanted, limit=SHOWN_CANDIDATES + 1)
        found = index.search(query).mentions
    if len(found) == 1:
        return found[0]
    if not found:
        raise CorrectionError(
            f"找不到提及 {mention_id}（用 yuqing search 查到的 id，或其开头几位）"
        )
    listed = "；".join(f"{m.id}（{opening(m.full_text)}）" for m in found[:SHOWN_CANDIDATES])
    more = "等" if len(found) > SHOWN_CANDIDATES else ""
    raise AmbiguousMention(f"以 {mention_id} 开头的提及不止一条：{listed}{more}；请多写几位 id")


def opening(text: str, width: int = 20) -> str:
    """The start of a post's text on one line, personal data hidden: what a list shows."""
    line = " ".join(mask_personal_data(text).split())
    return shorten(line, width)


def keep_complaint_rule(
    mention: Mention, values: dict[CorrectedField, str]
) -> dict[CorrectedField, str]:
    """The values with the classifier's rule kept: a mention that is no complaint has category
    `other`, and a category other than `other` means a complaint. Setting 不是投诉 on a mention
    with a complaint category also sets 其他; setting a complaint category on one marked not a
    complaint also marks it one. Both given against the rule are refused."""
    complaint = values.get(CorrectedField.COMPLAINT)
    category = values.get(CorrectedField.CATEGORY)
    if complaint == "false" and category not in (None, OTHER):
        raise CorrectionError(
            "不是投诉的提及类别只能是 其他（模型也把非投诉归为 其他）："
            "不改类别（随之设为 其他）或把类别设为 其他，或把是否投诉设为 是"
        )
    now_category = corrected_value(mention, CorrectedField.CATEGORY.value)
    if complaint == "false" and category is None and now_category not in (None, OTHER):
        return {**values, CorrectedField.CATEGORY: OTHER}
    now_complaint = corrected_value(mention, CorrectedField.COMPLAINT.value)
    if category not in (None, OTHER) and complaint is None and now_complaint == "false":
        return {**values, CorrectedField.COMPLAINT: "true"}
    return values


def followed(
    before: Mention, after: Mention, given: Iterable[CorrectedField]
) -> list[CorrectedField]:
    """The fields a correction changed without being given: set by keep_complaint_rule."""
    asked = set(given)
    return [
        field
        for field in CorrectedField
        if field not in asked and before.corrected.get(field) != after.corrected.get(field)
    ]


def correct(
    session: Session,
    index: MentionIndex,
    mention_id: str,
    changes: Mapping[CorrectedField, str],
    *,
    actor: str,
    now: datetime,
    keep_rule: bool = False,
) -> Mention:
    """Set the given fields on one mention, in the index at once, with one audit row per field.

    `mention_id` may be the start of an id when only one mention has it. A field already
    corrected to the same value is left alone (no second audit row, nothing new to train on).
    Setting the classifier's own value is kept: a person confirmed it, and the adaptation
    learns from confirmations as from changes (`undo` takes a correction back). With
    `keep_rule` the complaint flag and the category are kept consistent (keep_complaint_rule;
    `label set` does, and says so)."""
    actor = checked_actor(actor)
    mention = find_mention(index, mention_id)
    if not changes:
        raise CorrectionError("没有要校正的字段：至少给出情感、是否投诉、类别或紧急程度之一")
    parsed = {f: parse_value(f, raw) for f, raw in changes.items()}
    if keep_rule:
        parsed = keep_complaint_rule(mention, parsed)
    values = {
        field: value
        for field, value in parsed.items()
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
    store(session, index, updated)
    return updated


def store(session: Session, index: MentionIndex, mention: Mention) -> None:
    """Write the relabelled mention to the index, then commit the audit rows added."""
    result = index.upsert_many([mention])
    if result.errors:
        session.rollback()
        raise CorrectionError(f"写入索引失败：{'; '.join(result.errors.values())}")
    index.refresh()
    session.commit()


def history(session: Session, mention_id: str | None = None) -> Sequence[LabelCorrection]:
    """Corrections and undos, newest first; of one mention when given (or of the mentions
    whose id starts with it)."""
    statement = select(LabelCorrection).order_by(
        LabelCorrection.at.desc(), LabelCorrection.id.desc()
    )
    if mention_id:
        statement = statement.where(LabelCorrection.mention_id.startswith(mention_id.strip()))
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
    before: str | None = None  # the model's value when staff first corrected the field


def training_labels(session: Session, field: CorrectedField) -> list[LabelledText]:
    """The latest correction of `field` per mention, oldest first; a mention whose latest row
    of the field is an undo has none (it is back to the model's decision)."""
    latest: dict[str, LabelCorrection] = {}
    first: dict[str, str | None] = {}  # the model's value, before anyone corrected it
    statement = (
        select(LabelCorrection)
        .where(LabelCorrection.field == field.value)
        .order_by(LabelCorrection.at, LabelCorrection.id)
    )
    for row in session.scalars(statement):
        latest[row.mention_id] = row
        first.setdefault(row.mention_id, row.before)
    return [
        LabelledText(
            r.mention_id,
            r.text,
            field,
            r.after,
            r.channel == Channel.COMPLAINT_PLATFORM,
            first[r.mention_id],
        )
        for r in latest.values()
        if not r.undo
    ]
