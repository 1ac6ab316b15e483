"""`python -m core` runs the yuqing CLI."""

from core.cli import main

main()
