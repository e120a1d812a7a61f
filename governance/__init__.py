"""Hội nghị: meeting governance for commune Party committees and People's Councils.

Flask is imported lazily so that `import governance.rules` stays pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application; `config` overrides settings (see governance.config)."""
    from governance.app_factory import build_app

    return build_app(config)
