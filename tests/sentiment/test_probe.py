"""The blind probe sets: well-formed, halved by the stated rule, and a floor the classifier
keeps on them (far below today's numbers: a guard against breaking cross-industry reading,
not a target)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from core.enums import Category
from sentiment.linear_classifier import LinearClassifier
from sentiment.probe import BLIND_PROBE, BLIND_PROBE_2, load_probe, score_probe

BLIND_SETS = [BLIND_PROBE, BLIND_PROBE_2]


@pytest.mark.parametrize("path", BLIND_SETS, ids=lambda p: p.name)
def test_blind_probe_is_halved_by_the_hash_of_its_text(path: Path) -> None:
    rows = load_probe(path)
    assert len(rows) > 200
    assert len({r.text for r in rows}) == len(rows)
    for row in rows:
        odd = int(hashlib.sha1(row.text.encode("utf-8")).hexdigest(), 16) % 2
        assert row.half == ("test" if odd else "dev"), row.text
        # Only complaints have a complaint category.
        assert (row.category != Category.OTHER) == row.complaint, row.text


@pytest.mark.parametrize("path", BLIND_SETS, ids=lambda p: p.name)
def test_classifier_floor_on_the_blind_probe(classifier: LinearClassifier, path: Path) -> None:
    scores = score_probe(classifier, [r for r in load_probe(path) if r.half == "test"])
    assert scores.caught >= 0.85, scores
    assert scores.complaint_accuracy >= 0.65, scores
    assert scores.category_accuracy >= 0.45, scores
