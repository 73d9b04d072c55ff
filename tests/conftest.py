"""Shared fixtures: a small real region tree (霞浦县), units, and the three users of every permission test —
an owner (the county), a colleague (same county, other role) and an outsider (another county).

The same suite runs on SQLite and on PostgreSQL (``SIXIA_DATABASE_URL`` set by scripts/with_postgres.py).
"""

from __future__ import annotations

import os

import pytest

# Playwright's sync API runs an event loop in this thread; Django's async-safety check would refuse ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

COUNTY = "350921"  # 霞浦县
OTHER_COUNTY = "350922"  # 古田县
TOWNSHIP = "350921101"  # 长春镇
OTHER_TOWNSHIP = "350921102"  # 牙城镇
PASSWORD = "Correct-Horse-42x"


def pytest_configure(config):
    """Tests hash passwords with MD5: the production PBKDF2 (over a million rounds) cost about half a second for
    each user a fixture creates. Nothing in the suite is about the hash's strength; settings.py keeps Django's."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Most tests sign in with client.force_login(), which has no second factor: the TOTP requirement for admin,
    # organisation and audit roles is off unless a test turns it on (tests/org/test_otp.py does, with
    # override_settings(OTP_REQUIRED_ROLES=...)); the browser `login` fixture passes the second step either way.
    settings.OTP_REQUIRED_ROLES = frozenset()
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:  # pytest-xdist: each worker keeps its files (uploads, models, attachments) apart from the others'
        from pathlib import Path

        var = Path(settings.VAR_DIR) / worker
        var.mkdir(parents=True, exist_ok=True)
        settings.VAR_DIR, settings.MEDIA_ROOT, settings.MODELS_DIR = var, var / "media", var / "models"


def pytest_report_header(config):
    return f"sixia database: {os.environ.get('SIXIA_TEST_DB', 'sqlite')}"


def pytest_terminal_summary(terminalreporter):
    passed = len(terminalreporter.stats.get("passed", []))
    failed = len(terminalreporter.stats.get("failed", [])) + len(terminalreporter.stats.get("error", []))
    db = os.environ.get("SIXIA_TEST_DB", "sqlite")
    terminalreporter.write_line(f"sixia: {passed} tests passed, {failed} failed on {db}")


_REGION_ROWS: list[tuple[str, str, int, str | None]] = []


def _ensure_regions() -> None:
    """Regions of two counties (and their ancestors). Cached rows make the reload after a transactional
    test's flush a single bulk insert."""
    from sixia.geo import loader
    from sixia.geo.models import Region

    if Region.objects.filter(code=COUNTY).exists():
        return
    if not _REGION_ROWS:
        for code in (COUNTY, OTHER_COUNTY):
            for level in loader.SOURCES:
                _REGION_ROWS.extend((r.code, r.name, r.level, r.parent_id) for r in loader.iter_rows(level, code))
    Region.objects.bulk_create([Region(code=c, name=n, level=lv, parent_id=p) for c, n, lv, p in _REGION_ROWS],
                               ignore_conflicts=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _ensure_regions()


@pytest.fixture
def regions(db):
    _ensure_regions()


@pytest.fixture
def units(db, regions):
    from sixia.org.models import Unit
    from sixia.org.services import create_unit

    return {
        "county_gov": create_unit(actor=None, name="霞浦县人民政府", kind=Unit.Kind.GOVERNMENT, region_code=COUNTY),
        "housing": create_unit(actor=None, name="霞浦县住建局", kind=Unit.Kind.DEPARTMENT, region_code=COUNTY),
        "township": create_unit(actor=None, name="长春镇人民政府", kind=Unit.Kind.TOWNSHIP, region_code=TOWNSHIP),
        "other_township": create_unit(actor=None, name="牙城镇人民政府", kind=Unit.Kind.TOWNSHIP,
                                      region_code=OTHER_TOWNSHIP),
        "other_county": create_unit(actor=None, name="古田县人民政府", kind=Unit.Kind.GOVERNMENT,
                                    region_code=OTHER_COUNTY),
    }


@pytest.fixture
def make_user(db):
    from sixia.org.services import create_user

    def make(username: str, roles: list[str], region: str, unit=None, **kw):
        return create_user(actor=None, username=username, password=PASSWORD, roles=roles,
                           jurisdiction_code=region, unit=unit, **kw)

    return make


@pytest.fixture
def owner(make_user, units):
    """County administrator + dispatcher."""
    return make_user("owner", ["admin", "dispatcher"], COUNTY, units["county_gov"])


@pytest.fixture
def colleague(make_user, units):
    """Same county, a handler in the housing bureau."""
    return make_user("colleague", ["handler"], COUNTY, units["housing"])


@pytest.fixture
def township_user(make_user, units):
    return make_user("township", ["dispatcher", "handler"], TOWNSHIP, units["township"])


@pytest.fixture
def outsider(make_user, units):
    """Another county's administrator: must see nothing of 霞浦县."""
    return make_user("outsider", ["admin", "dispatcher"], OTHER_COUNTY, units["other_county"])


@pytest.fixture
def auditor(make_user, units):
    return make_user("auditor", ["auditor"], COUNTY, units["county_gov"])


@pytest.fixture
def token_for(db):
    from sixia.org.services import issue_token

    def make(user) -> dict[str, str]:
        return {"Authorization": f"Bearer {issue_token(user=user)}"}

    return make


@pytest.fixture
def api(client):
    """A JSON client for /api/v1 that takes headers from ``token_for``."""
    import json

    class Api:
        def get(self, path, headers=None, **params):
            return client.get(f"/api/v1{path}", params, headers=headers or {})

        def post(self, path, data=None, headers=None):
            return client.post(f"/api/v1{path}", json.dumps(data or {}), content_type="application/json",
                               headers=headers or {})

    return Api()


# ---- browser (Playwright driving the machine's Chromium; never a downloaded browser) ----

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


@pytest.fixture(scope="session")
def browser():
    chromium = next((p for p in CHROMIUM_CANDIDATES if os.path.exists(p)), None)
    if chromium is None:
        pytest.fail("Chromium not found: run `make deps` (installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="zh-CN", base_url=live_server.url)
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


def enrol_totp(user):
    """A confirmed TOTP device for ``user`` (what enrolment leaves), for tests of roles that need one."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="test", confirmed=True)


def totp_token(device, *, later: int = 0) -> str:
    """The device's current code (``later`` steps ahead: a code is accepted once, tolerance one step)."""
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=later):0{device.digits}d}"


@pytest.fixture
def login(page):
    """Sign in through the login page; when the user's role needs a second factor (or the user has one), pass it
    with a device made for the test (enrolled when missing)."""

    def do(username: str, password: str = PASSWORD):
        page.goto("/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        if "/accounts/otp/" in page.url:
            from django.contrib.auth import get_user_model

            device = enrol_totp(get_user_model().objects.get(username=username))
            if "/setup/" in page.url:  # first login of a required role: enrolment page; use the test's device
                page.goto("/accounts/otp/?next=/")
            page.fill("input[name=token]", totp_token(device))
            page.click("[data-testid=otp-verify] button[type=submit]")
            page.wait_for_load_state()
        return page

    return do


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return (marker is not None and marker.kwargs.get("transaction", False)) or "live_server" in item.fixturenames \
        or "transactional_db" in item.fixturenames


def _reseed() -> None:
    """Run every data migration of the project again, on the tables a flush just emptied."""
    from django.apps import apps
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations.special import RunPython

    loader = MigrationLoader(connection, ignore_no_migrations=True)
    plan: dict[tuple[str, str], None] = {}
    for key in loader.graph.leaf_nodes():
        plan.update(dict.fromkeys(loader.graph.forwards_plan(key)))  # in dependency order, each migration once
    for key in plan:
        migration = loader.graph.nodes[key]
        if migration.__module__.startswith("sixia."):
            for operation in migration.operations:
                if isinstance(operation, RunPython):
                    operation.code(apps, None)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test (or one on a live server) ends with a flush that empties the tables data migrations
    seeded (categories, deadline policies, lecture forms, quota rules, roles) and the session's regions. Seed them
    again once its fixtures are gone, so the next test in this process — whatever order pytest-xdist gives — finds
    them."""
    yield
    if _transactional(item) and nextitem is not None:
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            _reseed()
            _ensure_regions()  # the two counties the session set up, flushed with the rest


@pytest.fixture(autouse=True)
def default_language():
    """LocaleMiddleware activates the request's language for the thread and nothing resets it: after a page in
    English, a later test in the same thread would render lazy labels in English. Every test ends in Chinese."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counters (per address, per phone) start at zero in every test: the suite's clients all come
    from 127.0.0.1, so one test's bookings would otherwise use up the next test's allowance."""
    from django.core.cache import caches

    caches["throttle"].clear()
    caches["default"].clear()  # and the queue's cached colour counts (cases.queue_counts), keyed by a user pk
    yield                      # that the next test's user may have again


def to_english(client) -> None:
    """Switch the client's UI language the way a user does (the footer's language form)."""
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})


@pytest.fixture(autouse=True)
def fresh_rule_caches():
    """The per-process caches of rule rows (``sixia.core.rowcache``) start empty in every test: a test's rows
    are rolled back with its transaction, which sends no signal to forget them."""
    from sixia.core import rowcache

    rowcache.clear()
    yield
    rowcache.clear()


@pytest.fixture
def huey_now(django_capture_on_commit_callbacks):
    """Run what a committed write hands to Huey in-process (as SIXIA_HUEY_IMMEDIATE does)."""
    from huey.contrib.djhuey import HUEY

    was = HUEY.immediate
    HUEY.immediate = True
    try:
        yield lambda: django_capture_on_commit_callbacks(execute=True)
    finally:
        HUEY.immediate = was
