"""The `replay` source: plays the bundled demo stream in real time for the demo brand.

On first run it back-fills `history` of diurnal traffic, then emits what was "published"
since the last run; `incident_after` launch the scripted food-safety incident begins.
Options: brand, history (7d), rate_per_hour (40), incident_after (2m; "off" disables),
seed (7), batch_size (500), rival (the first competitor plan's name, role 竞品; "off": none)
and rival_rate_per_hour (6): a smaller stream of the same real texts about the competitor,
posted on Weibo, forums and the complaint platform (no mail: it is not the brand's mailbox).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from collectors.base import Batch, Collector, CollectRequest
from collectors.config import SourceConfig
from collectors.demo.stream import PARENT_FIELDS, Event, background_events, incident_events
from core.context import Context
from core.enums import Channel
from core.errors import ConfigError
from core.models import Mention
from core.timeutil import parse_duration

KNOWN_OPTIONS = frozenset(
    {
        "brand",
        "history",
        "rate_per_hour",
        "incident_after",
        "seed",
        "batch_size",
        "rival",
        "rival_rate_per_hour",
    }
)
RIVAL_KEY = "r"  # the competitor's events' keys start with it
RIVAL_SEED = 1_009  # added to the seed: the competitor's stream draws apart from the brand's


def _rival(value: object, ctx: Context) -> str | None:
    """The competitor the demo also streams: the option, else the first competitor plan's name."""
    if value in (False, "off"):
        return None
    if value:
        return str(value)
    return next((p.name for p in ctx.config.plans if p.competitor), None)


class ReplayCollector(Collector):
    """Demo source: deterministic, resumable, with a scripted incident."""

    type_name = "replay"

    def __init__(self, source: SourceConfig, ctx: Context, options: dict[str, Any]) -> None:
        super().__init__(source, ctx)
        self.brand: str = options["brand"]
        self.history: timedelta = options["history"]
        self.rate: float = options["rate_per_hour"]
        self.incident_after: timedelta | None = options["incident_after"]
        self.seed: int = options["seed"]
        self.batch_size: int = options["batch_size"]
        self.rival: str | None = options["rival"]
        self.rival_rate: float = options["rival_rate_per_hour"]
        # With a competitor configured, the brand's stream is the brand's own plans' (as a real
        # source's `plans:` says): its replies and the official account's posts need not name
        # the brand, and rules watching the own plans would not see them.
        self.own_plans = ctx.config.own_plan_ids()

    @classmethod
    def from_config(cls, source: SourceConfig, ctx: Context) -> ReplayCollector:
        """Read and check the options."""
        raw = dict(source.options)
        where = f"sources[{source.name}].options"
        unknown = sorted(set(raw) - KNOWN_OPTIONS)
        if unknown:
            known = ", ".join(sorted(KNOWN_OPTIONS))
            raise ConfigError(f"{where}.{unknown[0]}: 未知选项（拼写错误？可用：{known}）")
        try:
            incident = raw.get("incident_after", "2m")
            options: dict[str, Any] = {
                "brand": str(raw.get("brand") or ctx.config.brand),
                "history": parse_duration(raw.get("history", "7d")),
                "rate_per_hour": float(raw.get("rate_per_hour", 40)),
                "incident_after": (
                    None if incident in (None, False, "off") else parse_duration(incident)
                ),
                "seed": int(raw.get("seed", 7)),
                "batch_size": int(raw.get("batch_size", 500)),
                "rival": _rival(raw.get("rival"), ctx),
                "rival_rate_per_hour": float(raw.get("rival_rate_per_hour", 6)),
            }
        except (TypeError, ValueError) as exc:
            raise ConfigError(
                f"{where}: 选项值无效（{exc}）；rate_per_hour/seed/batch_size 要写数字，"
                "history/incident_after 写时长如 7d、2m，rival_rate_per_hour 写数字"
            ) from None
        if (
            min(options["rate_per_hour"], options["batch_size"], options["rival_rate_per_hour"])
            <= 0
        ):
            raise ConfigError(f"{where}: rate_per_hour、rival_rate_per_hour 和 batch_size 须大于 0")
        return cls(source, ctx, options)

    def collect(self, request: CollectRequest) -> Iterator[Batch]:
        """Everything published after the stored position up to now, in batches."""
        state = json.loads(request.cursor) if request.cursor else {}
        anchor = datetime.fromisoformat(state["anchor"]) if "anchor" in state else request.now
        position = (
            datetime.fromisoformat(state["until"]) if "until" in state else anchor - self.history
        )
        events = self._events(anchor, position, request.now)
        for start in range(0, len(events), self.batch_size) or [0]:
            chunk = events[start : start + self.batch_size]
            until = chunk[-1].at if start + self.batch_size < len(events) else request.now
            cursor = json.dumps({"anchor": anchor.isoformat(), "until": until.isoformat()})
            yield Batch(mentions=[self._mention(e, anchor) for e in chunk], cursor=cursor)

    def _events(self, anchor: datetime, start: datetime, end: datetime) -> list[Event]:
        tz = self.ctx.config.tz
        events = list(background_events(start, end, self.brand, self.rate, self.seed, tz))
        if self.rival is not None:
            theirs = background_events(
                start, end, self.rival, self.rival_rate, self.seed + RIVAL_SEED, tz
            )
            events += [
                Event(e.at, f"{RIVAL_KEY}{e.key}", e.fields)
                for e in theirs
                if e.fields["channel"] != Channel.EMAIL
            ]
        if self.incident_after is not None:
            events += [
                e for e in incident_events(anchor + self.incident_after) if start <= e.at < end
            ]
        return sorted(events, key=lambda e: (e.at, e.key))

    def _mention(self, event: Event, anchor: datetime) -> Mention:
        native = f"{int(anchor.timestamp())}-{event.key}"
        fields = dict(event.fields)
        for name in PARENT_FIELDS:  # reposts/replies point at their parent's native id
            if name in fields:
                fields[name] = f"{int(anchor.timestamp())}-{fields[name]}"
        if self.brand != "鲜味坊":
            fields = {
                k: (v.replace("鲜味坊", self.brand) if isinstance(v, str) else v)
                for k, v in fields.items()
            }
        return Mention(
            plans=[] if event.key.startswith(RIVAL_KEY) else self.own_plans,
            source=self.source.name,
            native_id=native,
            url=f"https://demo.yuqing.invalid/{fields['channel']}/{native}",
            published_at=event.at,
            collected_at=max(event.at, self.ctx.clock()),
            **fields,
        )
