"""The case domain's CLI: `playbook_app` (yuqing playbook …) and `case_app` (yuqing case …)."""

from __future__ import annotations

from crisis_playbooks.commands.case import case_app
from crisis_playbooks.commands.playbook import playbook_app

__all__ = ["case_app", "playbook_app"]
