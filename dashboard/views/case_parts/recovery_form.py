"""The 服务补救 form of 案件详情: the recovery record's fields, saved with one button."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import streamlit as st

from crisis_playbooks.recovery.enums import WinBackTier
from crisis_playbooks.recovery.models import RecoveryRecord, RecoveryUpdate


def recovery_form(
    record: RecoveryRecord | None, *, now: Callable[[], datetime], view_only: bool
) -> RecoveryUpdate | None:
    """The form; the patch to save once 保存服务补救记录 is pressed, else None."""
    with st.form("recovery"):
        cause = st.text_area(
            "服务失误原因", value=record.break_cause if record else "", disabled=view_only
        )
        responsible = st.text_input(
            "专人负责", value=(record.responsible or "") if record else "", disabled=view_only
        )
        contacted = st.checkbox(
            "已主动联系客户", value=bool(record and record.proactive_contact_at), disabled=view_only
        )
        apology = st.checkbox(
            "已致歉", value=bool(record and record.apology_made), disabled=view_only
        )
        remedy = st.text_area(
            "补救方案（可供客户选择）",
            value=record.remedy_offered if record else "",
            disabled=view_only,
        )
        accepted_options = {"未定": None, "客户接受": True, "客户拒绝": False}
        current = record.remedy_accepted if record else None
        accepted = st.radio(
            "客户是否接受",
            list(accepted_options),
            horizontal=True,
            index=list(accepted_options.values()).index(current),
            disabled=view_only,
        )
        third = st.text_input(
            "已告知的第三方",
            value=record.third_parties_informed if record else "",
            disabled=view_only,
        )
        follow_on = st.date_input(
            "回访日期", value=record.follow_up_on if record else None, disabled=view_only
        )
        followed = st.checkbox(
            "已回访", value=bool(record and record.followed_up_at), disabled=view_only
        )
        score = st.select_slider(
            "补救后满意度",
            ["未评", 1, 2, 3, 4, 5],
            value=(record.satisfaction or "未评") if record else "未评",
        )
        recurrence = st.checkbox(
            "已检查是否复发", value=bool(record and record.recurrence_checked), disabled=view_only
        )
        recurrence_note = st.text_input(
            "复发检查说明", value=record.recurrence_note if record else "", disabled=view_only
        )
        tiers = list(WinBackTier)
        tier = st.selectbox(
            "挽回等级",
            tiers,
            format_func=lambda t: t.label_zh,
            index=tiers.index(WinBackTier(record.win_back_tier))
            if record and record.win_back_tier
            else 1,
            disabled=view_only,
            placeholder="请选择",
        )
        if st.form_submit_button("保存服务补救记录", disabled=view_only):
            moment = now()
            return RecoveryUpdate(
                break_cause=cause,
                responsible=responsible or None,
                apology_made=apology,
                remedy_offered=remedy,
                remedy_accepted=accepted_options[accepted],
                third_parties_informed=third,
                follow_up_on=follow_on or None,
                proactive_contact_at=(
                    record.proactive_contact_at
                    if record and record.proactive_contact_at
                    else moment
                )
                if contacted
                else None,
                followed_up_at=(
                    record.followed_up_at if record and record.followed_up_at else moment
                )
                if followed
                else None,
                satisfaction=score if isinstance(score, int) else None,
                recurrence_checked=recurrence,
                recurrence_note=recurrence_note,
                win_back_tier=tier,
            )
    return None
