"""Without --config or YUQING_CONFIG, a yuqing.yaml in the working directory is the config
(before, every command there silently ran on the defaults: no plans, brand 未命名品牌)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli_run import run

PLAN = """brand: 驰远汽车
plans:
  - id: chiyuan
    name: 驰远汽车
    expression: 驰远|星河S7
"""


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("YUQING_CONFIG", raising=False)
    return tmp_path


def test_the_working_directory_config_is_read(
    here: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "yuqing.yaml").write_text(PLAN, encoding="utf-8")
    code, out = run(["check"], monkeypatch, capsys)
    assert code == 0, out
    assert "yuqing.yaml：检查通过" in out and "1 个监测方案" in out


def test_without_one_the_defaults_are_used(
    here: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(["check"], monkeypatch, capsys)
    assert code == 0, out
    assert "0 个监测方案" in out and "yuqing.yaml" not in out


def test_a_named_config_wins(
    here: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "yuqing.yaml").write_text("brnd: 拼错\n", encoding="utf-8")
    other = here / "other.yaml"
    other.write_text(PLAN, encoding="utf-8")
    code, out = run(["check", "--config", str(other)], monkeypatch, capsys)
    assert code == 0 and "1 个监测方案" in out, out
    monkeypatch.setenv("YUQING_CONFIG", str(other))
    code, out = run(["alerts", "rules"], monkeypatch, capsys)
    assert code == 0 and "拼错" not in out, out


@pytest.mark.parametrize("args", [["check"], ["alerts", "rules"], ["search", "刹车"]], ids=" ".join)
def test_a_broken_local_config_is_named_not_skipped(
    args: list[str], here: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "yuqing.yaml").write_text("brnd: 拼错\n", encoding="utf-8")
    code, out = run(args, monkeypatch, capsys)
    assert code != 0, out
    assert "yuqing.yaml" in out and "brnd：未知的键" in out, out


def test_classify_leaves_the_configured_brand_out_of_keywords(
    here: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """As at ingest: 招财 and 银行信用 (of 招财银行信用卡) name the brand, not a topic."""
    (here / "in.jsonl").write_text('{"text": "招财银行信用卡乱扣年费，客服推诿"}\n', "utf-8")

    def keywords() -> list[str]:
        code, out = run(["classify", "--in", "in.jsonl", "--out", "out.jsonl"], monkeypatch, capsys)
        assert code in (0, None), out
        return list(json.loads((here / "out.jsonl").read_text("utf-8"))["keywords"])

    assert {"招财", "银行信用"} & set(keywords()), "without a config the brand is unknown"
    (here / "yuqing.yaml").write_text(
        "brand: 招财银行\nplans:\n  - {id: b, name: 招财银行, expression: 招财银行}\n", "utf-8"
    )
    found = keywords()
    assert "年费" in found and not {"招财", "银行信用"} & set(found), found


def test_classify_never_flags_the_brands_own_account(
    here: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """As at ingest: the official reply names the defect and the dispute, but the brand does not
    complain about itself."""
    reply = {
        "text": "关于刹车异响一事，经核实车辆检测正常，4S店已联系车主处理，驰远汽车",
        "channel": "weibo",
        "author": {"id": "1", "name": "驰远汽车官方"},
    }
    (here / "in.jsonl").write_text(json.dumps(reply, ensure_ascii=False) + "\n", "utf-8")

    def flagged() -> bool:
        code, out = run(["classify", "--in", "in.jsonl", "--out", "out.jsonl"], monkeypatch, capsys)
        assert code in (0, None), out
        return bool(json.loads((here / "out.jsonl").read_text("utf-8"))["complaint"]["flag"])

    assert flagged(), "read on its own, the reply is a complaint"
    (here / "yuqing.yaml").write_text(PLAN + "own_accounts:\n  weibo: [驰远汽车官方]\n", "utf-8")
    assert not flagged()
