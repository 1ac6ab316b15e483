"""Plan-matching stage: which monitoring plans (brands/products) a mention belongs to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.errors import ConfigError
from core.models import Mention
from core.pipeline.expressions import Expression, compile_expression, fold_batch


@dataclass(frozen=True)
class CompiledPlan:
    """A plan's compiled expression, exclusion words, channel and region filters, and its
    official accounts.

    With `regions` set, a mention matches only when its region is one of them; a mention
    whose region is unknown (None) does not match such a plan. A post by one of the plan's
    `own_accounts` is the plan's whatever it says (the operator's statement on its outage named
    no brand: no plan counted it).
    """

    id: str
    expression: Expression
    exclude: tuple[str, ...]
    channels: frozenset[str]
    regions: frozenset[str] = frozenset()
    own_accounts: frozenset[str] = frozenset()


class PlanMatcher:
    """Tags each mention with the ids of the plans whose expression it satisfies."""

    def __init__(self, plans: Sequence[CompiledPlan]) -> None:
        self.plans = list(plans)

    @classmethod
    def from_config(cls, plans: Sequence[object]) -> PlanMatcher:
        """Compile `plans:` from yuqing.yaml; a bad expression names the plan and position."""
        compiled = []
        for index, plan in enumerate(plans):
            try:
                expression = compile_expression(plan.expression)  # type: ignore[attr-defined]
            except ConfigError as exc:
                raise ConfigError(f"plans[{index}].expression ({plan.id}): {exc}") from None  # type: ignore[attr-defined]
            compiled.append(
                CompiledPlan(
                    id=plan.id,  # type: ignore[attr-defined]
                    expression=expression,
                    exclude=tuple(w.lower() for w in plan.exclude),  # type: ignore[attr-defined]
                    channels=frozenset(str(c) for c in plan.channels),  # type: ignore[attr-defined]
                    regions=frozenset(plan.regions),  # type: ignore[attr-defined]
                    own_accounts=frozenset(plan.own_accounts),  # type: ignore[attr-defined]
                )
            )
        return cls(compiled)

    def match(self, mention: Mention) -> list[str]:
        """Ids of the plans this mention belongs to (keeps plans already assigned upstream)."""
        return self.match_batch([mention])[0]

    def match_batch(self, mentions: Sequence[Mention]) -> list[list[str]]:
        """match() of each mention, the texts folded for the batch at once."""
        texts = [mention.full_text for mention in mentions]
        folded = fold_batch(texts) if self.plans else texts
        return [
            self._match(mention, text, fold)
            for mention, text, fold in zip(mentions, texts, folded, strict=True)
        ]

    def allowed(self, mention: Mention, plan_ids: Sequence[str]) -> list[str]:
        """Those of the plans whose channel and region filters the mention passes."""
        passing = {plan.id for plan in self.plans if _passes(plan, mention)}
        return [plan_id for plan_id in plan_ids if plan_id in passing]

    def _match(self, mention: Mention, text: str, folded: str) -> list[str]:
        lowered = None
        found = list(mention.plans)
        for plan in self.plans:
            if plan.id in found:
                continue
            if not _passes(plan, mention):
                continue
            if mention.author.name and mention.author.name in plan.own_accounts:
                found.append(plan.id)
                continue
            if plan.exclude:
                lowered = text.lower() if lowered is None else lowered
                if any(word in lowered for word in plan.exclude):
                    continue
            if plan.expression.matches_folded(folded):
                found.append(plan.id)
        return found


def _passes(plan: CompiledPlan, mention: Mention) -> bool:
    """The mention's channel and region are among the plan's (when it names any)."""
    if plan.channels and str(mention.channel) not in plan.channels:
        return False
    return not plan.regions or mention.region in plan.regions
