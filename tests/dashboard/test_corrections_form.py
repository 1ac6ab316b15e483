"""人工校正 on the 检索 page: the form stores an audited correction, the card changes at once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from app.cli import app
from core.accounts.enums import Role
from core.context import Context
from core.index.protocol import SearchQuery
from core.models import Mention
from dashboard.auth import SESSION_KEY, User
from sentiment.corrections import service
from sentiment.corrections.models import LabelCorrection
from tests.dashboard.demo_incident import Stores

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "dashboard" / "views" / "search.py"
APP = ROOT / "app" / "dashboard_main.py"
DEFECT = "刹车异响，4S店说正常，要求退车"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data dir holding one defect report, read by the dashboard's context."""
    data_dir = tmp_path / "var"
    monkeypatch.setenv("YUQING_DATA_DIR", str(data_dir))
    monkeypatch.delenv("YUQING_CONFIG", raising=False)
    st.cache_resource.clear()
    st.cache_data.clear()
    _ingest(data_dir, {"1": DEFECT})
    yield data_dir
    st.cache_resource.clear()
    st.cache_data.clear()


def _ingest(data_dir: Path, texts: dict[str, str]) -> None:
    """`yuqing ingest` of these texts (by native id), published now."""
    stamp = datetime.now(UTC).isoformat()
    records = [
        {"source": "t", "native_id": n, "text": t, "published_at": stamp} for n, t in texts.items()
    ]
    stream = data_dir.parent / f"in-{min(texts)}.jsonl"  # one file per call
    stream.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["ingest", str(stream), "--data-dir", str(data_dir)])
    assert result.exit_code == 0, result.output


def _stored(data_dir: Path) -> list[tuple[LabelCorrection, Mention | None]]:
    """Every stored correction, newest first, with its mention as the index now holds it."""
    ctx = Context.load(None, str(data_dir))
    try:
        with ctx.sessions() as session:
            rows = service.history(session)
        return [(row, ctx.index.get(row.mention_id)) for row in rows]
    finally:
        ctx.close()


def _id_of(data_dir: Path, text: str) -> str:
    """The id of the stored mention with this text."""
    ctx = Context.load(None, str(data_dir))
    try:
        found = ctx.index.search(SearchQuery(limit=100)).mentions
        return next(m.id for m in found if m.text == text)
    finally:
        ctx.close()


def _open(page: Path) -> AppTest:
    """The page run with 操作人 typed earlier in the session (the box starts empty)."""
    at = AppTest.from_file(str(page), default_timeout=60)
    at.session_state["operator"] = "王芳"
    return at.run()


def _cards(at: AppTest) -> str:
    return "".join(m.value for m in at.markdown if "yq-mention" in m.value)


def test_form_corrects_the_mention_with_actor_and_audit(data_dir: Path) -> None:
    at = AppTest.from_file(str(PAGE), default_timeout=60).run()
    assert "人工校正" not in _cards(at) and "负面" in _cards(at)
    assert not [c for c in at.caption if c.value.startswith("校正记录：")]
    sentiment = next(s for s in at.selectbox if s.label == "情感")
    assert sentiment.value == "negative"
    sentiment.set_value("neutral")
    operator = next(t for t in at.sidebar.text_input if t.label == "操作人")
    operator.set_value("李娜")
    next(b for b in at.button if b.label == "保存校正").click().run()
    assert not at.exception and not at.error
    assert any("已校正（操作人 李娜）：情感 负面 → 中性" in s.value for s in at.success)
    assert "人工校正" in _cards(at) and "中性" in _cards(at)
    history = [c.value for c in at.caption if c.value.startswith("校正记录：")]
    assert len(history) == 1 and "李娜：情感 负面 → 中性" in history[0]
    corrections = _stored(data_dir)
    assert [(r.field, r.before, r.after, r.actor) for r, _ in corrections] == [
        ("sentiment", "negative", "neutral", "李娜")
    ]
    stored = corrections[0][1]
    assert stored is not None and stored.sentiment is not None
    assert stored.sentiment.label == "neutral" and stored.corrected == {"sentiment": "neutral"}


def test_a_new_mention_on_top_does_not_move_the_choice(data_dir: Path) -> None:
    """The search lists newest first: a mention arriving between two reruns goes on top, and the
    correction still lands on the mention the person chose."""
    at = _open(PAGE)
    sentiment = next(s for s in at.selectbox if s.label == "情感")
    sentiment.set_value("neutral")
    _ingest(data_dir, {"2": "鲜味坊很好吃，服务也周到"})
    st.cache_data.clear()  # the cached search expires
    next(b for b in at.button if b.label == "保存校正").click().run()
    assert not at.exception and not at.warning
    assert _cards(at).index("很好吃") < _cards(at).index("刹车异响")  # the new one is on top
    assert [m.text if m else None for _, m in _stored(data_dir)] == [DEFECT]


def test_the_chosen_mention_stays_on_offer_after_it_leaves_the_page(data_dir: Path) -> None:
    """A page of 20 newest first: 20 newer mentions push the chosen one off it mid-edit, and the
    correction still lands on it."""
    at = _open(PAGE)
    next(s for s in at.selectbox if s.label == "情感").set_value("neutral")
    _ingest(data_dir, {f"n{i}": f"鲜味坊第{i}家新店开业" for i in range(20)})
    st.cache_data.clear()  # the cached search expires
    next(b for b in at.button if b.label == "保存校正").click().run()
    assert not at.exception and not at.warning
    assert "刹车异响" not in _cards(at)  # off the page
    assert [m.text if m else None for _, m in _stored(data_dir)] == [DEFECT]


def test_saving_without_a_change_stores_nothing(data_dir: Path) -> None:
    at = _open(PAGE)
    next(b for b in at.button if b.label == "保存校正").click().run()
    assert any("没有改动" in w.value for w in at.warning)
    assert _stored(data_dir) == []


def test_a_correction_needs_a_name(data_dir: Path) -> None:
    """The 操作人 box started as 值班专员: corrections saved without typing a name named nobody.
    It starts empty, a save without a name is refused, and a typed name is recorded."""
    at = AppTest.from_file(str(PAGE), default_timeout=60).run()
    operator = next(t for t in at.sidebar.text_input if t.label == "操作人")
    assert operator.value == "" and operator.placeholder == "请填写你的姓名"
    next(s for s in at.selectbox if s.label == "情感").set_value("neutral")
    next(b for b in at.button if b.label == "保存校正").click().run()
    assert [e.value for e in at.error] == ["请先在侧栏填写操作人，校正会记入审计日志。"]
    assert not at.success and _stored(data_dir) == []
    next(t for t in at.sidebar.text_input if t.label == "操作人").set_value("李娜")
    next(b for b in at.button if b.label == "保存校正").click().run()
    assert any("已校正（操作人 李娜）" in s.value for s in at.success)
    assert [r.actor for r, _ in _stored(data_dir)] == ["李娜"]


def test_a_signed_in_user_corrects_under_their_name(data_dir: Path) -> None:
    """With accounts, the signed-in user's name is the actor and no 操作人 box is asked."""
    at = AppTest.from_file(str(PAGE), default_timeout=60)
    at.session_state[SESSION_KEY] = User("lina", "李娜", Role.OPERATOR)
    at.run()
    assert not [t for t in at.sidebar.text_input if t.label == "操作人"]
    next(s for s in at.selectbox if s.label == "情感").set_value("neutral")
    next(b for b in at.button if b.label == "保存校正").click().run()
    assert any("已校正（操作人 李娜）" in s.value for s in at.success)
    assert [r.actor for r, _ in _stored(data_dir)] == ["李娜"]


def test_a_viewer_cannot_correct(data_dir: Path) -> None:
    at = AppTest.from_file(str(PAGE), default_timeout=60)
    at.session_state[SESSION_KEY] = User("boss", "王总", Role.VIEWER)
    at.run()
    assert not [b for b in at.button if b.label == "保存校正"]
    assert any("只读" in i.value for i in at.info)


def test_event_page_corrects_a_member_and_shows_it(
    incident: Stores, monkeypatch: pytest.MonkeyPatch
) -> None:
    """事件详情 caches its story: a correction made there shows on its cards at once."""
    monkeypatch.setenv("YUQING_CONFIG", str(incident.config))
    monkeypatch.setenv("YUQING_DATA_DIR", str(incident.data))
    st.cache_resource.clear()
    st.cache_data.clear()
    at = _open(APP)
    at.switch_page("../dashboard/views/event_detail.py").run()
    assert not at.exception, at.exception
    assert "人工校正" not in _cards(at)
    complaint = next(s for s in at.selectbox if s.label == "是否投诉")
    flipped = "false" if complaint.value == "true" else "true"
    complaint.set_value(flipped)
    next(b for b in at.button if b.label == "保存校正").click().run()
    assert not at.exception and not at.error
    assert any("已校正（操作人 王芳）：是否投诉" in s.value for s in at.success)
    # The form's first choice is the first post: its 首发 card and its card in the list.
    assert _cards(at).count("人工校正") == 2
    with incident.ctx.sessions() as session:
        rows = service.history(session)
    # The first post is a food-safety complaint: 不是投诉 brings category 其他 (the rule).
    assert flipped == "false"
    assert sorted((r.field, r.after, r.actor) for r in rows) == [
        ("category", "other", "王芳"),
        ("complaint", "false", "王芳"),
    ]
    assert any("类别随之设为 其他" in s.value for s in at.success)
    st.cache_resource.clear()
    st.cache_data.clear()


def test_the_feed_corrects_outside_its_refreshing_part(data_dir: Path) -> None:
    """实时舆情 refreshes its cards by itself; its panel lists them and stores the correction."""
    at = _open(PAGE.with_name("feed.py"))
    assert not at.exception, at.exception
    assert "刹车异响" in _cards(at)
    chosen = next(s for s in at.selectbox if s.label == "要校正的提及")
    assert "刹车异响" in chosen.format_func(chosen.value)
    next(s for s in at.selectbox if s.label == "类别").set_value("service_attitude")
    next(b for b in at.button if b.label == "保存校正").click().run()
    assert not at.exception and not at.error
    assert any("类别" in s.value and "服务态度" in s.value for s in at.success)
    assert "人工校正" in _cards(at)


def test_a_pick_lands_on_its_mention_when_the_list_moved_on(data_dir: Path) -> None:
    """On a live list the person picks a mention among what the panel showed; the run that
    handles the pick lists newer mentions already (the chosen one is off the page). The panel
    keeps the picked mention, not the one chosen before, and the correction lands on it."""
    _ingest(data_dir, {"0": "鲜味坊的汤太咸了"})  # newest: the panel's first choice
    st.cache_data.clear()
    at = _open(PAGE)
    mention = next(s for s in at.selectbox if s.label == "要校正的提及")
    assert "汤太咸" in mention.format_func(mention.value)
    defect = _id_of(data_dir, DEFECT)
    _ingest(data_dir, {f"n{i}": f"鲜味坊第{i}家新店开业" for i in range(20)})
    st.cache_data.clear()  # the cached search expires
    mention.select(defect).run()
    assert not at.exception and not at.warning
    assert "刹车异响" not in _cards(at)  # off the page, still on offer and chosen
    mention = next(s for s in at.selectbox if s.label == "要校正的提及")
    assert "刹车异响" in mention.format_func(mention.value)
    next(s for s in at.selectbox if s.label == "情感").set_value("neutral")
    next(b for b in at.button if b.label == "保存校正").click().run()
    assert [m.text if m else None for _, m in _stored(data_dir)] == [DEFECT]


def test_two_equal_lines_save_on_the_chosen_one(data_dir: Path) -> None:
    """Two posts of the same minute, author and text: the panel tells them apart, and the
    correction lands on the one shown as chosen (the browser sends back the line, not the id:
    with equal lines the save went to the other post)."""
    _ingest(data_dir, {"2": DEFECT})
    st.cache_data.clear()
    at = _open(PAGE)
    mention = next(s for s in at.selectbox if s.label == "要校正的提及")
    assert len(set(mention.options)) == len(mention.options) == 2
    shown = mention.value
    assert mention.format_func(shown).endswith(f"（{shown[:8]}）")
    next(s for s in at.selectbox if s.label == "情感").set_value("neutral").run()
    next(b for b in at.button if b.label == "保存校正").click().run()
    assert [row.mention_id for row, _ in _stored(data_dir)] == [shown]


def test_a_new_search_drops_the_pick_of_the_previous_one(data_dir: Path) -> None:
    """Search A, pick its mention, search B: the panel offers only B's mentions and the save
    lands on the one shown (it went to A's mention, no longer on screen)."""
    _ingest(data_dir, {"2": "鲜味坊官方：经核实，不排除个别门店问题"})
    st.cache_data.clear()
    at = _open(PAGE)
    box = next(t for t in at.text_input if t.label.startswith("搜索内容"))
    box.set_value("刹车").run()
    mention = next(s for s in at.selectbox if s.label == "要校正的提及")
    mention.select(_id_of(data_dir, DEFECT)).run()
    assert any("保存将改动这条提及" in c.value and "刹车异响" in c.value for c in at.caption)
    next(t for t in at.text_input if t.label.startswith("搜索内容")).set_value("经核实").run()
    assert not at.exception
    assert "刹车异响" not in _cards(at)
    mention = next(s for s in at.selectbox if s.label == "要校正的提及")
    assert len(mention.options) == 1 and "经核实" in mention.options[0]  # A's is not offered
    shown = [c.value for c in at.caption if "保存将改动这条提及" in c.value]
    assert len(shown) == 1 and "经核实" in shown[0] and "刹车异响" not in shown[0]
    next(s for s in at.selectbox if s.label == "情感").set_value("positive")
    next(b for b in at.button if b.label == "保存校正").click().run()
    assert [m.text if m else None for _, m in _stored(data_dir)] == [
        "鲜味坊官方：经核实，不排除个别门店问题"
    ]


def test_the_panel_says_when_the_chosen_mention_left_the_list(data_dir: Path) -> None:
    """Same search, newer mentions pushed the pick off the page: it stays chosen and the
    panel says so."""
    at = _open(PAGE)
    _ingest(data_dir, {f"n{i}": f"鲜味坊第{i}家新店开业" for i in range(20)})
    st.cache_data.clear()
    next(s for s in at.selectbox if s.label == "情感").set_value("neutral").run()
    shown = [c.value for c in at.caption if "保存将改动这条提及" in c.value]
    assert len(shown) == 1 and "已不在上方列表中" in shown[0] and "刹车异响" in shown[0]
