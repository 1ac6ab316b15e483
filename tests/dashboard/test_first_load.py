"""Two people open the dashboard of a freshly started process at once: Streamlit runs both
sessions' scripts in threads, and both install the domains; neither may fail."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import threading
from app import domains
start = threading.Barrier(8)
errors = []
def session():
    start.wait()
    try:
        domains.install()
    except Exception as exc:
        errors.append(repr(exc))
threads = [threading.Thread(target=session) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(errors)
"""


def test_sessions_installing_at_once_all_get_the_page() -> None:
    # A fresh interpreter: this one has installed the domains already.
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]", done.stdout
