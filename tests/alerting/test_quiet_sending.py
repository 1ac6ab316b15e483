"""A command that sends an alert says what it did, not what the sending library logged."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from tests.support.receivers import http_receiver


def test_ingest_that_sends_an_alert_prints_no_library_debug_lines(tmp_path: Path) -> None:
    post = {
        "source": "weibo", "native_id": "k1", "channel": "weibo",
        "text": "在鲜味坊吃出虫子，孩子食物中毒住院了，已经报警并联系记者曝光！",
        "published_at": datetime.now(UTC).isoformat(),
        "author": {"name": "吃货小王大王", "followers": 1260000, "verified": True},
    }  # fmt: skip
    stream = tmp_path / "in.jsonl"
    stream.write_text(json.dumps(post, ensure_ascii=False) + "\n", encoding="utf-8")
    with http_receiver() as hook:
        (tmp_path / "yuqing.yaml").write_text(
            "brand: 鲜味坊\nalerting:\n  notifiers:\n"
            f"    - {{name: hook, type: webhook, options: {{endpoint: '{hook.url('/a')}'}}}}\n",
            encoding="utf-8",
        )
        done = subprocess.run(
            [sys.executable, "-m", "app", "ingest", str(stream), "--data-dir", "var"],
            cwd=tmp_path, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert hook.requests and "高危舆情" in hook.requests[0].json["title"]
    assert "新增 1 条" in done.stdout
    # apprise logs every payload at DEBUG while we capture its log to explain failures.
    assert "apprise" not in done.stderr and "Payload" not in done.stderr, done.stderr
