"""``sixia import-holidays`` and leader ownership (包案) with progress notes and sign-off."""

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sixia.cases.models import CaseEvent, HolidayOverride
from sixia.cases.services import add_leader_note, set_owner_leader
from sixia.core.errors import Conflict, Forbidden
from sixia.org.models import Official


def test_it_imports_a_holiday_file_all_or_nothing(db, tmp_path):
    good = tmp_path / "2027.txt"
    good.write_text("# 2027\n2027-01-01,休,元旦\n2027-02-06,班,春节调休\n", encoding="utf-8")
    call_command("import_holidays", str(good))
    assert list(HolidayOverride.objects.values_list("date", "is_workday")) == [
        (date(2027, 1, 1), False), (date(2027, 2, 6), True)]
    bad = tmp_path / "bad.txt"
    bad.write_text("2027-10-01,休\n2027-13-01,休\n", encoding="utf-8")
    with pytest.raises(CommandError, match="第2行"):
        call_command("import_holidays", str(bad))
    assert HolidayOverride.objects.count() == 2


def test_a_leader_owns_notes_and_signs_off(new_case, owner, colleague, units, make_user):
    """Rights, not roles checked by hand: the desk names the leader; only that leader writes and signs off."""
    from sixia.cases.models import Case

    leader = Official.objects.create(name="陈建华", unit=units["county_gov"], rank="county", is_leader=True,
                                     title="县长")
    leader_user = make_user("chen", ["leader"], "350921", units["county_gov"], official=leader)
    case = set_owner_leader(actor=owner, case=new_case(), official=leader, reason="重点信访事项")
    with pytest.raises(Forbidden):
        add_leader_note(actor=colleague, case=case, text="我来写")
    with pytest.raises(Forbidden):
        add_leader_note(actor=owner, case=case, text="代领导填写")  # the desk does not write in the leader's name
    add_leader_note(actor=leader_user, case=case, text="已约见信访人，掌握情况")
    with pytest.raises(Conflict):
        add_leader_note(actor=leader_user, case=case, text="问题化解", sign_off=True)  # the case is still open
    Case.objects.filter(pk=case.pk).update(state="closed")
    add_leader_note(actor=leader_user, case=case, text="问题化解，息诉罢访", sign_off=True)
    with pytest.raises(Conflict):
        add_leader_note(actor=leader_user, case=case, text="再写")
    assert list(CaseEvent.objects.filter(case=case).values_list("action", flat=True)) == [
        "register", "own", "leader_note", "leader_sign_off"]
