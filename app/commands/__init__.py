"""The app's own commands (run, dashboard, demo, ingest, search, classify), imported when run."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from core.domain import CliCommand

if TYPE_CHECKING:
    import typer


def _run() -> Callable[..., None]:
    from app.commands.service import run

    return run


def _dashboard() -> Callable[..., None]:
    from app.commands.service import dashboard_command

    return dashboard_command


def _demo() -> Callable[..., None]:
    from app.commands.service import demo

    return demo


def _ingest() -> Callable[..., None]:
    from app.commands.intake import ingest

    return ingest


def _search() -> Callable[..., None]:
    from app.commands.search import search

    return search


def _export() -> Callable[..., None]:
    from app.commands.export import export

    return export


def _classify() -> Callable[..., None]:
    from app.commands.classify import classify

    return classify


def _reclassify() -> Callable[..., None]:
    from app.commands.reclassify import reclassify

    return reclassify


def _plans() -> typer.Typer:
    from app.commands.plans import plans_app

    return plans_app


def _check() -> Callable[..., None]:
    from app.commands.check import check

    return check


APP_COMMANDS = (
    CliCommand("run", "在前台运行服务（采集、预警、定时任务），Ctrl-C 停止", _run),
    CliCommand("check", "检查配置、数据源、通知渠道、规则与预案文件（run 启动前也会检查）", _check),
    CliCommand("dashboard", "启动 Streamlit 看板（可与 run 同时读取）", _dashboard),
    CliCommand("demo", "演示：回放数据源 + 服务 + 看板", _demo),
    CliCommand("ingest", "导入 JSONL/CSV 文件，报告新增、重复与拒收", _ingest),
    CliCommand("search", "全文检索提及（可按渠道、地区、情感等过滤）", _search),
    CliCommand("export", "导出一段时间的提及为 JSONL（不限条数，供 replay 回测规则）", _export),
    CliCommand("classify", "为 JSONL/CSV 文本打情感、类别、紧急度标签", _classify),
    CliCommand("reclassify", "用当前模型重新分析已入库的提及（人工校正保留）", _reclassify),
    CliCommand("plans", "监测方案：按当前方案重新匹配已入库的提及，查看记录", _plans),
)
