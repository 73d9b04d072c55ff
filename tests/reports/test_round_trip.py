"""Excel round trip: cases exported (archive copy, full personal data) and re-imported into an empty
database are the same cases. The source cases are bulk-inserted (10k by default; ``SIXIA_ROUNDTRIP_CASES``)
so that the test spends its time where the product does: export, validation and ``create_case`` per row."""

from __future__ import annotations

import io
import os
from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

N = int(os.environ.get("SIXIA_ROUNDTRIP_CASES", "10000"))
TZ = ZoneInfo("Asia/Shanghai")


def _id_number(i: int) -> str:
    from sixia.core.identity import id_check_char

    body = f"350921{1950 + i % 50}{1 + i % 12:02d}{1 + i % 28:02d}{i % 1000:03d}"
    return body + id_check_char(body)


@pytest.fixture
def source_cases(owner):
    from sixia.cases.models import Case, CasePetitioner, Category
    from sixia.cases.workflow import CHANNELS, DEMAND_TYPES, HOTLINE_CHANNELS, PETITION_CLASSES
    from sixia.core.personal import seal_id_number, seal_phone
    from sixia.geo.models import Region
    from sixia.people.models import Person

    townships = list(Region.objects.filter(code__startswith="350921", level=4).values_list("code", flat=True))
    categories = list(Category.objects.filter(parent__isnull=False).order_by("code"))
    persons = []
    for i in range(max(N // 5, 4)):
        sid, sphone = seal_id_number(_id_number(i)) if i % 3 else seal_id_number(""), seal_phone(f"139{i:08d}")
        persons.append(Person(name=f"群众{i}", region_id=townships[i % len(townships)],
                              id_number_token=sid.token, id_number_index=sid.index, id_number_masked=sid.masked,
                              phone_token=sphone.token, phone_index=sphone.index, phone_masked=sphone.masked))
    persons = Person.objects.bulk_create(persons, batch_size=1000)
    channels, demand_types, classes = list(CHANNELS), list(DEMAND_TYPES), list(PETITION_CLASSES)
    base = datetime(2025, 6, 1, 8, 30, tzinfo=TZ)
    cases = []
    for i in range(N):
        channel = channels[i % len(channels)]
        hotline = channel in HOTLINE_CHANNELS
        registered = base + timedelta(minutes=37 * i, seconds=i % 60)
        closed = i % 4 == 0
        cases.append(Case(
            tracking_no=f"SRC{i:08d}", track="hotline" if hotline else "petition", channel=channel,
            demand_type=demand_types[i % len(demand_types)] if hotline else "",
            petition_class="" if hotline else classes[i % len(classes)], category=categories[i % len(categories)]
            if i % 7 else None, title=f"第{i}号诉求：小区路灯不亮", content=f"群众反映：第{i}号\n夜间出行不便。",
            region_id=townships[i % len(townships)], respondent="某物业公司" if i % 5 == 0 else "",
            occurred_at=registered - timedelta(days=3, minutes=i % 50) if i % 2 else None, registered_at=registered,
            state="closed" if closed else "registered", closed_at=registered + timedelta(days=20) if closed else None))
    cases = Case.objects.bulk_create(cases, batch_size=1000)
    links = []
    for i, case in enumerate(cases):
        for k in range(i % 3):  # 0, 1 or 2 petitioners
            links.append(CasePetitioner(case=case, person=persons[(i + k * 7) % len(persons)]))
    CasePetitioner.objects.bulk_create(links, batch_size=2000)
    return N


def snapshot() -> Counter:
    from sixia.cases.models import Case, CasePetitioner

    people: dict[int, list] = {}
    for link in CasePetitioner.objects.values("case_id", "person__name", "person__id_number_index",
                                              "person__phone_index"):
        people.setdefault(link["case_id"], []).append(
            (link["person__name"], link["person__id_number_index"], link["person__phone_index"]))
    return Counter(
        (c["title"], c["content"], c["channel"], c["track"], c["demand_type"], c["petition_class"], c["region_id"],
         c["category__code"], c["respondent"], c["occurred_at"], c["registered_at"], c["state"], c["closed_at"],
         tuple(sorted(people.get(c["pk"], []))))
        for c in Case.objects.values("pk", "title", "content", "channel", "track", "demand_type", "petition_class",
                                     "region_id", "category__code", "respondent", "occurred_at", "registered_at",
                                     "state", "closed_at"))


def empty_the_database() -> None:
    from sixia.cases.models import Case, CaseEvent, CasePetitioner, TrackingSequence
    from sixia.people.models import Person

    CasePetitioner.objects.all().delete()
    CaseEvent.objects.all()._raw_delete(CaseEvent.objects.db)
    Case.objects.all().delete()
    Person.objects.all().delete()
    TrackingSequence.objects.all().delete()


def test_10k_cases_exported_and_reimported_are_the_same_cases(owner, source_cases):
    from sixia.cases.models import Case
    from sixia.core import sheet_reader
    from sixia.people.models import Person
    from sixia.reports import importer, ledger

    before, persons_before = snapshot(), Person.objects.count()
    assert sum(before.values()) == N
    out = io.BytesIO()
    assert ledger.export_ledger(actor=owner, filters=ledger.LedgerFilter(), out=out, full_personal=True) == N

    empty_the_database()
    assert Case.objects.count() == 0 and Person.objects.count() == 0

    sheet = sheet_reader.read(io.BytesIO(out.getvalue()))
    assert len(sheet.rows) == N
    mapping = sheet_reader.suggest_mapping(sheet.headers)
    assert {"title", "content", "channel", "region", "category", "names", "id_numbers", "phones", "occurred_at",
            "registered_at", "state", "closed_at", "original_no"} <= set(mapping)
    result = importer.run_import(actor=owner, sheet=sheet, mapping=mapping, batch_id=1)
    assert result.errors == [] and result.created == N

    after = snapshot()
    assert after == before
    assert Person.objects.count() == persons_before  # the same persons, found again through the blind indexes
    assert importer.imported_cases(1).count() == N
