"""Start-up checks of `cases:`: broken playbook files and notifier names that do not exist."""

from __future__ import annotations

from typing import TYPE_CHECKING

from alerting.config import ALERTING
from crisis_playbooks.config import CASES
from crisis_playbooks.errors import PlaybookError

if TYPE_CHECKING:
    from core.context import Context


def problems(ctx: Context) -> list[str]:
    """What is wrong with the playbook library and the case notification targets."""
    from crisis_playbooks.runtime import library

    found: list[str] = []
    try:
        library(ctx)
    except PlaybookError as exc:
        found += [f"预案文件有误（cases.playbooks_dir）：{line}" for line in str(exc).splitlines()]
    config = CASES.of(ctx.config)
    defined = {n.name for n in ALERTING.of(ctx.config).notifiers}
    references = [("cases.notify_targets", name) for name in config.notify_targets or []]
    references += [("cases.escalation_targets", name) for name in config.escalation_targets]
    references += [
        (f"cases.owner_targets[{owner}]", name)
        for owner, names in config.owner_targets.items()
        for name in names
    ]
    found += [
        f"{key}: 未定义的通知渠道 {name!r}；已定义：{'、'.join(sorted(defined)) or '（无）'}"
        for key, name in references
        if name not in defined
    ]
    return found
