"""The pictures of an event page: the timeline with alerts and key posts, the propagation tree."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from brand_events.detail import EventDetail
from core.enums import SEVERITY_LABELS_ZH, Category
from core.escaping import streamlit_text
from core.models import Mention
from core.text_cut import shorten
from dashboard import charts
from dashboard.timeline import MARK_COLOURS
from sentiment.urgency import followers_zh

TREE_NODES = 80  # posts drawn in the tree; the rest are counted
MAX_STEPS = 40  # a young event is drawn in finer steps than hours
OWN_COLOUR, KEY_COLOUR = "#0b7285", "#5f3dc4"
BAR_COLOUR, NEGATIVE_COLOUR, COMPLAINT_COLOUR = "#4263eb", "#c92a2a", "#f59f00"


@dataclass(frozen=True)
class Step:
    """Mentions in one step of the timeline."""

    start: datetime
    count: int
    negative: float
    complaint: float


def step_size(span: timedelta) -> timedelta:
    """Hourly, or finer for a young event: the smallest step giving at most MAX_STEPS steps."""
    for minutes in (1, 5, 10, 30):
        if span / timedelta(minutes=minutes) <= MAX_STEPS:
            return timedelta(minutes=minutes)
    return timedelta(hours=1)


def steps(mentions: Sequence[Mention], tz: tzinfo) -> tuple[list[Step], timedelta]:
    """Mentions per step (see step_size), local time, gaps filled."""
    if not mentions:
        return [], timedelta(hours=1)
    size = step_size(mentions[-1].published_at - mentions[0].published_at)
    seconds = int(size.total_seconds())
    groups: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[int(m.published_at.timestamp()) // seconds].append(m)
    result = []
    for slot in range(min(groups), max(groups) + 1):
        group = groups.get(slot, [])
        n = len(group) or 1
        negative = sum(1 for m in group if m.is_negative)
        complaint = sum(1 for m in group if m.category not in (None, Category.OTHER))
        start = datetime.fromtimestamp(slot * seconds, tz)
        result.append(Step(start, len(group), negative / n, complaint / n))
    return result, size


def step_label(size: timedelta) -> str:
    """每小时 / 每 10 分钟."""
    minutes = int(size.total_seconds() // 60)
    return "每小时" if minutes == 60 else f"每 {minutes} 分钟"


@dataclass(frozen=True)
class KeyPost:
    """A post worth marking on the timeline."""

    mention: Mention
    label: str


def key_posts(story: EventDetail) -> list[KeyPost]:
    """The first post, the brand's own posts, the key spreaders' posts and the biggest voices."""
    by_id = {m.id: m for m in story.mentions}
    picked: dict[str, str] = {}
    first = story.event.first_mention_id
    if first in by_id:
        picked[first] = "首发"
    for mention_id in story.propagation.own_posts:
        picked.setdefault(mention_id, "官方发文")
    for node in story.propagation.key_nodes[:3]:
        picked.setdefault(node.mention_id, f"关键节点（带来 {node.descendants} 次转发/回复）")
    loud = sorted(story.mentions, key=lambda m: -(m.author.followers or 0))[:3]
    for m in loud:
        if (m.author.followers or 0) >= 100_000:
            picked.setdefault(m.id, f"大V（粉丝 {followers_zh(m.author.followers or 0)}）")
    posts = [KeyPost(by_id[i], label) for i, label in picked.items() if i in by_id]
    return sorted(posts, key=lambda p: p.mention.published_at)


def timeline_chart(story: EventDetail, tz: tzinfo) -> str:
    """Mentions per step (bars), negative and complaint shares (lines), alerts ▼ and key posts ★.

    Drawn as SVG on the server (see dashboard/charts.py): Plotly cost this page 0.2–0.4 s of the
    browser's time on every fresh load.
    """
    rows, size = steps(story.mentions, tz)
    width, height, left, right, top, bottom = 1000, 340, 56, 56, 40, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    if not rows:
        return charts.svg(width, height, "", "事件脉络")
    first, span = rows[0].start, size * len(rows)
    step_w = plot_w / len(rows)
    peak = charts.count_ceiling(max(r.count for r in rows))

    def x_of(moment: datetime) -> float:
        return left + plot_w * max(0.0, min(1.0, (moment - first) / span))

    def y_of(share: float) -> float:
        return top + plot_h * (1 - share)

    legend = [("提及量", BAR_COLOUR), ("负面占比", NEGATIVE_COLOUR), ("投诉占比", COMPLAINT_COLOUR)]
    legend += [("预警开始", NEGATIVE_COLOUR)] if story.alerts else []
    posts = key_posts(story)
    legend += [("关键发文", KEY_COLOUR)] if posts else []
    parts = [charts.legend(legend, left, 16)]
    parts += charts.grid(left, width - right, top, plot_h, peak)
    ticks = max(1, len(rows) // 6)
    lines: dict[str, list[str]] = {"negative": [], "complaint": []}
    for index, row in enumerate(rows):
        x = left + index * step_w
        bar = plot_h * row.count / peak
        hover = (
            f"{row.start:%m-%d %H:%M} 提及 {row.count} 条 · 负面 {row.negative:.0%} · "
            f"投诉 {row.complaint:.0%}"
        )
        parts.append(
            f'<rect x="{x + step_w * 0.05:.1f}" y="{top + plot_h - bar:.1f}" '
            f'width="{step_w * 0.9:.1f}" height="{bar:.1f}" fill="{BAR_COLOUR}"/>'
            f'<rect x="{x:.1f}" y="{top}" width="{step_w:.1f}" height="{plot_h}" '
            f'fill="transparent"><title>{charts.plain(hover)}</title></rect>'
        )
        if row.count:
            lines["negative"].append(f"{x + step_w / 2:.1f},{y_of(row.negative):.1f}")
            lines["complaint"].append(f"{x + step_w / 2:.1f},{y_of(row.complaint):.1f}")
        if index % ticks == 0:
            label = f"{row.start:%m-%d %H:%M}"
            parts.append(charts.text(x + step_w / 2, height - 10, label, "middle"))
    for name, colour, dash in (
        ("negative", NEGATIVE_COLOUR, ""),
        ("complaint", COMPLAINT_COLOUR, ' stroke-dasharray="6,4"'),
    ):
        if len(lines[name]) > 1:
            parts.append(
                f'<polyline points="{" ".join(lines[name])}" fill="none" stroke="{colour}" '
                f'stroke-width="2"{dash}/>'
            )
    for alert in story.alerts:
        opened = datetime.fromisoformat(str(alert.get("started_at") or alert["opened_at"]))
        opened = opened.astimezone(tz)
        colour = MARK_COLOURS.get(alert["severity"], "#868e96")  # type: ignore[call-overload]
        level = SEVERITY_LABELS_ZH.get(alert["severity"], "")  # type: ignore[call-overload]
        hover = f"{opened:%m-%d %H:%M} 预警 #{alert['id']} {level}：{alert['title']}"
        x = x_of(opened)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + plot_h}" stroke="{colour}" '
            f'stroke-dasharray="2,3"/><path d="M{x - 7:.1f},{top - 9} L{x + 7:.1f},{top - 9} '
            f'L{x:.1f},{top + 3} Z" fill="{colour}"><title>{charts.plain(hover)}</title></path>'
        )
    for post in posts:
        x, y = x_of(post.mention.published_at.astimezone(tz)), top + plot_h - 10
        who = post.mention.author.name or "匿名"
        hover = f"{post.mention.published_at.astimezone(tz):%m-%d %H:%M} {post.label}：{who}"
        parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="18" text-anchor="middle" '
            f'fill="{KEY_COLOUR}">★<title>{charts.plain(hover)}</title></text>'
        )
    return charts.svg(width, height, "".join(parts), "事件脉络")


def _badge(text: str, colour: str) -> str:
    return (
        f'<span style="background:{colour};color:#fff;border-radius:4px;padding:0 5px;'
        f'margin-right:4px;font-size:0.8em">{charts.plain(text)}</span>'
    )


def tree_html(story: EventDetail, tz: tzinfo) -> tuple[str, int]:
    """Repost/reply trees as an indented list, 官方/关键节点 flagged; (html, posts not drawn)."""
    by_id = {m.id: m for m in story.mentions}
    parents = story.propagation.parents
    children: dict[str, list[str]] = defaultdict(list)
    for child, parent in parents.items():
        if child in by_id and parent in by_id:
            children[parent].append(child)
    size: dict[str, int] = {}

    def count(node: str, seen: frozenset[str] = frozenset()) -> int:
        if node not in size:
            size[node] = sum(1 + count(c, seen | {node}) for c in children[node] if c not in seen)
        return size[node]

    roots = [m.id for m in story.mentions if m.id not in parents and children.get(m.id)]
    roots.sort(key=lambda r: -count(r))
    key = {k.mention_id for k in story.propagation.key_nodes}
    own_ids = set(story.propagation.own_posts)
    lines: list[str] = []
    stack = [(root, 0) for root in reversed(roots)]
    drawn: set[str] = set()
    while stack and len(lines) < TREE_NODES:
        node, depth = stack.pop()
        if node in drawn:
            continue
        drawn.add(node)
        lines.append(_node(by_id[node], depth, count(node), node in own_ids, node in key, tz))
        kids = sorted(children[node], key=lambda c: (-count(c), by_id[c].published_at))
        stack.extend((c, depth + 1) for c in reversed(kids))
    hidden = sum(1 + count(r) for r in roots) - len(drawn)
    return '<div class="yq-tree">' + "".join(lines) + "</div>", max(hidden, 0)


def _node(m: Mention, depth: int, below: int, own: bool, key: bool, tz: tzinfo) -> str:
    kind = "回复" if m.reply_to and not m.repost_of else "转发"
    marks = _badge("官方", OWN_COLOUR) if own else ""
    marks += _badge("关键节点", KEY_COLOUR) if key else ""
    who = streamlit_text(m.author.name or "匿名")
    fans = f" · 粉丝 {followers_zh(m.author.followers)}" if m.author.followers else ""
    spread = f" · 带来 {below} 次转发/回复" if below else ""
    text = streamlit_text(shorten(m.text, 60))
    arrow = "" if depth == 0 else f"└ {kind} "
    return (
        f'<div class="yq-node" style="margin-left:{depth * 1.6}em;'
        f'border-left:2px solid #dee2e6;padding:2px 8px;margin-bottom:2px">'
        f"<small>{arrow}</small>{marks}<b>{who}</b>"
        f"<small>{fans} · {m.published_at.astimezone(tz):%m-%d %H:%M}{spread}</small>"
        f"<br/><small>{text}</small></div>"
    )
