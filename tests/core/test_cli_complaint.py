"""`yuqing search --complaint/--no-complaint`: the complaint decision as a filter and a column."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from app.cli import app
from core.index.sqlite import SQLiteMentionIndex
from core.models import Complaint
from tests.core.conftest import mention

runner = CliRunner()


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_search_by_complaint(tmp_path: Path) -> None:
    data = tmp_path / "var"
    index = SQLiteMentionIndex(data / "mentions.db")
    index.upsert_many(
        [
            mention("1", "鲜味坊刹车异响，4S店说正常", 0,
                    complaint=Complaint(flag=True, probability=0.93)),
            mention("2", "鲜味坊新品很好吃", 10, complaint=Complaint(flag=False, probability=0.04)),
            mention("3", "鲜味坊门店在哪里", 20),  # not classified
        ]
    )  # fmt: skip
    index.close()

    def found(*options: str) -> list[str]:
        lines = invoke("search", "鲜味坊", *options, "--json", "--data-dir", str(data))
        return sorted(json.loads(line)["native_id"] for line in lines.splitlines())

    assert found() == ["1", "2", "3"]
    assert found("--complaint") == ["1"]
    assert found("--no-complaint") == ["2"]  # the unclassified one matches neither
    (line,) = invoke("search", "刹车", "--json", "--data-dir", str(data)).splitlines()
    assert json.loads(line)["complaint"] == {
        "flag": True,
        "probability": 0.93,
        "cues": [],
        "resolved": False,
    }
    table = invoke("search", "鲜味坊", "--data-dir", str(data))
    assert table.count("投诉") == 2 and "共 3 条" in table  # the column and the flagged row
    others = invoke("search", "鲜味坊", "--no-complaint", "--data-dir", str(data))
    assert others.count("投诉") == 1 and "共 1 条" in others  # the column only
