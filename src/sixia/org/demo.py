"""Demo organisation of 霞浦县 (350921), where the first leaders' reception day was held in 1988.

Reproducible from a seed: the same seed gives the same units, officials, persons and logins.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from sixia.core.identity import id_check_char
from sixia.geo.models import Level, Region
from sixia.org.models import Linkage, Official, Rank, Unit, User
from sixia.org.roles import Role

COUNTY = "350921"
DEMO_PASSWORD = "Xiapu@1988demo"

COUNTY_UNITS = [
    ("中共霞浦县委员会", Unit.Kind.PARTY, "县委"),
    ("霞浦县人民政府", Unit.Kind.GOVERNMENT, "县政府"),
    ("霞浦县信访局", Unit.Kind.PETITION_OFFICE, "信访局"),
    ("霞浦县委督查室", Unit.Kind.SUPERVISION, "督查室"),
    ("中共霞浦县纪律检查委员会", Unit.Kind.SUPERVISION, "县纪委"),
    ("中共霞浦县委组织部", Unit.Kind.PARTY, "组织部"),
    ("霞浦县住房和城乡建设局", Unit.Kind.DEPARTMENT, "住建局"),
    ("霞浦县自然资源局", Unit.Kind.DEPARTMENT, "自然资源局"),
    ("霞浦县人力资源和社会保障局", Unit.Kind.DEPARTMENT, "人社局"),
    ("霞浦县教育局", Unit.Kind.DEPARTMENT, "教育局"),
    ("霞浦县卫生健康局", Unit.Kind.DEPARTMENT, "卫健局"),
    ("霞浦县交通运输局", Unit.Kind.DEPARTMENT, "交通局"),
    ("宁德市霞浦生态环境局", Unit.Kind.DEPARTMENT, "生态环境局"),
    ("霞浦县市场监督管理局", Unit.Kind.DEPARTMENT, "市场监管局"),
    ("霞浦县农业农村局", Unit.Kind.DEPARTMENT, "农业农村局"),
    ("霞浦县海洋与渔业局", Unit.Kind.DEPARTMENT, "海渔局"),
    ("霞浦县民政局", Unit.Kind.DEPARTMENT, "民政局"),
    ("霞浦县城市管理局", Unit.Kind.DEPARTMENT, "城管局"),
]
SURNAMES = "陈林黄郑吴王张刘李杨许何周蔡叶游江雷魏高余谢施朱苏卢潘翁钟"
GIVEN = "建华明国平志强伟秀英丽芳海燕德成金水春梅玉兰宏斌文杰清泉承松柏晓雨晨阳思远家和"
TITLES_COUNTY = [("县委书记", Rank.COUNTY, True), ("县长", Rank.COUNTY, True), ("常务副县长", Rank.COUNTY, True),
                 ("县委副书记", Rank.COUNTY, True), ("副县长", Rank.COUNTY, True), ("县纪委书记", Rank.COUNTY, True)]


@dataclass
class DemoContext:
    """What the organisation demo built, handed to other apps' demo hooks."""

    rng: random.Random
    county: Region
    townships: list[Region]
    villages: list[Region]
    units: dict[str, Unit] = field(default_factory=dict)
    officials: list[Official] = field(default_factory=list)
    users: dict[str, User] = field(default_factory=dict)
    persons: list = field(default_factory=list)


def chinese_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def id_number(rng: random.Random, region_code: str = COUNTY) -> str:
    born = date(rng.randint(1940, 2004), rng.randint(1, 12), rng.randint(1, 28))
    body = f"{region_code[:6]}{born:%Y%m%d}{rng.randint(0, 999):03d}"
    return body + id_check_char(body)


def mobile(rng: random.Random) -> str:
    return rng.choice(["138", "139", "150", "158", "135", "188", "177", "136"]) + f"{rng.randint(0, 99_999_999):08d}"


def build(seed: int) -> DemoContext:
    from sixia.org import services

    rng = random.Random(seed)
    county = Region.objects.get(code=COUNTY)
    townships = list(Region.objects.filter(code__startswith=COUNTY, level=Level.TOWNSHIP).order_by("code"))
    villages = list(Region.objects.filter(code__startswith=COUNTY, level=Level.VILLAGE).order_by("code"))
    ctx = DemoContext(rng=rng, county=county, townships=townships, villages=villages)

    for name, kind, short in COUNTY_UNITS:
        ctx.units[short] = services.create_unit(actor=None, name=name, kind=kind, region_code=COUNTY,
                                                short_name=short)
    for township in townships:
        unit = services.create_unit(actor=None, name=f"{township.name}人民政府" if not township.name.endswith(
            "街道") else f"{township.name}办事处", kind=Unit.Kind.TOWNSHIP, region_code=township.code,
            short_name=township.name, parent=ctx.units["县政府"])
        ctx.units[township.name] = unit
    for village in rng.sample(villages, k=min(3, len(villages))):
        ctx.units[village.name] = services.create_unit(
            actor=None, name=village.name, kind=Unit.Kind.VILLAGE, region_code=village.code,
            short_name=village.name)

    def official(unit: Unit, title: str, rank: str, leader: bool) -> Official:
        o = services.create_official(actor=None, name=chinese_name(rng), unit=unit, rank=rank, title=title,
                                     is_leader=leader, phone=mobile(rng))
        ctx.officials.append(o)
        return o

    county_leaders = [official(ctx.units["县委"] if "县委" in t else ctx.units["县政府"], t, r, lead)
                      for t, r, lead in TITLES_COUNTY]
    for short in [s for _, k, s in COUNTY_UNITS if k in (Unit.Kind.DEPARTMENT, Unit.Kind.PETITION_OFFICE,
                                                          Unit.Kind.SUPERVISION, Unit.Kind.PARTY)]:
        unit = ctx.units[short]
        official(unit, "局长" if short.endswith("局") else "主任", Rank.TOWNSHIP, True)
        for _ in range(2):
            official(unit, "科员", Rank.STAFF, False)
    for township in townships:
        unit = ctx.units[township.name]
        official(unit, "党委书记", Rank.TOWNSHIP, True)
        official(unit, "乡（镇）长", Rank.TOWNSHIP, True)
        official(unit, "信访办主任", Rank.STAFF, False)
    # 挂钩联系: each county leader is linked to one or two townships (counts toward reception duty there)
    for i, leader in enumerate(county_leaders):
        for township in townships[i::len(county_leaders)][:2]:
            Linkage.objects.create(official=leader, kind=Linkage.Kind.TOWNSHIP, region=township,
                                   target_name=township.name, starts_on=date(2026, 1, 1))
    _demo_users(ctx, county_leaders)
    return ctx


def _demo_users(ctx: DemoContext, county_leaders: list[Official]) -> None:
    from sixia.org import services

    first_township = ctx.townships[0]
    specs = [
        ("admin", [Role.ADMIN], COUNTY, None, None, True),
        ("dispatcher", [Role.DISPATCHER], COUNTY, ctx.units["信访局"], None, False),
        ("handler", [Role.HANDLER], COUNTY, ctx.units["住建局"], None, False),
        ("leader", [Role.LEADER], COUNTY, ctx.units["县委"], county_leaders[0], False),
        ("supervisor", [Role.SUPERVISOR], COUNTY, ctx.units["督查室"], None, False),
        ("auditor", [Role.AUDITOR], COUNTY, ctx.units["县纪委"], None, False),
        ("township", [Role.DISPATCHER, Role.HANDLER], first_township.code, ctx.units[first_township.name], None,
         False),
        # 机关负责人 of the handling bureau approves its extensions (条例第34条); 纪检监察 receives 检举控告 (第30条)
        ("head", [Role.HEAD], COUNTY, ctx.units["住建局"], None, False),
        ("discipline", [Role.DISCIPLINE, Role.HANDLER], COUNTY, ctx.units["县纪委"], None, False),
    ]
    for username, roles, region_code, unit, official, superuser in specs:
        ctx.users[username] = services.create_user(
            actor=None, username=username, password=DEMO_PASSWORD, roles=list(roles), jurisdiction_code=region_code,
            unit=unit, official=official, is_superuser=superuser)
