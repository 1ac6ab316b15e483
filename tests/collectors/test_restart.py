"""Restart safety: a run that dies after its first batch, or whose server dies mid-paging,
is resumed by the next run with no mention lost and none indexed twice."""

from __future__ import annotations

from collectors.runner import run_source
from collectors.state import SourceStatus
from tests.collectors.conftest import indexed, source_of, state_of
from tests.collectors.site import Page, fixture
from tests.collectors.test_weibo_search import search_path, weibo_source

EXPECTED = ["5001", "5002", "5003", "5004"]


def route_search(site, second_page: Page) -> None:
    """Three result pages; the second one as given."""
    site.route(search_path(1), fixture("weibo_search_p1.json"))
    site.route(search_path(2), second_page)
    site.route(search_path(3), fixture("weibo_search_p3.json"))
    site.route("/statuses/extend?id=5001", fixture("weibo_extend_5001.json"))


def test_crash_after_first_batch_then_restart(site, make_ctx, monkeypatch):
    route_search(site, fixture("weibo_search_p2.json"))
    ctx = make_ctx([weibo_source(site, batch_size=1)])
    real_process = ctx.pipeline.process
    calls = []

    def dies_on_second_batch(mentions, refs=None):
        calls.append(len(mentions))
        if len(calls) == 2:
            raise RuntimeError("process killed")
        return real_process(mentions, refs)

    monkeypatch.setattr(ctx.pipeline, "process", dies_on_second_batch)
    crashed = run_source(ctx, source_of(ctx, "wb"))
    assert crashed.status == SourceStatus.DEGRADED and len(crashed.report.new) == 1
    assert state_of(ctx, "wb").cursor is None

    monkeypatch.setattr(ctx.pipeline, "process", real_process)
    resumed = run_source(ctx, source_of(ctx, "wb"))

    assert resumed.status == SourceStatus.OK, resumed.losses
    assert len(crashed.report.new) + len(resumed.report.new) == len(EXPECTED)
    assert resumed.report.duplicates == 1
    assert sorted(indexed(ctx, "wb")) == EXPECTED
    assert state_of(ctx, "wb").items_total == len(EXPECTED)


def test_server_dies_mid_paging_then_restart(site, make_ctx):
    route_search(site, Page(b"", 503, "text/html"))
    ctx = make_ctx([weibo_source(site)])
    broken = run_source(ctx, source_of(ctx, "wb"))
    assert broken.status == SourceStatus.DEGRADED
    assert state_of(ctx, "wb").cursor is None  # page 2 was never read: keep the old position

    route_search(site, fixture("weibo_search_p2.json"))
    resumed = run_source(ctx, source_of(ctx, "wb"))

    assert resumed.status == SourceStatus.OK, resumed.error
    assert [m.native_id for m in resumed.report.new] == ["5004"]
    assert sorted(indexed(ctx, "wb")) == EXPECTED
    assert state_of(ctx, "wb").cursor is not None
