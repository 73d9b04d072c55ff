"""Chinese is the default UI language; English is available through the language switch (set_language) or the
browser's Accept-Language. Catalogues live per app in src/sixia/<app>/locale/en/LC_MESSAGES/django.po, with the
Chinese UI text as msgid, and are compiled by ``make messages``."""

import re
from pathlib import Path

import pytest

from tests.conftest import PASSWORD, to_english

SRC = Path(__file__).resolve().parents[2] / "src" / "sixia"
CATALOGUES = sorted(SRC.glob("*/locale/en/LC_MESSAGES/django.po"))


def test_the_default_language_is_chinese(client, db):
    html = client.get("/accounts/login/").content.decode()
    assert 'lang="zh-hans"' in html and "用户名" in html and "User name" not in html


def test_the_language_switch_turns_the_login_page_english(client, db):
    to_english(client)
    html = client.get("/accounts/login/").content.decode()
    assert 'lang="en"' in html and "User name" in html and "用户名" not in html


def test_accept_language_alone_is_enough(client, db):
    html = client.get("/accounts/login/", headers={"accept-language": "en-GB,en;q=0.9"}).content.decode()
    assert "Sign in" in html


def test_navigation_and_home_in_english(client, owner):
    assert client.login(username="owner", password=PASSWORD)
    to_english(client)
    html = client.get("/").content.decode()
    nav = re.search(r'<nav class="mainnav">(.*?)</nav>', html, re.S).group(1)
    assert "Cases" in nav and "Regions" in nav and "诉求办理" not in nav
    assert "Sign out" in html and "Officials" in html


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parts[-5])
def test_every_catalogue_is_complete_and_compiled(po):
    """An entry without an English text would show Chinese in the English UI; a stale .mo would hide new ones."""
    text = po.read_text(encoding="utf-8")
    untranslated = re.findall(r'^msgid "(.+)"\nmsgstr ""\n(?!")', text, re.M)
    assert not untranslated, f"{po}: no English for {untranslated[:5]}"
    assert "#, fuzzy" not in text, f"{po}: fuzzy entries are not compiled"
    mo = po.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime, f"{mo} missing or stale: run `make messages`"


def test_there_is_a_catalogue_for_the_frame():
    assert SRC / "web" / "locale" / "en" / "LC_MESSAGES" / "django.po" in CATALOGUES


def test_the_catalogues_agree_on_every_shared_text():
    """Django merges the catalogues and the app listed first in INSTALLED_APPS wins, so two apps translating the
    same Chinese text differently would show one app's wording on the other's pages. One glossary: the same msgid
    (and context) has one English text everywhere. Distinct uses take a context (e.g. "nav" for menu labels)."""
    seen: dict[tuple[str | None, str], dict[str, str]] = {}
    entry = re.compile(r'^(?:msgctxt "(.*)"\n)?msgid "(.+)"\nmsgstr "(.*)"', re.M)
    for po in CATALOGUES:
        for ctx, msgid, msgstr in entry.findall(po.read_text(encoding="utf-8")):
            seen.setdefault((ctx or None, msgid), {})[po.parts[-5]] = msgstr
    conflicts = {k[1]: v for k, v in seen.items() if len(set(v.values())) > 1}
    assert not conflicts, f"one Chinese text, several English ones: {conflicts}"
