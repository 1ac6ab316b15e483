"""Generate a report end to end (data → rules → charts → HTML/PDF → files) and e-mail it."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from alerting import loader
from alerting.plan_scope import alerts_of_plans
from core.errors import ConfigError, NotConfigured, YuqingError
from core.index.protocol import BrandSide, PlanScope
from core.own_accounts import OwnAccounts
from reports import communication, comparison, rivals
from reports import data as queries
from reports.attention import needs_attention
from reports.case_labels import SlaView
from reports.charts import report_charts
from reports.config import REPORTS
from reports.decisions import BrandVoice, load_progress
from reports.event_section import load_events
from reports.mailer import build_message, send
from reports.models import ReportData
from reports.period import ReportWindow
from reports.plan_scope import plan_cases
from reports.render import cid_links, data_uris, pct, render_html, render_pdf
from reports.store import metadata, report_dir, write_report
from reports.summary import Direction, verdict
from reports.workflow import load_alerts, load_kpis

if TYPE_CHECKING:
    from core.context import Context
    from reports.topic_terms import TopicTerms


@dataclass
class GeneratedReport:
    """A rendered report and where it was written."""

    data: ReportData
    directory: Path
    html: str
    pdf: bytes
    charts: dict[str, bytes] = field(repr=False)
    seconds: float = 0.0

    @property
    def pdf_name(self) -> str:
        """Attachment file name, e.g. 舆情周报-2026-11-16.pdf."""
        return f"{self.data.window.title_zh}-{self.data.window.slug.split('-', 1)[1]}.pdf"


def check_plan(ctx: Context, plan: str | None) -> str | None:
    """The plan id, after checking it is configured (when any plan is). Without one, the
    brand's own plan when it is the only one beside competitor plans: a competitor's posts
    are compared in 竞品对比, not counted in the brand's figures."""
    if plan and ctx.config.plans and ctx.config.plan(plan) is None:
        raise ConfigError(f"{ctx.config.unknown_plan_zh(plan)}；检查 --plan 或 reports.plan")
    own = ctx.config.own_plan_ids()
    return own[0] if plan is None and len(own) == 1 else plan


def counted_plans(ctx: Context, plan: str | None) -> PlanScope:
    """What a report counts: the chosen plan, else the brand's side when competitors are
    configured (every mention but a competitor's — those of no plan, such as a mailbox's
    complaints, included — as the alert rules see it; competitors are compared in 竞品对比
    only), else [] (every mention)."""
    return [plan] if plan else ctx.config.brand_side() or []


def scope_zh(ctx: Context, plan: str | None) -> str | None:
    """What the numbers cover, by plan name: 监测方案 驰远汽车, 全部监测方案：鲜味坊、驰远汽车
    when several plans are counted together, 全部本品监测方案：… when competitors are left out
    (None for the brand's only plan)."""
    if plan:
        found = ctx.config.plan(plan)
        return f"监测方案 {found.name if found else plan}"
    own = [p for p in ctx.config.plans if not p.competitor]
    if len(own) > 1:
        mine = "本品" if len(own) < len(ctx.config.plans) else ""
        return f"全部{mine}监测方案：" + "、".join(p.name for p in own)
    return None


def sla_view(ctx: Context, window: ReportWindow) -> SlaView:
    """Case SLA clocks as they stood at the end of the period (now while it runs)."""
    from crisis_playbooks.runtime import policy

    return SlaView(policy(ctx), min(ctx.clock(), window.end), ctx.config.tz)


def playbook_names(ctx: Context) -> dict[str, str]:
    """Playbook id → its name, for a proposed playbook nobody started (none when unreadable)."""
    from crisis_playbooks.runtime import library

    try:
        return {key: book.name for key, book in library(ctx).items()}
    except (YuqingError, OSError):  # a broken playbook file is reported by `yuqing check`
        return {}


def topic_terms(ctx: Context) -> TopicTerms:
    """The 负面话题 keyword filter of the configured brand (brand_events' names)."""
    from reports.topic_terms import TopicTerms

    return TopicTerms.from_config(ctx.config)


def late_find_after(ctx: Context) -> timedelta:
    """How long after its publication a mention may be collected and still show its day was
    watched: reports.data.LATE_FIND, or the longest `backfill` of a configured source."""
    from collectors.config import SOURCES

    return max([queries.LATE_FIND, *(s.backfill for s in SOURCES.of(ctx.config))])


def build_data(ctx: Context, window: ReportWindow, plan: str | None = None) -> ReportData:
    """Query the index and the workflow store and apply the attention rules."""
    cfg = REPORTS.of(ctx.config)
    index = ctx.index
    plans = counted_plans(ctx, plan)
    # Without --plan the brand's side is counted (mentions of no plan too), not its only plan:
    # the 周报 said 监测方案 悦动健身 over 92 industry-news mentions that plan never matched.
    scope = scope_zh(ctx, plan)
    plan = check_plan(ctx, plan)
    since = queries.monitoring_since(index, plans, late_find_after(ctx))
    sla = sla_view(ctx, window)
    # Some plans among several: their own alerts and cases (with one plan, everything is its).
    named = list(plans.own) if isinstance(plans, BrandSide) else list(plans)
    scoped = named if len(ctx.config.plans) > 1 else []
    keep = partial(alerts_of_plans, index, scoped) if scoped else None
    alerts = load_alerts(ctx.sessions, window.start, window.end, sla, keep)
    cases = plan_cases(ctx, scoped, window, alerts) if scoped else None
    judge = loader.deployment_judge(ctx)
    head = queries.headline(index, window, plans, judge)
    data = ReportData(
        brand=ctx.config.brand,
        plan=plan,
        scope=scope,
        window=window,
        generated_at=ctx.clock(),
        headline=head,
        trend=queries.trend(index, window, plans, since),
        channels=queries.channels(index, window, plans),
        categories=queries.categories(index, window, plans),
        communication=communication.load(index, window, plans),
        rivals=rivals.load(index, window, ctx.config, (plans, head), judge),
        topics=queries.topics(
            index,
            window,
            plans,
            cfg.top_keywords,
            cfg.quotes_per_keyword,
            topic_terms(ctx),
            OwnAccounts.of(ctx.config),
        ),
        alerts=alerts,
        kpis=load_kpis(ctx.sessions, window.start, window.end, min(ctx.clock(), window.end), cases),
        regions=queries.regions(index, window, plans),
        events=load_events(ctx, window, plans),
        recovery=queries.recovery_praise(index, window, plans),
        comparison=comparison.assess(window, since),
        notices=comparison.notices(window, since, ctx.clock()),
        progress=load_progress(
            ctx.sessions,
            alerts,
            window.start,
            sla,
            playbook_names(ctx),
            cases,
            BrandVoice(index, OwnAccounts.of(ctx.config)),
        ),
    )
    data.attention = needs_attention(data, cfg.attention)
    data.verdict = verdict(data, cfg.attention.reputation_floor)
    return data


def generate(
    ctx: Context, window: ReportWindow, *, plan: str | None = None, out_dir: Path | None = None
) -> GeneratedReport:
    """Render the report of a window into out_dir (default <data_dir>/reports/<slug>/)."""
    started = time.perf_counter()
    data = build_data(ctx, window, plan)
    charts = report_charts(data)
    sla_target = REPORTS.of(ctx.config).attention.sla_target
    html = render_html(data, data_uris(charts), window.tz, sla_target)
    pdf = render_pdf(html)
    seconds = time.perf_counter() - started
    directory = out_dir or report_dir(ctx.data_dir, data)
    write_report(directory, html, pdf, metadata(data, seconds))
    return GeneratedReport(data, directory, html, pdf, charts, seconds)


def plain_text(data: ReportData) -> str:
    """The text/plain part of the e-mail: headline numbers and the attention list."""
    lines = [f"{data.heading} {data.window.title_zh}（{data.window.label}）", ""]
    lines += [*data.notices, ""] if data.notices else []
    if data.verdict is not None:
        lines += ["核心结论：", *(f"- {line}" for line in data.verdict.lines), ""]
    against = f"较{data.window.previous_zh} "
    for metric in [*data.metrics, data.recovery_metric]:
        value = pct(metric.current) if metric.kind == "share" else metric.current
        change = metric.change_text if metric.withheld else against + metric.change_text
        lines.append(f"{metric.label}：{value if value is not None else '—'}（{change}）")
    if data.communication is not None:
        lines.append(data.communication.text)
    if data.rivals is not None:
        lines.append(f"竞品对比：{data.rivals.text}")
    lines += ["", "需要关注："]
    lines += [f"- {item.text}" for item in data.attention] or ["- 无"]
    decisions = [f"- {c.name}：{line}" for c in data.progress for line in c.pending]
    lines += ["", "待决定事项（危机处置）：", *decisions] if decisions else []
    lines += ["", "完整报告见 HTML 正文和 PDF 附件。"]
    return "\n".join(lines)


def subject(data: ReportData) -> str:
    """【鲜味坊】舆情周报 2026-11-23 至 2026-11-29：口碑变差 (the direction when it is known)."""
    title = f"【{data.heading}】{data.window.title_zh} {data.window.label}"
    known = data.verdict is not None and data.verdict.direction != Direction.UNKNOWN
    return f"{title}：{data.verdict.direction}" if known and data.verdict else title


def email_report(
    ctx: Context, report: GeneratedReport, recipients: list[str] | None = None
) -> list[str]:
    """Send the report to the recipients (default reports.recipients); returns who got it."""
    cfg = REPORTS.of(ctx.config)
    to = recipients if recipients is not None else cfg.recipients
    if not to:
        own = any(e.plan == report.data.plan for e in cfg.per_plan)
        where = (
            f"reports.per_plan（{report.data.plan}）的 recipients" if own else "reports.recipients"
        )
        raise NotConfigured(f"{where} 为空：至少填写一个收件邮箱")
    data = report.data
    html = render_html(data, cid_links(report.charts), data.window.tz, cfg.attention.sla_target)
    message = build_message(
        sender=cfg.smtp.sender,
        recipients=to,
        subject=subject(data),
        text=plain_text(data),
        html=html,
        charts=report.charts,
        pdf=report.pdf,
        pdf_name=report.pdf_name,
    )
    send(cfg.smtp, message)
    return list(to)
