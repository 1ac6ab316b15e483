"""Runs of distinct hours in which each word is used, so routine words weigh as ordinary ones.

A term used hour after hour or day after day (in RECURRING_HOURS distinct hours, never quiet
for longer than RECURRING_GAP) is part of the routine (email subjects, templates): the
clusterer weighs it RECURRING_WEIGHT of its usual weight. Only independent posts count. The
runs are saved per batch and loaded at start (term_hours.py), so a restart keeps them.
"""

from __future__ import annotations

from collections.abc import Iterable

RECURRING_HOURS = 12
RECURRING_GAP = 30  # hours: a term said every day keeps its run through the night
RECURRING_WEIGHT = 0.25

Run = tuple[int, int]  # (last epoch hour the term was used, distinct hours in its run)


class TermRuns:
    """Every recent term's run, and which runs changed since they were last saved."""

    def __init__(self) -> None:
        self.runs: dict[str, Run] = {}
        self.changed: set[str] = set()  # terms whose run changed since last saved
        self.pruned_hour = 0
        # Terms by the last hour of their run, so pruning visits the hours it drops instead of
        # every run (an entry is stale once the run has moved on: checked when pruned).
        self.by_hour: dict[int, list[str]] = {}

    def load(self, runs: dict[str, Run]) -> None:
        """Replace every run by stored ones (nothing left to save)."""
        self.runs = runs
        self.changed = set()
        self.by_hour = {}
        for term, (last, _) in runs.items():
            self.by_hour.setdefault(last, []).append(term)

    def weight(self, term: str, weight: float) -> float:
        """The term's weight, damped when the term is part of the routine."""
        run = self.runs.get(term)
        return weight * RECURRING_WEIGHT if run and run[1] >= RECURRING_HOURS else weight

    def damp(self, weights: dict[str, float]) -> dict[str, float]:
        """`weight` of every term of the dict, in place; returns the dict."""
        runs = self.runs
        for term, weight in weights.items():
            run = runs.get(term)
            if run and run[1] >= RECURRING_HOURS:
                weights[term] = weight * RECURRING_WEIGHT
        return weights

    def use(self, terms: Iterable[str], hour: int) -> None:
        """Count the hour (an epoch hour) in the runs of the terms an independent post used."""
        runs = self.runs
        for term in terms:
            run = runs.get(term)
            if run is None or run[0] != hour or not run[1]:  # else: used this hour already
                self._note(term, hour)

    def _note(self, term: str, hour: int) -> None:
        old = self.runs.get(term)
        last, hours = old or (hour, 0)
        if hour - last > RECURRING_GAP:
            hours = 0  # the run was broken
        if hour > last or not hours:
            hours += 1
        run = (max(hour, last), hours)
        if old != run:
            self.runs[term] = run
            self.changed.add(term)
            if old is None or old[0] != run[0]:
                self.by_hour.setdefault(run[0], []).append(term)

    def take_changed(self) -> list[tuple[str, int, int]]:
        """(term, last hour, hours) of every run changed since the last call, by term."""
        changed, self.changed = sorted(self.changed), set()
        return [(term, *self.runs[term]) for term in changed]

    def prune(self, hour: int) -> int:
        """Forget runs broken by `hour` (quiet for more than the gap); returns how many."""
        if hour <= self.pruned_hour:
            return 0  # once per hour of data
        self.pruned_hour = hour
        runs, by_hour, broken = self.runs, self.by_hour, []
        for last in [h for h in by_hour if hour - h > RECURRING_GAP]:
            broken += [t for t in by_hour.pop(last) if (runs.get(t) or (None,))[0] == last]
        broken = list(dict.fromkeys(broken))  # (a term is listed once per hour its run reached)
        for term in broken:
            del runs[term]
        self.changed -= set(broken)
        return len(broken)
