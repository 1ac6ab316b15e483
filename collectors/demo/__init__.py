"""Bundled demo data: real review texts and the scripted incident, shaped into a live stream."""
