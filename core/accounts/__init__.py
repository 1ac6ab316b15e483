"""Dashboard accounts: who is acting (the audit log's actor) and whether they may change things."""
