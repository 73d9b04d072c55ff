"""core.throttle and its counter store: 429 with a Chinese message through the API and pages, the SQLite counter
cache that the embedded mode shares between workers (atomic increments), the login form's per-address limit."""

from __future__ import annotations

import threading

import pytest
from django.core import checks
from django.test import override_settings

from sixia.core.errors import TooManyRequests, page_status
from tests.conftest import PASSWORD


def test_too_many_requests_is_429_in_chinese_and_english():
    exc = TooManyRequests()
    assert exc.status == 429 and page_status(exc) == 429
    assert exc.message_zh == "操作过于频繁，请稍后再试" and exc.message_en.startswith("too many requests")


def test_limit_counts_per_scope_and_key(rf):
    from sixia.core import throttle

    request = rf.post("/", REMOTE_ADDR="203.0.113.5")
    for _ in range(3):
        throttle.limit(request, scope="t1", key="ip", rate="3/m")
    with pytest.raises(TooManyRequests):
        throttle.limit(request, scope="t1", key="ip", rate="3/m")
    throttle.limit(request, scope="t2", key="ip", rate="3/m")  # another scope has its own count
    throttle.limit(rf.post("/", REMOTE_ADDR="203.0.113.6"), scope="t1", key="ip", rate="3/m")  # another address
    throttle.limit(request, scope="t1", key="some-blind-index", rate="3/m")  # another key
    assert throttle.count(request, scope="t1", key="ip", rate="3/m") == 4


def test_a_scope_can_be_switched_off(rf):
    from sixia.core import throttle

    with override_settings(SIXIA_THROTTLE={"x": "off"}):
        for _ in range(50):
            throttle.limit(rf.post("/"), scope="x", key="ip")


@pytest.fixture
def counters(tmp_path):
    from sixia.core.counters import SQLiteCounterCache

    return SQLiteCounterCache(str(tmp_path / "throttle.sqlite3"), {})


def test_the_sqlite_counter_cache_adds_increments_and_expires(counters):
    assert counters.add("k", 0, 60) and not counters.add("k", 5, 60)
    assert counters.incr("k") == 1 and counters.incr("k", 2) == 3 and counters.get("k") == 3
    counters.set("gone", 1, -1)  # already expired: add may take the key again
    assert counters.get("gone") is None and counters.add("gone", 7, 60) and counters.get("gone") == 7
    with pytest.raises(ValueError):
        counters.incr("missing")
    assert counters.delete("k") and counters.get("k", "none") == "none"


def test_the_sqlite_counter_cache_loses_no_count_across_connections(counters, tmp_path):
    """Workers are separate processes: separate connections to one file, here from eight threads."""
    from sixia.core.counters import SQLiteCounterCache

    counters.add("n", 0, 60)

    def bump():
        mine = SQLiteCounterCache(str(tmp_path / "throttle.sqlite3"), {})
        for _ in range(50):
            mine.incr("n")
    threads = [threading.Thread(target=bump) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert counters.get("n") == 400


def test_production_settings_pass_the_ratelimit_checks(settings, tmp_path):
    """The embedded mode's counter store is neither per-process nor non-atomic: django-ratelimit finds no error."""
    from django_ratelimit.checks import check_caches

    settings.CACHES = {"throttle": {"BACKEND": "sixia.core.counters.SQLiteCounterCache",
                                    "LOCATION": str(tmp_path / "t.sqlite3")}}
    settings.RATELIMIT_USE_CACHE = "throttle"
    assert not [m for m in check_caches(None) if m.level >= checks.ERROR]


def test_the_login_form_is_limited_per_address(client, owner):
    with override_settings(SIXIA_THROTTLE={"login": "3/m"}):
        answers = [client.post("/accounts/login/", {"username": f"nobody{n}", "password": "x"}) for n in range(4)]
        assert [a.status_code for a in answers] == [200, 200, 200, 429]
        assert "操作过于频繁，请稍后再试" in answers[-1].content.decode()
        assert client.post("/accounts/login/", {"username": "owner", "password": PASSWORD}).status_code == 429
