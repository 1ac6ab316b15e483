"""Alert rules by their Chinese titles (alerting.rule_names), cached for the pages."""

from __future__ import annotations

import streamlit as st

from alerting import rule_names
from alerting.rule_names import type_zh
from dashboard.data import get_context

__all__ = ["rule_titles", "rule_zh", "type_zh"]


@st.cache_data(ttl=300, show_spinner=False)
def rule_titles() -> dict[str, str]:
    """Rule name → its title (or its type's Chinese name); empty when the rule files fail."""
    return rule_names.rule_titles(get_context())


def rule_zh(rule: str, rule_type: str) -> str:
    """What users call the rule of an alert: its title, else its type's Chinese name."""
    return rule_names.rule_zh(rule, rule_type, rule_titles())
