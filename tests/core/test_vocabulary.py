"""One word per concept in what users read: an alert is 预警, a group of alerts is 预警组."""

from __future__ import annotations

from tests.core.test_layering import PRODUCT, ROOT, modules

# 告警 (the ops word) once stood beside 预警 for the same thing; 事件 is a cluster of mentions
# (brand_events), so a group of alerts for one crisis must not be called 事件 too.
FORBIDDEN = ("告警", "同一事件 #", "所属事件 #{incident")


def test_one_word_for_an_alert_and_its_group() -> None:
    files = [path for package in PRODUCT for path in modules(package)]
    files += [ROOT / "README.md", ROOT / "yuqing.example.yaml"]
    files += sorted((ROOT / "alerting" / "rules").rglob("*.yaml"))
    files += sorted((ROOT / "reports" / "templates").rglob("*.j2"))
    hits = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in files
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if any(word in line for word in FORBIDDEN)
    ]
    assert hits == [], "\n".join(hits)
    assert len(files) > 100
