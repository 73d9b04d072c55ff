"""Writes to person records, and the audited reveal of personal data."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from sixia.core import audit, crypto, jurisdiction, permissions
from sixia.core.errors import Forbidden, InvalidInput, NotFound
from sixia.core.personal import name_address_index, seal_id_number, seal_phone
from sixia.geo.lookup import region_by_code
from sixia.geo.models import Region
from sixia.people import permissions as rights
from sixia.people.models import Person


def _check_region(actor, region_code: str) -> Region:
    region = region_by_code(region_code)
    if region is None:
        raise InvalidInput("unknown_region", f"行政区划代码 {region_code} 不存在", "unknown region code",
                           field="region_code")
    if actor is not None and not jurisdiction.covers(actor, region_code):
        raise Forbidden("outside_jurisdiction", "该区划不在您的管辖范围内", "region outside your jurisdiction")
    return region


def create_person(*, actor, name: str, region_code: str, id_number: str = "", phone: str = "",
                  address: str = "", gender: str = "", kind: str = Person.Kind.PERSON, notes: str = "",
                  language: str = "") -> Person:
    permissions.require(actor, rights.REGISTER)
    language = _check_language(language)
    name = (name or "").strip()
    if not name:
        raise InvalidInput("name_required", "姓名不能为空", "name is required", field="name")
    region = _check_region(actor, region_code)
    sealed_id, sealed_phone = seal_id_number(id_number), seal_phone(phone)
    if not gender and sealed_id.token:  # GB 11643: the 17th digit is odd for men
        from sixia.core.identity import normalize_id_number

        gender = "M" if int(normalize_id_number(id_number)[16]) % 2 else "F"
    # Checked and sealed before anything is written, so no savepoint is needed inside the caller's transaction
    # (a registration creates its petitioners this way).
    with transaction.atomic(savepoint=False):
        return _insert_person(actor=actor, kind=kind, name=name, gender=gender, region=region, address=address,
                              notes=notes, sealed_id=sealed_id, sealed_phone=sealed_phone, language=language)


def _check_language(language: str) -> str:
    """The language a person is told in (the SMS templates exist per language); empty: the default."""
    language = (language or "").strip() or Person._meta.get_field("language").default
    if language not in dict(settings.LANGUAGES):
        raise InvalidInput("bad_language", "告知语言不在可选范围内", "unknown notice language", field="language")
    return language


def _insert_person(*, actor, kind, name, gender, region, address, notes, sealed_id, sealed_phone,
                   language) -> Person:
    person = Person.objects.create(
        kind=kind, name=name, gender=gender, region=region, address=address.strip(), notes=notes, language=language,
        id_number_token=sealed_id.token, id_number_index=sealed_id.index, id_number_masked=sealed_id.masked,
        phone_token=sealed_phone.token, phone_index=sealed_phone.index, phone_masked=sealed_phone.masked,
        name_address_index=name_address_index(name, address) if address.strip() else "",
    )
    audit.record(audit.Action.CREATE, obj=person, actor=actor, summary=f"新增群众 {person.name}",
                 changes={"name": name, "region": region.code, "id_number": sealed_id.masked,
                          "phone": sealed_phone.masked})
    return person


@transaction.atomic
def update_person(*, actor, person: Person, **fields) -> Person:
    permissions.require(actor, rights.REGISTER)
    before = {"name": person.name, "address": person.address, "id_number": person.id_number_masked,
              "phone": person.phone_masked, "region": person.region_id}
    if "region_code" in fields:
        person.region = _check_region(actor, fields.pop("region_code"))
    if "id_number" in fields:
        s = seal_id_number(fields.pop("id_number"))
        person.id_number_token, person.id_number_index, person.id_number_masked = s.token, s.index, s.masked
    if "phone" in fields:
        s = seal_phone(fields.pop("phone"))
        person.phone_token, person.phone_index, person.phone_masked = s.token, s.index, s.masked
    if "language" in fields:
        person.language = _check_language(fields.pop("language"))
    for key in ("name", "address", "gender", "notes"):
        if key in fields:
            setattr(person, key, (fields.pop(key) or "").strip())
    if fields:
        raise InvalidInput("unknown_field", f"未知字段：{', '.join(fields)}", "unknown field")
    if not person.name:
        raise InvalidInput("name_required", "姓名不能为空", "name is required", field="name")
    person.name_address_index = name_address_index(person.name, person.address) if person.address else ""
    person.save()
    after = {"name": person.name, "address": person.address, "id_number": person.id_number_masked,
             "phone": person.phone_masked, "region": person.region_id}
    audit.record(audit.Action.UPDATE, obj=person, actor=actor, summary=f"修改群众 {person.name}",
                 changes=audit.diff(before, after))
    return person


def reveal_by_id(*, actor, person_id: int, field: str, reason: str = "") -> str:
    """``reveal`` of a person named by id: a person outside the actor's jurisdiction (or none) is a 404 like any
    other read, but the attempt is audited too, with the person's region, so that its county auditor sees it."""
    from sixia.people import selectors

    try:
        person = selectors.get_person(actor, person_id)
    except NotFound:
        region = Person.objects.filter(pk=person_id).values_list("region_id", flat=True).first() or ""
        audit.record(audit.Action.VIEW_PERSONAL, object_type="people.person", object_id=person_id, actor=actor,
                     summary=f"查看{field}（管辖范围外或不存在，已拒绝）：{reason}"[:300],
                     changes={"field": field, "refused": "not_found"}, success=False, region_code=region)
        raise
    return reveal(actor=actor, person=person, field=field, reason=reason)


def reveal(*, actor, person: Person, field: str, reason: str = "") -> str:
    """Decrypt one personal field for an authorised user, and record that it was seen (who, what, why)."""
    known = field in Person.PERSONAL_FIELDS
    allowed = known and permissions.allows(actor, rights.REVEAL) and jurisdiction.covers(actor, person.region_id)
    refused = {} if allowed else {"refused": "forbidden" if known else "unknown_field"}
    audit.record(audit.Action.VIEW_PERSONAL, obj=person, actor=actor, summary=f"查看{field}：{reason}"[:300],
                 changes={"field": field[:40]} | refused, success=allowed)  # refused for any reason: recorded
    if not known:
        raise InvalidInput("unknown_field", "无此个人信息字段", "no such personal field")
    if not allowed:
        raise Forbidden("forbidden", "您无权查看完整个人信息", "you may not view personal data in full")
    token = getattr(person, f"{field}_token")
    return crypto.decrypt(token) if token else ""
