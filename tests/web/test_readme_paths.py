"""The README's page paths are real: each answers 200 for the demo admin (after any redirect)."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_page_paths() -> list[str]:
    row = next(line for line in README.read_text(encoding="utf-8").splitlines() if line.startswith("| Pages"))
    return [p for p in re.findall(r"`(/[^`<>{}]*)`", row)]


def test_the_readme_names_its_pages():
    assert {"/", "/cases/", "/cases/new/", "/reports/rates/", "/insight/hotspots/"} <= set(readme_page_paths())


def test_every_page_the_readme_names_answers(client, owner):
    client.force_login(owner)
    for path in readme_page_paths():
        answer = client.get(path, follow=True)
        assert answer.status_code == 200, (path, answer.status_code)


def test_the_short_section_paths_lead_to_their_pages(client, owner):
    client.force_login(owner)
    for short, page in [("/reports/", "/reports/rates/"), ("/insight/", "/insight/hotspots/"),
                        ("/cases/intake/", "/cases/new/")]:
        answer = client.get(short)
        assert answer.status_code == 302 and answer["Location"] == page, short
