"""Settings from the environment, with defaults that run a single commune on SQLite."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = Path(os.environ.get("GOVERNANCE_INSTANCE", PROJECT_ROOT / "instance"))


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept in instance/."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        INSTANCE_DIR.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Created private: never readable by others, not even for a moment.
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it meanwhile
            return path.read_text().strip()
        with os.fdopen(descriptor, "w") as out:
            out.write(secrets.token_hex(32))
    return path.read_text().strip()


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{INSTANCE_DIR / 'governance.db'}"
    # Heroku-style URLs name the old driver; we ship psycopg 3.
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def default_settings() -> dict:
    return {
        "SECRET_KEY": _secret_key(),
        "SQLALCHEMY_DATABASE_URI": _database_url(),
        "TIMEZONE": os.environ.get("TIMEZONE", "Asia/Ho_Chi_Minh"),
        "BABEL_DEFAULT_LOCALE": "vi",
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("TIMEZONE", "Asia/Ho_Chi_Minh"),
        "LANGUAGES": ("vi", "en"),
        # Uploads: a member list is a few hundred rows; 5 MiB is generous.
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_UPLOAD_BYTES", 5 * 1024 * 1024)),
        "IMPORT_MAX_ROWS": 5000,
        # Papers for agenda items (scanned PDFs): a larger limit on that route only.
        "ATTACHMENT_MAX_BYTES": int(os.environ.get("ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)),
        # Routes whose URL rule ends so get the named limit instead of MAX_CONTENT_LENGTH
        # (core.security.GovernanceRequest), before anything reads the body.
        "UPLOAD_LIMITS": {"/papers": "ATTACHMENT_MAX_BYTES"},
        # Stored files (papers): a folder every app host can reach (NFS, a shared volume)
        # when several hosts serve one database; by default inside the instance folder.
        "STORAGE_DIR": os.environ.get("STORAGE_DIR", str(INSTANCE_DIR)),
        # Files the app writes are readable by its own system account only (0600 / 0700).
        "PRIVATE_FILES": os.environ.get("PRIVATE_FILES", "1") == "1",
        # Behind a reverse proxy: how many proxies set X-Forwarded-For (0: none, use the
        # socket's address). Login throttling counts per client address.
        "PROXY_FIX_X_FOR": int(os.environ.get("PROXY_FIX_X_FOR", 0)),
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=8),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("SESSION_COOKIE_SECURE", "0") == "1",
        "REMEMBER_COOKIE_DURATION": timedelta(hours=8),
        "API_TOKEN_MAX_AGE": int(os.environ.get("API_TOKEN_MAX_AGE", 12 * 3600)),
        # Login throttling (core.auth), kept in the database: LOGIN_MAX_FAILURES failures for
        # one username from one address, or LOGIN_MAX_FAILURES_PER_ADDRESS from one address
        # for any names, within LOGIN_LOCK_MINUTES, refuse that pair or that address (never
        # the account everywhere) for LOGIN_LOCK_MINUTES.
        "LOGIN_MAX_FAILURES": 5,
        "LOGIN_MAX_FAILURES_PER_ADDRESS": 30,
        "LOGIN_LOCK_MINUTES": 15,
        "WTF_CSRF_TIME_LIMIT": None,  # the session lifetime bounds the token
        # Signing: a directory of <UNIT-CODE>.p12 files (or one file for all units) and its
        # password; without it a development certificate is generated, with a warning.
        "DOCUMENT_SIGNING_P12": os.environ.get("DOCUMENT_SIGNING_P12", ""),
        "DOCUMENT_SIGNING_P12_PASSWORD": os.environ.get("DOCUMENT_SIGNING_P12_PASSWORD", ""),
        "SOFFICE_BINARY": os.environ.get("SOFFICE_BINARY", "soffice"),
        # Live screens (voting.live_stream): how often an open stream looks at the session's
        # version, how long a stream lasts before the browser reconnects (and access is
        # checked again), the silence before a keep-alive comment, and how many streams one
        # process serves (each holds a worker thread: keep it below gunicorn --threads;
        # 0 turns streams off, the pages poll).
        "LIVE_CHECK_SECONDS": float(os.environ.get("LIVE_CHECK_SECONDS", 0.5)),
        "LIVE_STREAM_SECONDS": float(os.environ.get("LIVE_STREAM_SECONDS", 180)),
        "LIVE_HEARTBEAT_SECONDS": float(os.environ.get("LIVE_HEARTBEAT_SECONDS", 15)),
        "LIVE_STREAMS_PER_PROCESS": int(os.environ.get("LIVE_STREAMS_PER_PROCESS", 24)),
        # flask-smorest / OpenAPI
        "API_TITLE": "Hội nghị API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
    }
