"""Alert rules by their Chinese titles: users read 「高危舆情」, not urgent-mention."""

from __future__ import annotations

import streamlit as st

from alerting.config import ALERTING
from alerting.loader import load_rules
from alerting.rules import RULES
from core.errors import ConfigError
from dashboard.data import get_context


@st.cache_data(ttl=300, show_spinner=False)
def rule_titles() -> dict[str, str]:
    """Rule name → its title in the rule file (or its type's Chinese name when it has none).

    Empty when the rule files do not load: `yuqing check` names the error; the pages then
    show each alert's rule type in Chinese instead."""
    ctx = get_context()
    config_dir = ctx.config_path.parent if ctx.config_path else None
    try:
        rules = load_rules(ALERTING.of(ctx.config), config_dir)
    except ConfigError:
        return {}
    return {rule.name: rule.spec.title or rule.type_label_zh for rule in rules}


def type_zh(rule_type: str) -> str:
    """The Chinese name of a rule type (高危单条); 自定义规则 for a type this build lacks."""
    return RULES.get(rule_type).type_label_zh if rule_type in RULES else "自定义规则"


def rule_zh(rule: str, rule_type: str) -> str:
    """What users call the rule of an alert: its title, else its type's Chinese name."""
    return rule_titles().get(rule) or type_zh(rule_type)
