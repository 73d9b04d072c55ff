"""A worker that serves pages does not carry the office-file libraries (issue 17, lean workers): openpyxl (with
numpy, which it imports when installed: ~20 MiB), python-docx and lxml are imported by the function that writes
or reads a spreadsheet or a Word file, not when Django starts or the URLs load (``python -X importtime`` found
``reports.ledger_job`` → ``core.xlsx`` → openpyxl at ``django.setup()``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = ("openpyxl", "docx", "lxml")


def test_django_setup_and_the_urls_import_no_office_libraries(tmp_path):
    code = f"""
import os, sys
os.environ["SIXIA_VAR_DIR"] = {str(tmp_path)!r}
os.environ.setdefault("SIXIA_DEBUG", "true")
import django
django.setup()
at_setup = sorted(m for m in {HEAVY!r} + ("numpy",) if m in sys.modules)
from django.urls import get_resolver
get_resolver().url_patterns
print(at_setup, sorted(m for m in {HEAVY!r} if m in sys.modules))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.returncode == 0, out.stderr[-1500:]
    assert out.stdout.strip().splitlines()[-1] == "[] []", out.stdout


def test_the_sheet_still_writes(tmp_path):
    from sixia.core.xlsx import Column, Sheet, new_workbook

    wb = new_workbook()
    sheet = Sheet(wb, "表", heading="标题", subtitle="范围", columns=[Column("a", "甲", 10), Column("b", "乙", 8, "int")])
    sheet.row(["=1+1", 3])
    wb.save(tmp_path / "x.xlsx")
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "x.xlsx").active
    assert ws["A4"].value == "=1+1" and ws["A4"].data_type == "s" and ws["B4"].value == 3
