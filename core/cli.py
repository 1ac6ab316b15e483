"""The `yuqing` command line: core commands plus the sub-commands each domain contributes."""

from __future__ import annotations

import importlib
import logging
import os
import sys

import typer
from rich.console import Console
from rich.markup import escape

from core.commands.classify import classify
from core.commands.intake import ingest
from core.commands.search import search
from core.commands.service import dashboard_command, demo, run
from core.errors import YuqingError

app = typer.Typer(
    help="yuqing 舆情监测：采集、分析、预警、危机处置与周报",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command()(run)
app.command("dashboard")(dashboard_command)
app.command()(demo)
app.command()(ingest)
app.command()(search)
app.command()(classify)

# (module, attribute, name, is_group): sub-commands owned by the domain packages.
MOUNTS = [
    ("core.index.cli", "app", "index", True),
    ("sentiment.cli", "train_app", "train", True),
    ("sentiment.cli", "eval_app", "eval", True),
    ("alerting.cli", "alerts_app", "alerts", True),
    ("alerting.cli", "replay", "replay", False),
    ("crisis_playbooks.cli", "playbook_app", "playbook", True),
    ("crisis_playbooks.cli", "case_app", "case", True),
    ("reports.cli", "report_app", "report", True),
    ("collectors.cli", "sources_app", "sources", True),
    ("core.accounts.cli", "user_app", "user", True),
]


def _mount() -> None:
    for module_name, attribute, name, is_group in MOUNTS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        target = getattr(module, attribute)
        if is_group:
            app.add_typer(target, name=name)
        else:
            app.command(name)(target)


_mount()


def main() -> None:
    """Entry point: clean one-paragraph errors instead of tracebacks for anything we can explain."""
    logging.basicConfig(
        level=os.environ.get("YUQING_LOG_LEVEL", "INFO"),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("apscheduler.scheduler").setLevel(logging.ERROR)
    for noisy in (
        "apscheduler",
        "scrapy",
        "twisted",
        "jieba",
        "urllib3",
        "elastic_transport",
        "opensearch",
    ):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        app()
    except YuqingError as exc:
        Console(stderr=True, soft_wrap=True).print(
            f"[bold red]错误 error:[/bold red] {escape(str(exc))}", highlight=False
        )
        sys.exit(2)
