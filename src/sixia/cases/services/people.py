"""Find-or-create the persons behind a case (一人一表) through the blind indexes."""

from __future__ import annotations

from django.db.models import Case, Value, When

from sixia.cases.models import CasePetitioner
from sixia.core import jurisdiction
from sixia.core.errors import InvalidInput, NotFound
from sixia.core.personal import id_number_index, phone_index
from sixia.people.models import Person
from sixia.people.services import create_person

ROLES = {c.value for c in CasePetitioner.Role}


def resolve_person(*, actor, item: dict, region_code: str) -> Person:
    if item.get("person_id"):
        person = Person.objects.filter(pk=item["person_id"]).first()
        if person is None or (actor is not None and not jurisdiction.covers(actor, person.region_id)):
            raise NotFound("person_not_found", "群众不存在或不在您的管辖范围内", "person not found")
        return person
    name = (item.get("name") or "").strip()
    if not name:
        raise InvalidInput("name_required", "诉求人姓名不能为空", "petitioner name is required", field="petitioners")
    id_number, phone = (item.get("id_number") or "").strip(), (item.get("phone") or "").strip()
    found = None
    shared = False  # does any other person hold one of this petitioner's identity keys?
    if id_number:
        found = Person.objects.filter(id_number_index=id_number_index(id_number)).order_by("pk").first()
    if found is None and phone:
        # the person of this phone and name; failing that, whether someone else has the phone (one statement)
        first = (Person.objects.filter(phone_index=phone_index(phone))
                 .annotate(same_name=Case(When(name=name, then=Value(True)), default=Value(False)))
                 .order_by("-same_name", "pk").first())
        if first is not None:
            found, shared = (first, False) if first.same_name else (None, True)
    if found is not None:
        return found
    address = (item.get("address") or "").strip()
    person = create_person(actor=None, name=name, region_code=region_code, id_number=id_number, phone=phone,
                           address=address)
    # A new person whose ID number and phone nobody else has (and without an address, whose name-and-address
    # key was not looked up) can have no finalized case of the same person: the intake skips that check.
    person.identity_unshared = not shared and not address
    return person


def check_role(role: str) -> str:
    role = role or CasePetitioner.Role.PETITIONER
    if role not in ROLES:
        raise InvalidInput("invalid_role", f"诉求人身份无效：{role}", f"invalid petitioner role: {role}",
                           field="petitioners")
    return role
