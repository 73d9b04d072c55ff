"""``sixia export-ledger`` and ``sixia import-ledger``."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from sixia.cases.models import Case, CaseEvent, CasePetitioner


def test_export_then_import_through_the_commands(owner, colleague, new_case, tmp_path, id_number):
    case = new_case()
    path = tmp_path / "台账.xlsx"
    call_command("export_ledger", "--user", "owner", "-o", str(path), "--full", "--state", "registered")
    assert load_workbook(path)["诉求台账"]["B4"].value == case.tracking_no
    CasePetitioner.objects.all().delete()
    CaseEvent.objects.all()._raw_delete(CaseEvent.objects.db)
    Case.objects.all().delete()

    with pytest.raises(CommandError, match="您无权导入台账"):
        call_command("import_ledger", str(path), "--user", "colleague")
    call_command("import_ledger", str(path), "--user", "owner", "--map", "title=标题")
    imported = Case.objects.get()
    assert (imported.title, imported.region_id) == (case.title, case.region_id)
    assert imported.petitioners.get().person.name == "郑四"

    errors = tmp_path / "errors.xlsx"
    with pytest.raises(CommandError, match="1 处错误"):
        call_command("import_ledger", str(path), "--user", "owner", "--map", "region=承办单位", "--errors", str(errors))
    report = load_workbook(errors).active
    assert [c.value for c in report[4]] == [4, "Q 承办单位", "问题属地不能为空"]
    assert Case.objects.count() == 1
