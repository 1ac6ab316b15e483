"""The candidates bench/neutral_validation.py scores: decision constants of
sentiment/decisions.py and neutral-head variants (refitted on the same rows)."""

from __future__ import annotations

import numpy as np

from bench.neutral_validation import Candidate
from sentiment.crossval import Prepared
from sentiment.model import LinearHashModel
from sentiment.train import HEAD_C, HEADS_SPEC, _fit_logistic, design_matrix, neutral_rows


def refit_neutral(
    prepared: Prepared, rows: np.ndarray, heads: LinearHashModel, polar_per_corpus: int
) -> LinearHashModel:
    """The heads model with its neutral column refitted on the given training rows
    (sentiment.train.neutral_rows with polar_per_corpus)."""
    examples = [prepared.examples[int(i)] for i in rows]
    chosen, labels = neutral_rows(examples, polar_per_corpus)
    index = rows[np.asarray(chosen)]
    matrix = design_matrix(prepared.hashed.rows(index), HEADS_SPEC, heads.idf)
    model = _fit_logistic(matrix, np.asarray(labels), HEAD_C, balanced=True)
    weights, bias = heads.weights.copy(), heads.bias.copy()
    weights[:, 0], bias[0] = model.coef_[0], model.intercept_[0]
    meta = heads.meta
    return LinearHashModel(spec=heads.spec, idf=heads.idf, weights=weights, bias=bias, meta=meta)


# Neutral heads: trained on the 3-class posts only (the model before issue #13) or with 1,500
# polar texts per other corpus as not neutral (sentiment.train.NEUTRAL_POLAR_PER_CORPUS).
HEADS = {
    "three_class": lambda p, rows, heads: refit_neutral(p, rows, heads, 0),
    "polar1500": lambda p, rows, heads: refit_neutral(p, rows, heads, 1_500),
}


def _grid() -> list[Candidate]:
    out = [Candidate(BEFORE, dict(_CURRENT), "three_class")]
    for head in ("three_class", "polar1500"):
        for spares in (0.2, 0.3, 0.5, None):
            for reach in (0.3, 0.5):
                for sure in (None, 0.8):
                    for form in (False, True):
                        if spares is None and sure is not None:
                            continue
                        settings = {
                            **_CURRENT,
                            "NEUTRAL_HEAD_SPARES": spares,
                            "NEUTRAL_REACH": reach,
                            "NEUTRAL_HEAD_THRESHOLD": 0.6,
                            "NEUTRAL_HEAD_SURE": sure,
                            "FORM_FREES_NEUTRAL": form,
                        }
                        name = f"{head} spares={spares} reach={reach} sure={sure} form={form}"
                        out.append(Candidate(name, settings, head))
    return out


def _reach_grid() -> list[Candidate]:
    """Round 2: the neutral head may overrule any polarity (reach 0.5), with lower spare
    floors and a stricter head threshold to keep complaints caught."""
    out = [Candidate(BEFORE, dict(_CURRENT), "three_class")]
    for head in ("three_class", "polar1500"):
        for spares in (0.1, 0.15, 0.2):
            for threshold in (0.6, 0.7):
                settings = {
                    **_CURRENT,
                    "NEUTRAL_HEAD_SPARES": spares,
                    "NEUTRAL_REACH": 0.5,
                    "NEUTRAL_HEAD_THRESHOLD": threshold,
                }
                name = f"{head} spares={spares} reach=0.5 threshold={threshold}"
                out.append(Candidate(name, settings, head))
    return out


def _lean_grid() -> list[Candidate]:
    """Round 3: the round-2 choice with a lower complaint floor for labelling a negative
    lean negative (NEGATIVE_LEAN_COMPLAINT), to win back complaints caught."""
    out = [Candidate(BEFORE, dict(_CURRENT), "three_class")]
    for spares in (0.15, 0.2):
        for lean in (0.1, 0.15, 0.2):
            settings = {
                **_CURRENT,
                "NEUTRAL_HEAD_SPARES": spares,
                "NEUTRAL_REACH": 0.5,
                "NEUTRAL_HEAD_THRESHOLD": 0.7,
                "NEGATIVE_LEAN_COMPLAINT": lean,
            }
            name = f"polar1500 spares={spares} reach=0.5 threshold=0.7 lean={lean}"
            out.append(Candidate(name, settings, "polar1500"))
    return out


def _transfer_grid() -> list[Candidate]:
    """Round 4: higher spare floors and question/ad/news form (better on left-out forums in
    round 1) with the lower lean floor of round 3 to keep complaints caught."""
    rows = [
        ("three_class", 0.5, 0.3, 0.6, None, 0.1),
        ("three_class", 0.3, 0.3, 0.6, None, 0.1),
        ("three_class", 0.3, 0.5, 0.6, None, 0.1),
        ("three_class", 0.2, 0.5, 0.6, 0.8, 0.1),
        ("polar1500", 0.2, 0.5, 0.7, None, 0.1),
        ("polar1500", 0.3, 0.5, 0.7, None, 0.1),
        ("polar1500", 0.5, 0.5, 0.7, None, 0.1),
        ("polar1500", 0.3, 0.5, 0.7, None, 0.15),
    ]
    out = [Candidate(BEFORE, dict(_CURRENT), "three_class")]
    for head, spares, reach, threshold, sure, lean in rows:
        settings = {
            **_CURRENT,
            "NEUTRAL_HEAD_SPARES": spares,
            "NEUTRAL_REACH": reach,
            "NEUTRAL_HEAD_THRESHOLD": threshold,
            "NEUTRAL_HEAD_SURE": sure,
            "FORM_FREES_NEUTRAL": True,
            "NEGATIVE_LEAN_COMPLAINT": lean,
        }
        name = (
            f"{head} spares={spares} reach={reach} threshold={threshold} sure={sure} "
            f"form=True lean={lean}"
        )
        out.append(Candidate(name, settings, head))
    return out


def _asymmetric_grid() -> list[Candidate]:
    """Round 5: the head reaches every positive lean but only part of the negative side
    (bank complaints far below 0.5 were lost to neutral in round 3's best candidate)."""
    out = [Candidate(BEFORE, dict(_CURRENT), "three_class")]
    for head in ("three_class", "polar1500"):
        for negative in (0.3, 0.4, 0.5):
            for lean in (0.1, 0.2):
                settings = {
                    **_CURRENT,
                    "NEUTRAL_REACH": 0.5,
                    "NEUTRAL_REACH_NEGATIVE": negative,
                    "NEUTRAL_HEAD_THRESHOLD": 0.7,
                    "NEGATIVE_LEAN_COMPLAINT": lean,
                }
                name = f"{head} reach=0.5 negative_reach={negative} threshold=0.7 lean={lean}"
                out.append(Candidate(name, settings, head))
    return out


def _form_grid() -> list[Candidate]:
    """Round 6 (round 26): the post's form (sentiment/forms.py), its polarity shrunk as an
    inquiry's or not, on the shipped decision constants; before = forms off, lift 1.0."""
    out = [Candidate(BEFORE_FORMS, {**_CURRENT, "FORMS": False, "PRAISE_LIFT": 1.0}, "current")]
    for shrinks, shift in ((False, -1.0), (True, -1.0), (True, 0.0)):
        settings = {**_CURRENT, "FORMS": True, "FORM_SHRINKS": shrinks, "FORM_SHIFT": shift}
        out.append(Candidate(f"forms shrinks={shrinks} shift={shift}", settings, "current"))
    return out


def _asking_grid() -> list[Candidate]:
    """Round 7 (round 27): a question that only asks (forms.only_asks) shrunk as an inquiry's
    or not, beside round 6's before."""
    out = [Candidate(BEFORE_FORMS, {**_CURRENT, "FORMS": False, "PRAISE_LIFT": 1.0}, "current")]
    for shrinks in (False, True):
        settings = {**_CURRENT, "FORMS": True, "FORM_SHRINKS": shrinks}
        out.append(Candidate(f"forms, only-asking questions shrunk={shrinks}", settings, "current"))
    return out


BEFORE_FORMS = "before: forms off, lift 1.0"
BEFORE = "before: three_class spares=0.2 reach=0.3 threshold=0.6 lean=0.2"
_CURRENT = {
    "NEGATIVE_LEAN_COMPLAINT": 0.2,
    "NEUTRAL_HEAD_SPARES": 0.2,
    "NEUTRAL_REACH": 0.3,
    "NEUTRAL_HEAD_THRESHOLD": 0.6,
    "NEUTRAL_HEAD_SURE": None,
    "FORM_FREES_NEUTRAL": False,
    "NEUTRAL_REACH_NEGATIVE": None,
}
GRIDS = {
    "round1": _grid(),
    "round2": _reach_grid(),
    "round3": _lean_grid(),
    "round4": _transfer_grid(),
    "round5": _asymmetric_grid(),
    "round6": _form_grid(),
    "round7": _asking_grid(),
}
CANDIDATES = [c for grid in GRIDS.values() for c in grid]
