"""The script Streamlit runs for `yuqing dashboard`: install the domains, then the navigation.

Streamlit executes this file on every rerun; `install()` only does its work once per process.
"""

from __future__ import annotations

from app.domains import install
from dashboard.navigation import main

install()
main()
