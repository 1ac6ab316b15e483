"""官方账号: how people react to the brand's own accounts (mentions naming them, spikes)."""

from __future__ import annotations

from datetime import datetime, timedelta

import streamlit as st

from alerting import service as alert_service
from alerting.enums import AlertStatus
from core.enums import SentimentLabel
from core.escaping import streamlit_text
from core.index.protocol import SearchQuery
from dashboard.data import get_context, own_accounts, rounded
from dashboard.headline import count
from dashboard.rule_names import type_zh

OWN_RULE_TYPE = "own_post_reaction"


def own_accounts_block(moment: datetime) -> None:
    """One line per own account: mentions naming it in the last day (negative share), spikes."""
    names = sorted(own_accounts().names())
    if not names:
        return
    ctx = get_context()
    with ctx.sessions() as session:
        spikes = [
            a
            for a in alert_service.get_all(
                session, status=[AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED]
            )
            if a.rule_type == OWN_RULE_TYPE
        ]
    st.subheader("官方账号", anchor=False)
    cols = st.columns(len(names) + 1)
    for column, name in zip(cols, names, strict=False):
        query = SearchQuery(text=name, since=rounded(moment) - timedelta(days=1))
        total = count(query)
        negative = count(
            SearchQuery(text=name, since=query.since, sentiments=[SentimentLabel.NEGATIVE])
        )
        column.metric(
            f"提及 @{name}（24 小时）",
            f"{total:,}",
            help="正文点名该官方账号的提及（回复、@、转发评论），负面占比高说明回应口径引发反感",
        )
        if total:  # a share, not a change: a metric delta would draw an arrow
            column.caption(f"其中负面 {negative / total:.0%}")
    cols[-1].metric(
        "官方发文互动激增",
        len(spikes),
        help=f"「{type_zh(OWN_RULE_TYPE)}」类预警中尚未关闭的条数（官方账号发文后互动骤增时触发）",
    )
    for alert in spikes[:3]:
        shown = streamlit_text(f"{alert.title} — {alert.summary}", one_line=True)
        st.warning(shown, icon=":material/campaign:")
