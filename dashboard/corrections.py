"""人工校正 on the dashboard: overrule the classifier on one of the listed mentions.

The same correction as `yuqing label set`: one audited row per changed field, the mention in
the index changes at once, and the correction trains the deployment's adapted model.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import streamlit as st

from core.enums import Category, SentimentLabel, Severity
from core.escaping import streamlit_text
from core.models import Mention, corrected_value
from core.text_cut import shorten
from dashboard import auth
from dashboard.data import get_context, now
from sentiment.corrections import service
from sentiment.corrections.enums import (
    FIELD_LABELS_ZH,
    CorrectedField,
    change_zh,
    followed_zh,
    value_zh,
)

CHOICES: dict[CorrectedField, list[str]] = {
    CorrectedField.SENTIMENT: [str(label) for label in SentimentLabel],
    CorrectedField.COMPLAINT: ["true", "false"],
    CorrectedField.CATEGORY: [str(category) for category in Category],
    CorrectedField.URGENCY: [str(level) for level in Severity],
}
UNSET = ""  # the classifier decided nothing for this field (e.g. no urgency yet)
CAPTION_CHARS = 80  # the start of the chosen mention's text shown under the pick
HISTORY_SHOWN = 5  # earlier corrections of the chosen mention shown under the fields


def mention_choice(mention: Mention) -> str:
    """One line per listed mention: time, author, the start of the text."""
    when = mention.published_at.astimezone(get_context().config.tz).strftime("%m-%d %H:%M")
    text = (mention.title or mention.text).replace("\n", " ")
    short = shorten(text, 30)
    return f"{when} {mention.author.name or '匿名'}：{short}"


def changed_fields(
    mention: Mention, chosen: dict[CorrectedField, str]
) -> dict[CorrectedField, str]:
    """The chosen values that differ from what the mention now says."""
    return {
        field: value
        for field, value in chosen.items()
        if value != UNSET and value != (corrected_value(mention, field.value) or UNSET)
    }


def _label(field: CorrectedField) -> Callable[[str], str]:
    def label(value: str) -> str:
        return value_zh(field, value) if value else "（未判定）"

    return label


def correction_form(mentions: list[Mention], key: str, scope: str) -> None:
    """An expander to correct sentiment, complaint, category or urgency of a listed mention.

    `scope` names the list the person is looking at (the search, filters and page; the event):
    when it changes, the previous pick is dropped, so a save never lands on a mention of an
    earlier search that is no longer on screen."""
    if not mentions:
        return
    done = st.session_state.pop(f"{key}-done", None)
    with st.expander("人工校正（改正分类结果，并用于本部署模型的自适应训练）", expanded=bool(done)):
        if done:
            st.success(done)
        if not auth.may_act():
            st.info("当前账号为只读（管理层），不能校正。")
            return
        mention = _chosen(mentions, key, scope)
        st.caption(chosen_caption(mention, listed=any(m.id == mention.id for m in mentions)))
        chosen: dict[CorrectedField, str] = {}
        cols = st.columns(len(CHOICES))
        for col, (field, options) in zip(cols, CHOICES.items(), strict=True):
            current = corrected_value(mention, field.value) or UNSET
            if done:  # just saved: the boxes show what is stored, a field the rule set too
                st.session_state[f"{key}-{field}-{mention.id}"] = current
            listed = options if current in options else [UNSET, *options]
            chosen[field] = str(
                col.selectbox(
                    FIELD_LABELS_ZH[field],
                    listed,
                    index=listed.index(current),
                    format_func=_label(field),
                    key=f"{key}-{field}-{mention.id}",
                    placeholder="请选择",
                )
            )
        _history(mention)
        actor = auth.actor()  # a correction must name who made it
        if st.button("保存校正", key=f"{key}-save-{mention.id}", type="primary"):
            done = _save(mention, changed_fields(mention, chosen), actor)
            if done:
                st.session_state[f"{key}-done"] = done
                st.rerun()  # the cards above show the human label at once


def chosen_caption(mention: Mention, listed: bool) -> str:
    """Which mention a save changes: author, time and the start of its text, and a note when
    newer mentions pushed it off the list above."""
    when = mention.published_at.astimezone(get_context().config.tz).strftime("%m-%d %H:%M")
    text = (mention.title or mention.text).replace("\n", " ")
    short = shorten(text, CAPTION_CHARS)
    where = "" if listed else "（有更新的提及排到前面，它已不在上方列表中）"
    who = mention.author.name or "匿名"
    return streamlit_text(f"保存将改动这条提及{where}：{who} · {when} ·「{short}」", one_line=True)


def _chosen(mentions: list[Mention], key: str, scope: str) -> Mention:
    """The mention picked in the panel. Chosen by id, not position, and kept on offer after it
    left the list while the list is the same (same scope): on a live list new mentions arrive
    on top between two reruns, and the person must go on correcting the one they picked, even
    when the run that handles the pick lists newer mentions already. A new scope (another
    search, filter or page) drops the pick: it would save on a mention no longer shown."""
    pick = f"{key}-mention"
    if st.session_state.get(f"{key}-scope") != scope:
        for part in ("offered", "chosen"):
            st.session_state.pop(f"{key}-{part}", None)
        st.session_state.pop(pick, None)
    st.session_state[f"{key}-scope"] = scope
    offered: dict[str, Mention] = st.session_state.get(f"{key}-offered", {})
    # Before the selectbox runs, its value is the pick read against the list on offer when it
    # was made (the previous run's), so a pick of a mention that has left this run's list counts.
    picked_before = str(st.session_state.get(pick))
    kept: Mention | None = offered.get(picked_before) or st.session_state.get(f"{key}-chosen")
    by_id = {m.id: m for m in mentions}
    if kept is not None and kept.id not in by_id:
        by_id = {kept.id: kept, **by_id}
    ids = list(by_id)
    target = kept.id if kept is not None else ids[0]
    if st.session_state.get(pick) != target:
        # The browser keeps the line it shows while the options change under the same key
        # (a new search showed the previous search's first mention over another one's
        # caption); a value set here is sent to it, so the box shows the mention a save changes.
        st.session_state[pick] = target
    labels = _labels(by_id)
    picked = st.selectbox(
        "要校正的提及", ids, format_func=labels.__getitem__, key=pick, placeholder="请选择"
    )
    mention = by_id[picked or ids[0]]
    st.session_state[f"{key}-offered"] = by_id
    st.session_state[f"{key}-chosen"] = mention
    return mention


def _labels(by_id: dict[str, Mention]) -> dict[str, str]:
    """A distinct line per mention: the selectbox sends back the line, not the id, so two equal
    lines (same minute, author and opening) would save on the wrong one."""
    lines = {i: mention_choice(m) for i, m in by_id.items()}
    counts = Counter(lines.values())
    return {i: f"{line}（{i[:8]}）" if counts[line] > 1 else line for i, line in lines.items()}


def _history(mention: Mention) -> None:
    """This mention's earlier corrections, newest first: when, who, field, before → after."""
    ctx = get_context()
    with ctx.sessions() as session:
        rows = service.history(session, mention.id)
    if not rows:
        return
    lines = []
    for row in rows[:HISTORY_SHOWN]:
        field = CorrectedField(row.field)
        when = row.at.astimezone(ctx.config.tz).strftime("%m-%d %H:%M")
        change = change_zh(field, row.before, row.after)
        lines.append(f"{when} {streamlit_text(row.actor)}：{change}")
    more = f"（另有 {len(rows) - HISTORY_SHOWN} 条更早的）" if len(rows) > HISTORY_SHOWN else ""
    st.caption("校正记录：" + "；".join(lines) + more)


def _save(mention: Mention, changes: dict[CorrectedField, str], actor: str) -> str | None:
    """Store the correction; the message to show, or None after showing an error."""
    if not changes:
        st.warning("没有改动：先把至少一项改成与当前不同的值。")
        return None
    if not actor:
        st.error(auth.actor_needed_zh("校正"))
        return None
    ctx = get_context()
    try:
        with ctx.sessions() as session:
            # As `label set`: 不是投诉 brings category 其他, a complaint category brings 是投诉.
            updated = service.correct(
                session, ctx.index, mention.id, changes, actor=actor, now=now(), keep_rule=True
            )
    except service.CorrectionError as exc:
        st.error(str(exc))
        return None
    st.cache_data.clear()  # searches and event stories are cached: show the human label now
    done = "，".join(change_zh(f, corrected_value(mention, f.value), v) for f, v in changes.items())
    rule = service.followed(mention, updated, changes)
    also = "".join(f"{followed_zh(f, corrected_value(updated, f.value))}。" for f in rule)
    return f"已校正（操作人 {actor}）：{done}。{also}"
