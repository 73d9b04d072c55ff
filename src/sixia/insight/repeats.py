"""Repeated petitions (重复件) — adapter between the cases and the pure engine ``engines.insight.repeats``.

* :func:`index_case` keeps a case's signature and band keys in step with its text (called on save).
* :func:`find_repeats` (intake: raw title, content and petitioners) and :func:`repeats_of_case` (an existing
  case) return candidate earlier cases inside the user's view, with similarity, identity match, state and
  unit, plus the 越级 / 三多 flags.
* :func:`mark_repeated` marks a case as 重复件 and merges it into the main case (并单) through the workflow.

Identity is matched only through the blind indexes (``Person.id_number_index``, ``phone_index``,
``name_address_index``): nothing is decrypted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from sixia.cases import selectors as case_selectors
from sixia.cases import workflow
from sixia.cases.models import Case, CaseEvent, CasePetitioner
from sixia.cases.services import perform_action
from sixia.cases.services.intake import event_row, record_event
from sixia.core import audit, permissions
from sixia.core.errors import Conflict, InvalidInput
from sixia.core.personal import id_number_index, name_address_index, phone_index
from sixia.engines.insight import repeats as engine
from sixia.geo.models import level_of_code
from sixia.insight import permissions as rights
from sixia.insight.models import CaseBand, CaseSignature, RepeatSettings
from sixia.people.models import Person

MAX_TEXT_CANDIDATES = 500
MAX_IDENTITY_CASES = 500


@lru_cache(maxsize=1)
def hasher() -> engine.Hasher:
    return engine.Hasher()


def case_text(title: str, content: str) -> str:
    return f"{title or ''}\n{content or ''}"


def cached_settings() -> RepeatSettings:
    """``RepeatSettings.current()`` cached per process (``sixia.core.rowcache``), for readers on every intake."""
    from sixia.core import rowcache

    rowcache.register("repeat_settings", RepeatSettings)
    return rowcache.get("repeat_settings", RepeatSettings.current)


# ---- index ----


def index_case(case: Case, *, new: bool = False) -> bool:
    """(Re)write the signature and band keys of one case when its text or the signature version changed.
    ``new``: a case just inserted, which has no index rows yet (two INSERTs, no lookup, no DELETE)."""
    h = hasher()
    text = case_text(case.title, case.content)
    key = engine.exact_key(text)
    sig = None
    if not new:
        row = CaseSignature.objects.filter(case_id=case.pk).only("exact_key", "version").first()
        if row is not None and row.exact_key == key and row.version == h.config.version:
            return False
        sig = h.signature(text)
        CaseSignature.objects.update_or_create(case_id=case.pk, defaults={
            "version": h.config.version, "exact_key": key, "signature": engine.to_bytes(sig)})
        CaseBand.objects.filter(case_id=case.pk).delete()
    else:
        sig = h.signature(text)
        CaseSignature.objects.bulk_create([CaseSignature(case_id=case.pk, version=h.config.version, exact_key=key,
                                                         signature=engine.to_bytes(sig))])
    CaseBand.objects.bulk_create([CaseBand(case_id=case.pk, key=k) for k in h.band_keys(sig)])
    return True


def index_later(case_ids: list[int]) -> None:
    """Index these cases after the transaction commits, on the task queue (``insight.tasks``); the periodic
    ``index_missing`` catches any whose task was lost."""
    from sixia.insight.tasks import index_cases

    # robust: a queue that does not answer is logged, never a 500 for a committed registration (the periodic
    # task indexes the case later)
    transaction.on_commit(lambda: index_cases(case_ids), robust=True)


def index_missing(*, batch: int = 1000) -> int:
    """Index the cases that have no signature yet (a lost task, an index rebuilt); returns the count."""
    return reindex(Case.objects.filter(~Exists(CaseSignature.objects.filter(case_id=OuterRef("pk")))), batch=batch)


def reindex(qs=None, *, batch: int = 1000) -> int:
    """Index every case (or the given queryset) whose signature is missing or stale; returns the count."""
    qs = (qs if qs is not None else Case.objects.all()).only("pk", "title", "content").order_by("pk")
    done = 0
    last = 0
    while True:
        rows = list(qs.filter(pk__gt=last)[:batch])
        if not rows:
            return done
        with transaction.atomic():
            done += sum(index_case(c) for c in rows)
        last = rows[-1].pk


# ---- identity keys (blind indexes only) ----


def _key(prefix: str, index, raw: str) -> str | None:
    """The blind-index key of a value, or None while it is still incomplete (the intake form asks as the
    dispatcher types; a half-typed ID number must not turn the whole query into an error)."""
    try:
        return prefix + index(raw)
    except InvalidInput:
        return None


def identity_keys_from_input(petitioners: list[dict]) -> set[str]:
    keys: set[str] = set()
    for p in petitioners or []:
        name, address = (p.get("name") or "").strip(), (p.get("address") or "").strip()
        if (p.get("id_number") or "").strip():
            keys.add(_key("id:", id_number_index, p["id_number"]) or "")
        if (p.get("phone") or "").strip():
            keys.add(_key("phone:", phone_index, p["phone"]) or "")
        if name and address:
            keys.add("na:" + name_address_index(name, address))
        if p.get("person_id"):
            keys.add(f"person:{int(p['person_id'])}")
    keys.discard("")
    return keys


def _person_keys(person: Person) -> set[str]:
    keys = {f"person:{person.pk}"}
    if person.id_number_index:
        keys.add("id:" + person.id_number_index)
    if person.phone_index:
        keys.add("phone:" + person.phone_index)
    if person.name_address_index:
        keys.add("na:" + person.name_address_index)
    return keys


def identity_keys_of_case(case: Case) -> set[str]:
    keys: set[str] = set()
    for link in CasePetitioner.objects.filter(case=case).select_related("person"):
        keys |= _person_keys(link.person)
    return keys


def _persons_q(keys: set[str]):
    """The persons sharing any identity key (a queryset on the three indexed columns)."""
    by_kind: dict[str, list[str]] = {"id": [], "phone": [], "na": [], "person": []}
    for k in keys:
        kind, _, value = k.partition(":")
        by_kind.setdefault(kind, []).append(value)
    q = Q(pk__in=[])
    if by_kind["id"]:
        q |= Q(id_number_index__in=by_kind["id"])
    if by_kind["phone"]:
        q |= Q(phone_index__in=by_kind["phone"])
    if by_kind["na"]:
        q |= Q(name_address_index__in=by_kind["na"])
    if by_kind["person"]:
        q |= Q(pk__in=[int(v) for v in by_kind["person"]])
    return Person.objects.filter(q)


def _persons_for_keys(keys: set[str]) -> dict[int, set[str]]:
    """Persons sharing any identity key, with their own keys (one query on the three indexed columns)."""
    people = _persons_q(keys).only("pk", "id_number_index", "phone_index", "name_address_index")
    return {p.pk: _person_keys(p) for p in people}


# ---- search ----


@dataclass
class RepeatResult:
    candidates: list[dict]
    flags: dict = field(default_factory=dict)


def _rules(s: RepeatSettings) -> engine.RepeatRules:
    return engine.RepeatRules(min_similarity=s.min_similarity, identity_min_similarity=s.identity_min_similarity,
                              repeat_similarity=s.repeat_similarity, limit=s.limit)


def _scoped(user, settings: RepeatSettings, now: datetime):
    qs = case_selectors.visible_cases(user)
    if settings.lookback_days:
        qs = qs.filter(registered_at__gte=now - timedelta(days=settings.lookback_days))
    return qs


def _search(user, *, title: str, text: str, keys: set[str], region_code: str, filing: engine.Filing,
            exclude_id: int | None, now: datetime) -> RepeatResult:
    settings = RepeatSettings.current()
    rules = _rules(settings)
    h = hasher()
    sig = h.signature(text)
    exact = engine.exact_key(text)
    visible = _scoped(user, settings, now)
    if exclude_id:
        visible = visible.exclude(pk=exclude_id)
    text_ids = set(CaseBand.objects.filter(key__in=h.band_keys(sig), case__in=visible.values("pk"))
                   .values_list("case_id", flat=True).distinct()[:MAX_TEXT_CANDIDATES])
    persons = _persons_for_keys(keys) if keys else {}
    person_of_case: dict[int, set[int]] = {}
    if persons:
        links = (CasePetitioner.objects.filter(person_id__in=persons, case__in=visible.values("pk"))
                 .order_by("-case_id").values_list("case_id", "person_id")[:MAX_IDENTITY_CASES])
        for case_id, person_id in links:
            person_of_case.setdefault(case_id, set()).add(person_id)
    ids = text_ids | set(person_of_case)
    sigs = {row.case_id: row for row in CaseSignature.objects.filter(case_id__in=ids)}
    titles = dict(Case.objects.filter(pk__in=ids).values_list("pk", "title"))
    found = []
    for case_id in ids:
        row = sigs.get(case_id)
        sim = engine.similarity(sig, engine.from_bytes(row.signature)) if row is not None else 0.0
        same = any(keys & persons[p] for p in person_of_case.get(case_id, ()))
        found.append(engine.Candidate(
            case_id, sim, same, row is not None and row.exact_key == exact,
            engine.title_similarity(title, titles.get(case_id, "")) if same else 0.0))
    ranked = engine.rank(found, rules)
    cases = {c.pk: c for c in Case.objects.filter(pk__in=[c.key for c in ranked]).select_related(
        "responsible_unit", "first_receiver__region")}
    out = []
    for c in ranked:
        case = cases[c.key]
        unit = case.responsible_unit
        out.append({
            "case_id": case.pk, "tracking_no": case.tracking_no, "similarity": round(c.score, 3),
            "text_similarity": round(c.similarity, 3),
            "identity_match": c.identity_match, "exact": c.exact, "is_repeat": engine.is_repeat(c, rules),
            "state": case.state, "state_label": workflow.STATES.get(case.state, case.state),
            "unit": unit.name if unit is not None else "",
            "title": case.title, "region_code": case.region_id, "registered_at": case.registered_at.isoformat(),
        })
    repeats = [cases[c.key] for c in ranked if engine.is_repeat(c, rules)]
    flags = _flags(settings, region_code=region_code, filing=filing, repeats=repeats)
    for item in out:
        item["finalized_same_matter"] = item["is_repeat"] and item["identity_match"] and item["state"] == FINALIZED
    flags["finalized_repeat"] = any(item["finalized_same_matter"] for item in out)
    return RepeatResult(out, flags)


FINALIZED = "finalized"
FINALIZED_NOTICE_ZH = "同一诉求人的同一事项已复核终结：同一事实和理由再次提出的，可不再受理（信访工作条例第36条第3款）"
FINALIZED_NOTICE_EN = ("the same person's same matter was finalized after re-review: raised again on the same facts "
                       "and reasons it need not be accepted (信访工作条例 art. 36 ¶3)")


def finalized_warnings(user, case: Case, *, now: datetime | None = None,
                       persons: list[Person] | None = None) -> list[dict]:
    """Intake warnings for ``case``: the earlier cases of the same person and the same matter that were
    finalized (终结). The desk is told it need not accept the matter again (条例第36条第3款, 第19条第3款); it
    decides — nothing is refused automatically.

    A warning needs the same person, so the (costly) similarity search runs only when a person sharing an
    identity key with this case's petitioners has a finalized case at all: one indexed EXISTS on every intake
    instead of a full repeat search (which made each registration ~20× dearer on 100k cases). ``persons``: the
    case's petitioners when the caller has them (the intake), saving their read."""
    if persons is None:
        keys = identity_keys_of_case(case)
    else:
        keys = set().union(*(_person_keys(p) for p in persons)) if persons else set()
    if not keys:
        return []
    finalized = Case.objects.filter(state=FINALIZED, petitioners__person__in=_persons_q(keys)).exclude(pk=case.pk)
    if not finalized.exists():
        return []
    result = repeats_of_case(user, case, now=now)
    return [{"code": "finalized_repeat", "message": f"{FINALIZED_NOTICE_ZH} ({FINALIZED_NOTICE_EN})",
             "message_zh": FINALIZED_NOTICE_ZH, "case_id": row["case_id"], "tracking_no": row["tracking_no"]}
            for row in result.candidates if row["finalized_same_matter"]]


def _flags(settings: RepeatSettings, *, region_code: str, filing: engine.Filing, repeats: list[Case]) -> dict:
    """越级 of this filing; 三多 over this filing and the earlier filings of the same person + matter."""
    over = bool(region_code) and engine.is_over_level(
        matter_level=level_of_code(region_code), receiver_level=filing.level,
        rule=engine.OverLevelRule(competent_level=settings.competent_level))
    filings = [filing]
    for case in repeats:
        unit = case.first_receiver
        filings.append(engine.Filing(timezone.localtime(case.registered_at).year,
                                     level_of_code(unit.region_id) if unit else None, unit.pk if unit else None))
    three = engine.three_many(filings, engine.ThreeManyRule(settings.three_many_years, settings.three_many_levels,
                                                            settings.three_many_bodies))
    return {"over_level": over, "repeat_count": len(repeats)} | three.as_dict()


def _receiver_level(unit) -> int | None:
    return level_of_code(unit.region_id) if unit is not None else None


def find_repeats(user, *, title: str, content: str, region_code: str, petitioners: list[dict] | None = None,
                 now: datetime | None = None) -> RepeatResult:
    """Candidates for a demand being registered now by ``user`` (whose unit is the receiving body)."""
    title, content, region_code = (title or "").strip(), (content or "").strip(), (region_code or "").strip()
    if not (title or content):
        raise InvalidInput("text_required", "请填写标题或诉求内容", "title or content is required", field="content")
    if region_code:  # optional while the form is being filled in; only the 越级 flag needs it
        try:
            level_of_code(region_code)
        except ValueError:
            raise InvalidInput("unknown_region", f"行政区划代码 {region_code} 无效", "invalid region code",
                               field="region_code")
    now = now or timezone.now()
    unit = getattr(user, "unit", None)
    filing = engine.Filing(timezone.localtime(now).year, _receiver_level(unit), unit.pk if unit else None)
    return _search(user, title=title, text=case_text(title, content),
                   keys=identity_keys_from_input(petitioners or []),
                   region_code=region_code, filing=filing, exclude_id=None, now=now)


def repeats_of_case(user, case: Case, *, now: datetime | None = None) -> RepeatResult:
    """Candidates for an existing case (earlier or later cases of the same matter), excluding itself."""
    index_case(case)
    unit = case.first_receiver
    filing = engine.Filing(timezone.localtime(case.registered_at).year, _receiver_level(unit), case.first_receiver_id)
    return _search(user, title=case.title, text=case_text(case.title, case.content),
                   keys=identity_keys_of_case(case),
                   region_code=case.region_id, filing=filing, exclude_id=case.pk, now=now or timezone.now())


# ---- writes ----


def mark_repeated(*, actor, case: Case, into: Case, reason: str, similarity: float | None = None,
                  now: datetime | None = None) -> Case:
    """重复件 + 并单: merge ``case`` into the main case ``into`` through the workflow, flag it as repeated and
    write an entry in both case files (the main case's file lists what was merged into it)."""
    permissions.require(actor, rights.CONFIRM)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("reason_required", "并单须填写理由", "merging needs a reason", field="reason")
    if case.is_repeated and case.merged_into_id:
        raise Conflict("already_merged", "该诉求已作为重复件并单", "the case is already merged as a repeat")
    now = now or timezone.now()
    with transaction.atomic():
        merged = perform_action(actor=actor, case=case, action="merge",
                                args={"into_id": into.pk, "reason": reason}, now=now)
        Case.objects.filter(pk=merged.pk).update(is_repeated=True)
        merged.is_repeated = True
        data = {"into_id": into.pk, "into_tracking_no": into.tracking_no, "similarity": similarity}
        record_event(case=merged, actor=actor, action="mark_repeated", from_state=merged.state,
                     to_state=merged.state, at=now, reason=reason, data=data, public=False)
        record_event(case=into, actor=actor, action="merged_in", from_state=into.state, to_state=into.state,
                     at=now, reason=reason, data={"case_id": merged.pk, "tracking_no": merged.tracking_no,
                                                  "similarity": similarity}, public=False)
        audit.record(audit.Action.ACTION, obj=merged, actor=actor,
                     summary=f"重复件并单 {merged.tracking_no} → {into.tracking_no}",
                     changes={"is_repeated": [False, True], "merged_into": into.tracking_no})
    return merged


def flag_over_level(cases: list[Case], *, actor, now: datetime) -> list[Case]:
    """越级 of newly registered cases (``insight.case_hooks``): the rule read once, one UPDATE and one
    ``bulk_create`` of ``flag_over_level`` events for the flagged ones, an audit entry per case (one for the
    whole batch when a ledger import flags several). Returns the flagged cases."""
    if not cases:
        return []
    rule = engine.OverLevelRule(competent_level=cached_settings().competent_level)
    flagged = [c for c in cases if not c.is_over_level and engine.is_over_level(
        matter_level=level_of_code(c.region_id), receiver_level=_receiver_level(c.first_receiver), rule=rule)]
    if not flagged:
        return []
    Case.objects.filter(pk__in=[c.pk for c in flagged]).update(is_over_level=True)
    events = []
    for case in flagged:
        case.is_over_level = True
        unit = case.first_receiver
        events.append(event_row(case=case, actor=actor, action="flag_over_level", from_state=case.state,
                                to_state=case.state, at=now,
                                data={"over_level": True, "receiver": unit.name if unit else ""}))
    CaseEvent.objects.bulk_create(events)
    if len(flagged) == 1:
        audit.record(audit.Action.UPDATE, obj=flagged[0], actor=actor, summary=f"越级标记 {flagged[0].tracking_no}",
                     changes={"is_over_level": [False, True]})
    else:
        audit.record(audit.Action.UPDATE, actor=actor, object_type="cases.case", object_id="",
                     summary=f"越级标记 {len(flagged)} 件", changes={"is_over_level": [False, True],
                                                                   "cases": [c.pk for c in flagged]})
    return flagged


def apply_over_level(*, actor, case: Case, now: datetime | None = None) -> bool:
    """Set the 越级 flag of a case from the rule (receiving body's level vs the matter's); records the change."""
    settings = RepeatSettings.current()
    unit = case.first_receiver
    over = engine.is_over_level(matter_level=level_of_code(case.region_id), receiver_level=_receiver_level(unit),
                                rule=engine.OverLevelRule(competent_level=settings.competent_level))
    if over == case.is_over_level:
        return over
    now = now or timezone.now()
    with transaction.atomic():
        Case.objects.filter(pk=case.pk).update(is_over_level=over)
        case.is_over_level = over
        record_event(case=case, actor=actor, action="flag_over_level", from_state=case.state, to_state=case.state,
                     at=now, data={"over_level": over, "receiver": unit.name if unit else ""})
        audit.record(audit.Action.UPDATE, obj=case, actor=actor, summary=f"越级标记 {case.tracking_no}",
                     changes={"is_over_level": [not over, over]})
    return over
