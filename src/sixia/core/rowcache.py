"""Per-process caches of rule rows read on every intake (dispatch catalogue, deadline policies, CaseSettings,
the holiday calendar, regions by code), invalidated when the rows change.

A cache is named after the models it is built from. ``post_save`` / ``post_delete`` of any of them (and an
explicit :func:`bump` from writers that use ``update()`` / ``bulk_create``, which send no signal) bump the
cache's version, so the process that changed a rule sees the change at once. Other worker processes see it
within ``MAX_AGE`` seconds (each entry is reloaded at least that often): a rule edited on one worker reaches a
registration on another a few seconds later, never a stale rule kept for the life of the worker.

Rows written inside a transaction that is not committed yet are never kept: after a change the cache holds
off storing until the transaction commits (``on_commit``) — a rolled-back edit cannot stay cached.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import transaction
from django.db.models.signals import post_delete, post_save

T = TypeVar("T")
MAX_AGE = 10.0  # seconds: how stale another worker's copy may get

_lock = threading.Lock()
_entries: dict[str, tuple[int, float, Any]] = {}  # name → (version, loaded at, value)
_versions: dict[str, int] = {}
_hold_until: dict[str, float] = {}  # name → monotonic time before which nothing is stored (uncommitted change)
_models: dict[str, tuple[str, ...]] = {}  # name → model labels it depends on
_connected: set[str] = set()


def bump(*names: str) -> None:
    """Forget the named caches (all when none is named) in this process."""
    now = time.monotonic()
    with _lock:
        for name in names or tuple(_versions):
            _versions[name] = _versions.get(name, 0) + 1
            _entries.pop(name, None)
            _hold_until[name] = now + MAX_AGE
    targets = names or tuple(_versions)

    def release() -> None:
        with _lock:
            for name in targets:
                _versions[name] = _versions.get(name, 0) + 1
                _entries.pop(name, None)
                _hold_until.pop(name, None)

    transaction.on_commit(release)  # outside a transaction this runs at once


def clear() -> None:
    """Forget everything (tests: a rolled-back test transaction sends no signal)."""
    with _lock:
        _entries.clear()
        _hold_until.clear()
        for name in _versions:
            _versions[name] += 1


def _on_change(sender, **kwargs) -> None:
    label = sender._meta.label_lower
    bump(*[name for name, labels in _models.items() if label in labels])


def register(name: str, *models: Any) -> None:
    """Declare that cache ``name`` is built from ``models`` (model classes); idempotent."""
    labels = tuple(m._meta.label_lower for m in models)
    _models[name] = tuple(sorted(set(_models.get(name, ()) + labels)))
    _versions.setdefault(name, 0)
    for model in models:
        key = model._meta.label_lower
        if key in _connected:
            continue
        _connected.add(key)
        post_save.connect(_on_change, sender=model, dispatch_uid=f"rowcache-save-{key}", weak=False)
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"rowcache-delete-{key}", weak=False)


def get(name: str, load: Callable[[], T]) -> T:
    """The cached value of ``name``, loading it with ``load()`` when missing, changed or older than MAX_AGE."""
    now = time.monotonic()
    entry = _entries.get(name)
    version = _versions.get(name, 0)
    if entry is not None and entry[0] == version and now - entry[1] < MAX_AGE:
        return entry[2]
    value = load()
    with _lock:
        if _versions.get(name, 0) == version and _hold_until.get(name, 0.0) <= now:
            _entries[name] = (version, now, value)
    return value
