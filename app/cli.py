"""The `yuqing` command line: the app's commands plus the sub-commands each domain contributes."""

from __future__ import annotations

import logging
import os
import sys

import typer
from rich.console import Console
from rich.markup import escape

from app.cli_errors import is_usage_error, show
from app.commands import APP_COMMANDS
from app.domains import DOMAINS, install
from app.lazycli import LAZY, LazyGroup
from app.logformat import ChineseLevelFormatter
from core.errors import YuqingError

app = typer.Typer(
    cls=LazyGroup,
    help="yuqing 舆情监测：采集、分析、预警、危机处置与周报",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """yuqing 舆情监测：采集、分析、预警、危机处置与周报"""


install()
for _entry in (*APP_COMMANDS, *(c for d in DOMAINS for c in d.commands)):
    LAZY[_entry.name] = _entry


def main() -> None:
    """Entry point: clean one-paragraph errors instead of tracebacks for anything we can explain."""
    handler = logging.StreamHandler()
    handler.setFormatter(ChineseLevelFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=os.environ.get("YUQING_LOG_LEVEL", "INFO"), handlers=[handler])
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
    # The engine clients log every failed request as a warning with the transport's traceback;
    # our own error (index.urls：无法连接 …) says it once, in Chinese, where it matters.
    for client in ("opensearch", "elastic_transport.transport"):
        logging.getLogger(client).setLevel(logging.ERROR)
    try:
        # Not standalone, so usage errors come here and are worded in Chinese (typer's printer
        # is English and would import its 0.13 s help renderer on every start).
        code = app(standalone_mode=False)
    except typer.Abort:
        Console(stderr=True).print("已中止。", highlight=False)
        sys.exit(1)
    except typer.TyperException as exc:
        if not is_usage_error(exc):
            raise
        show(exc)
        sys.exit(exc.exit_code)
    except YuqingError as exc:
        Console(stderr=True, soft_wrap=True).print(
            f"[bold red]错误：[/bold red]{escape(str(exc))}", highlight=False
        )
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)
