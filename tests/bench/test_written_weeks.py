"""The review weeks written with dev and test halves (bench/ride_week.py, bench/estate_week.py,
bench/game_week.py, bench/gym_week.py): a seeded week of about 2,500 mentions, each original
post with its truth, dev and test templates apart, and the crisis's milestones."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from bench import (
    estate_texts,
    estate_week,
    game_texts,
    game_week,
    gym_texts,
    gym_week,
    ride_texts,
    ride_week,
)


@dataclass(frozen=True)
class Written:
    """A week module, its texts module, its seed and its crisis seed post's truth."""

    week: ModuleType
    texts: ModuleType
    seed: int
    first_post: str
    category: str
    urgency: str


WEEKS = {
    "ride": Written(ride_week, ride_texts, 31, "cx900000", "food_safety_health", "critical"),
    "estate": Written(estate_week, estate_texts, 32, "aj900000", "contract_pricing", "high"),
    "game": Written(game_week, game_texts, 33, "xy900000", "contract_pricing", "high"),
    "gym": Written(gym_week, gym_texts, 34, "yd900000", "after_sales_refund", "high"),
}


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8")]


@pytest.mark.parametrize("name", WEEKS)
def test_week_and_truth(tmp_path: Path, name: str) -> None:
    spec = WEEKS[name]
    out = tmp_path / f"{name}.jsonl"
    assert spec.week.main([str(out), "--seed", str(spec.seed)]) == 0
    week = _lines(out)
    truth = {row["native_id"]: row for row in _lines(out.with_suffix(".truth.jsonl"))}
    assert 2300 <= len(week) <= 2900
    originals = [r for r in week if r["text"] != "转发微博" and "repost_of" not in r]
    assert all(r["native_id"] in truth for r in originals)
    assert {row["split"] for row in truth.values()} == {"dev", "test"}
    kinds = {row["kind"] for row in truth.values()}
    assert {"crisis-seed", "crisis-statement", "crisis-notice", "crisis-apology"} <= kinds
    seed = truth[spec.first_post]
    assert (seed["category"], seed["urgency"]) == (spec.category, spec.urgency)
    stamps = [r["published_at"] for r in week]
    assert stamps == sorted(stamps)


@pytest.mark.parametrize("name", WEEKS)
def test_halves_share_no_template(name: str) -> None:
    texts = WEEKS[name].texts
    for kind, _category, _sentiment, dev, test in texts.EVERYDAY:
        assert dev and test, kind
        assert not {text for text, _ in dev} & {text for text, _ in test}, kind
    assert set(texts.COMPLAINT_TITLES) == texts.COMPLAINT_KINDS
