"""Load and validate playbook YAML files; errors name the file and the key."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml
from pydantic import ValidationError

from core.config import format_validation_error
from crisis_playbooks.errors import PlaybookError
from crisis_playbooks.playbook.definition import Playbook

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "playbooks"


def load_file(path: Path) -> Playbook:
    """One playbook file, validated."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PlaybookError(f"{path}: file not found") from None
    except UnicodeDecodeError:
        raise PlaybookError(f"{path}: not UTF-8 text; save the file as UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}:" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise PlaybookError(f"{path}:{where} YAML syntax error: {problem}") from None
    if not isinstance(raw, dict):
        raise PlaybookError(f"{path}: the top level must be a mapping (id:, name:, steps:)")
    try:
        playbook = Playbook.model_validate(raw)
    except ValidationError as exc:
        raise PlaybookError(format_validation_error(str(path), exc)) from None
    playbook.source = str(path)
    return playbook


def files_in(directory: Path) -> list[Path]:
    """The *.yaml / *.yml files of a folder, sorted."""
    if not directory.is_dir():
        raise PlaybookError(f"{directory}: playbook folder not found (cases.playbooks_dir)")
    return sorted(p for p in directory.iterdir() if p.suffix in {".yaml", ".yml"})


def load_files(paths: Iterable[Path]) -> dict[str, Playbook]:
    """Playbooks by id; all files are checked and every problem is reported together."""
    playbooks: dict[str, Playbook] = {}
    problems: list[str] = []
    for path in paths:
        try:
            playbook = load_file(path)
        except PlaybookError as exc:
            problems.append(str(exc))
            continue
        previous = playbooks.get(playbook.id)
        if previous is not None:
            problems.append(f"{path}: id: {playbook.id!r} already defined in {previous.source}")
            continue
        playbooks[playbook.id] = playbook
    if problems:
        raise PlaybookError("\n".join(problems))
    return playbooks


def load_library(playbooks_dir: str | Path | None, *, builtin: bool = True) -> dict[str, Playbook]:
    """Shipped playbooks plus the user's folder; a user file may not reuse a shipped id."""
    paths = files_in(BUILTIN_DIR) if builtin else []
    if playbooks_dir:
        paths += files_in(Path(playbooks_dir))
    return load_files(paths)
