"""Backup and restore of a whole deployment: the database, the stored files and a manifest (issue 14, item 7).

A backup is a directory:

* ``database.sqlite3`` (SQLite's online backup API: a consistent copy while the server runs) or
  ``database.pgdump`` (``pg_dump -Fc``);
* ``files.tar.gz``: ``media/`` (MEDIA_ROOT) and ``attachments/`` (case attachments, kept outside MEDIA_ROOT);
* ``manifest.json``: size and SHA-256 of each part, row counts (cases, events, attachments, people), and the
  SHA-256 fingerprints of the secret and field keys — never the keys: a backup is useless without the keys,
  which are kept (and backed up) apart.

``restore`` checks every part's hash and that the configured keys are the backup's before it writes anything,
refuses a database that already holds cases, people or users unless forced, and compares the counts after.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils import timezone

from sixia import keys

MANIFEST = "manifest.json"
FILES = "files.tar.gz"
FORMAT = 1
# What a restore must find again, by model label.
COUNTED = {"cases": "cases.Case", "case_events": "cases.CaseEvent", "attachments": "cases.Attachment",
           "people": "people.Person", "users": "org.User"}
# A database holding any of these is not empty: restoring over it needs --force.
CONTENT_TABLES = ("cases.Case", "people.Person", "org.User")


class BackupError(RuntimeError):
    """A backup that cannot be made or restored; the message says why (nothing was written)."""


def file_dirs() -> dict[str, Path]:
    return {"media": Path(settings.MEDIA_ROOT), "attachments": Path(settings.VAR_DIR) / "attachments"}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def key_fingerprints() -> dict[str, str]:
    return {name: keys.fingerprint(getattr(settings, name.upper())) for name in keys.KEY_NAMES}


def counts() -> dict[str, int]:
    return {name: apps.get_model(label).objects.count() for name, label in COUNTED.items()}


def find_pg_binary(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    raise BackupError(f"{name} not found: install the PostgreSQL client (apt-get install postgresql-client)")


def _pg_args() -> tuple[list[str], dict[str, str]]:
    db = connection.settings_dict
    args = ["--no-password"]
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    env = dict(os.environ, PGPASSWORD=str(db.get("PASSWORD") or ""))
    return args, env


def _run(cmd: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{Path(cmd[0]).name} failed: {done.stderr.strip()[-500:]}")


# ---- backup ----


def backup(*, to: Path) -> dict:
    """Write a backup into the new or empty directory ``to``; returns the manifest."""
    to = Path(to)
    if to.exists() and any(to.iterdir()):
        raise BackupError(f"{to} is not empty: give a new directory")
    to.mkdir(parents=True, exist_ok=True)
    database = _backup_database(to)
    _backup_files(to / FILES)
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "engine": connection.vendor,
        "database": database,
        "parts": {p.name: {"bytes": p.stat().st_size, "sha256": sha256_of(p)} for p in (to / database, to / FILES)},
        "counts": counts(),
        "keys": key_fingerprints(),
        "cipher": settings.FIELD_CIPHER,
        "blind_index": settings.BLIND_INDEX,
    }
    (to / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def _backup_database(to: Path) -> str:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(to / "database.sqlite3")
        try:
            connection.connection.backup(target)  # online: a consistent snapshot while others write
        finally:
            target.close()
        return "database.sqlite3"
    if connection.vendor == "postgresql":
        args, env = _pg_args()
        _run([find_pg_binary("pg_dump"), "-Fc", "-f", str(to / "database.pgdump"), *args,
              str(connection.settings_dict["NAME"])], env)
        return "database.pgdump"
    raise BackupError(f"backups of {connection.vendor} databases are not supported")


def _backup_files(archive: Path) -> None:
    with tarfile.open(archive, "w:gz") as tar:
        for name, directory in file_dirs().items():
            if directory.is_dir():
                tar.add(directory, arcname=name)


# ---- restore ----


def read_manifest(source: Path) -> dict:
    try:
        manifest = json.loads((Path(source) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source} holds no readable {MANIFEST}: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    return manifest


def verify(source: Path) -> dict:
    """Check hashes and keys without writing anything; returns the manifest."""
    source = Path(source)
    manifest = read_manifest(source)
    for name, expected in manifest["parts"].items():
        part = source / name
        if not part.is_file():
            raise BackupError(f"{name} is missing from the backup")
        if part.stat().st_size != expected["bytes"] or sha256_of(part) != expected["sha256"]:
            raise BackupError(f"{name} does not match its SHA-256 in the manifest: the backup is damaged")
    configured = key_fingerprints()
    for name, fingerprint in manifest["keys"].items():
        if configured.get(name) != fingerprint:
            raise BackupError(
                f"the configured {keys.env_name(name)} is not the key this backup was made with "
                f"(fingerprint {fingerprint[:16]}…, configured {configured.get(name, '')[:16]}…): configure that "
                f"key before restoring, or the personal data cannot be read")
    if manifest["engine"] != connection.vendor:
        raise BackupError(f"this is a {manifest['engine']} backup; the configured database is {connection.vendor}")
    return manifest


def is_empty() -> bool:
    tables = set(connection.introspection.table_names())
    for label in CONTENT_TABLES:
        model = apps.get_model(label)
        if model._meta.db_table in tables and model.objects.exists():
            return False
    return True


def restore(*, source: Path, force: bool = False) -> dict:
    """Restore a verified backup into the configured database and file directories; returns the counts."""
    source = Path(source)
    manifest = verify(source)
    if not force and not is_empty():
        raise BackupError("the configured database already holds cases, people or users: restore into an empty "
                          "database, or pass --force to replace it")
    database = source / manifest["database"]
    if connection.vendor == "sqlite":
        _restore_sqlite(database)
    else:
        args, env = _pg_args()
        _run([find_pg_binary("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
              "--single-transaction", *args, "-d", str(connection.settings_dict["NAME"]), str(database)], env)
    _restore_files(source / FILES)
    found = counts()
    if found != manifest["counts"]:
        raise BackupError(f"restored counts {found} differ from the backup's {manifest['counts']}")
    return found


def _restore_sqlite(database: Path) -> None:
    name = str(connection.settings_dict["NAME"])
    connection.close()
    backup_db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(name)
        try:
            backup_db.backup(target)  # page by page into the configured file, replacing what it held
        finally:
            target.close()
    finally:
        backup_db.close()


def _restore_files(archive: Path) -> None:
    targets = file_dirs()
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(archive, "r:gz") as tar:
        tar.extractall(scratch, filter="data")  # no absolute paths, no "..", no devices
        for name, directory in targets.items():
            unpacked = Path(scratch) / name
            if unpacked.is_dir():
                shutil.copytree(unpacked, directory, dirs_exist_ok=True)
