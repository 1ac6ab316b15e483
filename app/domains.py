"""Every domain of the product, listed once; `install()` registers what each contributes."""

from __future__ import annotations

import threading

from alerting.domain import DOMAIN as ALERTING
from brand_events.domain import DOMAIN as EVENTS
from collectors.domain import DOMAIN as COLLECTORS
from core.config_sections import SECTIONS
from core.domain import Domain
from core.kernel import KERNEL
from core.pipeline.listeners import LISTENERS
from core.tables import TABLES
from crisis_playbooks.domain import DOMAIN as CRISIS_PLAYBOOKS
from reports.domain import DOMAIN as REPORTS
from sentiment.domain import DOMAIN as SENTIMENT

DOMAINS: tuple[Domain, ...] = (
    KERNEL,
    SENTIMENT,
    COLLECTORS,
    EVENTS,  # before alerting: an alert at ingest can name the mention's event
    ALERTING,
    CRISIS_PLAYBOOKS,
    REPORTS,
)

_installed = False
# Streamlit runs each session's script in its own thread: two people opening the dashboard of a
# freshly started process both installed, and the second got "数据表 'core' is registered twice"
# as an English traceback instead of the page.
_lock = threading.Lock()


def install() -> None:
    """Register every domain's config sections, registry entries and tables (once per process,
    whichever thread asks first; the others wait for it)."""
    with _lock:
        _install()


def _install() -> None:
    global _installed
    if _installed:
        return
    for domain in DOMAINS:
        for section in domain.sections:
            SECTIONS.add(section.key, section)
        if domain.register:
            domain.register()
        if domain.models:
            TABLES.add(domain.name, domain.models)
        if domain.listener:
            LISTENERS.add(domain.name, domain.listener)
    _installed = True
