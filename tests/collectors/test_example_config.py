"""The commented source examples in yuqing.example.yaml are valid once uncommented."""

from __future__ import annotations

import re
from pathlib import Path

from collectors.registry import collector_class
from core.config_loading import load_config
from core.context import Context

EXAMPLE = Path(__file__).parents[2] / "yuqing.example.yaml"


def test_every_commented_source_example_builds(tmp_path, monkeypatch):
    text = EXAMPLE.read_text(encoding="utf-8")
    text = re.sub(r"^  # (- name|  )", r"  \1", text, flags=re.M)
    text = re.sub(r"^# (webhook:|  )", r"\1", text, flags=re.M)
    config_file = tmp_path / "yuqing.yaml"
    config_file.write_text(text, encoding="utf-8")
    monkeypatch.setenv("YUQING_MAILBOX_PASSWORD", "x")
    # The browser examples name the operator's login files, which the options check reads.
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / ".config" / "yuqing-chromium").mkdir(parents=True)
    cookies = tmp_path / ".config" / "yuqing" / "bilibili-cookies.json"
    cookies.parent.mkdir(parents=True)
    cookies.write_text('[{"name": "SESSDATA", "value": "v", "domain": ".bilibili.com"}]', "utf-8")

    config = load_config(config_file, env={})
    ctx = Context(config=config, data_dir=tmp_path)

    types = {s.type for s in config.sources}
    assert types == {
        "replay",
        "weibo_search",
        "weibo_user",
        "tieba",
        "forum",
        "heimao",
        "rss",
        "email",
        "xiaohongshu",
        "douyin",
        "bilibili",
        "zhihu",
    }
    for source in config.sources:
        assert collector_class(source.type).from_config(source, ctx).source is source
    assert config.webhook.enabled and config.webhook.secret
