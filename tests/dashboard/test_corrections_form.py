"""人工校正 on the 检索 page: the form stores an audited correction, the card changes at once."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from core.accounts.enums import Role
from dashboard.auth import SESSION_KEY, User
from sentiment.corrections import service
from tests.dashboard.corrections_panel import (
    APP,
    DEFECT,
    SEARCH_PAGE,
    cards,
    field,
    id_of,
    ingest,
    open_page,
    save,
    stored,
)
from tests.dashboard.demo_incident import Stores
from tests.support.pages import serve

PAGE = SEARCH_PAGE


def saves_as(at: AppTest, data: Path, name: str) -> None:
    """保存校正 stores the staged change in `name`'s name and says so."""
    save(at)
    assert any(f"已校正（操作人 {name}）" in s.value for s in at.success)
    assert [r.actor for r, _ in stored(data)] == [name]


def test_form_corrects_the_mention_with_actor_and_audit(defect_data: Path) -> None:
    at = AppTest.from_file(str(PAGE), default_timeout=60).run()
    assert "人工校正" not in cards(at) and "负面" in cards(at)
    assert not [c for c in at.caption if c.value.startswith("校正记录：")]
    sentiment = field(at, "情感")
    assert sentiment.value == "negative"
    sentiment.set_value("neutral")
    operator = next(t for t in at.sidebar.text_input if t.label == "操作人")
    operator.set_value("李娜")
    save(at)
    assert not at.exception and not at.error
    assert any("已校正（操作人 李娜）：情感 负面 → 中性" in s.value for s in at.success)
    assert "人工校正" in cards(at) and "中性" in cards(at)
    history = [c.value for c in at.caption if c.value.startswith("校正记录：")]
    assert len(history) == 1 and "李娜：情感 负面 → 中性" in history[0]
    corrections = stored(defect_data)
    assert [(r.field, r.before, r.after, r.actor) for r, _ in corrections] == [
        ("sentiment", "negative", "neutral", "李娜")
    ]
    mention = corrections[0][1]
    assert mention is not None and mention.sentiment is not None
    assert mention.sentiment.label == "neutral" and mention.corrected == {"sentiment": "neutral"}


def test_a_new_mention_on_top_does_not_move_the_choice(defect_data: Path) -> None:
    """The search lists newest first: a mention arriving between two reruns goes on top, and the
    correction still lands on the mention the person chose."""
    at = open_page(PAGE)
    sentiment = field(at, "情感")
    sentiment.set_value("neutral")
    ingest(defect_data, {"2": "鲜味坊很好吃，服务也周到"})
    st.cache_data.clear()  # the cached search expires
    save(at)
    assert not at.exception and not at.warning
    assert cards(at).index("很好吃") < cards(at).index("刹车异响")  # the new one is on top
    assert [m.text if m else None for _, m in stored(defect_data)] == [DEFECT]


def test_the_chosen_mention_stays_on_offer_after_it_leaves_the_page(defect_data: Path) -> None:
    """A page of 20 newest first: 20 newer mentions push the chosen one off it mid-edit, and the
    correction still lands on it."""
    at = open_page(PAGE)
    field(at, "情感").set_value("neutral")
    ingest(defect_data, {f"n{i}": f"鲜味坊第{i}家新店开业" for i in range(20)})
    st.cache_data.clear()  # the cached search expires
    save(at)
    assert not at.exception and not at.warning
    assert "刹车异响" not in cards(at)  # off the page
    assert [m.text if m else None for _, m in stored(defect_data)] == [DEFECT]


def test_saving_without_a_change_stores_nothing(defect_data: Path) -> None:
    at = open_page(PAGE)
    save(at)
    assert any("没有改动" in w.value for w in at.warning)
    assert stored(defect_data) == []


def test_a_correction_needs_a_name(defect_data: Path) -> None:
    """The 操作人 box started as 值班专员: corrections saved without typing a name named nobody.
    It starts empty, a save without a name is refused, and a typed name is recorded."""
    at = AppTest.from_file(str(PAGE), default_timeout=60).run()
    operator = next(t for t in at.sidebar.text_input if t.label == "操作人")
    assert operator.value == "" and operator.placeholder == "请填写你的姓名"
    field(at, "情感").set_value("neutral")
    save(at)
    assert [e.value for e in at.error] == ["请先在侧栏填写操作人，校正会记入审计日志。"]
    assert not at.success and stored(defect_data) == []
    next(t for t in at.sidebar.text_input if t.label == "操作人").set_value("李娜")
    saves_as(at, defect_data, "李娜")


def test_a_signed_in_user_corrects_under_their_name(defect_data: Path) -> None:
    """With accounts, the signed-in user's name is the actor and no 操作人 box is asked."""
    at = AppTest.from_file(str(PAGE), default_timeout=60)
    at.session_state[SESSION_KEY] = User("lina", "李娜", Role.OPERATOR)
    at.run()
    assert not [t for t in at.sidebar.text_input if t.label == "操作人"]
    field(at, "情感").set_value("neutral")
    saves_as(at, defect_data, "李娜")


def test_a_viewer_cannot_correct(defect_data: Path) -> None:
    at = AppTest.from_file(str(PAGE), default_timeout=60)
    at.session_state[SESSION_KEY] = User("boss", "王总", Role.VIEWER)
    at.run()
    assert not [b for b in at.button if b.label == "保存校正"]
    assert any("只读" in i.value for i in at.info)


def test_event_page_corrects_a_member_and_shows_it(
    incident: Stores, monkeypatch: pytest.MonkeyPatch
) -> None:
    """事件详情 caches its story: a correction made there shows on its cards at once."""
    serve(monkeypatch, incident.config, incident.data)
    at = open_page(APP)
    at.switch_page("../dashboard/views/event_detail.py").run()
    assert not at.exception, at.exception
    assert "人工校正" not in cards(at)
    complaint = field(at, "是否投诉")
    flipped = "false" if complaint.value == "true" else "true"
    complaint.set_value(flipped)
    save(at)
    assert not at.exception and not at.error
    assert any("已校正（操作人 王芳）：是否投诉" in s.value for s in at.success)
    # The form's first choice is the first post: its 首发 card and its card in the list.
    assert cards(at).count("人工校正") == 2
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


def test_the_feed_corrects_outside_its_refreshing_part(defect_data: Path) -> None:
    """实时舆情 refreshes its cards by itself; its panel lists them and stores the correction."""
    at = open_page(PAGE.with_name("feed.py"))
    assert not at.exception, at.exception
    assert "刹车异响" in cards(at)
    chosen = field(at, "要校正的提及")
    assert "刹车异响" in chosen.format_func(chosen.value)
    field(at, "类别").set_value("service_attitude")
    save(at)
    assert not at.exception and not at.error
    assert any("类别" in s.value and "服务态度" in s.value for s in at.success)
    assert "人工校正" in cards(at)


def test_a_pick_lands_on_its_mention_when_the_list_moved_on(defect_data: Path) -> None:
    """On a live list the person picks a mention among what the panel showed; the run that
    handles the pick lists newer mentions already (the chosen one is off the page). The panel
    keeps the picked mention, not the one chosen before, and the correction lands on it."""
    ingest(defect_data, {"0": "鲜味坊的汤太咸了"})  # newest: the panel's first choice
    st.cache_data.clear()
    at = open_page(PAGE)
    mention = field(at, "要校正的提及")
    assert "汤太咸" in mention.format_func(mention.value)
    defect = id_of(defect_data, DEFECT)
    ingest(defect_data, {f"n{i}": f"鲜味坊第{i}家新店开业" for i in range(20)})
    st.cache_data.clear()  # the cached search expires
    mention.select(defect).run()
    assert not at.exception and not at.warning
    assert "刹车异响" not in cards(at)  # off the page, still on offer and chosen
    mention = field(at, "要校正的提及")
    assert "刹车异响" in mention.format_func(mention.value)
    field(at, "情感").set_value("neutral")
    save(at)
    assert [m.text if m else None for _, m in stored(defect_data)] == [DEFECT]


def test_two_equal_lines_save_on_the_chosen_one(defect_data: Path) -> None:
    """Two posts of the same minute, author and text: the panel tells them apart, and the
    correction lands on the one shown as chosen (the browser sends back the line, not the id:
    with equal lines the save went to the other post)."""
    ingest(defect_data, {"2": DEFECT})
    st.cache_data.clear()
    at = open_page(PAGE)
    mention = field(at, "要校正的提及")
    assert len(set(mention.options)) == len(mention.options) == 2
    shown = mention.value
    assert mention.format_func(shown).endswith(f"（{shown[:8]}）")
    field(at, "情感").set_value("neutral").run()
    save(at)
    assert [row.mention_id for row, _ in stored(defect_data)] == [shown]


def test_a_new_search_drops_the_pick_of_the_previous_one(defect_data: Path) -> None:
    """Search A, pick its mention, search B: the panel offers only B's mentions and the save
    lands on the one shown (it went to A's mention, no longer on screen)."""
    ingest(defect_data, {"2": "鲜味坊官方：经核实，不排除个别门店问题"})
    st.cache_data.clear()
    at = open_page(PAGE)
    box = next(t for t in at.text_input if t.label.startswith("搜索内容"))
    box.set_value("刹车").run()
    mention = field(at, "要校正的提及")
    mention.select(id_of(defect_data, DEFECT)).run()
    assert any("保存将改动这条提及" in c.value and "刹车异响" in c.value for c in at.caption)
    next(t for t in at.text_input if t.label.startswith("搜索内容")).set_value("经核实").run()
    assert not at.exception
    assert "刹车异响" not in cards(at)
    mention = field(at, "要校正的提及")
    assert len(mention.options) == 1 and "经核实" in mention.options[0]  # A's is not offered
    shown = [c.value for c in at.caption if "保存将改动这条提及" in c.value]
    assert len(shown) == 1 and "经核实" in shown[0] and "刹车异响" not in shown[0]
    field(at, "情感").set_value("positive")
    save(at)
    assert [m.text if m else None for _, m in stored(defect_data)] == [
        "鲜味坊官方：经核实，不排除个别门店问题"
    ]


def test_the_panel_says_when_the_chosen_mention_left_the_list(defect_data: Path) -> None:
    """Same search, newer mentions pushed the pick off the page: it stays chosen and the
    panel says so."""
    at = open_page(PAGE)
    ingest(defect_data, {f"n{i}": f"鲜味坊第{i}家新店开业" for i in range(20)})
    st.cache_data.clear()
    field(at, "情感").set_value("neutral").run()
    shown = [c.value for c in at.caption if "保存将改动这条提及" in c.value]
    assert len(shown) == 1 and "已不在上方列表中" in shown[0] and "刹车异响" in shown[0]
