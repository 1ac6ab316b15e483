"""Reusable dashboard pieces: badges, mention cards, a multiselect in Chinese."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime
from typing import Any, TypeVar

import streamlit as st

from core.deflection import deflection_zh
from core.enums import (
    CATEGORY_LABELS_ZH,
    CHANNEL_LABELS_ZH,
    SENTIMENT_LABELS_ZH,
    SEVERITY_LABELS_ZH,
    Category,
    Channel,
    SentimentLabel,
    Severity,
    UrgencySignal,
)
from core.escaping import safe_link, streamlit_text
from core.models import Mention, complaint_mark
from core.numbers_zh import followers_zh
from core.pipeline.dedup import group_shapes
from core.pipeline.reposts import is_bare_repost, is_short_repost
from core.repost_text import own_words
from core.text_cut import shorten
from dashboard.copies import folded_reposts, originals_of
from dashboard.data import get_context, own_accounts
from dashboard.source_names import source_label

T = TypeVar("T")


def multiselect(label: str, options: Sequence[T], **kwargs: Any) -> list[T]:
    """st.multiselect without Streamlit's bulk action, whose label is English ("Select all")."""
    kwargs.setdefault("placeholder", "请选择")  # Streamlit's own is "Choose options"
    return st.multiselect(label, options, select_all=False, **kwargs)


SENTIMENT_COLOURS = {
    SentimentLabel.NEGATIVE: "#d64545",
    SentimentLabel.NEUTRAL: "#8a8f98",
    SentimentLabel.POSITIVE: "#2e9d5b",
}
URGENCY_COLOURS = {
    Severity.LOW: "#8a8f98",
    Severity.MEDIUM: "#d9a400",
    Severity.HIGH: "#e8590c",
    Severity.CRITICAL: "#c92a2a",
}

# Badge colour of each complaint mark (core.models.complaint_mark).
MARK_COLOURS = {"投诉": "#d9480f", "补救后好评": "#2b8a3e"}


def badge(text: str, colour: str) -> str:
    """An inline coloured label (text is escaped)."""
    return (
        f'<span style="background:{colour};color:#fff;border-radius:4px;padding:1px 6px;'
        f'margin-right:4px;font-size:0.8em">{html.escape(text)}</span>'
    )


OWN_COLOUR = "#0b7285"
NEW_COLOUR = "#f03e3e"


def mention_badges(mention: Mention) -> str:
    """官方, channel, sentiment, 投诉 (or 补救后好评), category, urgency and 人工校正 badges for one
    mention."""
    parts = [badge("官方", OWN_COLOUR)] if own_accounts().is_own(mention) else []
    parts.append(badge(CHANNEL_LABELS_ZH[mention.channel], "#4263eb"))
    if mention.sentiment:
        label = mention.sentiment.label
        parts.append(badge(SENTIMENT_LABELS_ZH[label], SENTIMENT_COLOURS[label]))
    if mark := complaint_mark(mention):
        parts.append(badge(mark, MARK_COLOURS[mark]))
    if mention.category and mention.category != Category.OTHER:
        parts.append(badge(CATEGORY_LABELS_ZH[mention.category], "#5f3dc4"))
    if mention.urgency:
        level = mention.urgency.level
        parts.append(
            badge(
                f"紧急度 {SEVERITY_LABELS_ZH[level]} {mention.urgency.score:.0f}",
                URGENCY_COLOURS[level],
            )
        )
    if mention.corrected:
        parts.append(badge("人工校正", "#495057"))
    return "".join(parts)


def media_links(mention: Mention) -> str:
    """The mention's pictures as numbered links (never inline images); "" when it has none."""
    safe = [link for url in mention.media if (link := safe_link(url))]
    links = [
        f'<a href="{html.escape(url)}" target="_blank" rel="noopener noreferrer">图片{n}</a>'
        for n, url in enumerate(safe, start=1)
    ]
    return f"<br/><small>附图：{' · '.join(links)}</small>" if links else ""


CARD_STYLE = (
    "border:1px solid rgba(49,51,63,0.2);border-radius:0.5rem;padding:0.6rem 0.9rem;"
    "margin-bottom:0.6rem"
)
NOTE_STYLE = "color:rgba(49,51,63,0.6)"
QUOTE_CHARS = 60  # of the original quoted under a bare repost


def mention_html(
    mention: Mention,
    copies: int = 0,
    similar: bool = False,
    new: bool = False,
    original: Mention | None = None,
    reposts: int = 0,
) -> str:
    """One mention card as HTML: badges (新 first when `new`: collected since the page was last
    read), author, time, title, text (a bare repost: the post it passes on, quoted), why it is
    urgent, copies, other reposts of the same post folded into it."""
    ctx = get_context()
    author = mention.author
    who = streamlit_text(author.name or "匿名")
    if author.verified:
        who += " · 认证"
    if author.followers:
        who += f" · 粉丝 {followers_zh(author.followers)}"
    if mention.region:
        who += f" · IP属地 {streamlit_text(mention.region)}"
    when = mention.published_at.astimezone(ctx.config.tz).strftime("%m-%d %H:%M")
    source = f" · {label}" if (label := source_label(mention.source)) else ""
    url = safe_link(mention.url)
    link = f' · <a href="{html.escape(url)}" target="_blank">原文</a>' if url else ""
    title = f"<b>{streamlit_text(mention.title)}</b><br/>" if mention.title else ""
    body = streamlit_text(shorten(mention.text, 280))
    if original is not None:
        body += f'<br/><small style="{NOTE_STYLE}">{quoted(original)}</small>'
    metrics = mention.metrics
    engagement = f"转 {metrics.reposts} · 评 {metrics.comments} · 赞 {metrics.likes}"
    notes = []
    own = own_accounts().is_own(mention)
    if own and (flagged := deflection_zh(mention.text)):
        # The brand's own statement: what it says before the facts are in, first (round 29).
        notes.append(
            f"口径提示：{streamlit_text(flagged)}（预案：先帮助、后分责，只发布核实过的数据）"
        )
    if mention.repairs:
        notes.append("采集时已处理：" + streamlit_text("；".join(mention.repairs)))
    if why := complaint_reason_zh(mention):
        notes.append(f"投诉依据：{streamlit_text(why)}")
    if why := urgency_reason_zh(mention, own):
        notes.append(why)
    if copies:
        notes.append(copies_caption(copies, similar))
    if reposts:
        notes.append(f"另有 {reposts:,} 条转发同一原帖（同一列表读取的提及中，均已计入提及量）")
    note = "".join(f'<br/><small style="{NOTE_STYLE}">{n}</small>' for n in notes)
    fresh = badge("新", NEW_COLOUR) if new else ""
    return (
        f'<div class="yq-mention" style="{CARD_STYLE}">{fresh}{mention_badges(mention)}<br/>'
        f'<small title="数据源 {html.escape(mention.source)}">{who} · {when}{source}{link}'
        f" · {engagement}</small><br/>"
        f"{title}{body}{media_links(mention)}{note}</div>"
    )


# What makes the brand's own statement urgent is how far and fast it travels; the harm and anger
# in its words are the brand's own (「不排除是您自己放入的异物」 is no 人身安全 evidence).
OWN_POST_SIGNALS = (UrgencySignal.AUTHOR_INFLUENCE, UrgencySignal.SPREAD_VELOCITY)


def urgency_reason_zh(mention: Mention, own: bool) -> str:
    """「紧急原因：…」 for a card; for the brand's own post (`own`), only how it travels."""
    if not mention.urgency or not mention.urgency.reasons:
        return ""
    if not own:
        return f"紧急原因：{streamlit_text(mention.urgency.reasons_zh())}"
    reach = [r.text_zh for r in mention.urgency.reasons if r.code in OWN_POST_SIGNALS]
    return f"官方发文传播：{streamlit_text('；'.join(reach))}" if reach else ""


def quoted(original: Mention) -> str:
    """「原帖 @作者：text…」 under a bare repost, escaped."""
    text = shorten(original.text, QUOTE_CHARS)
    return f"原帖 @{streamlit_text(original.author.name or '匿名')}：{streamlit_text(text)}"


def complaint_reason_zh(mention: Mention) -> str:
    """Why a flagged mention is a complaint: the complaint platform it was filed on, the cue
    words found, or the model's reading of the whole text; "" when it is not flagged or a
    person set the flag (the 人工校正 badge says so)."""
    complaint = mention.complaint
    if complaint is None or not complaint.flag or "complaint" in mention.corrected:
        return ""
    parts = []
    if mention.channel == Channel.COMPLAINT_PLATFORM:
        parts.append("发布于投诉平台")
    if complaint.cues:
        parts.append("命中 " + "、".join(complaint.cues))
    if not parts:
        parts.append(f"模型依据全文判断（概率 {complaint.probability:.0%}）")
    why = "；".join(parts)
    return f"转发的原帖是投诉（{why}）" if _passed_on(mention) else why


def _passed_on(mention: Mention) -> bool:
    """A repost whose complaint decision is its original's (core.pipeline.reposts): a bare one,
    or a short one ("关注//@…: …刹车失灵…") whose own words hold none of the cues — else the
    card said 命中 失灵 under a text reading 关注."""
    if not mention.repost_of or mention.complaint is None:
        return False
    own = own_words(mention.text)
    return is_bare_repost(mention) or (
        is_short_repost(mention) and not any(c in own for c in mention.complaint.cues)
    )


def copies_caption(copies: int, similar: bool) -> str:
    """「另有 N 条相同内容」, or 相同或相似 when near copies (a word changed) joined the group."""
    kind = "相同或相似内容" if similar else "相同内容"
    return f"另有 {copies:,} 条{kind}（其他作者发布或转发，均已计入提及量）"


def mention_cards(
    mentions: list[Mention],
    copies: dict[str, int] | None = None,
    new_since: datetime | None = None,
    read: list[Mention] | None = None,
) -> None:
    """Mention cards as one element (one markdown block renders far faster than 20 widgets);
    those collected at or after `new_since` say 新 (new to the reader, whenever published).
    `read`: the mentions a list folded by one_per_group was chosen from (the other bare reposts
    of a shown repost's original among them are counted on its card); a bare repost's card
    quotes its original wherever it is shown."""
    if not mentions:
        return
    copies = copies or {}
    reposts = folded_reposts(read, mentions) if read is not None else {}
    originals = originals_of(mentions)
    groups = [m.group_id for m in mentions if m.group_id and copies.get(m.id)]
    shapes: dict[str, tuple[int, int]] = {}
    if groups:  # near copies (a word changed) make it 相同或相似内容: one lookup for the list
        with get_context().sessions() as session:
            shapes = group_shapes(session, groups)
    cards = [
        mention_html(
            m,
            copies.get(m.id, 0),
            shapes.get(m.group_id or "", (1, 1))[1] > 1,
            new=new_since is not None and m.collected_at >= new_since,
            original=originals.get(m.id),
            reposts=reposts.get(m.id, 0),
        )
        for m in mentions
    ]
    st.markdown("".join(cards), unsafe_allow_html=True)


def mention_card(mention: Mention, copies: int = 0) -> None:
    """One mention card."""
    mention_cards([mention], {mention.id: copies})
