"""Creating thousands of validated cases in one transaction, set-based.

Measured first (docs/benchmarks-ledgers.md): ``create_case`` per row costs ~15 ms of queries (tracking
sequence, person lookup, deadline policy and calendar, case, petitioners, event, audit) plus the repeat index
written by a ``post_save`` signal (~30 ms): 10k rows took minutes. This path writes the same rows as
``sixia.cases.services.intake.create_case`` does, in bulk:

- persons are found through the blind indexes exactly as ``resolve_person`` finds them (ID number first, then
  phone + name), several petitioners of the import who are one person become one record, new persons are
  sealed (token + index + mask) as ``people.services.create_person`` seals them;
- tracking numbers come from the same per-county-and-day sequence, reserved a range at a time;
- the acceptance clock is the one ``deadlines.clock_for`` gives (policy looked up once per key, the calendar
  loaded once);
- each case gets its ``register`` event, and an ``import`` event (batch, row, original number; for a case the
  ledger marks 已办结 the close, with the clock stopped);
- audit: one entry for the whole import (rows, cases, persons created, id range) instead of one per row;
- the after-register hook (``intake.after_register``: the 越级 flag) runs once for all the new cases;
- the repeat index (insight) is rebuilt for the new cases by a background job after commit.

``tests/reports/test_import.py`` checks that a case imported here equals one made by ``create_case``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sixia.cases import deadlines
from sixia.cases.models import Case, CaseEvent, CasePetitioner, Category, TrackingSequence
from sixia.cases.services.intake import COLLECTIVE_MIN, after_register, apply_clock
from sixia.cases.services.tracking import check_letters
from sixia.cases.workflow import initial_state
from sixia.core import audit
from sixia.core.identity import normalize_id_number
from sixia.core.personal import id_number_index, phone_index, seal_id_number, seal_phone
from sixia.engines import deadlines as deadline_engine
from sixia.people.models import Person

CHUNK = 1000


@dataclass
class BulkRow:
    row: int
    track: str
    data: dict[str, Any]  # channel, title, content, region_code, demand_type, petition_class, category, …
    state: str
    registered_at: datetime
    closed_at: datetime | None
    original_no: str


def _chunks(items: list, size: int = CHUNK):
    for i in range(0, len(items), size):
        yield items[i:i + size]


class _People:
    """Find-or-create persons like ``resolve_person``, for all petitioners of the import at once."""

    def __init__(self, rows: list[BulkRow]):
        ids, phones = set(), set()
        for r in rows:
            for p in r.data["petitioners"]:
                if p.get("id_number"):
                    ids.add(id_number_index(p["id_number"]))
                if p.get("phone"):
                    phones.add(phone_index(p["phone"]))
        self.by_id: dict[str, Any] = {}
        self.by_phone: dict[tuple[str, str], Any] = {}
        for chunk in _chunks(sorted(ids)):
            for pk, idx in Person.objects.filter(id_number_index__in=chunk).order_by("-pk").values_list(
                    "pk", "id_number_index"):
                self.by_id[idx] = pk  # descending: the lowest pk wins, as ``order_by("pk").first()``
        for chunk in _chunks(sorted(phones)):
            for pk, idx, name in Person.objects.filter(phone_index__in=chunk).order_by("-pk").values_list(
                    "pk", "phone_index", "name"):
                self.by_phone[(idx, name)] = pk
        self.new: list[Person] = []

    def resolve(self, item: dict[str, str], region_code: str) -> Any:
        """A person's pk, or the not-yet-saved Person that stands for it."""
        name, id_number, phone = item["name"], item.get("id_number", ""), item.get("phone", "")
        id_idx = id_number_index(id_number) if id_number else ""
        ph_idx = phone_index(phone) if phone else ""
        found = self.by_id.get(id_idx) if id_idx else None
        if found is None and ph_idx:
            found = self.by_phone.get((ph_idx, name))
        if found is not None:
            return found
        sid, sphone = seal_id_number(id_number), seal_phone(phone)
        gender = ""
        if sid.token:  # GB 11643: the 17th digit is odd for men (as create_person does)
            gender = "M" if int(normalize_id_number(id_number)[16]) % 2 else "F"
        person = Person(kind=Person.Kind.PERSON, name=name, gender=gender, region_id=region_code,
                        id_number_token=sid.token, id_number_index=sid.index, id_number_masked=sid.masked,
                        phone_token=sphone.token, phone_index=sphone.index, phone_masked=sphone.masked)
        self.new.append(person)
        if id_idx:
            self.by_id[id_idx] = person
        if ph_idx:
            self.by_phone.setdefault((ph_idx, name), person)
        return person

    def save(self) -> None:
        Person.objects.bulk_create(self.new, batch_size=CHUNK)


class _Clocks:
    """The acceptance clock of ``deadlines.clock_for``, with policies and the calendar looked up once."""

    def __init__(self) -> None:
        self.calendar = deadlines.load_calendar()
        self.levels = deadlines.warning_levels()
        self.policies: dict[tuple, Any] = {}

    def accept(self, case: Case, category_code: str, start: datetime) -> deadline_engine.StepClock:
        kind_key = case.petition_class if case.track == "petition" else case.demand_type
        key = (case.region_id, case.track, kind_key, category_code)
        if key not in self.policies:
            self.policies[key] = deadlines.policy_for(region_code=case.region_id, track=case.track,
                                                      kind_key=kind_key, category_code=category_code, step="accept")
        policy = self.policies[key]
        if policy is None:
            return deadline_engine.StepClock("accept", start, None, None, None)
        due = deadlines.add(start, policy.amount, policy.kind, self.calendar)
        return deadline_engine.with_thresholds("accept", start, due, self.levels)


def _same(a: Any, b: Any) -> bool:
    """Two resolved petitioners are one person: equal pks, or the same not-yet-saved Person."""
    return a is b or (isinstance(a, int) and isinstance(b, int) and a == b)


def _tracking_numbers(keys: list[str]) -> list[str]:
    """Reserve, per county-and-day key, a range of the sequence ``next_tracking_no`` draws from."""
    counts: dict[str, int] = defaultdict(int)
    for key in keys:
        counts[key] += 1
    nxt: dict[str, int] = {}
    for key, n in sorted(counts.items()):
        TrackingSequence.objects.get_or_create(key=key)
        TrackingSequence.objects.filter(key=key).update(value=F("value") + n)
        end = TrackingSequence.objects.select_for_update().values_list("value", flat=True).get(key=key)
        nxt[key] = end - n + 1
    out = []
    for key in keys:
        body = f"{key}-{nxt[key]:04d}"
        nxt[key] += 1
        out.append(f"{body}-{check_letters(body)}")
    return out


def _event(case: Case, actor, **kw) -> CaseEvent:
    unit = getattr(actor, "unit", None) if actor is not None else None
    return CaseEvent(case=case, actor=actor if getattr(actor, "pk", None) else None,
                     actor_name=(getattr(actor, "display_name", "") or getattr(actor, "username", "") or "系统")[:150],
                     actor_unit=(unit.name if unit else "")[:100], **kw)


def create_all(*, actor, rows: list[BulkRow], source_type: str, batch_id: int | None,
               now: datetime | None = None) -> list[int]:
    """Create every row's case; returns the new case ids. Call inside a transaction (rolled back on error)."""
    now = now or timezone.now()
    categories = dict(Category.objects.values_list("code", "pk"))
    people = _People(rows)
    clocks = _Clocks()
    links: list[list[tuple[Any, str]]] = []
    for r in rows:
        seen: list[tuple[Any, str]] = []
        for item in r.data["petitioners"]:
            p = people.resolve(item, r.data["region_code"])
            if not any(_same(p, q) for q, _ in seen):  # one person named twice in a row: one link
                seen.append((p, item.get("role") or CasePetitioner.Role.PETITIONER))
        links.append(seen)
    people.save()
    numbers = _tracking_numbers([f"{r.data['region_code'][:6]}-{deadlines.local_date(r.registered_at):%y%m%d}"
                                 for r in rows])
    unit = getattr(actor, "unit", None)
    creator = actor if getattr(actor, "pk", None) else None
    cases = []
    for r, number, linked in zip(rows, numbers, links, strict=True):
        d = r.data
        case = Case(tracking_no=number, track=r.track, channel=d["channel"], demand_type=d["demand_type"],
                    petition_class=d["petition_class"], category_id=categories.get(d["category"]) if d["category"]
                    else None, title=d["title"][:200], content=d["content"], region_id=d["region_code"],
                    respondent=d["respondent"], occurred_at=d["occurred_at"], registered_at=r.registered_at,
                    state=initial_state(r.track), is_collective=len(linked) >= COLLECTIVE_MIN,
                    headcount=max(len(linked), 1), first_receiver=unit,
                    source_type=source_type, source_id=batch_id, created_by=creator)
        clock = clocks.accept(case, d["category"], r.registered_at)
        case.accept_due = clock.due_at
        apply_clock(case, clock, now)
        if r.state == "closed":
            case.state, case.closed_at, case.version = "closed", r.closed_at or now, 2
            apply_clock(case, None, now)
        cases.append(case)
    Case.objects.bulk_create(cases, batch_size=CHUNK)
    petitioners, events = [], []
    for r, case, linked in zip(rows, cases, links, strict=True):
        ids = []
        for p, role in linked:
            pk = p if isinstance(p, int) else p.pk
            ids.append(pk)
            petitioners.append(CasePetitioner(case=case, person_id=pk, role=role))
        initial = initial_state(r.track)
        events.append(_event(case, actor, action="register", from_state="", to_state=initial, at=r.registered_at,
                             data={"channel": case.channel, "petitioners": ids,
                                   "source": f"{source_type}:{batch_id}"}, public=True))
        provenance = {"batch": batch_id, "row": r.row, "original_no": r.original_no}
        if case.state == "closed":
            events.append(_event(case, actor, action="import", from_state=initial, to_state="closed", at=now,
                                 reason="自原台账导入：原状态为已办结",
                                 data=provenance | {"closed_at": case.closed_at.isoformat() if case.closed_at else ""}))
        else:
            events.append(_event(case, actor, action="import", from_state=initial, to_state=initial, at=now,
                                 reason="自原台账导入", data=provenance))
    CasePetitioner.objects.bulk_create(petitioners, batch_size=CHUNK)
    CaseEvent.objects.bulk_create(events, batch_size=CHUNK)
    after_register(cases, actor=actor, now=now)  # as create_case does (越级 …), for the whole batch at once
    case_ids = [c.pk for c in cases]
    audit.record(audit.Action.CREATE, actor=actor, object_type="cases.case", object_id=batch_id or "",
                 summary=f"台账导入登记诉求 {len(cases)} 件，新增群众 {len(people.new)} 人",
                 changes={"cases": len(cases), "persons": len(people.new), "source": f"{source_type}:{batch_id}",
                          "first_case": min(case_ids, default=None), "last_case": max(case_ids, default=None)})
    transaction.on_commit(lambda: _index_later(case_ids))
    return case_ids


def _index_later(case_ids: list[int]) -> None:
    from sixia.reports.tasks import index_imported_cases

    index_imported_cases(case_ids)
