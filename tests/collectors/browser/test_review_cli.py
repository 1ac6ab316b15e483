"""`yuqing check` and `yuqing sources run|list` print a browser source's problem with its name."""

from __future__ import annotations

import yaml
from typer.testing import CliRunner

from app.cli import app
from collectors.cli import sources_app

runner = CliRunner()


def test_yuqing_check_and_sources_run_name_the_source(tmp_path, monkeypatch):
    """Rich markup must not eat "[xhs]" out of "sources[xhs].options.profile_dir"."""
    source = {
        "name": "xhs",
        "type": "xiaohongshu",
        "options": {"keywords": ["鲜味坊"], "profile_dir": str(tmp_path / "nope")},
    }
    config = tmp_path / "yuqing.yaml"
    config.write_text(yaml.safe_dump({"sources": [source]}, allow_unicode=True), "utf-8")
    monkeypatch.setenv("YUQING_CONFIG", str(config))
    monkeypatch.setenv("YUQING_DATA_DIR", str(tmp_path / "data"))
    wide = {"COLUMNS": "300"}

    checked = runner.invoke(app, ["check"], env=wide)
    ran = runner.invoke(sources_app, ["run", "xhs"], env=wide)
    listed = runner.invoke(sources_app, ["list"], env=wide)

    assert checked.exit_code != 0 and "sources[xhs].options.profile_dir" in checked.output
    assert ran.exit_code == 1 and "sources[xhs].options.profile_dir" in ran.output, ran.output
    assert "sources[xhs].options.profile_dir" in listed.output, listed.output
