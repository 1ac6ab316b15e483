"""A word's run of hours: counted once per hour, broken by a long quiet, damped when routine."""

from __future__ import annotations

import random

from brand_events.term_runs import RECURRING_GAP, RECURRING_HOURS, RECURRING_WEIGHT, TermRuns


def test_an_hour_counts_once_and_a_long_quiet_starts_the_run_again() -> None:
    runs = TermRuns()
    for hour in (100, 100, 101, 101 + RECURRING_GAP):
        runs.use(["反馈"], hour)
    assert runs.runs["反馈"] == (101 + RECURRING_GAP, 3)
    runs.use(["反馈"], 102 + 2 * RECURRING_GAP)  # quiet for longer than the gap
    assert runs.runs["反馈"] == (102 + 2 * RECURRING_GAP, 1)


def test_a_routine_word_weighs_less_and_only_changed_runs_are_taken() -> None:
    runs = TermRuns()
    for hour in range(RECURRING_HOURS):
        runs.use(["反馈", "外卖"] if hour == 0 else ["反馈"], hour)
    assert runs.weight("反馈", 8.0) == 8.0 * RECURRING_WEIGHT
    assert runs.weight("外卖", 8.0) == 8.0
    assert runs.take_changed() == [("反馈", RECURRING_HOURS - 1, RECURRING_HOURS), ("外卖", 0, 1)]
    assert runs.take_changed() == []
    runs.use(["外卖"], 0)  # the same hour again: nothing changed
    assert runs.take_changed() == []


def test_prune_forgets_broken_runs_once_per_hour() -> None:
    runs = TermRuns()
    runs.use(["反馈"], 10)
    runs.use(["外卖"], 20)
    assert runs.prune(11 + RECURRING_GAP) == 1
    assert list(runs.runs) == ["外卖"] and runs.take_changed() == [("外卖", 20, 1)]
    assert runs.prune(11 + RECURRING_GAP) == 0


def test_prune_forgets_what_a_scan_of_every_run_would() -> None:
    rng = random.Random(7)
    words = [f"词{n}" for n in range(40)]
    runs, hour = TermRuns(), 1000
    for step in range(600):
        hour += rng.choice((0, 0, 1, 1, 2, 9, 40))
        late = hour - rng.choice((0, 0, 0, 3, 35))  # some posts arrive hours late
        runs.use(rng.sample(words, 5), late)
        if step == 300:  # a restart: the stored runs come back
            reloaded = TermRuns()
            reloaded.load(dict(runs.runs))
            reloaded.pruned_hour, runs = runs.pruned_hour, reloaded
        expected = {t: r for t, r in runs.runs.items() if hour - r[0] <= RECURRING_GAP}
        pruned = len(runs.runs) - len(expected) if hour > runs.pruned_hour else 0
        assert runs.prune(hour) == pruned
        if pruned:
            assert runs.runs == expected
