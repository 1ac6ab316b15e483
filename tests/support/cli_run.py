"""`yuqing ARGS` run in-process as the console script runs it: exit code and everything printed."""

from __future__ import annotations

import sys

import pytest

from app.cli import main


def run(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int | str | None, str]:
    """The command's exit code and its stdout + stderr."""
    monkeypatch.setattr(sys, "argv", ["yuqing", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    out = capsys.readouterr()
    return exited.value.code, out.out + out.err
