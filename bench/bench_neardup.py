"""Near-duplicate groups: precision/recall on a labelled set, and the dedup lookup at 10k/100k.

The labelled set is built from the public review corpora (../shared/data): real distinct
reviews and Weibo posts must stay apart; synthetic near copies of some of them (dressed as
reposts, a word changed, a phrase inserted, a few characters deleted, a clause appended) must
join their original's group; copies whose numbers or punctuation changed must not.
"""

from __future__ import annotations

import csv
import random
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import insert

from app.config import AppConfig
from core.context import Context
from core.models import Author, Mention
from core.pipeline import neardup
from core.pipeline.dedup import ContentDeduper, group_text
from core.pipeline.dedup_tables import AuthorCopy, SimilarityGroup
from core.pipeline.neardup import NearText

DATA = [Path("/work/shared/data/sentiment"), Path(__file__).resolve().parents[2] / "shared/data"]
FILES = [
    "waimai_10k.train.csv",
    "chnsenticorp_htl.train.csv",
    "online_shopping_10_cats.train.csv",
    "weibo_senti_sample.train.csv",
]
ORIGINALS = 4000
BASES = 600
SEEDS = (1, 2, 3)
BATCH = 500
WORDS = ["真的", "非常", "这家", "他们", "我们", "还是", "已经", "特别", "客服", "东西"]
INSERTS = ["真的", "大家看看", "气死了", "说实话", "我想说"]
APPENDS = ["，太过分了", "，大家评评理", "，支持维权", "，求转发", "，扩散"]
POSITIVE = ("dress", "word", "insert", "delete", "append", "combo")
NEGATIVE = ("number", "punct")


@dataclass
class Labelled:
    """Texts in order; truth[i] is the index of the text i should be grouped with."""

    texts: list[str] = field(default_factory=list)
    truth: list[int] = field(default_factory=list)
    parent: list[int] = field(default_factory=list)  # the original a variant was made from
    kind: list[str] = field(default_factory=list)

    def add(self, text: str, parent: int | None, kind: str, joins: bool) -> int:
        """Append a text made from parent (None: an original); joins = belongs to its group."""
        me = len(self.texts)
        self.texts.append(text)
        self.parent.append(me if parent is None else parent)
        self.truth.append(parent if joins and parent is not None else me)
        self.kind.append(kind)
        return me


def corpus_texts() -> list[str]:
    """Distinct review/post texts (by group text) long enough to be grouped."""
    folder = next((d for d in DATA if (d / FILES[0]).exists()), None)
    if folder is None:
        raise FileNotFoundError("公开语料不在 /work/shared/data/sentiment：无法构建标注集")
    seen: set[str] = set()
    texts = []
    for name in FILES:
        with (folder / name).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                text = (row.get("review") or "").strip()
                key = group_text(text)
                if key in seen or not NearText.of(key).eligible or len(text) > 300:
                    continue
                seen.add(key)
                texts.append(text)
    return texts


def _letter_spans(text: str, rng: random.Random, width: int) -> int | None:
    starts = [
        i
        for i in range(len(text) - width + 1)
        if all("\u4e00" <= c <= "\u9fff" for c in text[i : i + width])
    ]
    return rng.choice(starts) if starts else None


def edit(text: str, kind: str, rng: random.Random) -> str | None:
    """One synthetic variant of text (None when the edit does not apply)."""
    if kind == "dress":
        return f"转发微博//@用户{rng.randrange(999)}: {text} #鲜味坊# 😡😡"
    if kind == "combo":
        changed = edit(text, "word", rng)
        return edit(changed, "dress", rng) if changed else None
    if kind == "append":
        return text.rstrip("。.!！?？~～ ") + rng.choice(APPENDS)
    width = {"word": 2, "insert": 1, "delete": rng.choice((2, 3, 4))}.get(kind, 1)
    at = _letter_spans(text, rng, width)
    if kind in ("word", "insert", "delete") and at is None:
        return None
    if kind == "word" and at is not None:
        return text[:at] + rng.choice(WORDS) + text[at + 2 :]
    if kind == "insert" and at is not None:
        return text[:at] + rng.choice(INSERTS) + text[at:]
    if kind == "delete" and at is not None:
        return text[:at] + text[at + width :]
    if kind == "number":
        digits = [i for i, c in enumerate(text) if c.isdigit()]
        if not digits:
            return text.rstrip("。.!！?？~～ ") + rng.choice(("，退款1.5元", "，等了3天"))
        i = rng.choice(digits)
        return text[:i] + str((int(text[i]) + rng.randrange(1, 9)) % 10) + text[i + 1 :]
    if kind == "punct":
        stripped = text.rstrip("。.!！?？~～ ")
        return stripped + ("？" if "?" not in text and "？" not in text else "！")
    raise ValueError(kind)


def labelled_set(seed: int) -> Labelled:
    """ORIGINALS real texts; BASES of them get one variant of every kind."""
    rng = random.Random(seed)
    pool = corpus_texts()
    originals = rng.sample(pool, ORIGINALS)
    data = Labelled()
    bases = [data.add(t, None, "original", False) for t in originals]
    for base in rng.sample(bases, BASES):
        for kind in (*POSITIVE, *NEGATIVE):
            variant = edit(data.texts[base], kind, rng)
            changed = variant is not None and group_text(variant) != group_text(data.texts[base])
            if variant is not None and (kind in POSITIVE or changed):
                data.add(variant, base, kind, kind in POSITIVE)
    return data


def group_all(data: Labelled, folder: Path) -> list[str | None]:
    """Run every text through the real deduper (each by a different author); group ids."""
    ctx = Context(config=AppConfig.model_validate({"brand": "鲜味坊"}), data_dir=folder)
    deduper = ContentDeduper(ctx.sessions)
    start = datetime(2026, 11, 1, tzinfo=UTC)
    mentions = [
        Mention(
            source="bench",
            native_id=str(i),
            text=text,
            published_at=start + timedelta(seconds=i),
            author=Author(id=f"a{i}"),
        )
        for i, text in enumerate(data.texts)
    ]
    groups: dict[str, str | None] = {}
    for offset in range(0, len(mentions), BATCH):
        kept, _ = deduper.split(mentions[offset : offset + BATCH])
        groups.update({m.native_id: m.group_id for m in kept})
    ctx.close()
    return [groups.get(str(i)) for i in range(len(data.texts))]


def scores(data: Labelled, groups: list[str | None]) -> dict[str, float]:
    """Pairwise precision/recall, recall per edit kind, negatives kept apart, false merges."""
    ids = [g or f"alone{i}" for i, g in enumerate(groups)]
    predicted = Counter(ids)
    truth = Counter(data.truth)
    both = Counter(zip(ids, data.truth, strict=True))
    pairs = sum(n * (n - 1) // 2 for n in predicted.values())
    true_pairs = sum(n * (n - 1) // 2 for n in truth.values())
    hits = sum(n * (n - 1) // 2 for n in both.values())
    out = {
        "precision": hits / pairs if pairs else 1.0,
        "recall": hits / true_pairs if true_pairs else 1.0,
    }
    for kind in (*POSITIVE, *NEGATIVE):
        rows = [i for i, k in enumerate(data.kind) if k == kind]
        same = [ids[i] == ids[data.parent[i]] for i in rows]
        out[kind] = sum(same) / len(same) if same else float("nan")
    originals = [i for i, k in enumerate(data.kind) if k == "original"]
    first: dict[str, int] = {}
    merged = 0
    for i in originals:
        if ids[i] in first:
            merged += 1
        first.setdefault(ids[i], i)
    out["false_merge"] = merged / len(originals)
    return out


def _new_or_near(texts: Sequence[str], run: int, i: int, rng: random.Random) -> str:
    if run == 0 or i < BATCH // 2:
        return texts[run * BATCH + i]
    earlier = texts[(run - 1) * BATCH + i]
    return edit(earlier, "word", rng) or earlier + "，太过分了"


def dedup_batch_ms(folder: Path, known: int, texts: Sequence[str]) -> tuple[float, float]:
    """CPU ms (median, range of 5) to dedup a 500-mention batch (half new texts, half near
    copies of the batch before) against `known` copy keys, groups and near groups."""
    ctx = Context(config=AppConfig.model_validate({"brand": "鲜味坊"}), data_dir=folder)
    rng = np.random.default_rng(known)
    with ctx.sessions.begin() as session:
        for start in range(0, known, 20_000):
            count = min(20_000, known - start)
            digests = [f"{i:040x}" for i in range(start, start + count)]
            session.execute(
                insert(AuthorCopy), [{"digest": d, "mention_id": d, "repeats": 0} for d in digests]
            )
            session.execute(
                insert(SimilarityGroup), [{"digest": d, "group_id": d, "size": 1} for d in digests]
            )
            session.execute(
                insert(neardup.NearGroup),
                [
                    {"id": start + i + 1, "group_id": d, "text": f"已知文本{d}的内容"}
                    for i, d in enumerate(digests)
                ],
            )
            bands = rng.integers(0, 2**62, size=count * neardup.BANDS)
            session.connection().exec_driver_sql(
                "INSERT OR IGNORE INTO near_bands (band, near_group) VALUES (?, ?)",
                [(int(b), start + i // neardup.BANDS + 1) for i, b in enumerate(bands)],
            )
    deduper = ContentDeduper(ctx.sessions)
    samples = []
    start_at = datetime(2026, 11, 1, tzinfo=UTC)
    edits = random.Random(known)
    for run in range(6):  # run 0 warms up; later runs' second half edits the run before's texts
        batch = [
            Mention(
                source="bench",
                native_id=f"{run}-{i}",
                text=_new_or_near(texts, run, i, edits),
                published_at=start_at + timedelta(seconds=i),
                author=Author(id=f"a{i}"),
            )
            for i in range(BATCH)
        ]
        started = time.process_time()
        deduper.split(batch)
        if run:
            samples.append((time.process_time() - started) * 1000)
    ctx.close()
    return statistics.median(samples), max(samples) - min(samples)


def main() -> None:
    """Print precision/recall per threshold (3 seeds) and the 500-batch dedup time."""
    chosen = neardup.THRESHOLD
    print(f"labelled set: {ORIGINALS:,} real distinct texts, {BASES} of them edited once per kind")
    print(
        "| threshold | pair precision | pair recall | dress | word | insert | delete | append"
        " | combo | number/punct kept apart | real texts merged |"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for threshold in (1.01, 0.6, 0.65, 0.7):
            neardup.THRESHOLD = threshold
            runs = [
                scores(data, group_all(data, Path(tmp) / f"{threshold}-{seed}"))
                for seed in SEEDS
                for data in [labelled_set(seed)]
            ]
            neardup.THRESHOLD = chosen
            print(_row("exact only" if threshold > 1 else f"{threshold:.2f}", runs))
        for known in (10_000, 100_000):
            median, spread = dedup_batch_ms(Path(tmp) / f"d{known}", known, corpus_texts())
            print(
                f"| dedup of a {BATCH}-batch (half near copies), {known:,} known groups "
                f"| {median:.0f} CPU ms (median of 5, range {spread:.0f}) |"
            )


def _row(name: str, runs: list[dict[str, float]]) -> str:
    def cell(key: str) -> str:
        values = [r[key] for r in runs]
        return f"{statistics.mean(values):.3f} ± {(max(values) - min(values)) / 2:.3f}"

    apart = [1 - (r["number"] + r["punct"]) / 2 for r in runs]
    kept = f"{statistics.mean(apart):.3f}"
    kinds = " | ".join(f"{statistics.mean(r[k] for r in runs):.2f}" for k in POSITIVE)
    merged = cell("false_merge")
    return f"| {name} | {cell('precision')} | {cell('recall')} | {kinds} | {kept} | {merged} |"


if __name__ == "__main__":
    from app.domains import install

    install()
    main()
