"""The case audit log: who changed what, when, from what to what; also the timeline."""
