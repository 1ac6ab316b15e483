"""Rule types (registered by name) and the built-in default rule files in `defaults/`."""

from alerting.rules import (
    event_growth,
    flatline,
    frequency,
    negative_ratio,
    new_term,
    own_post,
    spike,
    urgent,
)
from alerting.rules.base import (
    RULES,
    Finding,
    Rule,
    RuleContext,
    RuleFilter,
    RuleSpec,
    describe,
    kind_of,
)

__all__ = [
    "RULES",
    "Finding",
    "Rule",
    "RuleContext",
    "RuleFilter",
    "RuleSpec",
    "describe",
    "event_growth",
    "flatline",
    "frequency",
    "kind_of",
    "negative_ratio",
    "new_term",
    "own_post",
    "spike",
    "urgent",
]
