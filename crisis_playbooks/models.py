"""Every crisis_playbooks table, imported together so init_db creates them (MODEL_MODULES)."""

from __future__ import annotations

from crisis_playbooks.audit.models import CaseEvent
from crisis_playbooks.cases.models import Case, CaseAlert, CaseMention
from crisis_playbooks.playbook.models import PlaybookRun
from crisis_playbooks.recovery.models import RecoveryRecord
from crisis_playbooks.sla.models import SlaNotice, SlaPause
from crisis_playbooks.tasks.models import CaseTask

__all__ = [
    "Case",
    "CaseAlert",
    "CaseEvent",
    "CaseMention",
    "CaseTask",
    "PlaybookRun",
    "RecoveryRecord",
    "SlaNotice",
    "SlaPause",
]
