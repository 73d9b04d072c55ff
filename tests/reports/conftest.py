"""Fixtures of the report tests: the case fixtures of tests/cases, and a reader for streamed workbooks."""

from __future__ import annotations

import io

import pytest

from tests.cases.conftest import act, case_payload, catalogue, handling_case, id_number, new_case  # noqa: F401


@pytest.fixture
def read_xlsx():
    """Workbook of a streamed .xlsx response (or bytes)."""
    from openpyxl import load_workbook

    def read(response_or_bytes):
        data = response_or_bytes
        if not isinstance(data, bytes):
            assert data.status_code == 200, data.content if not data.streaming else data.status_code
            data = b"".join(data.streaming_content)
        return load_workbook(io.BytesIO(data))

    return read


from tests.reports.stats_fixture import county_data, frozen  # noqa: E402, F401
