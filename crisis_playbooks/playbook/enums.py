"""Kinds of message templates a playbook step can carry."""

from __future__ import annotations

from enum import StrEnum


class TemplateKind(StrEnum):
    """Outgoing or internal messages; each is double-checked before sending (加倍留意)."""

    INTERNAL_NOTICE = "internal_notice"
    HOLDING_STATEMENT = "holding_statement"
    PRIVATE_MESSAGE = "private_message"
    APOLOGY = "apology"
    PUBLIC_EXPLANATION = "public_explanation"
    PRESS_CONFERENCE = "press_conference"
    FOLLOW_UP = "follow_up"

    @property
    def label_zh(self) -> str:
        """Chinese label for the UI."""
        return TEMPLATE_LABELS_ZH[self]


TEMPLATE_LABELS_ZH: dict[TemplateKind, str] = {
    TemplateKind.INTERNAL_NOTICE: "内部通报",
    TemplateKind.HOLDING_STATEMENT: "同渠道首次回应(占位声明)",
    TemplateKind.PRIVATE_MESSAGE: "私信当事人",
    TemplateKind.APOLOGY: "致歉声明",
    TemplateKind.PUBLIC_EXPLANATION: "公开说明",
    TemplateKind.PRESS_CONFERENCE: "新闻发布会清单",
    TemplateKind.FOLLOW_UP: "回访话术",
}

PRESS_CONFERENCE_SECTIONS = ("准备", "程序", "注意事项", "效果评估")
