"""Rule files: built-ins load, user rules override, malformed files are named precisely."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from alerting.cli import alerts_app
from alerting.config import AlertingConfig
from alerting.loader import RuleFileError, load_rule_file, load_rules
from alerting.rules import RULES
from app.cli import app
from core.enums import CATEGORY_LABELS_ZH, Category, Channel, SentimentLabel, Severity

runner = CliRunner()


def write(folder: Path, name: str, text: str) -> Path:
    """A rule file in folder."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_rules_cover_every_type() -> None:
    rules = load_rules(AlertingConfig())
    assert {r.type_name for r in rules} == set(RULES)
    assert len({r.name for r in rules}) == len(rules)


def test_a_builtin_category_rule_is_titled_with_the_category_s_name() -> None:
    """The cosmetics week: a serum burning faces paged a skincare brand as 食品安全投诉激增;
    the category is 食品安全/人身安全, and so is the title."""
    rules = {r.name: r for r in load_rules(AlertingConfig())}
    spike = rules["food-safety-spike"]
    (category,) = spike.spec.filter.categories
    assert spike.spec.title == f"{CATEGORY_LABELS_ZH[category]}投诉激增"


def test_missing_required_option_names_file_and_key(tmp_path: Path) -> None:
    path = write(tmp_path / "rules", "spike.yaml", "name: x\ntype: frequency\nwindow: 5m\n")
    with pytest.raises(
        RuleFileError, match=r"^rules/spike\.yaml（规则 x）: threshold：缺少必填项$"
    ):
        load_rule_file(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: x\nwindow: 5m\n", "type：缺少必填项"),
        ("name: x\ntype: spikey\n", "未知的规则类型 'spikey'"),
        ("name: x\ntype: spike\nwindoww: 5m\n", "windoww：未知的键"),
        ("name: x\ntype: spike\nwindow: soon\n", "window：不是时长"),
        ("name: x\ntype: spike\nfilter: {channels: [telegram]}\n", "filter.channels[0]："),
        ("name: x\ntype: spike\nfilter: {keywords: ''}\n", "filter.keywords："),
        ("name: x\ntype: spike\nthreshold: 0.5\n", "threshold："),
        ("- name: x\n", "顶层必须是键值映射"),
        ("name: [x\n", "YAML 语法错误"),
        (
            "name: x\ntype: new_term\nfilter: {keywords: 中毒}\n",
            "new_term 规则不支持 filter.keywords",
        ),
    ],
)
def test_malformed_rule_files(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / "rules", "bad.yaml", text)
    with pytest.raises(RuleFileError) as info:
        load_rule_file(path)
    assert str(info.value).startswith("rules/bad.yaml")
    assert message in str(info.value)


def test_user_rules_override_builtins_and_errors_are_collected(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    write(
        folder,
        "off.yaml",
        "name: negative-ratio\ntype: negative_ratio\nthreshold: 0.7\nenabled: false\n",
    )
    write(folder, "mine.yaml", "name: mine\ntype: frequency\nthreshold: 3\n")
    names = {r.name for r in load_rules(AlertingConfig(rules_dir=str(folder)))}
    assert "mine" in names and "negative-ratio" not in names and "negative-spike" in names
    write(folder, "a.yaml", "name: a\ntype: frequency\n")
    write(folder, "b.yaml", "name: b\ntype: nope\n")
    with pytest.raises(RuleFileError) as info:
        load_rules(AlertingConfig(rules_dir=str(folder)))
    assert "rules/a.yaml（规则 a）: threshold：缺少必填项" in str(info.value)
    assert "rules/b.yaml: type：未知的规则类型 'nope'" in str(info.value)


def test_rules_dir_relative_to_config_and_must_exist(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="不是文件夹"):
        load_rules(AlertingConfig(rules_dir="missing"), tmp_path)


def test_cli_rules_lists_and_validates(tmp_path: Path) -> None:
    result = runner.invoke(alerts_app, ["rules"])
    assert result.exit_code == 0, result.output
    assert "negative-spike" in result.output and "条规则有效" in result.output
    bad = write(tmp_path / "rules", "spike.yaml", "name: x\ntype: frequency\n")
    result = runner.invoke(alerts_app, ["rules", str(bad)])
    assert result.exit_code == 2
    assert "rules/spike.yaml（规则 x）: threshold：缺少必填项" in result.output


@pytest.mark.parametrize(("written", "level"), [("warning", "medium"), ("info", "low")])
def test_old_severity_names_in_rule_files_still_load(
    tmp_path: Path, written: str, level: str
) -> None:
    text = f"name: x\ntype: frequency\nwindow: 5m\nthreshold: 3\nseverity: {written}\n"
    rule = load_rule_file(write(tmp_path / "rules", "old.yaml", text))
    assert rule.spec.severity == Severity(level)
    assert rule.spec.severity.label_zh == {"medium": "较重", "low": "一般"}[level]


def test_a_misspelt_key_or_type_names_the_rule_and_the_key_meant(tmp_path: Path) -> None:
    typo = write(
        tmp_path / "rules", "refund.yaml", "name: refund\ntype: frequency\nthreshhold: 20\n"
    )
    with pytest.raises(RuleFileError) as info:
        load_rule_file(typo)
    assert str(info.value).splitlines() == [
        "rules/refund.yaml（规则 refund）: threshold：缺少必填项",
        "rules/refund.yaml（规则 refund）: threshhold：未知的键（检查拼写或删除）；"
        "是不是 threshold？",
    ]
    nested = write(
        tmp_path / "rules", "n.yaml", "name: n\ntype: spike\nfilter: {sentiment: [negative]}\n"
    )
    with pytest.raises(RuleFileError, match=r"filter\.sentiment：未知的键.*；是不是 sentiments？"):
        load_rule_file(nested)
    kind = write(tmp_path / "rules", "k.yaml", "name: k\ntype: frequncy\nthreshold: 3\n")
    with pytest.raises(
        RuleFileError, match=r"未知的规则类型 'frequncy'；可选：.*；是不是 frequency？$"
    ):
        load_rule_file(kind)


def test_a_file_in_the_current_folder_is_named_without_a_leading_slash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "mine.yaml", "name: mine\ntype: frequency\n")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(alerts_app, ["rules", "mine.yaml"])
    assert result.exit_code == 2
    assert "- mine.yaml（规则 mine）: threshold：缺少必填项" in result.output
    assert "/mine.yaml" not in result.output and "规则有效" not in result.output


def test_a_duplicate_name_names_both_files(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    write(folder, "a-refund.yaml", "name: refund\ntype: frequency\nthreshold: 20\n")
    write(folder, "b-refund.yaml", "name: refund\ntype: frequency\nthreshold: 5\n")
    with pytest.raises(RuleFileError) as info:
        load_rules(AlertingConfig(rules_dir=str(folder)))
    assert str(info.value) == (
        "rules/b-refund.yaml: name：规则名 'refund' 已被同一文件夹的 a-refund.yaml 使用；"
        "每条规则用唯一的 name（改名，或删除其中一个文件）"
    )


def test_values_by_chinese_name_mean_the_codes(tmp_path: Path) -> None:
    text = (
        "name: gd-food\ntype: urgent_mention\nseverity: 紧急\nmin_urgency: 严重\n"
        "influencer_min_urgency: 一般\n"
        "filter: {categories: [食品安全], sentiments: [负面], channels: [微博, 投诉平台],"
        " min_urgency: 较重}\n"
    )
    rule = load_rule_file(write(tmp_path / "rules", "zh.yaml", text))
    spec = rule.spec
    assert spec.severity == Severity.CRITICAL
    assert (spec.min_urgency, spec.influencer_min_urgency) == (Severity.HIGH, Severity.LOW)
    assert spec.filter.categories == [Category.FOOD_SAFETY_HEALTH]
    assert spec.filter.sentiments == [SentimentLabel.NEGATIVE]
    assert spec.filter.channels == [Channel.WEIBO, Channel.COMPLAINT_PLATFORM]
    assert spec.filter.min_urgency == Severity.MEDIUM


def test_an_unknown_chinese_name_lists_code_and_name_pairs_and_the_one_meant(
    tmp_path: Path,
) -> None:
    text = "name: x\ntype: frequency\nthreshold: 3\nfilter: {categories: [食品安全/健康]}\n"
    with pytest.raises(RuleFileError) as info:
        load_rule_file(write(tmp_path / "rules", "x.yaml", text))
    message = str(info.value)
    assert message.startswith(
        "rules/x.yaml（规则 x）: filter.categories[0]：'食品安全/健康' 不是可选值"
    )
    assert "food_safety_health（食品安全/人身安全）" in message
    assert message.endswith("是否想用 食品安全/人身安全？")


def test_cli_rules_lists_the_valid_rules_beside_a_bad_file(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    write(folder, "refund.yaml", "name: refund-negative-1h\ntype: frequency\nthreshold: 20\n")
    write(
        folder,
        "off.yaml",
        "name: negative-ratio\ntype: negative_ratio\nthreshold: 0.7\nenabled: false\n",
    )
    write(folder, "typo.yaml", "name: typo\ntype: frequency\nthreshhold: 20\n")
    config = tmp_path / "yuqing.yaml"
    config.write_text("alerting:\n  rules_dir: rules\n", encoding="utf-8")
    result = runner.invoke(alerts_app, ["rules", "--config", str(config)])
    assert result.exit_code == 2
    out = result.output
    assert "refund-negative-1h" in out and "negative-spike" in out  # whole names, not refund-ne…
    assert "频次超限" in out and "已停用" in out
    assert "9 条规则有效，1 条已停用（enabled: false）。" in out
    assert (
        "1 处问题" not in out and "2 处问题，这些规则文件没有加载（yuqing run 启动时跳过它们" in out
    )
    assert "rules/typo.yaml（规则 typo）: threshhold：未知的键" in out
    # the check says the same, and what else is wrong with the rules that loaded
    config.write_text(
        "alerting:\n  rules_dir: rules\nplans: [{id: xwf, name: 鲜味坊, expression: 鲜味坊}]\n",
        encoding="utf-8",
    )
    write(folder, "plan.yaml", "name: p\ntype: frequency\nthreshold: 3\nfilter: {plans: [xfw]}\n")
    checked = runner.invoke(app, ["check", "--config", str(config), "--data-dir", str(tmp_path)])
    assert checked.exit_code == 2
    text = " ".join(checked.output.split())
    assert "rules/typo.yaml（规则 typo）: threshold：缺少必填项" in text
    assert "预警规则 p（rules/plan.yaml）: filter.plans 引用了未知的监测方案 'xfw'" in text


def test_lower_case_and_or_in_keywords_are_refused_with_the_operators_meant(
    tmp_path: Path,
) -> None:
    text = (
        "name: reg\ntype: frequency\nthreshold: 1\nfilter: {keywords: '鲜味坊 and (315 or 央视)'}\n"
    )
    with pytest.raises(RuleFileError) as info:
        load_rule_file(write(tmp_path / "rules", "reg.yaml", text))
    message = str(info.value)
    assert message.startswith("rules/reg.yaml（规则 reg）: filter.keywords：")
    assert "里的 and、or 会被当作要查找的文字" in message and "“或者”写 OR 或 |" in message
    for fine in ("鲜味坊 AND (315 OR 央视)", '鲜味坊 + (315|央视) !"or"', "鲜味坊 Android 闪退"):
        spec = f"name: ok\ntype: frequency\nthreshold: 1\nfilter: {{keywords: '{fine}'}}\n"
        assert load_rule_file(write(tmp_path / "rules", "ok.yaml", spec)).spec.filter.keywords


def test_a_share_is_written_as_a_fraction_or_a_percentage(tmp_path: Path) -> None:
    text = "name: r\ntype: negative_ratio\nthreshold: 60%\nmin_increase: '25 %'\n"
    spec = load_rule_file(write(tmp_path / "rules", "r.yaml", text)).spec
    assert (spec.threshold, spec.min_increase) == (pytest.approx(0.6), pytest.approx(0.25))
    with pytest.raises(RuleFileError) as info:
        load_rule_file(
            write(tmp_path / "rules", "r.yaml", "name: r\ntype: negative_ratio\nthreshold: 60\n")
        )
    assert str(info.value) == (
        "rules/r.yaml（规则 r）: threshold："
        "占比写成 0 到 1 之间的小数或百分数：60% 写 0.6 或 '60%'（收到 60）"
    )
