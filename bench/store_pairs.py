"""Two builds' `yuqing ingest` of one file, started together, into copies of one data dir.

    python -m bench.store_pairs BASE_TREE BRANCH_TREE FILE [--store DIR] [--pairs N]

Each pair copies DIR (or starts from an empty data dir) once per side, then runs
`python -m app ingest FILE` from each tree (the tree as the working directory, so it comes
first on sys.path; this interpreter for both) at the same moment, `PYTHONHASHSEED=0`, the
order of the two starts alternated pair by pair. Per pair it prints each side's CPU seconds
(user + system of the whole process, start-up included), peak RSS and the ratio; the two
sides' first non-empty output lines (新增 … 条 …) must be the same. This is how issue #17's store
effect was measured (pass sixteen in docs/ingest-history.md): the same 8k lines into an
empty data dir and into a copy of a 300k-line store, base and branch side by side.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench import stream_file

CONFIG = f"""brand: {stream_file.BRAND}
plans:
  - id: xwf
    name: {stream_file.BRAND}
    expression: "{stream_file.BRAND}"
"""


@dataclass(frozen=True)
class Run:
    """One side of a pair: CPU seconds of the whole process, peak RSS in MiB, first line."""

    cpu: float
    peak_mib: float
    said: str


def _start(tree: Path, path: Path, data: Path, config: Path) -> subprocess.Popen[bytes]:
    """`yuqing ingest` from tree, its output to a file beside the data dir (a pipe left
    unread would stop it while the other side runs)."""
    command = [sys.executable, "-m", "app", "ingest", str(path)]
    command += ["--data-dir", str(data), "--config", str(config)]
    environment = {**os.environ, "PYTHONHASHSEED": "0"}
    with data.with_suffix(".out").open("wb") as output:
        return subprocess.Popen(
            command, cwd=tree, env=environment, stdout=output, stderr=subprocess.STDOUT
        )


def _finish(child: subprocess.Popen[bytes], data: Path) -> Run:
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    output = data.with_suffix(".out").read_text(encoding="utf-8", errors="replace")
    if child.returncode != 0:
        raise SystemExit(f"yuqing ingest exited {child.returncode}: {output[-1000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    said = next((line for line in output.splitlines() if line.strip()), "")
    return Run(cpu, usage.ru_maxrss / 1024, said)


def pair(trees: tuple[Path, Path], path: Path, store: Path | None, flip: bool) -> tuple[Run, Run]:
    """(base, branch) runs of one pair, started together (the branch first when flip)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        config = folder / "yuqing.yaml"
        config.write_text(CONFIG, encoding="utf-8")
        dirs = [folder / "base", folder / "branch"]
        for data in dirs:
            if store is None:
                data.mkdir()
            else:
                shutil.copytree(store, data)
        order = [1, 0] if flip else [0, 1]
        children = {}
        for side in order:
            children[side] = _start(trees[side], path, dirs[side], config)
            time.sleep(0.2)
        base, branch = _finish(children[0], dirs[0]), _finish(children[1], dirs[1])
    if base.said != branch.said:
        print(f"  the two sides said different things: {base.said!r} / {branch.said!r}")
    return base, branch


def main() -> None:
    """Print the pairs and the median ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", type=Path)
    parser.add_argument("branch", type=Path)
    parser.add_argument("file", type=Path)
    parser.add_argument("--store", type=Path, default=None, help="data dir copied for each run")
    parser.add_argument("--pairs", type=int, default=3)
    options = parser.parse_args()
    trees = (options.base.resolve(), options.branch.resolve())
    ratios = []
    print("| pair (load) | CPU-s base → branch | branch/base | peak RSS MiB |")
    print("|---|---:|---:|---:|")
    for number in range(options.pairs):
        load = os.getloadavg()[0]
        base, branch = pair(trees, options.file.resolve(), options.store, flip=number % 2 == 1)
        ratios.append(branch.cpu / base.cpu)
        print(
            f"| {number + 1} ({load:.1f}) | {base.cpu:.2f} → {branch.cpu:.2f} |"
            f" {ratios[-1]:.3f} | {base.peak_mib:.0f} → {branch.peak_mib:.0f} |",
            flush=True,
        )
    spread = f"{min(ratios):.3f}–{max(ratios):.3f}"
    print(f"median branch/base {statistics.median(ratios):.3f} ({spread})")


if __name__ == "__main__":
    main()
