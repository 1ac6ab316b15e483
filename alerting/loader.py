"""Load and validate rule files: built-in defaults plus the user's `alerting.rules_dir`."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from alerting.config import ALERTING, AlertingConfig
from alerting.routine import UrgencyJudge
from alerting.rules import RULES, Rule
from core.errors import ConfigError
from core.validation import close_match, format_validation_error
from core.yamlfile import read_yaml_file

if TYPE_CHECKING:
    from core.context import Context

log = logging.getLogger(__name__)
DEFAULTS_DIR = Path(__file__).parent / "rules" / "defaults"
RULE_SUFFIXES = (".yaml", ".yml")


class RuleFileError(ConfigError):
    """A rule file is invalid; the message names the file, the key and what is wrong."""


def load_rules(config: AlertingConfig, config_dir: Path | None = None) -> list[Rule]:
    """Enabled rules: built-ins (if on) overridden by same-named user rules; errors collected."""
    rules, errors = collect_rules(config, config_dir)
    if errors:
        raise RuleFileError("\n".join(errors))
    return [r for r in rules if r.spec.enabled]


def urgency_judge(config: AlertingConfig, config_dir: Path | None = None) -> UrgencyJudge:
    """Urgency levels as the deployment's enabled rules count them (alerting off: as stored);
    a rule file that does not load counts as it would at `yuqing run`: not at all."""
    if not config.enabled:
        return UrgencyJudge()
    rules, _ = collect_rules(config, config_dir)
    return UrgencyJudge.of(
        found for rule in rules if rule.spec.enabled and (found := rule.urgency_discount())
    )


def deployment_judge(ctx: Context) -> UrgencyJudge:
    """urgency_judge of the context's configuration: what the reports' 紧急提及 and 口碑指数 and
    the dashboard's 高/紧急 counts ask, so they count as alerting does (rules_dir missing:
    the stored levels, said once in the log; `yuqing check` names the problem)."""
    config_dir = ctx.config_path.parent if ctx.config_path else None
    try:
        return urgency_judge(ALERTING.of(ctx.config), config_dir)
    except ConfigError as exc:
        log.warning("紧急程度按入库时的级别统计（预警规则读不到：%s）", exc)
        return UrgencyJudge()


def collect_rules(
    config: AlertingConfig, config_dir: Path | None = None
) -> tuple[list[Rule], list[str]]:
    """Every rule that loads (switched-off ones too, a user rule in place of the built-in of
    its name) and one Chinese line per problem of the files that do not: a bad file does
    not hide the good ones."""
    rules: dict[str, Rule] = {}
    errors: list[str] = []
    folders = [DEFAULTS_DIR] if config.builtin_rules else []
    if config.rules_dir:
        folder = Path(config.rules_dir)
        if not folder.is_absolute() and config_dir is not None:
            folder = config_dir / folder
        if not folder.is_dir():
            raise RuleFileError(f"alerting.rules_dir: {folder} 不是文件夹（检查路径是否存在）")
        folders.append(folder)
    for folder in folders:
        found, problems = load_rule_files(
            sorted(p for p in folder.iterdir() if p.suffix in RULE_SUFFIXES)
        )
        errors += problems
        rules.update((rule.name, rule) for rule in found)
    return list(rules.values()), errors


def load_rule_files(paths: list[Path]) -> tuple[list[Rule], list[str]]:
    """The rules of these files that load, and one line per problem of the others (a name
    already used by an earlier file of the list is one)."""
    seen: dict[str, Path] = {}
    rules: list[Rule] = []
    errors: list[str] = []
    for path in paths:
        try:
            rule = load_rule_file(path)
        except RuleFileError as exc:
            errors += str(exc).splitlines()
            continue
        if rule.name in seen:
            errors.append(
                f"{_label(path)}: name：规则名 {rule.name!r} 已被同一文件夹的 "
                f"{seen[rule.name].name} 使用；"
                "每条规则用唯一的 name（改名，或删除其中一个文件）"
            )
            continue
        seen[rule.name] = path
        rules.append(rule)
    return rules, errors


def load_rule_file(path: Path) -> Rule:
    """One rule from one YAML file, validated against its type's options."""
    label = _label(path)
    data = read_yaml_file(path, label=label, error=RuleFileError)
    return parse_rule(data, label)


def parse_rule(data: Any, label: str) -> Rule:
    """A rule from already-parsed YAML; label names the source in errors."""
    if not isinstance(data, dict):
        raise RuleFileError(f"{label}: 规则文件的顶层必须是键值映射（key: value）")
    kind = data.get("type")
    if kind is None:
        raise RuleFileError(f"{label}: type：缺少必填项（可选：{'、'.join(RULES.names())}）")
    if str(kind) not in RULES:
        near = close_match(str(kind), RULES.names())
        hint = f"；是不是 {near}？" if near else ""
        raise RuleFileError(
            f"{label}: type：未知的规则类型 {kind!r}；可选：{'、'.join(RULES.names())}{hint}"
        )
    rule_class = RULES.get(str(kind))
    try:
        spec = rule_class.spec_model.model_validate(data)
    except ValidationError as exc:
        # The rule's name too, when the file gives one: a folder of rules is read by name.
        name = data.get("name")
        where = f"{label}（规则 {name}）" if isinstance(name, str) and name.strip() else label
        raise RuleFileError(
            format_validation_error(where, exc, model=rule_class.spec_model)
        ) from None
    return rule_class(spec, source=label)


def _label(path: Path) -> str:
    """'rules/spike.yaml' style: the folder name and the file name (the file alone when it
    lies in the current folder, as a path given on the command line may)."""
    folder = path.parent.name
    return f"{folder}/{path.name}" if folder else path.name
