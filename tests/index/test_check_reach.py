"""`yuqing check` against a real OpenSearch node: a prefix that holds no monthly index while
another prefix does is pointed out (the dashboard of such a worker is empty); a cluster
holding the prefix, or a new one, passes quietly."""

from __future__ import annotations

import json
import urllib.request
import uuid
from pathlib import Path

import yaml
from typer.testing import CliRunner

from app.cli import app

runner = CliRunner()


def check(tmp_path: Path, url: str, prefix: str) -> tuple[int, str]:
    config = tmp_path / "yuqing.yaml"
    index = {"backend": "opensearch", "urls": [url], "index_prefix": prefix, "replicas": 0}
    raw = {"plans": [{"id": "xwf", "name": "鲜味坊", "expression": "鲜味坊"}], "index": index}
    config.write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    result = runner.invoke(app, ["check", "--config", str(config), "--data-dir", str(tmp_path)])
    return result.exit_code, " ".join(result.output.split())


def create_index(url: str, name: str) -> None:
    body = json.dumps({"settings": {"number_of_replicas": 0}}).encode()
    request = urllib.request.Request(f"{url}/{name}", data=body, method="PUT")
    request.add_header("Content-Type", "application/json")
    urllib.request.urlopen(request, timeout=30).close()


def test_a_prefix_without_months_beside_one_with_months_is_pointed_out(
    tmp_path: Path, opensearch_url: str
) -> None:
    migrated = f"yqc-{uuid.uuid4().hex[:8]}"
    create_index(opensearch_url, f"{migrated}-2026.05")

    code, out = check(tmp_path, opensearch_url, f"yqc-typo-{uuid.uuid4().hex[:6]}")
    assert code == 0, out  # a note, not a refusal: a new prefix on a shared cluster is legal
    assert "提醒：index.index_prefix：集群中没有" in out and migrated in out

    code, out = check(tmp_path, opensearch_url, migrated)
    assert code == 0 and "提醒" not in out, out
