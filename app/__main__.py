"""`python -m app` runs the yuqing CLI."""

from app.cli import main

main()
