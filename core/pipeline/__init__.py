"""The ingest pipeline and its stages (normalize, plans, dedup, classify); see pipeline.py."""
