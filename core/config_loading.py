"""Loading yuqing.yaml: read the file, apply YUQING_* environment overrides, validate against
the assembled model, and report every problem in one pass (broken keys dropped and retried)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from core.config import CoreConfig
from core.config_sections import config_model
from core.errors import ConfigError
from core.validation import error_problems, format_lines
from core.yamlfile import read_yaml_mapping

ENV_PREFIX = "YUQING_"
_RESERVED_ENV = {"YUQING_CONFIG", "YUQING_DATA_DIR"}


def load_config(path: str | Path | None = None, env: dict[str, str] | None = None) -> CoreConfig:
    """Read yuqing.yaml (or the defaults when path is None), apply YUQING_* overrides, validate."""
    checked = check_config(path, env)
    if checked.problems or checked.config is None:
        raise ConfigError("\n".join(checked.problems))
    return checked.config


@dataclass(frozen=True)
class ConfigCheck:
    """What validating yuqing.yaml found: the problems, and the config with the broken keys
    left at their defaults so later checks (sources' options, notifiers, rule files) still
    run; `config` is None when even that could not be validated."""

    config: CoreConfig | None
    problems: list[str]


Location = tuple[int | str, ...]
_SALVAGE_ROUNDS = 5


def check_config(path: str | Path | None = None, env: dict[str, str] | None = None) -> ConfigCheck:
    """Every problem of yuqing.yaml in one pass; raises ConfigError only for a file that cannot
    be read or parsed at all (nothing else can be checked then)."""
    env = dict(os.environ) if env is None else env
    label = str(path) if path else "<defaults>"
    raw = _read_yaml(Path(path)) if path else {}
    model = config_model()
    _apply_env(raw, env, model)
    problems: list[str] = []
    reported: list[Location] = []  # dropped keys, and lists that lost items (indices moved)
    for _ in range(_SALVAGE_ROUNDS):
        try:
            return ConfigCheck(model.model_validate(raw), problems)
        except ValidationError as exc:
            errors = [e for e in exc.errors() if not _under(tuple(e["loc"]), reported)]
            problems += format_lines(label, error_problems(errors, model))
            dropped = _drop(raw, [tuple(e["loc"]) for e in exc.errors()])
            if not dropped:
                break
            reported += dropped
    return ConfigCheck(None, problems)


def _under(location: Location, reported: list[Location]) -> bool:
    """Whether a later round's error is about a key already reported and dropped (a model
    validator's finding on the rest is new and kept)."""
    return any(location[: len(r)] == r or r[: len(location)] == location for r in reported)


def _drop(raw: dict[str, Any], locations: list[Location]) -> list[Location]:
    """Remove the deepest existing node of each error location (a missing key's whole list
    item), so the rest validates with defaults; the locations removed (for a list item, the
    list's)."""
    doomed: dict[int, tuple[Any, Location, set[Any]]] = {}
    for location in locations:
        node: Any = raw
        found: tuple[Any, Location, Any] | None = None
        for depth, part in enumerate(location):
            inside = isinstance(node, dict) and part in node
            at = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
            if not (inside or at):
                break
            found, node = (node, location[:depth], part), node[part]
        if found is not None:
            container, where, key = found
            doomed.setdefault(id(container), (container, where, set()))[2].add(key)
    removed: list[Location] = []
    for container, where, keys in doomed.values():
        for key in sorted(keys, key=lambda k: (str(type(k)), k), reverse=True):
            del container[key]
            removed.append(where if isinstance(container, list) else (*where, key))
    return removed


def _read_yaml(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise ConfigError(
            f"{path}: 配置文件不存在（用 --config 指定，或设置环境变量 YUQING_CONFIG）"
        )
    return read_yaml_mapping(path, shape="key: value")


def _apply_env(raw: dict[str, Any], env: dict[str, str], model: type[CoreConfig]) -> None:
    """YUQING_INDEX__BACKEND=opensearch sets raw['index']['backend']; values parse as YAML."""
    for key, value in sorted(env.items()):
        if not key.startswith(ENV_PREFIX) or key in _RESERVED_ENV:
            continue
        path = [p.lower() for p in key[len(ENV_PREFIX) :].split("__") if p]
        if not path or path[0] not in model.model_fields:
            continue  # YUQING_LOG_LEVEL and friends are not config keys
        node = raw
        for part in path[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = {}
                node[part] = child
            node = child
        try:
            node[path[-1]] = yaml.safe_load(value) if value else value
        except yaml.YAMLError:
            node[path[-1]] = value
