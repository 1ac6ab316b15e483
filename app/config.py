"""The whole yuqing.yaml model: the kernel's keys plus every domain's section, assembled once."""

from __future__ import annotations

from app.domains import install
from core.config import CoreConfig
from core.config_sections import config_model

install()
AppConfig: type[CoreConfig] = config_model()
