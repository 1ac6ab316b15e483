"""`python -m bench [NAME ...]`: run every bench_*.py module's main(), or only the named ones."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time

import bench
from app.domains import install


def main(argv: list[str]) -> int:
    """Run the selected benchmarks one after another, each printing its own table."""
    install()
    modules = pkgutil.iter_modules(bench.__path__)
    names = sorted(m.name for m in modules if m.name.startswith("bench_"))
    selected = [n for n in names if not argv or n.removeprefix("bench_") in argv or n in argv]
    failures = 0
    for name in selected:
        print(f"\n=== {name} ===", flush=True)
        started = time.perf_counter()
        try:
            importlib.import_module(f"bench.{name}").main()
        except Exception as exc:  # one broken benchmark must not hide the others' numbers
            failures += 1
            print(f"{name} failed: {type(exc).__name__}: {exc}")
        print(f"({name} took {time.perf_counter() - started:.1f}s)", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
