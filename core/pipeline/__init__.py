"""The ingest pipeline and its stages."""

from core.pipeline.pipeline import IngestReport, Listener, Pipeline

__all__ = ["IngestReport", "Listener", "Pipeline"]
