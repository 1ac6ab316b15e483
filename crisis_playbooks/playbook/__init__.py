"""Crisis playbooks (危机公关预案): YAML definitions, validation, matching and runs."""
