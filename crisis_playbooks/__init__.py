"""crisis_playbooks."""
