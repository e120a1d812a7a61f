"""Portable backups: every table as JSON Lines in one zip, with every stored file.

Rows stream from one transaction (a consistent snapshot) into the zip a batch at a time,
and back in foreign-key order in batched inserts, so memory stays flat however large the
data. The stored files (papers attached to agenda items) travel along with their SHA-256,
checked before anything is replaced. The schema revisions travel too: a backup is restored
into the same schema. The zip is private to its owner (0600): it holds every record.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Date, DateTime, LargeBinary, MetaData, Table, inspect, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from governance.core.database import utcnow
from governance.core.storage import storage_dir
from governance.extensions import db

FORMAT = "hoi-nghi-backup/2"
READABLE_FORMATS = ("hoi-nghi-backup/1", FORMAT)
BATCH = 1000  # rows fetched or inserted at once…
BLOB_BATCH = 20  # …or fewer, from tables that hold files (Word, PDF, signatures)
BATCH_BYTES = 16 * 1024 * 1024  # and never more than this much JSON at once
CHUNK = 1024 * 1024
FILES_PREFIX = "files/"

Progress = Callable[[str, int], None]  # (what, how many more rows or files)


class BackupError(Exception):
    pass


def _tables(metadata: MetaData) -> list[Table]:
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


def _revisions(connection: Connection) -> list[str]:
    """Every head of the schema (each domain keeps its own migration branch)."""
    if not inspect(connection).has_table("alembic_version"):
        return []  # a database made without migrations
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
    return sorted(rows)


def damaged(error: Exception) -> BackupError:
    return BackupError(
        f"The database cannot be read: it looks damaged or is not a database ({error.orig}). "
        "Nothing was restored (stored files included). Move the file away, create a fresh "
        "one with `flask init-db`, then restore into it."
        if isinstance(error, DBAPIError)
        else str(error)
    )


# Writing --------------------------------------------------------------------------------


def _private_file(path: Path):
    """Open PATH for writing, readable by its owner only, whatever the umask."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)
    return os.fdopen(descriptor, "wb")


def write_backup(path: Path, progress: Progress | None = None) -> dict[str, int]:
    counts: dict[str, int] = {}
    try:
        with (
            _private_file(path) as raw,
            zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zf,
            _snapshot() as connection,
        ):
            for table in _tables(db.metadata):
                counts[table.name] = _write_table(zf, connection, table, progress)
            files = _write_files(zf, progress)
            manifest = {
                "format": FORMAT,
                "created_at": utcnow().isoformat(),
                "revisions": _revisions(connection),
                "tables": counts,
                "files": files,
            }
            zf.writestr("manifest.json", json.dumps(manifest, indent=1))
    except DBAPIError as error:
        path.unlink(missing_ok=True)
        raise damaged(error) from None
    return counts


class _snapshot:
    """One read transaction for every table (REPEATABLE READ on PostgreSQL)."""

    def __enter__(self) -> Connection:
        self.connection = db.engine.connect()
        if self.connection.dialect.name == "postgresql":
            self.connection = self.connection.execution_options(isolation_level="REPEATABLE READ")
        self.connection.info["read_only"] = True  # SQLite: BEGIN, not BEGIN IMMEDIATE
        self.transaction = self.connection.begin()
        return self.connection

    def __exit__(self, *exc) -> None:
        self.transaction.rollback()  # nothing was written
        self.connection.close()


def _batch_size(table: Table) -> int:
    return BLOB_BATCH if any(isinstance(c.type, LargeBinary) for c in table.columns) else BATCH


def _write_table(zf: zipfile.ZipFile, connection: Connection, table: Table, progress) -> int:
    count = 0
    query = select(table).order_by(*table.primary_key)
    rows = connection.execution_options(yield_per=_batch_size(table)).execute(query)
    with zf.open(f"tables/{table.name}.jsonl", "w", force_zip64=True) as out:
        for batch in rows.partitions():
            for row in batch:  # one line at a time: a batch of Word files is not one string
                line = json.dumps(
                    {k: _encode(v) for k, v in row._mapping.items()}, ensure_ascii=False
                )
                out.write(line.encode() + b"\n")
            count += len(batch)
            if progress:
                progress(table.name, len(batch))
    return count


def _write_files(zf: zipfile.ZipFile, progress) -> list[dict]:
    root, files = storage_dir(), []
    for source in sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")):
        name = source.relative_to(root).as_posix()
        digest, size = hashlib.sha256(), 0
        with source.open("rb") as data, zf.open(FILES_PREFIX + name, "w", force_zip64=True) as out:
            while chunk := data.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        files.append({"path": name, "size": size, "sha256": digest.hexdigest()})
        if progress:
            progress("files", 1)
    return files


# Reading --------------------------------------------------------------------------------


def read_manifest(path: Path) -> dict:
    try:
        with zipfile.ZipFile(path) as zf:
            manifest = json.loads(zf.read("manifest.json"))
    except (zipfile.BadZipFile, KeyError, json.JSONDecodeError, OSError) as error:
        raise BackupError(f"{path} is not a backup made by this application ({error})") from None
    if manifest.get("format") not in READABLE_FORMATS:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    if "revisions" not in manifest:  # format 1 named one revision
        manifest["revisions"] = [manifest["revision"]] if manifest.get("revision") else []
    return manifest


def _rows(zf: zipfile.ZipFile, table: Table) -> Iterator[tuple[dict, int]]:
    """Each row of the table, with the size of its line."""
    names = set(zf.namelist())
    if (lines := f"tables/{table.name}.jsonl") in names:
        with zf.open(lines) as raw:
            for line in io.TextIOWrapper(raw, encoding="utf-8"):
                if line.strip():
                    yield json.loads(line), len(line)
    elif (whole := f"tables/{table.name}.json") in names:  # format 1: a JSON array
        for row in json.loads(zf.read(whole)):
            yield row, 0


def _batches(rows: Iterator[tuple[dict, int]], table: Table) -> Iterator[list[dict]]:
    """Rows to insert together: BATCH of them, fewer when they are large."""
    batch: list[dict] = []
    size = 0
    for row, length in rows:
        batch.append({c.name: _decode(c, row.get(c.name)) for c in table.columns})
        size += length
        if len(batch) == BATCH or size > BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


@dataclass
class Restored:
    counts: dict[str, int]
    missing: list[str]  # papers whose file is not in the backup (or differs from its hash)


def restore_backup(path: Path, progress: Progress | None = None) -> Restored:
    """Replace every row of the database by the backup's, in one transaction, and put the
    stored files back once each one's SHA-256 matches the manifest."""
    manifest = read_manifest(path)
    try:
        with zipfile.ZipFile(path) as zf:
            staged = _stage_files(zf, manifest.get("files", []), progress)
            try:
                restored = _restore_rows(zf, manifest, progress)
            except BaseException:
                for temporary, _final in staged:
                    temporary.unlink(missing_ok=True)
                raise
        for temporary, final in staged:
            os.replace(temporary, final)
    except DBAPIError as error:
        raise damaged(error) from None
    return restored


def _restore_rows(zf: zipfile.ZipFile, manifest: dict, progress) -> Restored:
    tables = _tables(db.metadata)
    restored = Restored({}, [])
    counts = restored.counts
    hashes = {entry["path"]: entry["sha256"] for entry in manifest.get("files", [])}
    with db.engine.connect() as connection, connection.begin():
        current = _revisions(connection)
        if manifest["revisions"] != current:
            raise BackupError(
                f"the backup is of schema revision {', '.join(manifest['revisions'])}, the "
                f"database of {', '.join(current) or 'none'}: run `flask init-db` on a "
                "matching version"
            )
        for table in reversed(tables):
            connection.execute(table.delete())
        for table in tables:
            counts[table.name] = 0
            for batch in _batches(_rows(zf, table), table):
                connection.execute(table.insert(), batch)
                counts[table.name] += len(batch)
                if table.name == "attachments":
                    restored.missing += _missing_papers(batch, hashes)
                if progress:
                    progress(table.name, len(batch))
        if connection.dialect.name == "postgresql":
            _reset_sequences(connection, tables)
        connection.execute(text("ANALYZE"))  # the planner's statistics of the new rows
    return restored


def _missing_papers(rows: list[dict], hashes: dict[str, str]) -> list[str]:
    """Papers whose bytes the backup does not carry with the hash recorded for them."""
    return [
        f"{row['filename']} (#{row['id']})"
        for row in rows
        if hashes.get(row["storage_key"]) != row["sha256"]
    ]


def _stage_files(zf: zipfile.ZipFile, files: list[dict], progress) -> list[tuple[Path, Path]]:
    """Copy each file next to its place under a temporary name, checking size and SHA-256;
    nothing is replaced when one does not match."""
    root, staged = storage_dir(), []
    try:
        for entry in files:
            final = (root / entry["path"]).resolve()
            if root.resolve() not in final.parents:
                raise BackupError(f"the backup names a file outside the storage: {entry['path']}")
            final.parent.mkdir(parents=True, exist_ok=True)
            temporary = final.with_name(f".{final.name}.restoring")
            staged.append((temporary, final))
            digest = hashlib.sha256()
            with zf.open(FILES_PREFIX + entry["path"]) as data, _private_file(temporary) as out:
                while chunk := data.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
            if digest.hexdigest() != entry["sha256"]:
                raise BackupError(f"the stored file {entry['path']} does not match its SHA-256")
            if progress:
                progress("files", 1)
    except (BackupError, KeyError, zipfile.BadZipFile) as error:
        for temporary, _final in staged:
            temporary.unlink(missing_ok=True)
        if isinstance(error, BackupError):
            raise
        raise BackupError(f"the backup's files are incomplete ({error})") from None
    return staged


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
