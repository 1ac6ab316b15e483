"""Load and validate playbook YAML files; errors name the file and the key."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from core.validation import format_validation_error
from core.yamlfile import read_yaml_mapping
from crisis_playbooks.errors import PlaybookError
from crisis_playbooks.playbook.definition import Playbook

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "playbooks"


def load_file(path: Path) -> Playbook:
    """One playbook file, validated."""
    raw = read_yaml_mapping(path, error=PlaybookError, shape="id:, name:, steps:")
    try:
        playbook = Playbook.model_validate(raw)
    except ValidationError as exc:
        raise PlaybookError(format_validation_error(str(path), exc)) from None
    playbook.source = str(path)
    return playbook


def files_in(directory: Path) -> list[Path]:
    """The *.yaml / *.yml files of a folder, sorted."""
    if not directory.is_dir():
        raise PlaybookError(f"{directory}: 预案文件夹不存在（检查 cases.playbooks_dir）")
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
            problems.append(
                f"{path}: id: {playbook.id!r} 已在 {previous.source} 中定义（预案 id 须唯一）"
            )
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
