"""舆情分析's 热词 leave out what the 周报's negative topics leave out: the brand's names, and
how forum posters address one another (各位车友, 求助, 说个事), which a car maker's week put at
the top of the dashboard's hot words — real classifier and index, AppTest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from tests.dashboard.ingested_page import page_over

CONFIG = """brand: 驰远汽车
plans:
  - {id: chiyuan, name: 驰远汽车, expression: 驰远|星河S7}
"""
POSTS = [
    "各位车友，求助，驰远星河S7刹车异响，4S店说正常",
    "说个事，各位车友，星河S7刹车异响越来越响了",
    "求助各位车友：驰远星河S7变速箱异响怎么办",
    "各位车友，驰远的车机死机，求助",
    "说个事，星河S7空调异响，各位车友有遇到的吗",
]


def stored_keywords(data: Path, text: str = "星河S7") -> set[str]:
    out = CliRunner().invoke(app, ["search", text, "--json", "--data-dir", str(data)])
    found = [json.loads(line) for line in out.output.splitlines() if line.startswith("{")]
    return {k for m in found for k in m.get("keywords", [])}


def test_hot_words_name_subjects_not_how_posters_greet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with page_over(tmp_path, monkeypatch, CONFIG, POSTS, "insights") as at:
        assert {"车友", "各位"} & stored_keywords(tmp_path / "var"), "the words are there to hide"
        html = "".join(str(m.value) for m in at.markdown)
        assert "异响：" in html, "the defect every post names is a hot word"
        hidden = ("车友：", "各位：", "求助：", "说个事：", "星河s7：", "驰远：")
        shown = {w for w in hidden if w in html}
        assert not shown, shown


def test_a_model_name_hot_word_is_shown_as_people_spell_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The phone week's 热词 led with 「x5」: the index keeps keywords lower-case."""
    config = "brand: 曜石手机\nplans:\n  - {id: yaoshi, name: 曜石手机, expression: 曜石}\n"
    posts = [
        "曜石手机的X5充电时电池鼓包，吓得不敢充电",
        "我的X5也鼓包了，曜石手机售后说正常老化",
        "X5后盖鼓起来了，曜石手机给个说法",
        "曜石手机的X5发烫鼓包，售后推诿",
    ]
    with page_over(tmp_path, monkeypatch, config, posts, "insights") as at:
        assert "x5" in stored_keywords(tmp_path / "var", "鼓包"), "the index has it lower-case"
        html = "".join(str(m.value) for m in at.markdown)
        assert "X5：" in html and "x5：" not in html, html[-2000:]
