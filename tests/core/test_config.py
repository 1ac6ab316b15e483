"""Config loading: defaults, env overrides, and errors that name the file, key and fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from core.config_loading import load_config
from core.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "yuqing.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_file() -> None:
    config = load_config(None, env={})
    assert config.index.backend == "sqlite"
    assert config.alerting.eval_interval.total_seconds() == 30
    assert config.timezone == "Asia/Shanghai"


def test_example_config_is_valid() -> None:
    config = load_config(Path(__file__).parents[2] / "yuqing.example.yaml", env={})
    assert config.plans[0].id == "xianweifang"
    assert config.sources[0].type == "replay"
    assert config.sources[0].interval.total_seconds() == 5


def test_env_overrides_nested_keys(tmp_path: Path) -> None:
    path = write(tmp_path, "index:\n  backend: sqlite\n")
    env = {"YUQING_INDEX__BACKEND": "opensearch", "YUQING_INDEX__URLS": "[http://a:9200, http://b:9200]",
           "YUQING_ALERTING__EVAL_INTERVAL": "2m", "YUQING_CONFIG": "ignored",
           "YUQING_LOG_LEVEL": "DEBUG", "YUQING_DATA_DIR": "/elsewhere"}  # fmt: skip
    config = load_config(path, env=env)
    assert config.index.backend == "opensearch"
    assert config.index.urls == ["http://a:9200", "http://b:9200"]
    assert config.alerting.eval_interval.total_seconds() == 120


def test_yaml_syntax_error_reports_line(tmp_path: Path) -> None:
    path = write(tmp_path, "brand: x\nplans:\n  - id: a\n    name: [unclosed\n")
    with pytest.raises(ConfigError) as err:
        load_config(path, env={})
    message = str(err.value)
    assert str(path) in message and "YAML 语法错误" in message
    assert re.search(r"第 \d+ 行第 \d+ 列", message)


def test_unknown_key_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "index:\n  backnd: sqlite\n")
    with pytest.raises(ConfigError, match=r"index\.backnd：未知的键"):
        load_config(path, env={})


def test_wrong_value_names_key_and_value(tmp_path: Path) -> None:
    path = write(tmp_path, "sources:\n  - name: w\n    type: replay\n    interval: soon\n")
    with pytest.raises(ConfigError) as err:
        load_config(path, env={})
    assert "sources[0].interval" in str(err.value)
    assert "'soon'" in str(err.value)


def test_missing_required_key(tmp_path: Path) -> None:
    path = write(tmp_path, "plans:\n  - id: a\n    name: A\n")
    with pytest.raises(ConfigError, match=r"plans\[0\]\.expression：缺少必填项"):
        load_config(path, env={})


def test_bad_backend_and_timezone(tmp_path: Path) -> None:
    path = write(tmp_path, "timezone: Mars/Base\nindex:\n  backend: mysql\n")
    with pytest.raises(ConfigError) as err:
        load_config(path, env={})
    assert "未知的时区" in str(err.value)
    assert "未知的索引后端 'mysql'" in str(err.value)


def test_missing_file_and_non_mapping(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="配置文件不存在"):
        load_config(tmp_path / "nope.yaml", env={})
    with pytest.raises(ConfigError, match="顶层必须是键值映射"):
        load_config(write(tmp_path, "- a\n- b\n"), env={})


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes("brand: 鲜味坊\n".encode("gbk"))
    with pytest.raises(ConfigError, match="不是 UTF-8"):
        load_config(path, env={})


def test_bad_plan_expression_fails_when_loaded(tmp_path: Path) -> None:
    # Refused with the rest of the file, not later when the pipeline first compiles the plans.
    path = write(tmp_path, "plans:\n  - id: a\n    name: A\n    expression: ''\n")
    with pytest.raises(ConfigError, match=r"plans\[0\]\.expression：第 1 个字符：表达式为空"):
        load_config(path, env={})
