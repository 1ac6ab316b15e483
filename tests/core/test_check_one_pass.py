"""`yuqing check` finds what `yuqing run` would refuse, every problem in one pass.

Each test writes a real yuqing.yaml and runs the real CLI: a config `check` passes must not be
refused by `run` (or fail at run time), and a file with many mistakes is fixed in one round.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from app.cli import app
from core.errors import YuqingError

runner = CliRunner()
PLAN = {"id": "xianweifang", "name": "鲜味坊", "expression": "鲜味坊"}


def write(tmp_path: Path, data: dict[str, Any] | str) -> Path:
    """yuqing.yaml in tmp_path (a dict is dumped as YAML, a str written as is)."""
    path = tmp_path / "yuqing.yaml"
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def cli(command: str, config: Path) -> tuple[int, str]:
    """Exit code and what the command says (an error as `app.cli.main` prints it)."""
    args = [command, "--config", str(config), "--data-dir", str(config.parent / "var")]
    result = runner.invoke(app, args)
    if isinstance(result.exception, YuqingError):
        return 2, f"{result.output}错误：{result.exception}"
    return result.exit_code, result.output


def problems(output: str) -> list[str]:
    """The `  - ` problem lines of a check or run report."""
    return [line.strip()[2:] for line in output.splitlines() if line.strip().startswith("- ")]


def rss(name: str = "feed", **options: Any) -> dict[str, Any]:
    """An rss source with these options (a valid feed URL unless urls is given)."""
    return {"name": name, "type": "rss", "options": {"urls": ["https://a.example/feed"], **options}}


@pytest.mark.parametrize(
    ("expression", "words"),
    [
        ("鲜味坊+(退款", "第 8 个字符：缺少右括号 ')'"),
        ("!", "第 2 个字符：表达式不完整，缺少关键词"),
        ("()", "第 2 个字符：括号内缺少关键词"),
        ('"鲜味坊', '第 1 个字符：引号没有闭合，缺少 "'),
    ],
)
def test_a_broken_plan_expression_fails_check(tmp_path: Path, expression: str, words: str) -> None:
    config = write(tmp_path, {"plans": [{**PLAN, "expression": expression}]})
    code, out = cli("check", config)
    assert code == 2 and "检查通过" not in out
    assert f"plans[0].expression：{words}" in out


def test_run_refuses_before_announcing_the_start_with_the_lines_check_prints(
    tmp_path: Path,
) -> None:
    config = write(
        tmp_path,
        {"plans": [{**PLAN, "expression": "鲜味坊+(退款"}], "sources": [rss(plans=["nope"])]},
    )
    check_code, check_out = cli("check", config)
    run_code, run_out = cli("run", config)
    assert check_code == run_code == 2
    assert "服务启动" not in run_out and "服务未启动" in run_out
    assert problems(check_out) == problems(run_out) and len(problems(run_out)) == 2


def test_an_unknown_plan_id_in_source_options_is_refused_with_a_suggestion(
    tmp_path: Path,
) -> None:
    other = {"id": "kuaican", "name": "快餐", "expression": "快餐"}
    config = write(tmp_path, {"plans": [PLAN, other], "sources": [rss(plans=["xianweifnag"])]})
    code, out = cli("check", config)
    assert code == 2
    assert (
        "sources[feed].options.plans[0]：未知的监测方案 'xianweifnag'；"
        "是不是 xianweifang？已配置：xianweifang（鲜味坊）、kuaican（快餐）"
    ) in out


def test_feed_addresses_must_be_http(tmp_path: Path) -> None:
    config = write(tmp_path, {"plans": [PLAN], "sources": [rss(urls=["not a url", "ftp://b/"])]})
    code, out = cli("check", config)
    assert code == 2
    assert "sources[feed].options.urls[0]：不是 http(s) 地址：'not a url'" in out
    assert "sources[feed].options.urls[1]：不是 http(s) 地址：'ftp://b/'" in out


def test_a_single_feed_address_is_a_one_item_list_like_other_list_options(
    tmp_path: Path,
) -> None:
    config = write(tmp_path, {"plans": [PLAN], "sources": [rss(urls="https://a.example/feed")]})
    code, out = cli("check", config)
    assert code == 0 and "检查通过（1 个数据源" in out
    bad = write(tmp_path, {"plans": [PLAN], "sources": [rss(urls="a.example/feed")]})
    code, out = cli("check", bad)
    assert code == 2 and "sources[feed].options.urls[0]：不是 http(s) 地址" in out


@pytest.mark.parametrize(
    ("interval", "words"),
    [
        (5, "sources[0].interval：时长 5 没有单位：写成 5m / 30s / 2h"),
        ("5", "sources[0].interval：时长 '5' 没有单位：写成 5m / 30s / 2h"),
        ("0s", "sources[0].interval：采集间隔须大于 0"),
        (0, "sources[0].interval：采集间隔须大于 0"),
        ("-5m", "sources[0].interval：不是时长：'-5m'"),
    ],
)
def test_an_interval_needs_a_unit_and_must_be_positive(
    tmp_path: Path, interval: object, words: str
) -> None:
    config = write(tmp_path, {"plans": [PLAN], "sources": [{**rss(), "interval": interval}]})
    code, out = cli("check", config)
    assert code == 2 and words in out


def test_every_problem_of_a_file_is_reported_in_one_check(tmp_path: Path) -> None:
    first = {
        **rss(delay=-3, max_pages="lots", chanel="news"),
        "enabled": "yes please",
        "interval": 5,
        "intervall": "5m",
    }
    second = rss(channel="weibox")
    config = write(
        tmp_path,
        {"brand": ["鲜味坊"], "timezone": "Mars/Base", "plans": [PLAN], "sources": [first, second]},
    )
    code, out = cli("check", config)
    assert code == 2
    expected = [
        "brand：应为文本",
        "timezone：未知的时区 'Mars/Base'",
        "sources[0].enabled：应为 true 或 false（收到 'yes please'）",
        "sources[0].interval：时长 5 没有单位",
        "sources[0].intervall：未知的键（检查拼写或删除）；是不是 interval？",
        "sources: 数据源名 'feed' 重复 2 次",
        "sources[feed].options.delay：不能为负数（收到 -3）",
        "sources[feed].options.max_pages：应为整数，实际为 'lots'",
        "sources[feed].options.chanel：未知选项（拼写错误？是不是 channel？）",
        "sources[feed].options.channel：未知的频道 'weibox'",
    ]
    found = problems(out)
    for words in expected:
        assert sum(words in line for line in found) == 1, (words, out)
    assert f"发现 {len(found)} 处问题" in out and len(found) == len(expected)


def test_a_file_that_does_not_parse_says_nothing_else_was_checked(tmp_path: Path) -> None:
    config = write(tmp_path, "plans: [a\n")
    code, out = cli("check", config)
    assert code == 2 and "YAML 语法错误" in out and "其余检查未进行" in out


def test_a_section_of_the_wrong_shape_does_not_hide_the_other_sections(tmp_path: Path) -> None:
    notifier = {"name": "ding", "type": "dingding"}
    config = write(tmp_path, {"sources": "feed", "alerting": {"notifiers": [notifier]}})
    code, out = cli("check", config)
    assert code == 2 and "sources：应为列表" in out
    assert "alerting.notifiers[ding].type: 未知的通知渠道类型 'dingding'" in out
