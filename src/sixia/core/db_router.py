"""Read replicas: statistics, dashboards and exports read from a PostgreSQL hot standby (issue 17 item 5).

When ``SIXIA_REPLICA_URL`` is set, settings add a ``replica`` database and this router. Code that only reads
for a report runs under :func:`replica_reads` (a decorator; ``with replica_context():`` for a block): its reads go to ``replica``;
everything else — every write, and every read outside such a block (the pages and the API that act on what
they read) — goes to ``default``. A write inside the block still goes to the primary (the audit row of an
export). A standby lags the primary by its replay delay (milliseconds on a LAN): fine for counts and rates, not
for a page that must show what was just written, which is why only named report paths opt in.

Settings install this router only with a ``replica`` database; without one the decorator changes nothing (one
machine, SQLite or PostgreSQL).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

REPLICA = "replica"
_reading = ContextVar("sixia_replica_reads", default=False)


@contextlib.contextmanager
def replica_context() -> Iterator[None]:
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


P = ParamSpec("P")
R = TypeVar("R")


def replica_reads(func: Callable[P, R]) -> Callable[P, R]:
    """``@replica_reads`` on a statistics/export function: its reads go to the replica (``replica_context()``
    is the same as a ``with`` block)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with replica_context():
            return func(*args, **kwargs)

    return wrapper


class ReplicaRouter:
    """Reads inside :func:`replica_reads` → ``replica``; everything else → ``default``."""

    def db_for_read(self, model: Any, **hints: Any) -> str:
        return REPLICA if _reading.get() else "default"

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the same data on both: a row read from the replica relates to one on the primary

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"  # a standby is read-only; it gets the schema by replication
