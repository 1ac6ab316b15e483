"""`yuqing plans rematch`: a plan added to yuqing.yaml (a product line, a competitor) or a plan
whose keywords were edited is applied to the mentions already stored (real ingest, real SQLite
index and rollups, real workflow store): reposts take their parent's new plans, a dry run
writes nothing, `--since` is honoured, a second run changes nothing, every run is logged, and
`yuqing check` says when the plans changed since the store was tagged."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml
from typer.testing import CliRunner

from app.cli import app
from core.index.protocol import SearchQuery, SplitField
from core.index.sqlite import SQLiteMentionIndex

runner = CliRunner()
HOUR = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
XWF = {"id": "xwf", "name": "鲜味坊", "expression": "鲜味坊"}
WAIMAI = {"id": "waimai", "name": "鲜味坊外卖", "expression": "外卖", "exclude": ["招聘"]}
RIVAL = {"id": "xml", "name": "香满楼", "expression": "香满楼", "role": "竞品"}
POSTS = [  # native id, text, hours before HOUR, repost of
    ("1", "鲜味坊外卖吃出虫子", 30, None),
    ("2", "香满楼的菜太咸了", 29, None),
    ("3", "转发微博", 28, "2"),
    ("4", "外卖送了两个小时，汤都凉了", 27, None),
    ("5", "转发微博", 26, "4"),
    ("6", "外卖骑手招聘，日结", 25, None),
    ("7", "外卖洒了一半", 200, None),  # last week's, before any --since below
]


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def config(folder: Path, name: str, *plans: dict[str, object]) -> str:
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump({"brand": "鲜味坊", "plans": list(plans)}, allow_unicode=True))
    return str(path)


def ingest(folder: Path, data: Path, yaml_path: str) -> None:
    stream = folder / "in.jsonl"
    records = []
    for native, text, hours, parent in POSTS:
        record = {
            "source": "weibo_search",
            "channel": "weibo",
            "native_id": native,
            "text": text,
            "published_at": (HOUR - timedelta(hours=hours, minutes=-5)).isoformat(),
        }
        if parent:
            record["repost_of"] = parent
        records.append(record)
    stream.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    invoke("ingest", str(stream), "--config", yaml_path, "--data-dir", str(data))


def plans_of(data: Path) -> dict[str, list[str]]:
    index = SQLiteMentionIndex(data / "mentions.db")
    try:
        return {m.native_id: m.plans for m in index.search(SearchQuery(limit=100)).mentions}
    finally:
        index.close()


def rolled_up(data: Path) -> dict[str, int]:
    """Mentions per plan over whole hours (the hourly rollups answer these)."""
    index = SQLiteMentionIndex(data / "mentions.db")
    try:
        window = (HOUR - timedelta(days=30), HOUR)
        per_plan = dict(index.breakdown(SplitField.PLAN, *window))
        for plan in ("xwf", "waimai", "xml"):
            assert index.count(SearchQuery(plans=[plan], since=window[0], until=window[1])) == (
                per_plan.get(plan, 0)
            )
        return per_plan
    finally:
        index.close()


def test_rematch_applies_new_and_edited_plans_to_stored_mentions(tmp_path: Path) -> None:
    data = tmp_path / "var"
    first = config(tmp_path, "first", XWF)
    ingest(tmp_path, data, first)
    assert plans_of(data)["1"] == ["xwf"] and plans_of(data)["4"] == []
    now = config(tmp_path, "now", XWF, WAIMAI, RIVAL)
    checked = invoke("check", "--config", now, "--data-dir", str(data))
    assert "方案已修改，历史提及未重新匹配" in checked and "yuqing plans rematch" in checked

    dry = invoke("plans", "rematch", "--dry-run", "--config", now, "--data-dir", str(data))
    assert "检查 7 条提及，按当前监测方案重新归类 6 条（试运行，未写回）" in dry, dry
    assert "鲜味坊外卖（waimai） +4 −0；香满楼（xml） +2 −0" in dry, dry
    assert plans_of(data)["4"] == [] and rolled_up(data) == {"xwf": 1}

    since = (HOUR - timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%S")
    out = invoke(
        "plans", "rematch", "--since", since, "--actor", "李娜", "--config", now,
        "--data-dir", str(data),
    )  # fmt: skip
    assert "检查 6 条提及，按当前监测方案重新归类 5 条，已写回 5 条" in out, out
    tagged = plans_of(data)
    assert tagged["1"] == ["xwf", "waimai"] and tagged["4"] == ["waimai"]
    assert tagged["3"] == ["xml"] and tagged["5"] == ["waimai"]  # reposts take the parent's
    assert tagged["6"] == []  # 招聘 is excluded
    assert tagged["7"] == []  # before --since: left as it was
    assert rolled_up(data) == {"xwf": 1, "waimai": 3, "xml": 2}
    still = invoke("check", "--config", now, "--data-dir", str(data))
    assert "方案已修改" in still  # a window was rematched, not every stored mention

    whole = invoke("plans", "rematch", "--config", now, "--data-dir", str(data))
    assert "重新归类 1 条，已写回 1 条" in whole and "鲜味坊外卖（waimai） +1 −0" in whole, whole
    assert rolled_up(data)["waimai"] == 4
    again = invoke("plans", "rematch", "--config", now, "--data-dir", str(data))
    assert "重新归类 0 条，已写回 0 条" in again and "各方案：无变化" in again, again
    assert "方案已修改" not in invoke("check", "--config", now, "--data-dir", str(data))

    # The keywords edited: 外卖 posts about delivery only (骑手) — the others lose the plan.
    narrower = config(tmp_path, "narrower", XWF, {**WAIMAI, "expression": "骑手"}, RIVAL)
    out = invoke("plans", "rematch", "--config", narrower, "--data-dir", str(data))
    assert "鲜味坊外卖（waimai） +0 −4" in out, out
    assert rolled_up(data) == {"xwf": 1, "xml": 2}

    log = invoke("plans", "log", "--config", narrower, "--data-dir", str(data))
    lines = log.strip().splitlines()
    assert "重新匹配全部提及：检查 7 条，重新归类 4 条；鲜味坊外卖（waimai） +0 −4" in lines[0]
    assert "李娜  重新匹配发布于" in lines[3] and "重新归类 5 条" in lines[3], log
    assert lines[-1].endswith("首次入库时的监测方案（基准）"), log
    assert "提醒" not in log


def test_the_plans_fingerprint_follows_what_tags_a_mention() -> None:
    """An edited expression or official account changes which mentions are a plan's (a post of
    its own account is the plan's); a renamed plan or a changed role does not."""
    from core.config import Plan
    from core.pipeline.plan_log import fingerprint

    plan = Plan(id="xl", name="星联移动", expression="星联", own_accounts=["星联移动"])
    before = fingerprint([plan])
    assert fingerprint([plan.model_copy(update={"own_accounts": ["星联移动客服"]})]) != before
    assert fingerprint([plan.model_copy(update={"expression": "星联|XL"})]) != before
    assert fingerprint([plan.model_copy(update={"name": "星联"})]) == before
