"""Stored reports: <data_dir>/reports/<period>-<date>[-<plan>]/ with HTML, PDF and meta.json."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from reports.models import ReportData

HTML_NAME = "report.html"
PDF_NAME = "report.pdf"
META_NAME = "meta.json"


def reports_root(data_dir: Path) -> Path:
    """Where scheduled and dashboard-generated reports are kept."""
    return data_dir / "reports"


def report_dir(data_dir: Path, data: ReportData) -> Path:
    """The folder of one report."""
    suffix = f"-{data.plan}" if data.plan else ""
    return reports_root(data_dir) / f"{data.window.slug}{suffix}"


def metadata(data: ReportData, seconds: float) -> dict[str, Any]:
    """What the dashboard lists without opening the report."""
    head = data.headline
    return {
        "title": data.window.title_zh,
        "brand": data.brand,
        "plan": data.plan,
        "period": str(data.window.period),
        "first_day": data.window.first_day.isoformat(),
        "last_day": data.window.last_day.isoformat(),
        "label": data.window.label,
        "generated_at": data.generated_at.isoformat(),
        "render_seconds": round(seconds, 2),
        "mentions": head.mentions,
        "negative_share": head.negative_share,
        "reputation": head.reputation,
        "attention": len(data.attention),
    }


def write_report(directory: Path, html: str, pdf: bytes, meta: dict[str, Any]) -> None:
    """Write the three files (the folder is created)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / HTML_NAME).write_text(html, encoding="utf-8")
    (directory / PDF_NAME).write_bytes(pdf)
    (directory / META_NAME).write_text(json.dumps(meta, ensure_ascii=False, indent=2), "utf-8")


@dataclass(frozen=True)
class StoredReport:
    """A report found on disk."""

    directory: Path
    meta: dict[str, Any]

    @property
    def html_path(self) -> Path:
        """The HTML file."""
        return self.directory / HTML_NAME

    @property
    def pdf_path(self) -> Path:
        """The PDF file."""
        return self.directory / PDF_NAME

    @property
    def title(self) -> str:
        """A one-line label for lists."""
        meta = self.meta
        plan = f" · {meta['plan']}" if meta.get("plan") else ""
        return f"{meta.get('title', self.directory.name)} {meta.get('label', '')}{plan}".strip()

    @property
    def generated_at(self) -> datetime | None:
        """When it was rendered."""
        value = self.meta.get("generated_at")
        return datetime.fromisoformat(value) if value else None


def list_reports(data_dir: Path) -> list[StoredReport]:
    """Stored reports with an HTML file, newest period first."""
    root = reports_root(data_dir)
    if not root.is_dir():
        return []
    found = []
    for directory in root.iterdir():
        if not (directory / HTML_NAME).is_file():
            continue
        try:
            meta = json.loads((directory / META_NAME).read_text("utf-8"))
        except (OSError, ValueError):
            meta = {}
        found.append(StoredReport(directory, meta))
    return sorted(found, key=lambda r: (r.meta.get("last_day", ""), r.directory.name), reverse=True)
