"""The 预案 picker of 案件详情: choose a playbook (the case's proposal preselected) and start it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from crisis_playbooks.cases.models import Case


def playbook_picker(
    case: Case,
    available: list[str],
    library: dict[str, Any],
    *,
    start: Callable[[str], None],
    view_only: bool,
) -> None:
    """The playbook choice and its start button; `start` runs with the chosen playbook's id."""
    first = available.index(case.proposed_playbook) if case.proposed_playbook in available else 0
    pick = st.selectbox(
        "预案",
        available,
        index=first,
        format_func=lambda p: library[p].name,
        disabled=view_only,
        placeholder="请选择",
    )
    label = "启动建议预案" if pick == case.proposed_playbook else "启动预案"
    if st.button(label, key="start-playbook", icon=":material/play_arrow:", disabled=view_only):
        start(pick)
