"""Start-up checks of the `reports:` section (`yuqing check`, `yuqing run`): a brief that would
reach nobody is refused with the notifier names there are."""

from __future__ import annotations

from typing import TYPE_CHECKING

from alerting.config import ALERTING
from core.validation import close_match
from reports.config import REPORTS

if TYPE_CHECKING:
    from core.context import Context


def problems(ctx: Context) -> list[str]:
    """Every name in reports.notifiers must be one of alerting.notifiers."""
    names = [n.name for n in ALERTING.of(ctx.config).notifiers]
    found = []
    for number, name in enumerate(REPORTS.of(ctx.config).notifiers):
        if name in names:
            continue
        guess = close_match(name, names)
        hint = f"是不是 {guess}？" if guess else ""
        found.append(
            f"reports.notifiers[{number}]：未定义的通知渠道 {name!r}；{hint}"
            f"已定义（alerting.notifiers）：{'、'.join(names) or '（无）'}"
        )
    return found
