"""Fill playbook templates with a case's values."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from core.enums import CATEGORY_LABELS_ZH, CHANNEL_LABELS_ZH, Category, Channel, Severity
from crisis_playbooks.cases.models import Case
from crisis_playbooks.playbook.definition import PLACEHOLDERS


def _channel_zh(value: str | None) -> str | None:
    if value is not None and value in Channel._value2member_map_:
        return CHANNEL_LABELS_ZH[Channel(value)]
    return value


def _category_zh(value: str | None) -> str | None:
    if value is not None and value in Category._value2member_map_:
        return CATEGORY_LABELS_ZH[Category(value)]
    return value


def case_values(case: Case, tz: ZoneInfo, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Every placeholder's value for this case; unknown values read 〔待补充: …〕 for a human."""
    first = case.mentions[0] if case.mentions else None
    known: dict[str, str | None] = {
        "brand": case.brand or None,
        "channel": _channel_zh(case.channel),
        "summary": case.summary or None,
        "title": case.title,
        "case_id": f"#{case.id}",
        "owner": case.owner,
        "severity": Severity(case.severity).label_zh,
        "category": _category_zh(case.category),
        "opened_at": case.opened_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
        "complainant": first.author if first else None,
        "link": first.url if first else None,
    }
    known.update(extra or {})
    return {k: known.get(k) or unfilled(k) for k in PLACEHOLDERS}


def render(template: str, values: dict[str, str]) -> str:
    """The template with placeholders filled (validated playbooks use known names only)."""
    return template.format_map(values)


def unfilled(name: str) -> str:
    """What an unknown placeholder reads in a rendered template (〔待补充：负责人〕)."""
    return f"〔待补充：{PLACEHOLDERS[name]}〕"


def fill_later(text: str, name: str, value: str) -> str:
    """A rendered text with the still-unknown placeholder `name` filled in now."""
    return text.replace(unfilled(name), value)
