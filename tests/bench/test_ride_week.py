"""The ride-hailing review week (bench/ride_week.py): a seeded week of about 2,500 mentions, each
original post with its truth, dev and test templates apart, and the crisis's milestones."""

from __future__ import annotations

import json
from pathlib import Path

from bench import ride_texts, ride_week


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def test_week_and_truth(tmp_path: Path) -> None:
    out = tmp_path / "ride.jsonl"
    assert ride_week.main([str(out), "--seed", "31"]) == 0
    week = _lines(out)
    truth = {row["native_id"]: row for row in _lines(out.with_suffix(".truth.jsonl"))}
    assert 2300 <= len(week) <= 2900
    originals = [r for r in week if r["text"] != "转发微博" and "repost_of" not in r]
    assert all(r["native_id"] in truth for r in originals)
    assert {row["split"] for row in truth.values()} == {"dev", "test"}
    kinds = {row["kind"] for row in truth.values()}
    assert {"crisis-seed", "crisis-statement", "crisis-notice", "crisis-apology"} <= kinds
    seed = truth["cx900000"]
    assert (seed["category"], seed["urgency"]) == ("food_safety_health", "critical")
    stamps = [r["published_at"] for r in week]
    assert stamps == sorted(stamps)


def test_halves_share_no_template() -> None:
    for kind, _category, _sentiment, dev, test in ride_texts.EVERYDAY:
        assert dev and test, kind
        assert not {text for text, _ in dev} & {text for text, _ in test}, kind
    assert set(ride_texts.COMPLAINT_TITLES) == ride_texts.COMPLAINT_KINDS
