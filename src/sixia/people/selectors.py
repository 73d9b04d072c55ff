from __future__ import annotations

import contextlib

from django.db.models import Q, QuerySet

from sixia.core import jurisdiction
from sixia.core.errors import InvalidInput
from sixia.core.personal import id_number_index, phone_index
from sixia.people.models import Person


def persons_for(user, *, q: str = "", region_code: str = "") -> QuerySet[Person]:
    """Persons in the user's jurisdiction. ``q`` matches a name, or exactly an ID number / phone (via the
    blind index — the database never sees the clear value)."""
    qs = jurisdiction.scope(Person.objects.select_related("region"), user)
    if region_code:
        qs = qs.filter(region__code__startswith=region_code)
    q = (q or "").strip()
    if q:
        cond = Q(name__contains=q)
        for index_of, field in ((id_number_index, "id_number_index"), (phone_index, "phone_index")):
            with contextlib.suppress(InvalidInput):
                cond |= Q(**{field: index_of(q)})
        qs = qs.filter(cond)
    return qs


def get_person(user, person_id: int) -> Person:
    return jurisdiction.get_scoped(Person.objects.select_related("region"), user, pk=person_id)
