"""A webhook server process for bench_webhook: `python -m bench.webhook_target KIND DIR FILE`.

Runs until stdin closes. `old` is the stdlib server of the given git revision (loaded from git),
for a side-by-side number; `new` is collectors.webhook.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import types
from pathlib import Path

from app.config import AppConfig
from core.context import Context

SECRET = "bench-secret"


def _old_module(revision: str) -> types.ModuleType:
    """The webhook module as it was at revision (a single file then)."""
    source = subprocess.run(
        ["git", "show", f"{revision}:collectors/webhook.py"],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    ).stdout
    spec = importlib.util.spec_from_loader("bench_old_webhook", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    exec(compile(source, "old-webhook.py", "exec"), module.__dict__)
    return module


def main(argv: list[str]) -> None:
    """Serve until stdin is closed; write the port to PORTFILE once listening."""
    kind, data_dir, port_file = argv[:3]
    revision = argv[3] if len(argv) > 3 else "e59a3f5"
    config = AppConfig.model_validate(
        {
            "brand": "鲜味坊",
            "plans": [{"id": "xwf", "name": "鲜味坊", "expression": "鲜味坊"}],
            "webhook": {"enabled": True, "secret": SECRET, "rate_per_client": 100_000},
        }
    )
    ctx = Context(config=config, data_dir=Path(data_dir))
    ctx.pipeline.process([])  # open the stores before timing
    ctx.classifier.classify([])
    if kind == "old":
        server = _old_module(revision).WebhookServer(ctx, port=0).start()
    else:
        from collectors.webhook import WebhookServer

        server = WebhookServer(ctx, port=0).start()
    Path(port_file).write_text(server.url.rsplit(":", 1)[1].split("/")[0])
    sys.stdin.read()
    server.stop()
    ctx.close()


if __name__ == "__main__":
    main(sys.argv[1:])
