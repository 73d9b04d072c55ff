"""A large ledger export in the browser: the export link lands on the job's page, whose script polls the status
until the progress bar is full and the download link shows; the console stays clean."""

from __future__ import annotations

import pytest
from django.test import override_settings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@override_settings(EXPORT_JOB_ROWS=0)
def test_the_job_page_shows_progress_then_the_download(page, login, township_user, new_case):
    from huey.contrib.djhuey import HUEY

    new_case(region_code="350921101")
    login("township")
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    was = HUEY.immediate
    HUEY.immediate = True  # the task runs in the server's thread when the job's row is committed
    try:
        page.goto("/reports/ledger/export/?state=all")
        page.wait_for_selector("[data-testid=job-download]:not([hidden])")
    finally:
        HUEY.immediate = was
    assert "/jobs/" in page.url
    assert page.get_attribute("[data-testid=job-progress]", "value") == "100"
    with page.expect_download() as info:
        page.click("[data-testid=job-download]")
    assert info.value.suggested_filename.endswith(".xlsx")
    assert errors == [], errors
