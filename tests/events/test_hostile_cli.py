"""`yuqing events list/show` print titles and authors taken from posts as typed.

An event's title is a clause of its posts and its authors are whoever posted: rich markup in
them (`[/]`, `[link=…]`) made both commands stop with a MarkupError.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from typer.testing import CliRunner

from app.cli import app

runner = CliRunner()
AUTHOR = "[/]坏人{}[link=http://evil.cn]点"


def test_events_list_and_show_print_markup_in_posts_as_text(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    records = [
        {
            "source": "weibo",
            "native_id": f"m{i}",
            "author": {"id": f"m{i}", "name": AUTHOR.format(i), "followers": 900_000},
            "text": f"快看[/]真相 酸菜鱼 吃出 蟑螂 腹泻 就医 第{i}位",
            "repost_of": "m0" if i else None,
            "published_at": (now - timedelta(minutes=30 - i)).isoformat(),
        }
        for i in range(15)
    ]
    stream = tmp_path / "in.jsonl"
    stream.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    data = ["--data-dir", str(tmp_path / "var")]
    assert runner.invoke(app, ["ingest", str(stream), *data, "--no-alerts"]).exit_code == 0
    listed = runner.invoke(app, ["events", "list", "--json", *data])
    assert listed.exit_code == 0, listed.output
    event_id = json.loads(listed.output.splitlines()[0])["id"]
    table = runner.invoke(app, ["events", "list", *data])
    shown = runner.invoke(app, ["events", "show", event_id, *data])
    assert table.exit_code == 0, table.output
    assert shown.exit_code == 0, shown.output
    assert "快看[/]真相" in shown.output and AUTHOR.format(0) in shown.output
    assert "[/]" in table.output


def test_alerts_list_prints_an_event_title_with_markup(tmp_path: Path) -> None:
    from alerting.models import Alert
    from core.context import Context

    data = tmp_path / "var"
    ctx = Context.load(None, data)
    now = datetime.now(UTC)
    with ctx.sessions() as session:
        session.add(
            Alert(
                rule="event_growth", rule_type="event_growth", key="k", severity="high",
                status="open", title="事件快速扩散：快看[/]真相[link=http://evil.cn]点",
                summary="", opened_at=now, updated_at=now, last_fired_at=now,
                sample_mention_ids=[],
            )
        )  # fmt: skip
        session.commit()
    ctx.close()
    listed = runner.invoke(app, ["alerts", "list", "--data-dir", str(data)], env={"COLUMNS": "200"})
    assert listed.exit_code == 0, listed.output
    assert "[/]" in listed.output
