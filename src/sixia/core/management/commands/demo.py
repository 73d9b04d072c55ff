"""``sixia demo``: a realistic county (霞浦县) with units, officials, persons and demo logins.

Apps extend the demo with a ``demo.py`` module that has ``populate(ctx)`` (and an optional ``ORDER``), and an
optional ``finish(ctx)`` that runs once every app has populated (the deadline scan, so that the cases other apps
registered carry current warnings too).
"""

import json
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sixia.core.hooks import app_modules
from sixia.geo.models import Region
from sixia.org import demo as org_demo
from sixia.org.models import User


class Command(BaseCommand):
    help = "加载演示数据（霞浦县）Load demo data for 霞浦县 (350921), reproducible from --seed."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1988)
        parser.add_argument("--persons", type=int, default=2000)
        parser.add_argument("--if-empty", action="store_true", help="do nothing when demo users exist")

    def handle(self, *args, seed, persons, if_empty, **options):
        if User.objects.filter(username="admin").exists():
            if if_empty:
                self.stdout.write("demo data already present")
                return
            raise CommandError("演示数据已存在 (demo data already loaded); use a fresh database")
        if not Region.objects.filter(code=org_demo.COUNTY).exists():
            raise CommandError("请先加载行政区划 (load regions first): sixia load-regions")
        started = time.perf_counter()
        with transaction.atomic():
            ctx = org_demo.build(seed)
            for _order, name, module in sorted(self._hooks()):
                self.stderr.write(f"demo: {name}")
                kwargs = {"persons": persons} if name == "sixia.people" else {}
                module.populate(ctx, **kwargs)
            for _order, _name, module in sorted(self._hooks()):
                if hasattr(module, "finish"):
                    module.finish(ctx)
        self.stderr.write(f"demo built in {time.perf_counter() - started:.1f}s")
        self.stdout.write(json.dumps({"units": len(ctx.units), "officials": len(ctx.officials),
                                      "persons": len(ctx.persons), "users": sorted(ctx.users)}, ensure_ascii=False))

    def _hooks(self):
        for app, module in app_modules("demo", skip="sixia.org"):
            if hasattr(module, "populate"):
                yield getattr(module, "ORDER", 50), app, module
