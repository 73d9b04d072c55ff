"""Run a command against a throwaway PostgreSQL cluster started from the machine's initdb/pg_ctl.

    python scripts/with_postgres.py -- pytest -q

``Cluster`` is also used by tests (a primary and a hot standby for the read-replica test).

Creates a cluster in a temporary directory, listens only on a Unix socket and 127.0.0.1 on a free port,
exports SIXIA_DATABASE_URL for the command, and always stops and deletes the cluster afterwards. PostgreSQL
refuses to run as root, so as root the cluster is owned by and run as the ``postgres`` system user.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path


def find_bin(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    sys.exit(f"PostgreSQL binary {name!r} not found: install the 'postgresql' package (apt-get install postgresql)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A throwaway cluster in a temporary directory: ``Cluster.primary()`` (initdb) or ``cluster.standby()``
    (pg_basebackup -R of this one: a hot standby streaming from it). ``stop()`` stops it and deletes the files."""

    def __init__(self, root: Path, port: int, as_user: list[str]) -> None:
        self.root, self.port, self.as_user = root, port, as_user
        self.data, self.sock = root / "data", root / "sock"

    @property
    def url(self) -> str:
        return f"postgres://sixia@127.0.0.1:{self.port}/postgres"

    @staticmethod
    def _new_root() -> tuple[Path, list[str]]:
        root = Path(tempfile.mkdtemp(prefix="sixia-pg-"))
        (root / "sock").mkdir()
        as_user: list[str] = []
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            as_user = ["runuser", "-u", "postgres", "--"]
            shutil.chown(root, "postgres")
            shutil.chown(root / "sock", "postgres")
            root.chmod(0o755)
        return root, as_user

    def run(self, cmd: list[str]) -> None:
        subprocess.run(self.as_user + cmd, check=True, stdout=subprocess.DEVNULL)

    def start(self, extra: str = "") -> None:
        opts = f"-p {self.port} -k {self.sock} -c listen_addresses=127.0.0.1 -c fsync=off " \
               f"-c synchronous_commit=off -c full_page_writes=off -c max_connections=200 {extra}"
        self.run([find_bin("pg_ctl"), "-D", str(self.data), "-o", opts, "-l", str(self.root / "log"), "-w",
                  "start"])

    @classmethod
    def primary(cls, extra: str = "") -> Cluster:
        root, as_user = cls._new_root()
        cluster = cls(root, free_port(), as_user)
        cluster.run([find_bin("initdb"), "-D", str(cluster.data), "-U", "sixia", "--auth=trust", "-E", "UTF8",
                     "--locale=C.UTF-8"])
        cluster.start(extra)
        return cluster

    def standby(self) -> Cluster:
        return Cluster.standby_of(self.port)

    @classmethod
    def standby_of(cls, primary_port: int, user: str = "sixia") -> Cluster:
        """A hot standby of the cluster on ``primary_port`` (streaming replication; read-only queries), on
        another port. The primary must allow replication connections (initdb --auth=trust does)."""
        root, as_user = cls._new_root()
        standby = cls(root, free_port(), as_user)
        standby.run([find_bin("pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary_port), "-U", user,
                     "-D", str(standby.data), "-R", "-X", "stream", "-c", "fast"])
        standby.start("-c hot_standby=on")
        return standby

    def stop(self) -> None:
        subprocess.run([*self.as_user, find_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(self.root, ignore_errors=True)


def main(argv: list[str]) -> int:
    if "--" in argv:
        argv = argv[argv.index("--") + 1 :]
    if not argv:
        sys.exit("usage: with_postgres.py -- COMMAND ...")
    cluster = Cluster.primary()
    try:
        env = dict(os.environ, SIXIA_DATABASE_URL=cluster.url, SIXIA_TEST_DB="postgresql")
        print(f"[with_postgres] throwaway PostgreSQL cluster on 127.0.0.1:{cluster.port}", flush=True)
        return subprocess.run(argv, env=env).returncode
    finally:
        cluster.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
