"""Per-client token buckets: one noisy client gets 429 while the others keep their share."""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass

MAX_CLIENTS = 10_000  # buckets kept; the least recently seen client is forgotten first


@dataclass
class _Bucket:
    tokens: float
    at: float


class RateLimiter:
    """`rate` requests per second per client, bursts up to `burst`."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate = rate
        self.burst = float(burst)
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()

    def allow(self, client: str, now: float | None = None) -> float:
        """0 when the request may go on, else the seconds until the client may retry."""
        now = time.monotonic() if now is None else now
        bucket = self._buckets.pop(client, None) or _Bucket(self.burst, now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.at) * self.rate)
        bucket.at = now
        self._buckets[client] = bucket
        if len(self._buckets) > MAX_CLIENTS:
            self._buckets.popitem(last=False)
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) / self.rate
