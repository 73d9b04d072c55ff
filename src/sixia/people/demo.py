"""Demo persons: about 2,000 residents of 霞浦县 with realistic names, addresses, ID numbers and phones."""

from __future__ import annotations

from faker import Faker

from sixia.org.demo import DemoContext, id_number, mobile
from sixia.people.models import Person
from sixia.people.services import create_person

ORDER = 10


def populate(ctx: DemoContext, *, persons: int = 2000) -> None:
    fake = Faker("zh_CN")
    fake.seed_instance(ctx.rng.randint(0, 2**31))
    villages = ctx.villages or ctx.townships
    for _ in range(persons):
        village = ctx.rng.choice(villages)
        township = next((t for t in ctx.townships if village.code.startswith(t.code)), None)
        address = f"福建省宁德市霞浦县{township.name if township else ''}{village.name}{ctx.rng.randint(1, 199)}号"
        ctx.persons.append(create_person(
            actor=None, name=fake.name(), region_code=village.code, id_number=id_number(ctx.rng),
            phone=mobile(ctx.rng), address=address, kind=Person.Kind.PERSON))
