"""Hostile post text stays text: in Streamlit, chat messages, HTML, the console and at ingest."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from alerting.enums import AlertEvent
from alerting.models import Alert
from alerting.templates import render_alert
from app.cli import app
from app.config import AppConfig
from core.context import Context
from core.escaping import chat_text, console_text, html_text, safe_link, streamlit_text
from core.models import Mention
from core.pipeline.normalize import normalize
from tests.support.pages import serve

IMAGE = "![x](http://127.0.0.1:9077/t.png)"
DIRECTIVE = ":red[官方声明：鲜味坊已召回全部产品]"
RLO = "价格\u202e000,008\u200b 元"
SEARCH_PAGE = str(Path(__file__).resolve().parents[2] / "dashboard" / "views" / "search.py")
runner = CliRunner()


def test_each_escaper_leaves_no_markup() -> None:
    for hostile in (IMAGE, DIRECTIVE, "<img src=x onerror=alert(1)>", "$x$ **b** `c`"):
        shown = streamlit_text(hostile)
        assert not re.search(r"[\[\]()<>:*`$!]", shown), shown
        assert not re.search(r"[\[\]()<>*`!]", chat_text(hostile)), chat_text(hostile)
        assert "<" not in html_text(hostile)
    assert console_text("a [/] b [bold]c") == "a \\[/] b \\[bold]c"
    assert safe_link("javascript:alert(1)") is None
    assert safe_link("data:text/html,x") is None
    assert safe_link("http://x.cn/a)b![c](d)") == "http://x.cn/a%29b!%5Bc%5D%28d%29"
    assert safe_link("http://img.evil.cn/t.png", allowed_hosts=("sinaimg.cn",)) is None
    assert safe_link("https://wx1.sinaimg.cn/t.png", allowed_hosts=("sinaimg.cn",))


def test_bidi_controls_and_zero_width_are_removed_at_ingest() -> None:
    mention = Mention(
        source="s",
        native_id="1",
        text=RLO,
        title="\u2066标题\u2069",
        author={"name": "老\u202e王\u200d"},
        published_at=datetime(2026, 11, 30, tzinfo=UTC),
    )
    clean = normalize(mention)
    assert (clean.text, clean.title, clean.author.name) == ("价格000,008 元", "标题", "老王")


def test_alert_message_carries_post_text_as_text(tmp_path: Path) -> None:
    ctx = Context(config=AppConfig(brand="鲜味坊"), data_dir=tmp_path)
    sample = Mention(
        source="weibo",
        native_id="1",
        text=f"{DIRECTIVE} {IMAGE} [点我](javascript:alert(1))",
        url="javascript:alert(1)",
        author={"name": IMAGE},
        published_at=datetime(2026, 11, 30, tzinfo=UTC),
    )
    alert = Alert(
        id=3,
        rule="urgent",
        rule_type="urgent_mention",
        key="k",
        severity="critical",
        status="open",
        title="高危舆情：[其他](http://evil.cn)",
        summary=f"@{IMAGE} 发布高危内容",
        count=1,
        peak=90.0,
    )
    message = render_alert(ctx, alert, AlertEvent.OPENED, [sample])
    links = re.findall(r"\]\(([^)]*)\)", message.body_markdown)
    assert links == ["http://127.0.0.1:8501/alerts?alert=3"]  # only our own deep link
    assert "![" not in message.body_markdown and "javascript:" not in links[0]
    assert "[其他]" not in message.title
    ctx.close()


@pytest.fixture
def hostile_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data dir with one hostile post ingested through the CLI."""
    record = {
        "source": "weibo",
        "native_id": "h1",
        "text": f"鲜味坊退款 [/] [bold]粗体 {IMAGE} {DIRECTIVE} {RLO}",
        "author": {"name": f"{IMAGE}[/]"},
        "published_at": datetime.now(UTC).isoformat(),
    }
    stream = tmp_path / "in.jsonl"
    stream.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    data = tmp_path / "var"
    result = runner.invoke(app, ["ingest", str(stream), "--data-dir", str(data), "--no-alerts"])
    assert result.exit_code == 0, result.output
    serve(monkeypatch, None, data)
    yield data
    st.cache_resource.clear()
    st.cache_data.clear()


def test_search_prints_brackets_instead_of_crashing(hostile_data: Path) -> None:
    result = runner.invoke(app, ["search", "退款", "--data-dir", str(hostile_data)])
    assert result.exit_code == 0, result.output
    assert "[/]" in result.output and "[bold]" in result.output


def test_search_page_shows_the_post_as_text(hostile_data: Path) -> None:
    at = AppTest.from_file(SEARCH_PAGE, default_timeout=60).run()
    assert not at.exception
    (card,) = [m.value for m in at.markdown if "yq-mention" in m.value]
    assert "![" not in card and "](" not in card and ":red[" not in card
    assert "&#33;&#91;x&#93;" in card  # the author's name, shown as typed
    assert "\u202e" not in card


def test_case_commands_print_hostile_titles(tmp_path: Path) -> None:
    from crisis_playbooks.cli import case_app

    args = ["--data-dir", str(tmp_path / "var")]
    title = "[/] 退款 [bold]没退"
    opened = runner.invoke(case_app, ["open", "--title", title, "--owner", "[/]", *args])
    assert opened.exit_code == 0, opened.output
    assert title in opened.output
    listed = runner.invoke(case_app, ["list", *args])
    shown = runner.invoke(case_app, ["show", "1", *args])
    assert listed.exit_code == 0 and shown.exit_code == 0, listed.output + shown.output
    assert "[/]" in listed.output and title in shown.output


CASES_PAGE = str(Path(__file__).resolve().parents[2] / "dashboard" / "views" / "cases.py")
ALERTS_PAGE = str(Path(__file__).resolve().parents[2] / "dashboard" / "views" / "alerts.py")


def test_case_board_and_alert_page_show_hostile_titles_as_text(hostile_data: Path) -> None:
    from alerting.models import Alert
    from crisis_playbooks.cli import case_app

    opened = runner.invoke(
        case_app, ["open", "--title", DIRECTIVE, "--data-dir", str(hostile_data)]
    )
    assert opened.exit_code == 0, opened.output
    ctx = Context.load(None, hostile_data)
    now = datetime.now(UTC)
    with ctx.sessions() as session:
        session.add(
            Alert(
                rule="urgent", rule_type="urgent_mention", key="k", severity="critical",
                status="open", title=DIRECTIVE, summary=f"@{IMAGE} 发布高危内容",
                opened_at=now, updated_at=now, last_fired_at=now, sample_mention_ids=[],
            )
        )  # fmt: skip
        session.commit()
    ctx.close()
    for page in (CASES_PAGE, ALERTS_PAGE):
        at = AppTest.from_file(page, default_timeout=60).run()
        assert not at.exception, at.exception
        shown = " ".join(m.value for m in at.markdown) + " ".join(e.label for e in at.expander)
        assert "官方声明" in shown, page
        assert ":red[官方" not in shown and "![" not in shown, page


def test_one_line_streamlit_text_keeps_user_text_from_becoming_markup() -> None:
    hostile = "![x](http://127.0.0.1:9077/t.png) :red[官方声明] **粗体**"
    shown = streamlit_text(hostile + "\n\n  多行", one_line=True)
    assert "![" not in shown and ":red[" not in shown and "**" not in shown
    plain = html.unescape(shown).replace("\u2060", "")  # the word joiner that stops the link
    assert plain == hostile + " 多行", "entities, same text, one line"
