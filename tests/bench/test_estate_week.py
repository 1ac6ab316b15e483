"""The property developer's review week (bench/estate_week.py): a seeded week of about 2,500
mentions, each original post with its truth, dev and test templates apart, and the crisis's
milestones."""

from __future__ import annotations

import json
from pathlib import Path

from bench import estate_texts, estate_week


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def test_week_and_truth(tmp_path: Path) -> None:
    out = tmp_path / "estate.jsonl"
    assert estate_week.main([str(out), "--seed", "32"]) == 0
    week = _lines(out)
    truth = {row["native_id"]: row for row in _lines(out.with_suffix(".truth.jsonl"))}
    assert 2300 <= len(week) <= 2900
    originals = [r for r in week if r["text"] != "转发微博" and "repost_of" not in r]
    assert all(r["native_id"] in truth for r in originals)
    assert {row["split"] for row in truth.values()} == {"dev", "test"}
    kinds = {row["kind"] for row in truth.values()}
    assert {"crisis-seed", "crisis-statement", "crisis-notice", "crisis-apology"} <= kinds
    seed = truth["aj900000"]
    assert (seed["category"], seed["urgency"]) == ("contract_pricing", "high")
    stamps = [r["published_at"] for r in week]
    assert stamps == sorted(stamps)


def test_halves_share_no_template() -> None:
    for kind, _category, _sentiment, dev, test in estate_texts.EVERYDAY:
        assert dev and test, kind
        assert not {text for text, _ in dev} & {text for text, _ in test}, kind
    assert set(estate_texts.COMPLAINT_TITLES) == estate_texts.COMPLAINT_KINDS
