"""Time the audit hash chain: one ``audit.record`` (lock the chain head, hash, insert, move the head) against a
plain insert of the same row, each in its own transaction like a service write; then ``verify`` over them.

    SIXIA_VAR_DIR=$(mktemp -d) .venv/bin/python bench/audit_chain.py [--n 2000] [--hash sm3]
    .venv/bin/python scripts/with_postgres.py -- .venv/bin/python bench/audit_chain.py
"""

from __future__ import annotations

import argparse
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sixia.settings")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--hash", default="sha256", choices=["sha256", "sm3"])
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    settings.AUDIT_HASH = args.hash
    from sixia.core import audit, audit_chain
    from sixia.core.models import AuditEntry

    changes = {"status": ["accepted", "assigned"], "unit": [None, 12]}

    def plain(i: int) -> None:
        with transaction.atomic():
            AuditEntry(at=timezone.now(), actor_name="bench", action="update", object_type="cases.case",
                       object_id=str(i), summary=f"改派 {i}", changes=changes, region_code="350921").save()

    def chained(i: int) -> None:
        with transaction.atomic():
            audit.record("update", object_type="cases.case", object_id=i, summary=f"改派 {i}", changes=changes,
                         actor="bench", region_code="350921")

    print(f"database {connection.vendor}, hash {args.hash}, {args.n} writes each")
    results = {}
    # Chained first and verified before the plain rows (which have no hash) are added after them.
    for name, fn in (("chained record", chained), ("plain insert", plain)):
        start = time.perf_counter()
        for i in range(args.n):
            fn(i)
        results[name] = (time.perf_counter() - start) / args.n * 1000
        print(f"{name:16} {results[name]:.3f} ms/write")
        if fn is chained:
            start = time.perf_counter()
            verdict = audit_chain.verify()
            print(f"verify           {time.perf_counter() - start:.2f} s for {verdict.checked} entries: "
                  f"{'OK' if verdict.ok else 'broken at ' + str(verdict.broken_id)}")
    print(f"{'chain overhead':16} {results['chained record'] - results['plain insert']:.3f} ms/write")

if __name__ == "__main__":
    main()
