"""Bulk writes with back-off: items the cluster throttled (429) or could not place (503) are
sent again; every other failure is returned per item, never dropped."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.index.engines.client import EngineClient
from core.index.engines.results import BulkOutcome, bulk_outcome

RETRY_STATUSES = frozenset({429, 503})


@dataclass(frozen=True)
class BulkPolicy:
    """Batching, retry and visibility settings for bulk writes.

    `wait_for_refresh` makes each bulk return only once its documents are searchable. It is
    off: waiting for a refresh per batch halves pipeline ingest; documents become searchable
    within the index's refresh interval and the writer reads its own writes from memory
    (EngineMentionIndex).
    """

    chunk_size: int = 500
    wait_for_refresh: bool = False
    max_retries: int = 5
    initial_backoff: float = 0.5
    max_backoff: float = 30.0


def bulk_with_retries(
    client: EngineClient,
    actions: list[dict[str, Any]],
    policy: BulkPolicy = BulkPolicy(),
    sleep: Callable[[float], None] = time.sleep,
) -> list[BulkOutcome]:
    """Send actions; retry throttled items with exponential back-off; one outcome per action."""
    outcomes: list[BulkOutcome | None] = [None] * len(actions)
    pending = list(range(len(actions)))
    backoff = policy.initial_backoff
    for attempt in range(policy.max_retries + 1):
        batch = [actions[i] for i in pending]
        retry: list[int] = []
        for position, (ok, item) in zip(
            pending, client.bulk(batch, policy.chunk_size, policy.wait_for_refresh), strict=True
        ):
            outcome = bulk_outcome(ok, item)
            outcome.id = outcome.id or str(actions[position].get("_id", ""))
            outcome.index = outcome.index or str(actions[position].get("_index", ""))
            outcomes[position] = outcome
            if not ok and outcome.status in RETRY_STATUSES and attempt < policy.max_retries:
                retry.append(position)
        if not retry:
            break
        sleep(backoff)
        backoff = min(backoff * 2, policy.max_backoff)
        pending = retry
    return [o for o in outcomes if o is not None]
