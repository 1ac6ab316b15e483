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


# The floors of docs/architecture.md: an import points to the same floor or a lower one.
FLOORS = {
    "app": 4,
    "dashboard": 3,
    "reports": 3,
    "crisis_playbooks": 2,
    "alerting": 2,
    "brand_events": 1,
    "collectors": 1,
    "sentiment": 1,
    "core": 0,
}


def domain_imports() -> dict[str, set[str]]:
    """Which product packages each product package imports (anywhere in its files)."""
    return {
        package: {name for path in modules(package) for name in imported(path) & set(PRODUCT)}
        - {package}
        for package in PRODUCT
    }


def test_every_package_has_a_floor() -> None:
    assert set(FLOORS) == set(PRODUCT)


def test_imports_point_down_or_sideways() -> None:
    upward = sorted(
        f"{package} → {target}"
        for package, targets in domain_imports().items()
        for target in targets
        if FLOORS[target] > FLOORS[package]
    )
    assert upward == []


def test_no_circle_between_packages() -> None:
    graph = domain_imports()

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        step = graph[start] - seen
        return goal in step or any(reaches(nxt, goal, seen | {nxt}) for nxt in step)

    circles = sorted(f"{a} ↔ {b}" for a in graph for b in graph[a] if reaches(b, a, {b}))
    assert circles == []


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
