"""A small cache backend for the embedded (SQLite) mode: rate-limit counters shared by all gunicorn workers.

django-ratelimit needs a cache that every worker sees and whose ``incr`` is atomic. Django's LocMem cache is per
process, its file and database caches increment by read-then-write (two workers lose counts). This backend keeps
counters in their own SQLite file (``var/throttle.sqlite3``, not the main database: no migration, no lock held on
the data) and increments with one ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` statement, which SQLite runs
atomically. Values are whole numbers only: it is a counter store, not a general cache. With ``SIXIA_REDIS_URL``
set, Redis is used instead (see settings).
"""

from __future__ import annotations

import sqlite3
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache

_SCHEMA = "CREATE TABLE IF NOT EXISTS counter (key TEXT PRIMARY KEY, value INTEGER NOT NULL, expires REAL NOT NULL)"


class SQLiteCounterCache(BaseCache):
    def __init__(self, location: str, params: dict):
        super().__init__(params)
        self._path = location
        self._local = threading.local()

    def _db(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self._path, timeout=10, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(_SCHEMA)
            self._local.conn = conn
        return conn

    def _expiry(self, timeout) -> float:
        timeout = self.get_backend_timeout(timeout)
        return float("inf") if timeout is None else timeout

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        now = time.time()
        # Replaces an expired row; leaves a live one alone (then nothing is returned).
        row = self._db().execute(
            "INSERT INTO counter (key, value, expires) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET "
            "value = excluded.value, expires = excluded.expires WHERE counter.expires <= ? RETURNING value",
            (key, int(value), self._expiry(timeout), now)).fetchone()
        return row is not None

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        row = self._db().execute("SELECT value FROM counter WHERE key = ? AND expires > ?",
                                 (key, time.time())).fetchone()
        return default if row is None else row[0]

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        key = self.make_and_validate_key(key, version=version)
        self._db().execute("INSERT OR REPLACE INTO counter (key, value, expires) VALUES (?, ?, ?)",
                           (key, int(value), self._expiry(timeout)))

    def incr(self, key, delta=1, version=None) -> int:
        key = self.make_and_validate_key(key, version=version)
        row = self._db().execute("UPDATE counter SET value = value + ? WHERE key = ? AND expires > ? RETURNING value",
                                 (delta, key, time.time())).fetchone()
        if row is None:
            raise ValueError(f"Key '{key}' not found")
        return row[0]

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._db().execute("UPDATE counter SET expires = ? WHERE key = ?",
                                  (self._expiry(timeout), key)).rowcount > 0

    def delete(self, key, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._db().execute("DELETE FROM counter WHERE key = ?", (key,)).rowcount > 0

    def has_key(self, key, version=None) -> bool:
        return self.get(key, version=version) is not None

    def clear(self) -> None:
        self._db().execute("DELETE FROM counter")

    def purge_expired(self) -> int:
        """Drop finished windows (called now and then by the throttle; the table stays small)."""
        return self._db().execute("DELETE FROM counter WHERE expires <= ?", (time.time(),)).rowcount
