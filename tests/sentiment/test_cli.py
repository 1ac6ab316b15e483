"""`yuqing train sentiment` / `yuqing eval sentiment` typer apps."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from sentiment.cli import eval_app, train_app

ROWS = [
    (1, "味道很好，送餐也快，下次还点"),
    (1, "房间干净，服务热情，性价比高"),
    (1, "手机很好用，电池耐用，推荐"),
    (0, "太难吃了，还送晚了一个小时"),
    (0, "质量太差，用了两天就坏了"),
    (0, "前台态度恶劣，房间又脏又吵"),
]


WIDE = {"COLUMNS": "200"}


def _app() -> typer.Typer:
    app = typer.Typer()
    app.add_typer(train_app, name="train")
    app.add_typer(eval_app, name="eval")
    return app


def test_eval_prints_both_models(tmp_path: Path) -> None:
    data = tmp_path / "mini.csv"
    data.write_text("label,review\n" + "".join(f"{y},{t}\n" for y, t in ROWS), encoding="utf-8")
    result = CliRunner().invoke(_app(), ["eval", "sentiment", "--data", str(data)], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "mini" in result.output
    assert "default 准确率" in result.output and "snownlp 准确率" in result.output
    assert "1.0000" in result.output  # our model gets these six right


def test_eval_reads_gb18030_like_ingest(tmp_path: Path) -> None:
    data = tmp_path / "gbk.csv"
    rows = "label,review\n" + "".join(f"{y},{t}\n" for y, t in ROWS)
    data.write_bytes(rows.encode("gb18030"))
    result = CliRunner().invoke(_app(), ["eval", "sentiment", "--data", str(data)], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and "1.0000" in result.output
    assert "default 宏平均F1" in result.output


def test_eval_without_a_label_or_text_column_says_which_is_needed(tmp_path: Path) -> None:
    cases = {
        "text,channel\n太难吃了,weibo\n": "缺少 label 列",
        "label,渠道\n1,weibo\n": "缺少文本列 review",
        "label,review\n好评,很好吃\n": "没有可用的行",
    }
    for number, (content, problem) in enumerate(cases.items()):
        data = tmp_path / f"{number}.csv"
        data.write_text(content, encoding="utf-8")
        result = CliRunner().invoke(_app(), ["eval", "sentiment", "--data", str(data)], env=WIDE)
        assert result.exit_code == 2, result.output
        assert problem in result.output and "准确率" not in result.output


def test_eval_unknown_model_and_missing_file(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(
        _app(), ["eval", "sentiment", "--data", str(tmp_path / "x.csv")], env=WIDE
    )
    assert missing.exit_code == 2 and "文件不存在" in missing.output
    unknown = runner.invoke(_app(), ["eval", "sentiment", "--data", "x.csv", "--model", "bert"])
    assert unknown.exit_code == 2 and "未知的分类模型 'bert'" in unknown.output


def test_train_without_data_fails_cleanly(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        _app(),
        ["train", "sentiment", "--data-dir", str(tmp_path), "--out", str(tmp_path / "m.npz")],
        env=WIDE,
    )
    assert result.exit_code == 1
    assert "没有训练用的 CSV" in result.output
    assert not (tmp_path / "m.npz").exists()


def test_eval_category_prints_both_rounds() -> None:
    result = CliRunner().invoke(_app(), ["eval", "category"], env=WIDE)
    assert result.exit_code == 0, result.output
    rows = [
        line
        for line in result.output.splitlines()
        if line.startswith("│ 1") or line.startswith("│ 2")
    ]
    assert len(rows) == 2 and "200" in rows[0] and "100" in rows[1]


def test_eval_category_names_the_bad_row_in_chinese(tmp_path: Path) -> None:
    sample = tmp_path / "sample.csv"
    sample.write_text("round,text,category,also\n1,菜里有虫,food_safty,\n", encoding="utf-8")
    result = CliRunner().invoke(_app(), ["eval", "category", "--data", str(sample)], env=WIDE)
    assert result.exit_code == 2
    assert f"{sample}:2：未知的类别 'food_safty'" in result.output.replace("\n", "")
    no_column = tmp_path / "short.csv"
    no_column.write_text("text,category\n菜里有虫,other\n", encoding="utf-8")
    result = CliRunner().invoke(_app(), ["eval", "category", "--data", str(no_column)], env=WIDE)
    assert result.exit_code == 2 and "缺少列 'also'" in result.output.replace("\n", "")
