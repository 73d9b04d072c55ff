"""Read replicas (issue 17 item 5): with a primary and a hot standby streaming from it (pg_basebackup -R), a
statistics request — GET /api/v1/reports/rates — reads from the standby through the ``replica`` alias
(``sixia.core.db_router``), while the pages and the API that act (the case list) and every write stay on
the primary. Runs in the PostgreSQL run of ``make test`` (the standby is a base backup of the throwaway
cluster of ``scripts/with_postgres.py``); skipped on SQLite and where PostgreSQL's binaries are missing."""

from __future__ import annotations

import copy
import importlib.util
import shutil
import time
from pathlib import Path

import pytest
from django.db import connection, connections
from django.db.utils import load_backend
from django.test.utils import CaptureQueriesContext, override_settings

ROOT = Path(__file__).resolve().parents[2]


def _with_postgres():
    spec = importlib.util.spec_from_file_location("with_postgres", ROOT / "scripts" / "with_postgres.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def replica(db):
    if connection.vendor != "postgresql":
        pytest.skip("a hot standby needs PostgreSQL (the PostgreSQL run of make test)")
    if not (shutil.which("pg_basebackup") or list(Path("/usr/lib/postgresql").glob("*/bin/pg_basebackup"))):
        pytest.skip("PostgreSQL's pg_basebackup is not installed")
    standby = _with_postgres().Cluster.standby_of(int(connection.settings_dict["PORT"]),
                                                  user=connection.settings_dict["USER"])
    # the alias settings make from SIXIA_REPLICA_URL, made here for the test database (a connection set on the
    # handler, not declared in settings: Django's test case lets it through)
    config = copy.deepcopy(connections.settings["default"]) | {"PORT": str(standby.port),
                                                               "NAME": connection.settings_dict["NAME"]}
    connections["replica"] = load_backend(config["ENGINE"]).DatabaseWrapper(config, "replica")
    try:
        with override_settings(DATABASE_ROUTERS=["sixia.core.db_router.ReplicaRouter"]):
            yield standby
    finally:
        connections["replica"].close()
        del connections["replica"]
        standby.stop()


def _caught_up() -> None:
    """Wait until the standby has replayed everything the primary wrote so far."""
    with connection.cursor() as cur:
        cur.execute("SELECT pg_current_wal_lsn()")
        target = cur.fetchone()[0]
    deadline = time.monotonic() + 20
    with connections["replica"].cursor() as cur:
        while True:
            cur.execute("SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), %s) >= 0", [target])
            if cur.fetchone()[0]:
                return
            assert time.monotonic() < deadline, "the standby did not catch up in 20 s"
            time.sleep(0.05)


@pytest.mark.django_db(transaction=True)  # committed on the primary, so that the standby replays it
def test_a_statistics_request_reads_from_the_hot_standby(replica, api, token_for, owner, new_case):
    case = new_case()
    headers = token_for(owner)
    _caught_up()
    with connections["replica"].cursor() as cur:
        cur.execute("SELECT pg_is_in_recovery(), count(*) FROM cases_case WHERE id = %s", [case.pk])
        assert cur.fetchone() == (True, 1)  # a standby, and it has the case written on the primary
    with CaptureQueriesContext(connection) as primary, CaptureQueriesContext(connections["replica"]) as standby:
        response = api.get("/reports/rates", headers=headers, period="2026")
    assert response.status_code == 200, response.content
    on_standby = [q["sql"] for q in standby]
    assert any("cases_returnvisit" in sql for sql in on_standby), on_standby
    assert not [q["sql"] for q in primary if "cases_returnvisit" in q["sql"]]
    # a page that acts on what it reads stays on the primary
    with CaptureQueriesContext(connection) as primary, CaptureQueriesContext(connections["replica"]) as standby:
        assert api.get("/cases", headers=headers).status_code == 200
    assert any("cases_case" in q["sql"] for q in primary) and not list(standby)


def test_settings_add_the_replica_and_its_router_only_with_a_replica_url(tmp_path):
    import os
    import subprocess
    import sys

    code = "from django.conf import settings; print(sorted(settings.DATABASES), settings.DATABASE_ROUTERS)"
    env = dict(os.environ, SIXIA_DEBUG="true", SIXIA_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="sixia.settings",
               SIXIA_DATABASE_URL="postgres://sixia@127.0.0.1:1/p", SIXIA_REPLICA_URL="postgres://sixia@127.0.0.1:2/p")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['default', 'replica'] ['sixia.core.db_router.ReplicaRouter']"
    env.pop("SIXIA_REPLICA_URL")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['default'] []"


def test_the_router_sends_only_replica_reads_to_the_replica():
    from sixia.core.db_router import ReplicaRouter, replica_context

    router = ReplicaRouter()
    assert router.db_for_read(None) == "default"
    with replica_context():
        assert router.db_for_read(None) == "replica" and router.db_for_write(None) == "default"
    assert router.allow_migrate("replica", "cases") is False
