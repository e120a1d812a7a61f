"""Portable backups: every table as JSON in one zip, for SQLite and PostgreSQL alike.

Rows are read in one transaction (a consistent snapshot) and written back in foreign-key
order; the schema revision travels along so that a backup is restored into the same schema.
"""

from __future__ import annotations

import base64
import json
import zipfile
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Date, DateTime, LargeBinary, MetaData, select, text
from sqlalchemy.engine import Connection

from governance.core.database import utcnow
from governance.extensions import db

FORMAT = "hoi-nghi-backup/1"


class BackupError(Exception):
    pass


def _tables(metadata: MetaData):
    return [t for t in metadata.sorted_tables if t.name != "alembic_version"]


def _encode(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


def _decode(column, value):
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, DateTime) or getattr(kind, "impl", None).__class__ is DateTime:
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, LargeBinary):
        return base64.b64decode(value)
    return value


def _revision(connection: Connection) -> str | None:
    try:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # a database made without migrations (tests) has no version table
        return None


def write_backup(path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    with db.engine.connect() as connection, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        with connection.begin():
            for table in _tables(db.metadata):
                rows = [
                    {k: _encode(v) for k, v in row._mapping.items()}
                    for row in connection.execute(select(table).order_by(*table.primary_key))
                ]
                zf.writestr(f"tables/{table.name}.json", json.dumps(rows, ensure_ascii=False))
                counts[table.name] = len(rows)
            manifest = {
                "format": FORMAT,
                "created_at": utcnow().isoformat(),
                "revision": _revision(connection),
                "tables": counts,
            }
        zf.writestr("manifest.json", json.dumps(manifest, indent=2))
    return counts


def read_manifest(path: Path) -> dict:
    try:
        with zipfile.ZipFile(path) as zf:
            manifest = json.loads(zf.read("manifest.json"))
    except (zipfile.BadZipFile, KeyError, json.JSONDecodeError, OSError) as error:
        raise BackupError(f"{path} is not a backup made by this application ({error})") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    return manifest


def restore_backup(path: Path) -> dict[str, int]:
    """Replace every row of the database by the backup's, in one transaction."""
    manifest = read_manifest(path)
    tables = _tables(db.metadata)
    with db.engine.connect() as connection, zipfile.ZipFile(path) as zf, connection.begin():
        current = _revision(connection)
        if manifest["revision"] != current:
            raise BackupError(
                f"the backup is of schema revision {manifest['revision']}, the database "
                f"of {current}: run `flask init-db` on a matching version"
            )
        for table in reversed(tables):
            connection.execute(table.delete())
        for table in tables:
            rows = (
                json.loads(zf.read(f"tables/{table.name}.json"))
                if f"tables/{table.name}.json" in zf.namelist()
                else []
            )
            if rows:
                connection.execute(
                    table.insert(),
                    [{c.name: _decode(c, row.get(c.name)) for c in table.columns} for row in rows],
                )
        if connection.dialect.name == "postgresql":
            _reset_sequences(connection, tables)
    return {name: count for name, count in manifest["tables"].items()}


def _reset_sequences(connection: Connection, tables) -> None:
    for table in tables:
        pk = list(table.primary_key.columns)
        if len(pk) == 1 and pk[0].autoincrement:
            connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', '{pk[0].name}'), "
                    f"COALESCE((SELECT MAX({pk[0].name}) FROM {table.name}), 0) + 1, false)"
                )
            )
