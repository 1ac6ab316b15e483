"""Intake of files: JSONL in the documented Mention form, or CSV with a text/review column."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from core.errors import IntakeError
from core.models import Mention, utcnow

TEXT_COLUMNS = ("text", "review", "content", "正文", "内容")
ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass
class Record:
    """One input line: a reference like 'file.jsonl:12' and a Mention or the reason it failed."""

    ref: str
    mention: Mention | None = None
    error: str | None = None


def read_text(path: Path) -> str:
    """The file's text, trying UTF-8 (with or without BOM) then GB18030."""
    data = path.read_bytes()
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise IntakeError(f"{path}: neither UTF-8 nor GB18030 text; convert the file to UTF-8")


def read_records(path: Path, source: str | None = None) -> Iterator[Record]:
    """Records of a .jsonl/.json or .csv file (decided by extension)."""
    if not path.exists():
        raise IntakeError(f"{path}: file not found")
    text = read_text(path)
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson", ".json"}:
        yield from _jsonl(path.name, text, source)
    elif suffix in {".csv", ".tsv"}:
        yield from _csv(path.name, text, source, "\t" if suffix == ".tsv" else ",")
    else:
        raise IntakeError(f"{path}: unknown file type {suffix!r}; use .jsonl or .csv")


def jsonl_rows(text: str) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """(line number, object, None) per non-blank line, or (number, None, why it is not one)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, None, f"invalid JSON: {exc.msg} (column {exc.colno})"
            continue
        if not isinstance(data, dict):
            yield number, None, "each line must be a JSON object"
            continue
        yield number, data, None


def csv_rows(
    name: str, text: str, delimiter: str
) -> tuple[str, Iterator[tuple[int, dict[str, Any]]]]:
    """The text column and (line number, row) pairs; no text column is an IntakeError."""
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    fields = reader.fieldnames or []
    text_column = next((c for c in TEXT_COLUMNS if c in fields), None)
    if text_column is None:
        raise IntakeError(f"{name}: no text column; name one of {', '.join(TEXT_COLUMNS)}")
    return text_column, enumerate(reader, start=2)


def _jsonl(name: str, text: str, source: str | None) -> Iterator[Record]:
    for number, data, error in jsonl_rows(text):
        ref = f"{name}:{number}"
        if data is None:
            yield Record(ref, error=error)
            continue
        if source and "source" not in data:
            data["source"] = source
        yield _validated(ref, data)


def _csv(name: str, text: str, source: str | None, delimiter: str) -> Iterator[Record]:
    text_column, rows = csv_rows(name, text, delimiter)
    for number, row in rows:
        data: dict[str, Any] = {k: v for k, v in row.items() if k and v not in (None, "")}
        body = data.pop(text_column, "")
        data["text"] = body
        data.setdefault("source", source or f"import:{Path(name).stem}")
        data.setdefault("native_id", hashlib.sha1(f"{number}\x1f{body}".encode()).hexdigest()[:16])
        data.setdefault("published_at", utcnow().isoformat())
        author = {
            k.removeprefix("author_"): data.pop(k) for k in list(data) if k.startswith("author_")
        }
        if author:
            data["author"] = author
        if isinstance(data.get("plans"), str):
            data["plans"] = [p for p in data["plans"].split("|") if p]
        yield _validated(f"{name}:{number}", data)


def _validated(ref: str, data: dict[str, Any]) -> Record:
    try:
        return Record(ref, mention=Mention.model_validate(data))
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'record'}: {e['msg']}" for e in exc.errors()
        )
        return Record(ref, error=problems)
