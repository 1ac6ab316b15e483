"""The open-steps confirmation of 案件详情: setting a case with open checklist steps to
已解决/已关闭 asks for a confirmation (the open steps are then skipped with the typed reason)."""

from __future__ import annotations

from collections.abc import Sequence

from streamlit.delta_generator import DeltaGenerator

from core.escaping import streamlit_text
from crisis_playbooks.cases.enums import CaseStatus
from crisis_playbooks.tasks.enums import TaskStatus
from crisis_playbooks.tasks.models import CaseTask


def confirm_open_steps(
    slot: DeltaGenerator,
    steps: Sequence[CaseTask],
    target: CaseStatus | None,
    *,
    view_only: bool,
) -> bool:
    """Warn in `slot` when the target status closes the case over open steps and offer the
    confirmation; whether the person confirmed (False when nothing needs confirming)."""
    open_steps = [t for t in steps if t.status == TaskStatus.OPEN]
    if not open_steps or target is None or target.is_open:
        return False
    open_names = "、".join(f"「{streamlit_text(t.title)}」" for t in open_steps)
    slot.warning(
        f"检查清单还有 {len(open_steps)} 个步骤未完成：{open_names}。请逐一完成或跳过；"
        f"确需现在设为{target.label_zh}，请勾选下方确认并在「说明」中写明原因。"
    )
    return slot.checkbox(
        "确认强制变更：未完成的步骤按「说明」中的原因标为跳过",
        key="force-status",
        disabled=view_only,
    )
