"""Alert rules by their Chinese titles: users read 「高危舆情」, not urgent-mention.

The command line reads them here; the dashboard (dashboard.rule_names) caches them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from alerting.config import ALERTING
from alerting.loader import collect_rules
from alerting.rules import RULES
from core.errors import ConfigError

if TYPE_CHECKING:
    from core.context import Context


def rule_titles(ctx: Context) -> dict[str, str]:
    """Rule name → its title in the rule file (or its type's Chinese name when it has none).

    A bad rule file leaves out only its own rule (`yuqing check` names the error); callers
    then show that alert's rule type in Chinese instead."""
    config_dir = ctx.config_path.parent if ctx.config_path else None
    try:
        rules, _ = collect_rules(ALERTING.of(ctx.config), config_dir)
    except ConfigError:
        return {}
    return {rule.name: rule.spec.title or rule.type_label_zh for rule in rules}


def type_zh(rule_type: str) -> str:
    """The Chinese name of a rule type (高危单条); 自定义规则 for a type this build lacks."""
    return RULES.get(rule_type).type_label_zh if rule_type in RULES else "自定义规则"


def rule_zh(rule: str, rule_type: str, titles: Mapping[str, str]) -> str:
    """What users call the rule of an alert: its title, else its type's Chinese name."""
    return titles.get(rule) or type_zh(rule_type)
