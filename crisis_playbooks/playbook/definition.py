"""The playbook YAML schema: when a playbook applies and its ordered steps."""

from __future__ import annotations

import string
from datetime import timedelta

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from core.enums import Category, Severity
from core.timeutil import Duration
from crisis_playbooks.playbook.enums import PRESS_CONFERENCE_SECTIONS, TemplateKind
from crisis_playbooks.tasks.enums import OwnerRole

PLACEHOLDERS: dict[str, str] = {
    "brand": "品牌",
    "channel": "渠道",
    "summary": "事件摘要",
    "title": "案件标题",
    "case_id": "案件编号",
    "owner": "负责人",
    "severity": "严重程度",
    "category": "投诉类别",
    "opened_at": "立案时间",
    "complainant": "当事人",
    "link": "原帖链接",
}


def placeholders_in(text: str) -> set[str]:
    """The {names} a template uses; raises ValueError on broken braces."""
    names = set()
    for _literal, name, _spec, _conv in string.Formatter().parse(text):
        if name is not None:
            names.add(name)
    return names


def _check_placeholders(text: str) -> str:
    try:
        names = placeholders_in(text)
    except ValueError as exc:
        raise ValueError(f"模板中的花括号不成对：{exc}（字面的花括号写成 {{{{ }}}}）") from None
    unknown = sorted(n for n in names if n not in PLACEHOLDERS)
    if unknown:
        raise ValueError(
            f"未知的占位符 {'、'.join('{' + n + '}' for n in unknown)}；"
            f"可用：{'、'.join('{' + n + '}' for n in PLACEHOLDERS)}"
        )
    return text


class AppliesTo(BaseModel):
    """When the playbook is proposed: alert rule types, complaint categories, minimum severity."""

    model_config = ConfigDict(extra="forbid")

    rule_types: list[str] = Field(default_factory=list)
    categories: list[Category] = Field(default_factory=list)
    min_severity: Severity = Severity.LOW
    keywords: list[str] = Field(default_factory=list)

    @field_validator("rule_types")
    @classmethod
    def _known_rule_types(cls, value: list[str]) -> list[str]:
        from alerting.rules import RULES  # the registered alert rule types

        unknown = [kind for kind in value if kind not in RULES]
        if unknown:
            known = "、".join(f"{k}（{RULES.get(k).type_label_zh}）" for k in sorted(RULES))
            raise ValueError(f"未知的预警规则类型 {'、'.join(unknown)}；可用：{known}")
        return value


class Step(BaseModel):
    """One ordered step: owner role, deadline relative to case open, instructions, templates."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str = Field(min_length=1)
    owner: OwnerRole
    due: Duration
    instructions: str = ""
    checklist: list[str] = Field(default_factory=list)
    templates: dict[TemplateKind, str] = Field(default_factory=dict)

    @field_validator("instructions")
    @classmethod
    def _instruction_placeholders(cls, value: str) -> str:
        return _check_placeholders(value)

    @field_validator("templates")
    @classmethod
    def _template_placeholders(cls, value: dict[TemplateKind, str]) -> dict[TemplateKind, str]:
        for kind, text in value.items():
            try:
                _check_placeholders(text)
            except ValueError as exc:
                raise ValueError(f"templates.{kind.value}：{exc}") from None
        press = value.get(TemplateKind.PRESS_CONFERENCE)
        if press is not None:
            missing = [s for s in PRESS_CONFERENCE_SECTIONS if s not in press]
            if missing:
                raise ValueError(f"templates.press_conference：缺少段落 {missing}")
        return value

    @field_validator("due")
    @classmethod
    def _positive(cls, value: timedelta) -> timedelta:
        if value <= timedelta(0):
            raise ValueError("due 必须在立案之后（例如 PT1H）")
        return value


class Playbook(BaseModel):
    """A named, ordered crisis-response procedure."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9_\-]+$")
    name: str = Field(min_length=1)
    description: str = ""
    applies_to: AppliesTo = Field(default_factory=AppliesTo)
    steps: list[Step] = Field(min_length=1)
    source: str = Field(default="", exclude=True)

    @model_validator(mode="after")
    def _unique_steps(self) -> Playbook:
        seen: set[str] = set()
        for step in self.steps:
            if step.id in seen:
                raise ValueError(f"步骤 id {step.id!r} 重复")
            seen.add(step.id)
        return self
