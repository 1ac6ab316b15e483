"""The house's rules, checked on the code: the kernel imports no domain; no optional guards."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOMAINS = (
    "app",
    "collectors",
    "sentiment",
    "alerting",
    "crisis_playbooks",
    "reports",
    "dashboard",
    "brand_events",
)
PRODUCT = ("core", *DOMAINS)


def modules(package: str) -> list[Path]:
    """Every Python file of a product package."""
    return sorted((ROOT / package).rglob("*.py"))


def imported(path: Path) -> set[str]:
    """Top-level package names a file imports (plain, from-, and inside functions)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_the_kernel_imports_no_domain() -> None:
    upward = {
        str(path.relative_to(ROOT)): sorted(imported(path) & set(DOMAINS))
        for path in modules("core")
        if imported(path) & set(DOMAINS)
    }
    assert upward == {}


def names_a_module(text: str) -> bool:
    """True for 'alerting.models' or 'collectors.replay:ReplayCollector' naming a real module."""
    match = re.fullmatch(rf"((?:{'|'.join(DOMAINS)})(?:\.\w+)+)(?::\w+)?", text)
    if not match:
        return False
    relative = Path(*match.group(1).split("."))
    return (ROOT / relative).with_suffix(".py").exists() or (ROOT / relative).is_dir()


def test_the_kernel_names_no_domain_module_in_strings() -> None:
    named = [
        f"{path.relative_to(ROOT)}: {node.value}"
        for path in modules("core")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if names_a_module(node.value)
    ]
    assert named == []


def first_party_import_guards(path: Path) -> list[str]:
    """Lines of `try: import <ours> … except ImportError` in a file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Try):
            continue
        catches = any(
            "ImportError" in ast.unparse(h.type) for h in node.handlers if h.type is not None
        )
        ours = [
            inner
            for statement in node.body
            for inner in ast.walk(statement)
            if isinstance(inner, ast.Import | ast.ImportFrom)
            and imported_roots(inner) & set(PRODUCT)
        ]
        if catches and ours:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def imported_roots(node: ast.Import | ast.ImportFrom) -> set[str]:
    """Top-level package names one import statement names."""
    if isinstance(node, ast.Import):
        return {alias.name.split(".")[0] for alias in node.names}
    return {node.module.split(".")[0]} if node.module and node.level == 0 else set()


@pytest.mark.parametrize("package", PRODUCT)
def test_no_import_error_guards_around_our_own_imports(package: str) -> None:
    assert [line for path in modules(package) for line in first_party_import_guards(path)] == []


def test_only_the_app_lists_every_domain() -> None:
    listing = [
        str(path.relative_to(ROOT))
        for package in PRODUCT
        for path in modules(package)
        if set(DOMAINS) - {"app", "dashboard"} <= imported(path)
    ]
    assert listing == ["app/domains.py"]


def test_one_severity_vocabulary() -> None:
    severities = [
        f"{path.relative_to(ROOT)}:{node.name}"
        for package in PRODUCT
        for path in modules(package)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef) and node.name.endswith(("Severity", "UrgencyLevel"))
    ]
    assert severities == ["core/enums.py:Severity"]
