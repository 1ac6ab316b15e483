"""所属事件：… — the link from an alert, a case or the crisis banner to its event page."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st
from sqlalchemy import select

from alerting.models import Alert
from core.escaping import streamlit_text
from dashboard.data import get_context
from dashboard.event_data import event_for_mentions
from dashboard.navigation import VIEWS

EVENT_PAGE = VIEWS / "event_detail.py"


def alert_mentions(alert_ids: Sequence[int]) -> list[str]:
    """The sample mention ids of these alerts."""
    if not alert_ids:
        return []
    with get_context().sessions() as session:
        rows = session.scalars(select(Alert.sample_mention_ids).where(Alert.id.in_(alert_ids)))
        return [i for samples in rows for i in samples or []]


def event_link(mention_ids: Sequence[str]) -> bool:
    """A 所属事件 page link for the event these mentions belong to; False when none."""
    found = event_for_mentions(mention_ids)
    if found is None:
        return False
    event_page_link(*found)
    return True


def event_page_link(event_id: str, title: str) -> None:
    """所属事件：<title>, linking to the event page."""
    st.page_link(
        EVENT_PAGE,
        label=f"所属事件：{streamlit_text(title, one_line=True)}",
        icon=":material/hub:",
        query_params={"event": event_id},
    )
