"""The CLI's own commands (each domain mounts its sub-commands in core/cli.py)."""
