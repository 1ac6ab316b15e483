"""人工校正 keeps the complaint flag and the category consistent, as `label set` does, and says
what it set along with the person's change."""

from __future__ import annotations

from pathlib import Path

from tests.dashboard.corrections_panel import SEARCH_PAGE, field, open_page, save, stored

CATEGORY_FOLLOWS = "类别随之设为 其他：不是投诉的提及类别为 其他，与模型的规则一致。"
COMPLAINT_FOLLOWS = "是否投诉随之设为 是：类别不是 其他 的提及都算投诉，与模型的规则一致。"


def corrected(data_dir: Path) -> dict[str, str]:
    """The mention's human labels as the index holds them."""
    ((_, mention), *_) = stored(data_dir)
    assert mention is not None
    return mention.corrected


def test_not_a_complaint_brings_category_other_and_says_so(defect_data: Path) -> None:
    at = open_page(SEARCH_PAGE)
    assert field(at, "是否投诉").value == "true" and field(at, "类别").value == "product_quality"
    field(at, "是否投诉").set_value("false")
    save(at)
    assert not at.exception and not at.error
    (message,) = [s.value for s in at.success]
    assert message == f"已校正（操作人 王芳）：是否投诉 是 → 否。{CATEGORY_FOLLOWS}", message
    assert corrected(defect_data) == {"complaint": "false", "category": "other"}
    assert field(at, "类别").value == "other", "the box shows the category now stored"

    # The next save does not put the old category back (which would make it a complaint again).
    field(at, "情感").set_value("neutral")
    save(at)
    assert corrected(defect_data) == {
        "complaint": "false",
        "category": "other",
        "sentiment": "neutral",
    }


def test_a_complaint_category_marks_a_complaint(defect_data: Path) -> None:
    at = open_page(SEARCH_PAGE)
    field(at, "是否投诉").set_value("false")
    save(at)
    field(at, "类别").set_value("service_attitude")
    save(at)
    assert not at.error
    (message,) = [s.value for s in at.success]
    assert message.endswith(f"类别 其他 → 服务态度。{COMPLAINT_FOLLOWS}"), message
    assert corrected(defect_data) == {"complaint": "true", "category": "service_attitude"}
    assert field(at, "是否投诉").value == "true"
    actors = {row.actor for row, _ in stored(defect_data)}
    assert actors == {"王芳"}


def test_both_against_the_rule_are_refused_and_nothing_is_stored(defect_data: Path) -> None:
    at = open_page(SEARCH_PAGE)
    field(at, "是否投诉").set_value("false")
    field(at, "类别").set_value("service_attitude")
    save(at)
    (error,) = [e.value for e in at.error]
    assert error.startswith("不是投诉的提及类别只能是 其他"), error
    assert "--category" not in error, "the panel has no command-line options"
    assert not at.success and stored(defect_data) == []
