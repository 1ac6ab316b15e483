"""Rule types (registered by name) and the built-in default rule files in `defaults/`."""

from alerting.rules import flatline, frequency, negative_ratio, new_term, spike, urgent
from alerting.rules.base import RULE_TYPES, Finding, Rule, RuleContext, RuleFilter, RuleSpec

__all__ = [
    "RULE_TYPES",
    "Finding",
    "Rule",
    "RuleContext",
    "RuleFilter",
    "RuleSpec",
    "flatline",
    "frequency",
    "negative_ratio",
    "new_term",
    "spike",
    "urgent",
]
