"""Monitoring-plan keyword expressions (interim: OR of AND groups; issue #4 brings the full language).

Contract used by the pipeline: compile_expression(text) -> Expression with .matches(text).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import ConfigError


class ExpressionSyntaxError(ConfigError):
    """An expression could not be parsed; `position` is the 0-based character offset."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(f"{message} (at position {position})")
        self.position = position


@dataclass(frozen=True)
class Expression:
    """A compiled expression: any group whose words all occur matches."""

    source: str
    groups: tuple[tuple[str, ...], ...]

    def matches(self, text: str) -> bool:
        """True when the text satisfies the expression (case-insensitive)."""
        lowered = text.lower()
        return any(all(word in lowered for word in group) for group in self.groups)


def compile_expression(source: str) -> Expression:
    """Parse 'a+b|c' into OR-of-AND groups."""
    if not source.strip():
        raise ExpressionSyntaxError("empty expression", 0)
    groups = []
    for alternative in source.split("|"):
        words = tuple(w.strip().lower() for w in alternative.split("+") if w.strip())
        if not words:
            raise ExpressionSyntaxError("empty alternative", source.find("|"))
        groups.append(words)
    return Expression(source=source, groups=tuple(groups))
