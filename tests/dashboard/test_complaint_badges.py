"""Cards say 投诉 for flagged complaints and 人工校正 for corrected labels; the filter works."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from app.cli import app
from core.enums import Channel
from core.models import Complaint, Mention
from dashboard.filters import RESOLVED_ONLY
from dashboard.widgets import complaint_reason_zh, mention_badges
from tests.support.pages import serve


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data dir the dashboard's context reads."""
    serve(monkeypatch, None, tmp_path / "var")
    return tmp_path / "var"


def test_badges_name_complaints_and_corrections(data_dir: Path) -> None:
    base = Mention(
        source="t", native_id="1", text="刹车异响", published_at=datetime(2026, 11, 23, tzinfo=UTC)
    )
    flagged = base.model_copy(update={"complaint": Complaint(flag=True, probability=0.9)})
    assert "投诉" in mention_badges(flagged) and "人工校正" not in mention_badges(flagged)
    assert "投诉" not in mention_badges(base)
    corrected = base.model_copy(update={"corrected": {"sentiment": "negative"}})
    assert "人工校正" in mention_badges(corrected)
    praised = base.model_copy(
        update={"complaint": Complaint(flag=False, probability=0.02, resolved=True)}
    )
    assert "补救后好评" in mention_badges(praised) and "投诉" not in mention_badges(praised)


def test_cards_say_why_a_mention_is_a_complaint(data_dir: Path) -> None:
    base = Mention(
        source="t", native_id="1", text="刹车异响", published_at=datetime(2026, 11, 23, tzinfo=UTC)
    )

    def flagged(cues: list[str], **update: object) -> Mention:
        complaint = Complaint(flag=True, probability=0.87, cues=cues)
        return base.model_copy(update={"complaint": complaint, **update})

    assert complaint_reason_zh(flagged(["异响", "推诿"])) == "命中 异响、推诿"
    platform = flagged([], channel=Channel.COMPLAINT_PLATFORM)
    assert complaint_reason_zh(platform) == "发布于投诉平台"
    assert complaint_reason_zh(flagged([])) == "模型依据全文判断（概率 87%）"
    assert complaint_reason_zh(flagged(["异响"], corrected={"complaint": "true"})) == ""
    assert complaint_reason_zh(base) == ""


def ingest_texts(data_dir: Path, texts: list[str]) -> None:
    """`yuqing ingest` of one JSONL file of these texts, published now."""
    now = datetime.now(UTC).isoformat()
    stream = data_dir.parent / "in.jsonl"
    stream.write_text(
        "\n".join(
            json.dumps(
                {"source": "t", "native_id": str(n), "text": text, "published_at": now},
                ensure_ascii=False,
            )
            for n, text in enumerate(texts, start=1)
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["ingest", str(stream), "--data-dir", str(data_dir)])
    assert result.exit_code == 0, result.output


def search_page() -> AppTest:
    """The dashboard's 检索 page, run once."""
    page = Path(__file__).resolve().parents[2] / "dashboard" / "views" / "search.py"
    return AppTest.from_file(str(page), default_timeout=60).run()


def test_search_page_filters_complaints(data_dir: Path) -> None:
    ingest_texts(data_dir, ["刹车异响，4S店说正常，要求退车", "今天天气真好，出去玩了"])
    at = search_page()
    cards = [m.value for m in at.markdown if "yq-mention" in m.value]
    assert "".join(cards).count('class="yq-mention"') == 2
    at.selectbox(key="search-complaint").set_value(True).run()
    cards = [m.value for m in at.markdown if "yq-mention" in m.value]
    assert len(cards) == 1 and "刹车异响" in cards[0] and "投诉" in cards[0]
    assert "投诉依据：命中 异响" in cards[0]
    st.cache_resource.clear()
    st.cache_data.clear()


def test_praise_after_a_recovery_is_stored_and_shown_as_such(data_dir: Path) -> None:
    texts = [
        "上次投诉快递丢件，客服第二天就全额赔付了，还打电话道歉，处理得挺快",
        "快递丢件一周了，客服一直推诿，要求赔偿",
    ]
    ingest_texts(data_dir, texts)
    result = CliRunner().invoke(app, ["search", "快递", "--json", "--data-dir", str(data_dir)])
    assert result.exit_code == 0, result.output
    stored = {m["text"]: m["complaint"] for m in map(json.loads, result.output.splitlines())}
    assert stored[texts[0]]["resolved"] and not stored[texts[0]]["flag"]
    assert stored[texts[1]]["flag"] and not stored[texts[1]]["resolved"]
    at = search_page()
    blocks = "".join(m.value for m in at.markdown if "yq-mention" in m.value)
    cards = blocks.split('class="yq-mention"')[1:]
    (praise,) = [c for c in cards if "全额赔付" in c]
    (complaint,) = [c for c in cards if "一直推诿" in c]
    assert "补救后好评" in praise and "投诉依据" not in praise
    assert "负面情绪" not in praise  # its 投诉 is a past complaint, not anger
    assert ">投诉<" not in praise and ">投诉<" in complaint and "补救后好评" not in complaint
    st.cache_resource.clear()
    st.cache_data.clear()


def test_search_page_filters_praise_after_a_recovery(data_dir: Path) -> None:
    texts = [
        "上次投诉快递丢件，客服第二天就全额赔付了，还打电话道歉，处理得挺快",
        "快递丢件一周了，客服一直推诿，要求赔偿",
        "今天天气真好，出去玩了",
    ]
    ingest_texts(data_dir, texts)
    at = search_page()
    choice = at.selectbox(key="search-complaint")
    assert "只看补救后好评" in choice.options

    choice.set_value(RESOLVED_ONLY).run()

    cards = [m.value for m in at.markdown if "yq-mention" in m.value]
    assert "".join(cards).count('class="yq-mention"') == 1
    assert "全额赔付" in cards[0] and "补救后好评" in cards[0]
    assert any("共找到 1 条" in c.value for c in at.caption)
    st.cache_resource.clear()
    st.cache_data.clear()


def test_a_repost_says_its_complaint_is_the_originals(data_dir: Path) -> None:
    """A repost carries its original's complaint decision: the card says so, instead of
    「命中 失灵」 under a text that reads 关注."""
    at = datetime(2026, 11, 23, tzinfo=UTC)
    complaint = Complaint(flag=True, probability=0.9, cues=["失灵"])

    def repost(text: str) -> Mention:
        return Mention(
            source="t", native_id=text, text=text, published_at=at, repost_of="0",
            complaint=complaint,
        )  # fmt: skip

    assert complaint_reason_zh(repost("关注//@用户108011:")) == "转发的原帖是投诉（命中 失灵）"
    assert complaint_reason_zh(repost("转发微博")) == "转发的原帖是投诉（命中 失灵）"
    assert complaint_reason_zh(repost("刹车失灵太吓人//@用户1:")) == "命中 失灵"
