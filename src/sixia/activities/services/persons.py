"""Visitors of a reception day and households of a visit as persons (一人一表).

The same ID number, else the same phone and name, is the same ``people.Person`` (found through the blind
indexes, never by decrypting), so recording a day again never makes a second person; the phone and the ID
number live only on the person, encrypted — activities keep the person and the masks."""

from __future__ import annotations

from sixia.cases.services.people import resolve_person
from sixia.core.errors import InvalidInput
from sixia.people.models import Person

HOUSEHOLD_TEXT = {"name": 60, "address": 200, "situation": 500, "note": 500}  # what a household row keeps


def resolve(*, actor, name: str, id_number: str = "", phone: str = "", region_code: str,
            field: str) -> Person | None:
    """The person behind a visitor or a household, or ``None`` when neither an ID number nor a phone was given
    (a name alone identifies nobody). An invalid ID number or phone is refused on ``field``."""
    id_number, phone = (id_number or "").strip(), (phone or "").strip()
    if not id_number and not phone:
        return None
    name = (name or "").strip()
    if not name:
        raise InvalidInput("name_required", "填写身份证号或联系电话时须填写姓名", "a name is required with an ID number or "
                           "a phone", field=field)
    try:
        # actor None: creating the person is part of recording the activity (the RECORD right was checked),
        # as intake does for petitioners
        return resolve_person(actor=None, item={"name": name, "id_number": id_number, "phone": phone},
                              region_code=region_code)
    except InvalidInput as exc:
        raise InvalidInput(exc.code, exc.message_zh, exc.message_en, field=field) from exc


def households(*, actor, rows: list, region_code: str) -> tuple[list[dict], list[Person]]:
    """The households of a visit as stored (masks, no clear phone or ID number) and their persons."""
    stored, people = [], []
    for row in rows or []:
        if isinstance(row, str):
            row = {"name": row}
        if not isinstance(row, dict):
            raise InvalidInput("invalid_household", "走访户格式不正确", "a household must be an object", field="households")
        name = str(row.get("name") or "").strip()
        if not name:
            continue
        text: dict[str, str | int] = {key: str(row.get(key) or "").strip() for key in HOUSEHOLD_TEXT if row.get(key)}
        text["name"] = name
        for key, limit in HOUSEHOLD_TEXT.items():
            if len(str(text.get(key, ""))) > limit:
                raise InvalidInput("too_long", f"走访户{key}不能超过{limit}个字",
                                   f"a household's {key} must be at most {limit} characters", field="households")
        person = resolve(actor=actor, name=name, id_number=str(row.get("id_number") or ""),
                         phone=str(row.get("phone") or ""), region_code=region_code, field="households")
        if person is None and row.get("person_id"):  # a person chosen from the register, within the jurisdiction
            person = resolve_person(actor=actor, item={"person_id": row["person_id"]}, region_code=region_code)
        if person is not None:
            people.append(person)
            text |= {"person_id": person.pk, "phone_masked": person.phone_masked,
                     "id_number_masked": person.id_number_masked}
        stored.append(text)
    return stored, people
