"""Run a command against a throwaway PostgreSQL cluster started from the machine's initdb/pg_ctl.

    python scripts/with_postgres.py -- pytest -q

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


def main(argv: list[str]) -> int:
    if "--" in argv:
        argv = argv[argv.index("--") + 1 :]
    if not argv:
        sys.exit("usage: with_postgres.py -- COMMAND ...")
    initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
    root = Path(tempfile.mkdtemp(prefix="sixia-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    as_user: list[str] = []
    if os.geteuid() == 0:
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(root, "postgres")
        shutil.chown(sock, "postgres")
        root.chmod(0o755)
    port = free_port()

    def run(cmd: list[str]) -> None:
        subprocess.run(as_user + cmd, check=True, stdout=subprocess.DEVNULL)

    run([initdb, "-D", str(data), "-U", "sixia", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"])
    opts = f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " \
           f"-c full_page_writes=off -c max_connections=200"
    run([pg_ctl, "-D", str(data), "-o", opts, "-l", str(root / "log"), "-w", "start"])
    try:
        env = dict(os.environ, SIXIA_DATABASE_URL=f"postgres://sixia@127.0.0.1:{port}/postgres",
                   SIXIA_TEST_DB="postgresql")
        print(f"[with_postgres] throwaway PostgreSQL cluster on 127.0.0.1:{port}", flush=True)
        return subprocess.run(argv, env=env).returncode
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], stdout=subprocess.DEVNULL)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
