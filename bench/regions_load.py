"""Time ``sixia load-regions`` per level on a fresh SQLite database and on PostgreSQL.

    .tools/bin/uv run python bench/regions_load.py                 # both databases (PostgreSQL throwaway)
    .tools/bin/uv run python bench/regions_load.py --db sqlite
    .tools/bin/uv run python scripts/with_postgres.py -- .tools/bin/uv run python bench/regions_load.py --db current

For each database: migrate a fresh database, load the upper levels (province, city, county — the parents the
township rows point to), then time ``load-regions --levels township`` and ``--levels village`` each in its own
process (wall time, Django start-up included, and the command's own "loaded in" figure), and once more the
village level on the now-full table (the idempotent re-run: every row is an upsert that changes nothing).
Prints one line per level and database, and a Markdown table at the end.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEPS = [("setup: province,city,county", "province,city,county"), ("township", "township"),
         ("village", "village"), ("village (re-run, upsert)", "village")]


def sixia(args: list[str], env: dict[str, str]) -> tuple[float, float | None, str]:
    """Run ``sixia ARGS``; returns (wall seconds, the command's own seconds, stdout)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", "from sixia.cli import main; main()", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode:
        sys.exit(f"sixia {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    found = re.search(r"loaded in ([\d.]+)s", done.stderr)
    return wall, float(found.group(1)) if found else None, done.stdout.strip()


def measure(label: str, env: dict[str, str]) -> list[tuple[str, str, float, float | None, str]]:
    env = dict(env, DJANGO_SETTINGS_MODULE="sixia.settings")
    rows = []
    sixia(["migrate", "--verbosity", "0"], env)
    for name, levels in STEPS:
        wall, own, out = sixia(["load-regions", "--levels", levels, "--no-progress"], env)
        rows.append((label, name, wall, own, out))
        print(f"{label:10} {name:28} wall {wall:7.1f} s   command {own if own is not None else float('nan'):7.1f} s"
              f"   {out}", flush=True)
    return rows


def current_database_label() -> str:
    url = os.environ.get("SIXIA_DATABASE_URL", "")
    return "postgresql" if url.startswith("postgres") else "sqlite"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["both", "sqlite", "postgresql", "current"], default="both")
    args = parser.parse_args()
    rows = []
    if args.db == "current":
        env = dict(os.environ)
        if "SIXIA_DATABASE_URL" not in env:
            env["SIXIA_VAR_DIR"] = tempfile.mkdtemp(prefix="sixia-bench-")
        rows += measure(current_database_label(), env)
    if args.db in ("both", "sqlite"):
        env = {k: v for k, v in os.environ.items() if k != "SIXIA_DATABASE_URL"}
        env["SIXIA_VAR_DIR"] = tempfile.mkdtemp(prefix="sixia-bench-")
        rows += measure("sqlite", env)
    if args.db in ("both", "postgresql"):
        done = subprocess.run([sys.executable, str(ROOT / "scripts" / "with_postgres.py"), "--", sys.executable,
                               __file__, "--db", "current"], cwd=ROOT)
        if done.returncode:
            sys.exit(done.returncode)
    if rows:
        print("\n| database | level | wall s | command s | rows now |\n|---|---|---|---|---|")
        for label, name, wall, own, out in rows:
            print(f"| {label} | {name} | {wall:.1f} | {own if own is not None else '—'} | {out} |")


if __name__ == "__main__":
    main()
