"""``sixia backup`` then ``sixia restore`` into an empty database finds every case, event, person and file again
(issue 14, item 7). The restore runs as the real command in a fresh process against a fresh database; the same
test runs on PostgreSQL (pg_dump / pg_restore) under scripts/with_postgres.py."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from sixia.cases.services.attachments import add_attachment
from sixia.core import backup as backups

# Prints what a restore must reproduce: counts, every case's timeline, every person's sealed values, file bytes.
SNAPSHOT_BODY = """
import hashlib, json
from sixia.core.backup import counts, file_dirs
from sixia.core.crypto import decrypt
from sixia.cases.models import Attachment, CaseEvent
from sixia.people.models import Person
reveal_value = lambda p, field: decrypt(getattr(p, field + "_token")) if getattr(p, field + "_token") else ""
events = [[e.case_id, e.action, e.from_state, e.to_state, e.at.isoformat(), e.reason]
          for e in CaseEvent.objects.order_by("case_id", "at", "id")]
people = [[p.name, reveal_value(p, "id_number"), reveal_value(p, "phone"), p.phone_index]
          for p in Person.objects.order_by("pk")]
files = [[a.name, hashlib.sha256((file_dirs()["attachments"] / a.file.name).read_bytes()).hexdigest()]
         for a in Attachment.objects.order_by("pk")]
print(json.dumps({"counts": counts(), "events": events, "people": people, "files": files}))
"""
SNAPSHOT = "import django\ndjango.setup()\n" + SNAPSHOT_BODY


def sixia(args: list[str], var_dir: Path, database_url: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environ |= {"SIXIA_VAR_DIR": str(var_dir), "SIXIA_DATABASE_URL": database_url,
                "DJANGO_SETTINGS_MODULE": "sixia.settings"} | env
    return subprocess.run([sys.executable, *args], env=environ, capture_output=True, text=True, timeout=300)


@pytest.fixture
def populated(transactional_db, owner, new_case, act, settings, tmp_path):
    """Three cases with their events and two attachments, committed (the backup reads the database itself)."""
    settings.VAR_DIR = tmp_path / "var"
    settings.MEDIA_ROOT = settings.VAR_DIR / "media"
    cases = [new_case(title=f"小区电梯停运 {i}") for i in range(3)]
    add_attachment(actor=owner, case=cases[0], upload=SimpleUploadedFile("现场照片说明.txt", "电梯停运".encode()))
    add_attachment(actor=owner, case=cases[1], upload=SimpleUploadedFile("a.txt", b"\x00\x01binary"))
    (settings.MEDIA_ROOT / "imports").mkdir(parents=True)
    (settings.MEDIA_ROOT / "imports" / "ledger.csv").write_bytes(b"a,b\n")
    return cases


@pytest.fixture
def empty_database(tmp_path):
    """A new database of the suite's engine, as a URL; dropped afterwards on PostgreSQL."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    db = connection.settings_dict
    name = f"{db['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def snapshot_here() -> dict:
    """The same snapshot, of the suite's own database, in this process."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(SNAPSHOT_BODY, {})
    return json.loads(out.getvalue())


def test_backup_then_restore_into_an_empty_database_gives_the_same_cases_timelines_and_files(
        populated, empty_database, tmp_path, settings):
    before = snapshot_here()
    assert before["counts"]["cases"] == 3 and before["counts"]["attachments"] == 2
    assert before["counts"]["case_events"] >= 3 and len(before["files"]) == 2

    call_command("backup", to=tmp_path / "backup")
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["counts"] == before["counts"]
    assert manifest["keys"] == backups.key_fingerprints()
    assert settings.FIELD_KEY not in json.dumps(manifest) and settings.SECRET_KEY not in json.dumps(manifest)

    restored_var = tmp_path / "restored-var"
    done = sixia(["-m", "sixia.cli", "restore", str(tmp_path / "backup")], restored_var, empty_database)
    assert done.returncode == 0, done.stderr
    after = sixia(["-c", SNAPSHOT], restored_var, empty_database)
    assert after.returncode == 0, after.stderr
    assert json.loads(after.stdout) == before
    assert (restored_var / "media" / "imports" / "ledger.csv").read_bytes() == b"a,b\n"

    # once it holds cases, a second restore needs --force
    again = sixia(["-m", "sixia.cli", "restore", str(tmp_path / "backup")], restored_var, empty_database)
    assert again.returncode != 0 and "already holds cases" in again.stderr
    forced = sixia(["-m", "sixia.cli", "restore", "--force", str(tmp_path / "backup")], restored_var,
                   empty_database)
    assert forced.returncode == 0, forced.stderr


def test_restore_refuses_other_keys_and_damaged_parts_before_writing(populated, empty_database, tmp_path):
    call_command("backup", to=tmp_path / "backup")
    restored_var = tmp_path / "restored-var"
    other_key = sixia(["-m", "sixia.cli", "restore", str(tmp_path / "backup")], restored_var, empty_database,
                      SIXIA_FIELD_KEY="a-different-field-key-" + "x" * 30)
    assert other_key.returncode != 0
    assert "the configured SIXIA_FIELD_KEY is not the key this backup was made with" in other_key.stderr

    with (tmp_path / "backup" / "files.tar.gz").open("ab") as archive:
        archive.write(b"tampered")
    damaged = sixia(["-m", "sixia.cli", "restore", str(tmp_path / "backup")], restored_var, empty_database)
    assert damaged.returncode != 0 and "files.tar.gz does not match its SHA-256" in damaged.stderr
    assert not restored_var.joinpath("attachments").exists()


def test_backup_refuses_a_directory_that_is_not_empty(populated, tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "something").write_text("x")
    with pytest.raises(backups.BackupError, match="is not empty"):
        backups.backup(to=tmp_path / "used")
