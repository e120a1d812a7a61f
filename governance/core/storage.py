"""Where the app keeps stored files (the papers of agenda items): `STORAGE_DIR/uploads`,
one folder shared by every app host (a network share when there are several)."""

from __future__ import annotations

from pathlib import Path

from flask import current_app


def storage_dir() -> Path:
    path = Path(current_app.config["STORAGE_DIR"]) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path
