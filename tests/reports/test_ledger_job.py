"""A large ledger export runs as a long job (core.jobs): the request answers at once with the job's page, the
Huey task writes the file and reports progress, the page's status reaches 100 and the file opens; only the
user who started it sees or downloads it. A small export stays a direct download."""

from __future__ import annotations

import io

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(EXPORT_JOB_ROWS=2)
def test_a_large_export_runs_as_a_job_that_only_its_starter_downloads(client, owner, colleague, new_case, huey_now,
                                                                      read_xlsx):
    from sixia.core.models import Job

    for _i in range(3):
        new_case()
    client.force_login(owner)
    with huey_now():
        response = client.get("/reports/ledger/export/", {"state": "all"})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    status = client.get(f"/jobs/{job.pk}/status.json").json()
    assert status["status"] == "done" and status["percent"] == 100 and status["done"] == status["total"] == 3
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert 'data-testid="job-progress"' in page and "/static/web/job.js" in page
    download = client.get(f"/jobs/{job.pk}/download/")
    assert download.status_code == 200
    sheet = read_xlsx(b"".join(download.streaming_content)).active
    assert sheet.max_row >= 3 + 3  # heading, subtitle, header, three cases
    client.force_login(colleague)
    for url in (f"/jobs/{job.pk}/", f"/jobs/{job.pk}/status.json", f"/jobs/{job.pk}/download/"):
        assert client.get(url).status_code == 404, url


def test_a_small_export_stays_direct(client, owner, new_case):
    from sixia.core.models import Job

    new_case()
    client.force_login(owner)
    response = client.get("/reports/ledger/export/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert not Job.objects.exists()


def test_the_export_reports_its_progress_by_batch(owner, new_case, monkeypatch):
    from sixia.reports import ledger

    for _i in range(3):
        new_case()
    monkeypatch.setattr(ledger, "BATCH", 1)
    seen: list[int] = []
    n = ledger.export_ledger(actor=owner, filters=ledger.LedgerFilter(), out=io.BytesIO(), progress=seen.append)
    assert n == 3 and seen == [1, 2, 3]


@override_settings(EXPORT_JOB_ROWS=0)
def test_a_job_that_fails_says_so(client, owner, new_case, huey_now, monkeypatch):
    from sixia.core.models import Job
    from sixia.reports import ledger

    new_case()

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ledger, "export_ledger", broken)
    client.force_login(owner)
    with huey_now():
        client.get("/reports/ledger/export/")
    job = Job.objects.get()
    assert job.status == "failed" and "disk full" in job.error
    assert client.get(f"/jobs/{job.pk}/download/").status_code == 404


@override_settings(EXPORT_JOB_ROWS=0)
def test_finished_jobs_and_their_files_go_after_a_week(client, owner, new_case, huey_now):
    from datetime import timedelta

    from sixia.core import jobs
    from sixia.core.models import Job

    new_case()
    client.force_login(owner)
    with huey_now():
        client.get("/reports/ledger/export/")
    job = Job.objects.get()
    path = jobs.file_of(job)
    assert path.exists()
    # measured from the job's own start, not from whatever day the suite runs
    assert jobs.purge(now=job.created_at + timedelta(days=6)) == 0 and path.exists()
    assert jobs.purge(now=job.created_at + timedelta(days=8)) == 1
    assert not path.exists() and not Job.objects.exists()


@override_settings(EXPORT_JOB_ROWS=2)
def test_the_api_answers_a_large_export_with_202_and_its_job(api, token_for, owner, colleague, new_case, huey_now,
                                                             read_xlsx):
    from sixia.core.models import Job

    for _i in range(3):
        new_case()
    with huey_now():
        response = api.get("/reports/ledger.xlsx", headers=token_for(owner), state="all")
    job = Job.objects.get()
    assert response.status_code == 202, response.content
    assert response.json()["id"] == job.pk and response.json()["status_url"] == f"/api/v1/jobs/{job.pk}"
    status = api.get(f"/jobs/{job.pk}", headers=token_for(owner)).json()
    assert (status["status"], status["percent"], status["file_url"]) == ("done", 100, f"/api/v1/jobs/{job.pk}/file")
    download = api.get(f"/jobs/{job.pk}/file", headers=token_for(owner))
    assert download.status_code == 200
    assert read_xlsx(b"".join(download.streaming_content)).active.max_row >= 6
    for path in (f"/jobs/{job.pk}", f"/jobs/{job.pk}/file", "/jobs/999999"):  # another user, or no such job
        assert api.get(path, headers=token_for(colleague)).status_code == 404, path


def test_the_api_keeps_a_small_export_direct(api, token_for, owner, new_case):
    from sixia.core.models import Job

    new_case()
    response = api.get("/reports/ledger.xlsx", headers=token_for(owner))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert not Job.objects.exists()
